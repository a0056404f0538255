import path from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { buildApp } from '../servers/basic/app';
import { startServer } from '../servers/lib/server/start-server';
import { captureLogger } from './support/capture-logger';
import { testConfig } from './support/test-config';
import { ROOT } from './support/spawn-process';

const SCRIPT = path.join(ROOT, 'examples/guestshell/send_webhook.py');
const hasPython = ((): boolean => {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

// The Guest Shell script INSTRUCTIONS.md shows for a real IOS-XE router, run against a real server.
(hasPython ? describe : describe.skip)('examples/guestshell/send_webhook.py', () => {
  const SECRET = 'guestshell-secret-123';

  it('POSTs a signed InterfaceDown event that the server accepts', async () => {
    const config = testConfig({ WEBHOOK_SECRET: SECRET });
    const logger = captureLogger('basic');
    const running = await startServer(buildApp({ config, logger }), { config, logger, port: 0 });
    try {
      const { stdout } = await promisify(execFile)('python3', [SCRIPT, 'InterfaceDown', 'GigabitEthernet1'], {
        env: { PATH: process.env.PATH, WEBHOOK_URL: `${running.url}/events`, WEBHOOK_SECRET: SECRET, DEVICE_NAME: 'Router1' },
      });
      expect(stdout).toMatch(/^200 /);
      const [received] = logger.of('WEBHOOK_RECEIVED');
      expect(received).toMatch(/event=InterfaceDown device=Router1 interface=GigabitEthernet1 .*auth=hub-signature-256/);
    } finally {
      await running.close();
    }
  });

  it('is refused with a wrong secret (the signature is checked)', async () => {
    const config = testConfig({ WEBHOOK_SECRET: SECRET });
    const logger = captureLogger('basic');
    const running = await startServer(buildApp({ config, logger }), { config, logger, port: 0 });
    try {
      const result = await promisify(execFile)('python3', [SCRIPT, 'InterfaceDown', 'GigabitEthernet1'], {
        env: { PATH: process.env.PATH, WEBHOOK_URL: `${running.url}/events`, WEBHOOK_SECRET: 'not-the-secret', DEVICE_NAME: 'Router1' },
      }).catch((err: { stdout: string; code: number }) => err);
      expect(result.stdout).toMatch(/^401 /);
    } finally {
      await running.close();
    }
  });
});
