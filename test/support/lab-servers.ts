import type { Express } from 'express';
import { buildApp as buildBasicApp } from '../../servers/basic/app';
import { captureLogger, type CapturedLogger } from './capture-logger';
import { testConfig } from './test-config';

export interface LabServerUnderTest {
  name: string;
  build(): { app: Express; logger: CapturedLogger };
}

/**
 * Every webhook server of the lab, built as its tests need it with no network: upstream APIs
 * point at a closed loopback port (so offline fallback answers), devices at a closed port.
 */
export function labServers(): LabServerUnderTest[] {
  return [
    {
      name: 'basic',
      build: () => {
        const logger = captureLogger('basic');
        return { app: buildBasicApp({ config: testConfig(), logger }), logger };
      },
    },
  ];
}
