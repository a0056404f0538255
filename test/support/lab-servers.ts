import { SERVER_NAMES, type ServerName } from '../../servers/lib/config/load-config';
import type { WebhookApp } from '../../servers/lib/pipeline/create-webhook-app';
import { LAB_APPS } from '../../lab/lab-apps';
import { captureLogger, type CapturedLogger } from './capture-logger';
import { testConfig } from './test-config';

/** Nothing listens on port 1: a connection is refused at once, as with no network. */
const CLOSED_PORT_URL = 'http://127.0.0.1:1';

/** What each server talks to, pointed where nothing answers: upstream APIs and the device. */
const NO_NETWORK: Record<ServerName, Record<string, string>> = {
  basic: {},
  joke: { JOKE_API_URL: CLOSED_PORT_URL },
  card: { CARD_API_URL: CLOSED_PORT_URL },
  network: { DEVICE_PORT: '9', DEVICE_CONNECT_TIMEOUT_MS: '1000' },
};

export interface LabServerUnderTest {
  name: ServerName;
  /** The built app (`app` for supertest, `close()` to release it) and its captured log. */
  build(): WebhookApp & { logger: CapturedLogger };
}

/**
 * Every webhook server of the lab, built as its tests need it with no network: upstream APIs
 * point at a closed loopback port (so offline fallback answers), devices at a closed port.
 * `env` is added to every server's configuration (e.g. a LOG_DIR the test removes afterwards).
 */
export function labServers(env: Record<string, string> = {}): LabServerUnderTest[] {
  return SERVER_NAMES.map((name) => ({
    name,
    build: () => {
      const logger = captureLogger(name);
      return { ...LAB_APPS[name]({ config: testConfig({ ...NO_NETWORK[name], ...env }), logger }), logger };
    },
  }));
}
