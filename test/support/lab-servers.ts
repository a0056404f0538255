import type { WebhookApp } from '../../servers/lib/create-webhook-app';
import { buildApp as buildBasicApp } from '../../servers/basic/app';
import { buildApp as buildJokeApp } from '../../servers/joke/app';
import { buildApp as buildCardApp } from '../../servers/card/app';
import { buildApp as buildNetworkApp } from '../../servers/network/app';
import { captureLogger, type CapturedLogger } from './capture-logger';
import { testConfig } from './test-config';

/** Nothing listens on port 1: a connection is refused at once, as with no network. */
const CLOSED_PORT_URL = 'http://127.0.0.1:1';

export interface LabServerUnderTest {
  name: string;
  /** The built app (`app` for supertest, `close()` to release it) and its captured log. */
  build(): WebhookApp & { logger: CapturedLogger };
}

/**
 * Every webhook server of the lab, built as its tests need it with no network: upstream APIs
 * point at a closed loopback port (so offline fallback answers), devices at a closed port.
 * `env` is added to every server's configuration (e.g. a LOG_DIR the test removes afterwards).
 */
export function labServers(env: Record<string, string> = {}): LabServerUnderTest[] {
  return [
    {
      name: 'basic',
      build: () => {
        const logger = captureLogger('basic');
        return { ...buildBasicApp({ config: testConfig(env), logger }), logger };
      },
    },
    {
      name: 'joke',
      build: () => {
        const logger = captureLogger('joke');
        return { ...buildJokeApp({ config: testConfig({ JOKE_API_URL: CLOSED_PORT_URL, ...env }), logger }), logger };
      },
    },
    {
      name: 'card',
      build: () => {
        const logger = captureLogger('card');
        return { ...buildCardApp({ config: testConfig({ CARD_API_URL: CLOSED_PORT_URL, ...env }), logger }), logger };
      },
    },
    {
      name: 'network',
      build: () => {
        const logger = captureLogger('network');
        const config = testConfig({ DEVICE_PORT: '9', DEVICE_CONNECT_TIMEOUT_MS: '1000', ...env });
        return { ...buildNetworkApp({ config, logger }), logger };
      },
    },
  ];
}
