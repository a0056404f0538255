import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../lab/free-port';
import { spawnTs } from '../../test/support/spawn-process';

describe('npm run exercise -- 6 --solution', () => {
  it("wires the router's webhooks to the step-6 server: a shut interface comes back", async () => {
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-exercise-'));
    const [port, devicePort, controlPort] = [await freePort(), await freePort(), await freePort()];
    const run = spawnTs(
      'exercises/run-exercise.ts',
      {
        PORT: String(port),
        DEVICE_PORT: String(devicePort),
        DEVICE_CONTROL_PORT: String(controlPort),
        AUTO_REMEDIATE: 'true',
        LOG_DIR: logDir,
      },
      ['6', '--solution'],
    );
    try {
      await run.waitFor(/Ctrl-C stops everything/, 30_000);
      expect(run.output()).toMatch(
        new RegExp(
          `webhooks     Router1 -> http://127\\.0\\.0\\.1:\\d+/router/events \\(the world.s relay, which records it\\) -> http://127\\.0\\.0\\.1:${port}/events`,
        ),
      );
      await fetch(`http://127.0.0.1:${controlPort}/interfaces/GigabitEthernet2/shutdown`, { method: 'POST' });
      await run.waitFor(/\[router\]\s+DEVICE_COMMAND device=Router1 command="no shutdown"/);
      await run.waitFor(/\[router\]\s+API_CALL url=\S+ event=InterfaceDown .*status=200/);
      const state = (await (await fetch(`http://127.0.0.1:${controlPort}/interfaces`)).json()) as {
        interfaces: Array<{ name: string; status: string }>;
      };
      expect(state.interfaces.find((i) => i.name === 'GigabitEthernet2')?.status).toBe('up');
    } finally {
      run.child.kill('SIGINT');
      await run.exited;
      fs.rmSync(logDir, { recursive: true, force: true });
    }
    expect(run.child.exitCode).toBe(0);
  });
});
