import { NodeSSH } from 'node-ssh';
import { startWorld, type RunningWorld } from '../../grader/world/start-world';
import { WorldClient } from '../../grader/world/world-client';
import { runLabGrade } from '../../grader/lab/run-lab-grade';
import type { LabTargets } from '../../grader/lab/lab-context';
import type { WorldEnv } from '../../grader/world/world-env';
import { listenOnLoopback } from '../support/loopback-server';

/**
 * Students getting around the strict checks of step 6 and step 1, as network and basic servers
 * of a few lines: each loses the check it dodges, with a reason that says what the grader saw.
 */

type OnEvent = (event: Record<string, unknown>, device: (commands: string[]) => Promise<void>) => Promise<number>;

/** A server answering JSON; `onEvent` decides the status and may run commands on the world's device. */
async function server(env: WorldEnv, onEvent: OnEvent): Promise<{ url: string; close(): Promise<void> }> {
  const device = async (commands: string[]): Promise<void> => {
    const ssh = new NodeSSH();
    await ssh.connect({
      host: env.DEVICE_HOST,
      port: Number(env.DEVICE_PORT),
      username: env.DEVICE_USERNAME,
      password: env.DEVICE_PASSWORD,
      readyTimeout: 5000,
    });
    try {
      for (const c of commands) await ssh.execCommand(c);
    } finally {
      ssh.dispose();
    }
  };
  return listenOnLoopback((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      let event: Record<string, unknown> = {};
      try {
        event = JSON.parse(body) as Record<string, unknown>;
      } catch {
        // not JSON: onEvent sees {}
      }
      onEvent(event, device).then(
        (status) =>
          void res
            .writeHead(status, { 'content-type': 'application/json' })
            .end(JSON.stringify(status < 400 ? { status: 'ok' } : { error: 'refused' })),
        () => void res.writeHead(502, { 'content-type': 'application/json' }).end('{"error":"device"}'),
      );
    });
  });
}

describe("the grader's strict checks, dodged the way a student would", () => {
  let world: RunningWorld;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world?.close());

  const grade = async (role: 'network' | 'basic', url: string, only: string[]): Promise<Record<string, string>> => {
    const target = { label: `${role} server`, url };
    const targets: LabTargets = { servers: { [role]: target, ...(role === 'basic' && { security: target }) }, missing: {} };
    const report = await runLabGrade(targets, new WorldClient(world.url), { mode: 'external', only });
    return Object.fromEntries(report.criteria.flatMap((c) => c.checks.map((k) => [k.id, k.passed ? 'passed' : (k.reason ?? '')])));
  };
  const LOOP = ['close-loop', 'loop-looks-at-interface', 'loop-no-config'];

  it('show clock after the webhook (the device is alive) is no look at the interface', async () => {
    const s = await server(world.env, async (e, device) => (e.event === 'InterfaceDown' ? (await device(['show clock']), 200) : 200));
    try {
      const result = await grade('network', s.url, LOOP);
      expect(result['close-loop']).toBe('passed');
      expect(result['loop-looks-at-interface']).toMatch(/the device ran "show clock", none of which shows GigabitEthernet\d/);
      expect(result['loop-no-config']).toBe('passed');
    } finally {
      await s.close();
    }
  });

  it('a repair sent a few seconds after the answer (in the background) still counts as configuration', async () => {
    let repair: Promise<void> = Promise.resolve();
    const s = await server(world.env, async (e, device) => {
      if (e.event !== 'InterfaceDown') return 200;
      const name = String(e.interface);
      await device([`show interfaces ${name}`]);
      const later = (): Promise<void> => device(['configure terminal', `interface ${name}`, 'no shutdown', 'end']).catch(() => undefined);
      repair = new Promise((resolve) => setTimeout(() => void later().then(resolve), 3000));
      return 200;
    });
    try {
      const result = await grade('network', s.url, LOOP);
      expect([result['close-loop'], result['loop-looks-at-interface']]).toEqual(['passed', 'passed']);
      expect(result['loop-no-config']).toMatch(/configured the device \("configure terminal"/);
    } finally {
      await repair; // its commands must not land in the next test's grading
      await s.close();
    }
  });

  it('a server that does nothing after the webhook earns none of the loop (no points for holding back)', async () => {
    const s = await server(world.env, async () => 200);
    try {
      const result = await grade('network', s.url, LOOP);
      expect(Object.entries(result).filter(([, r]) => r === 'passed')).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('a basic server that refuses every event earns nothing for refusing {"event": 42}', async () => {
    const s = await server(world.env, async () => 422);
    try {
      const result = await grade('basic', s.url, ['basic-acknowledges', 'basic-event-type']);
      expect(result['basic-event-type']).toMatch(/graded only once basic-acknowledges passes/);
    } finally {
      await s.close();
    }
  });
});
