import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
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

describe('step 1, the type of "event" unchecked', () => {
  it('the solution refuses {"event": 42} with a 422 JSON error; the mistake acknowledges it as an event', async () => {
    const versions = await bothVersions('event-type-unchecked');
    const answer = async (buildApp: BuildApp): Promise<[number, string]> => {
      const server = await serve(buildApp({ env: exerciseEnv(), log: captureLog().log }));
      try {
        const a = await postEvent(server.url, { event: 42, interface: 'GigabitEthernet1' });
        return [a.status, String(a.body.error?.code ?? a.body.status)];
      } finally {
        await server.close();
      }
    };
    try {
      expect(await answer(versions.solution)).toEqual([422, 'VALIDATION_FAILED']);
      expect(await answer(versions.mistaken)).toEqual([200, 'ok']);
    } finally {
      versions.remove();
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

describe('step 3, the first draw kept and answered again', () => {
  const cardApi = useFakeApi(() => startFakeCardApi());
  it('the solution draws a card per event; the mistake draws once and repeats that card', async () => {
    const versions = await bothVersions('card-drawn-once');
    // The cards, and how many requests the API got for the second event.
    const twoDraws = async (buildApp: BuildApp): Promise<{ cards: string[]; draws: number }> => {
      const server = await serve(buildApp({ env: exerciseEnv({ CARD_API_URL: cardApi.url }), log: captureLog().log }));
      try {
        const first = await postEvent(server.url, { event: 'CardDraw' });
        const before = cardApi.requests;
        const second = await postEvent(server.url, { event: 'CardDraw' });
        return { cards: [first, second].map((a) => String(a.body.card)), draws: cardApi.requests - before };
      } finally {
        await server.close();
      }
    };
    try {
      const solved = await twoDraws(versions.solution);
      expect(solved.draws).toBe(1);
      expect(solved.cards[1]).not.toBe(solved.cards[0]);
      const mistaken = await twoDraws(versions.mistaken);
      expect(mistaken.draws).toBe(0);
      expect(mistaken.cards[1]).toBe(mistaken.cards[0]);
    } finally {
      versions.remove();
    }
  });
});

describe('step 4, no deadline on the device: one that accepts the connection and says nothing', () => {
  it('the solution answers 504 within UPSTREAM_TIMEOUT_MS; the mistake has not answered after 2 s', async () => {
    // A device whose SSH server accepts and then never sends its banner.
    const held = new Set<net.Socket>();
    const silent = net.createServer((socket) => void held.add(socket.on('error', () => undefined)));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const versions = await bothVersions('no-device-timeout');
    const within2s = async (buildApp: BuildApp): Promise<number | 'no answer'> => {
      const env = exerciseEnv({ DEVICE_PORT: String(port), UPSTREAM_TIMEOUT_MS: '300' });
      const server = await serve(buildApp({ env, log: captureLog().log }));
      try {
        return (await postEvent(server.url, { event: 'NetworkDeviceCheck' }, {}, AbortSignal.timeout(2000))).status;
      } catch {
        return 'no answer';
      } finally {
        for (const s of held) s.destroy(); // lets the mistaken server's login fail, so it can close
        await server.close();
      }
    };
    try {
      expect(await within2s(versions.solution)).toBe(504);
      expect(await within2s(versions.mistaken)).toBe('no answer');
    } finally {
      versions.remove();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('step 5, the Authorization header logged', () => {
  it("the solution's log has the event and no token; the mistake's log has the token", async () => {
    const TOKEN = 'token-for-mistake-tests-0123456789';
    const versions = await bothVersions('token-in-log');
    const logged = async (buildApp: BuildApp): Promise<string> => {
      const log = captureLog();
      const server = await serve(buildApp({ env: exerciseEnv({ WEBHOOK_TOKEN: TOKEN }), log: log.log }));
      try {
        expect((await postEvent(server.url, { event: 'InterfaceDown' }, { Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
        return log.lines.join('\n');
      } finally {
        await server.close();
      }
    };
    try {
      const solved = await logged(versions.solution);
      expect(solved).toContain('event=InterfaceDown');
      expect(solved).not.toContain(TOKEN);
      expect(await logged(versions.mistaken)).toContain(TOKEN);
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

  it("step 6, show version instead of the interface: the router's InterfaceDown reaches a command that says nothing about it", async () => {
    const versions = await bothVersions('show-version-not-interface');
    try {
      const event = { event: 'InterfaceDown', interface: 'GigabitEthernet3' };
      await send(versions.solution, event);
      expect(commands()).toContain('command="show interfaces GigabitEthernet3"');
      routerLog.lines.splice(0);
      await send(versions.mistaken, event);
      expect(commands()).toContain('command="show version"');
      expect(commands()).not.toContain('GigabitEthernet3');
    } finally {
      versions.remove();
    }
  });

  it('step 6, remediating with AUTO_REMEDIATE off: an administratively down interface gets "no shutdown" anyway', async () => {
    const versions = await bothVersions('remediates-with-auto-remediate-off');
    const device = router.sim.state();
    try {
      const event = { event: 'InterfaceDown', interface: 'GigabitEthernet3' };
      device.setShutdown('GigabitEthernet3', true, 'test');
      await send(versions.solution, event);
      expect(commands()).not.toMatch(/conf/);
      expect(device.findInterface('GigabitEthernet3')?.shutdown).toBe(true);
      routerLog.lines.splice(0);
      await send(versions.mistaken, event);
      expect(commands()).toMatch(/configure terminal|no shutdown/);
      expect(device.findInterface('GigabitEthernet3')?.shutdown).toBe(false);
    } finally {
      device.setShutdown('GigabitEthernet3', false, 'test');
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
