import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import { startFakeJokeApi } from '../../servers/fake-apis/fake-joke-api';
import { startFakeCardApi } from '../../servers/fake-apis/fake-card-api';
import { useFakeApi } from '../../test/support/use-fake-api';
import { startTestSimulator, type SimFixture } from '../../test/support/sim-fixture';
import { captureLogger, type CapturedLogger } from '../../test/support/capture-logger';
import type { ServerDeps } from '../kit/run-server';
import { TYPICAL_MISTAKES, typicalMistake, writeMistake } from './typical-mistakes';
import { captureLog, exerciseEnv, postEvent, serve, type Served } from './test-support';

type BuildApp = (deps: ServerDeps) => Express;

/** The solution of the mistake's step, and the same file with the mistake in. */
async function bothVersions(id: string): Promise<{ solution: BuildApp; mistaken: BuildApp; remove(): void }> {
  const mistake = typicalMistake(id);
  const written = writeMistake(mistake);
  const solution = ((await import(`./step${mistake.step}/server`)) as { buildApp: BuildApp }).buildApp;
  const mistaken = ((await import(written.file)) as { buildApp: BuildApp }).buildApp;
  return { solution, mistaken, remove: written.remove };
}

describe('typical mistakes: each one is a single edit of a solution', () => {
  it.each(TYPICAL_MISTAKES.map((m) => [m.id, m]))('%s applies to its solution exactly once', (_id, mistake) => {
    const written = writeMistake(mistake);
    try {
      expect(fs.readFileSync(written.file, 'utf8')).not.toBe(
        fs.readFileSync(path.join(__dirname, `step${mistake.step}`, 'server.ts'), 'utf8'),
      );
    } finally {
      written.remove();
    }
  });
});

describe('step 2, no timeout: a joke API that never answers holds the sender past its limit', () => {
  const jokeApi = useFakeApi(() => startFakeJokeApi());
  let versions: Awaited<ReturnType<typeof bothVersions>>;
  const served: Served[] = [];
  beforeAll(async () => {
    versions = await bothVersions('no-timeout');
  });
  afterAll(async () => {
    for (const s of served) await s.close();
    versions.remove();
  });

  // A webhook sender waits a few seconds at most (the router: 5 s); 2 s here, ten times UPSTREAM_TIMEOUT_MS.
  const askWithin2s = async (buildApp: BuildApp): Promise<number | 'no answer'> => {
    const server = await serve(
      buildApp({ env: exerciseEnv({ JOKE_API_URL: jokeApi.url, UPSTREAM_TIMEOUT_MS: '200' }), log: captureLog().log }),
    );
    served.push(server);
    jokeApi.setMode('stall');
    try {
      return (await postEvent(server.url, { event: 'JokeRequest' }, {}, AbortSignal.timeout(2000))).status;
    } catch {
      return 'no answer';
    }
  };

  it('the solution answers 504 in time; the mistake does not answer at all', async () => {
    expect(await askWithin2s(versions.solution)).toBe(504);
    expect(await askWithin2s(versions.mistaken)).toBe('no answer');
  });
});

describe('step 3, a deck per event: the deck does not last across events', () => {
  const cardApi = useFakeApi(() => startFakeCardApi());
  it('the solution draws twice from one deck; the mistake opens a new deck each time', async () => {
    const versions = await bothVersions('deck-per-event');
    try {
      const twoDraws = async (buildApp: BuildApp): Promise<Array<{ deck: string; remaining: number }>> => {
        const server = await serve(buildApp({ env: exerciseEnv({ CARD_API_URL: cardApi.url }), log: captureLog().log }));
        try {
          const answers = [await postEvent(server.url, { event: 'CardDraw' }), await postEvent(server.url, { event: 'CardDraw' })];
          return answers.map((a) => ({ deck: a.body.deck_id, remaining: a.body.remaining }));
        } finally {
          await server.close();
        }
      };
      const [a, b] = await twoDraws(versions.solution);
      expect([b?.deck, b?.remaining]).toEqual([a?.deck, 50]);
      const [c, d] = await twoDraws(versions.mistaken);
      expect(d?.deck).not.toBe(c?.deck);
      expect(d?.remaining).toBe(51);
    } finally {
      versions.remove();
    }
  });
});

describe('steps 4 and 6, against the router', () => {
  let router: SimFixture;
  let routerLog: CapturedLogger;
  beforeAll(async () => {
    routerLog = captureLogger('router');
    router = await startTestSimulator({ logger: routerLog });
  });
  afterAll(() => router.close());
  beforeEach(() => routerLog.lines.splice(0));
  const commands = (): string => routerLog.of('DEVICE_COMMAND').join('\n');

  async function send(buildApp: BuildApp, event: object, vars: Record<string, string> = {}): Promise<number> {
    const server = await serve(buildApp({ env: exerciseEnv({ DEVICE_PORT: String(router.port), ...vars }), log: captureLog().log }));
    try {
      return (await postEvent(server.url, event)).status;
    } finally {
      await server.close();
    }
  }

  it('step 4, no interface validation: "Gi1; reload" reaches the CLI (the solution refuses it before any SSH)', async () => {
    const versions = await bothVersions('no-interface-validation');
    try {
      const event = { event: 'NetworkDeviceCheck', interface: 'Gi1; reload' };
      const before = router.sim.stats().sessions_opened;
      expect(await send(versions.solution, event)).toBe(422);
      expect([router.sim.stats().sessions_opened, commands()]).toEqual([before, '']);
      await send(versions.mistaken, event);
      expect(router.sim.stats().sessions_opened).toBeGreaterThan(before);
      expect(commands()).toContain('Gi1; reload');
    } finally {
      versions.remove();
    }
  });

  it("step 6, diagnosing only when remediating: with AUTO_REMEDIATE off the router's InterfaceDown reaches no command", async () => {
    const versions = await bothVersions('diagnose-only-when-remediating');
    try {
      const event = { event: 'InterfaceDown', interface: 'GigabitEthernet3' };
      expect(await send(versions.solution, event)).toBe(200);
      expect(commands()).toContain('command="show interfaces GigabitEthernet3"');
      routerLog.lines.splice(0);
      expect(await send(versions.mistaken, event)).toBe(200);
      expect(commands()).toBe('');
    } finally {
      versions.remove();
    }
  });
});

describe('step 5, signing the parsed JSON instead of the bytes received', () => {
  const SECRET = 'secret-for-mistake-tests';
  const sign = (body: Buffer | string): string => `sha256=${crypto.createHmac('sha256', SECRET).update(body).digest('hex')}`;
  const file = fs.readFileSync(path.join(__dirname, '../../payloads/basic_event.json'));
  const compact = JSON.stringify({ event: 'InterfaceDown' });

  it('passes a compact body, which is why it goes unnoticed, but refuses the signed file of INSTRUCTIONS', async () => {
    const versions = await bothVersions('signature-over-parsed-json');
    const statuses = async (buildApp: BuildApp): Promise<number[]> => {
      const server = await serve(buildApp({ env: exerciseEnv({ WEBHOOK_SECRET: SECRET }), log: captureLog().log }));
      try {
        const asSent = async (body: Buffer | string): Promise<number> =>
          (await postEvent(server.url, body, { 'X-Hub-Signature-256': sign(body) })).status;
        return [await asSent(compact), await asSent(file)];
      } finally {
        await server.close();
      }
    };
    try {
      expect(await statuses(versions.solution)).toEqual([200, 200]);
      expect(await statuses(versions.mistaken)).toEqual([200, 401]);
    } finally {
      versions.remove();
    }
  });
});
