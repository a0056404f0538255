import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startWorld, type RunningWorld } from '../../world/start-world';
import { WorldClient } from '../../world/world-client';
import { runLabGrade } from '../run-lab-grade';
import { labTargetsFromEnv } from '../lab-targets';
import { standardWebhookKey, verifyStandardWebhook } from '../../../common/signatures/webhook-signatures';
import type { WorldEnv } from '../../world/world-env';

type Gate = (req: http.IncomingMessage, body: Buffer, env: WorldEnv) => boolean;
/** The line a listener logs for a request (undefined: it logs nothing). */
type LogLine = (req: http.IncomingMessage, body: Buffer) => string | undefined;
const logsTheEvent: LogLine = (_req, body) => `WEBHOOK_RECEIVED bytes=${body.length} body=${JSON.stringify(body.toString('utf8'))}`;

/** A listener that acknowledges JSON objects with an "event" string, behind `gate`; it logs to `logDir`. */
async function listener(
  env: WorldEnv,
  gate: Gate,
  logDir: string,
  logLine: LogLine = logsTheEvent,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const line = logLine(req, body);
      if (line !== undefined) fs.appendFileSync(path.join(logDir, 'basic_webhook.log'), `${line}\n`);
      const send = (status: number, o: unknown): void =>
        void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(o));
      if (!gate(req, body, env)) return send(401, { detail: 'not a trusted sender' });
      let event: unknown;
      try {
        event = (JSON.parse(body.toString('utf8')) as { event?: unknown }).event;
      } catch {
        return send(400, { detail: 'not JSON' });
      }
      if (typeof event !== 'string') return send(422, { detail: 'event must be a string' });
      send(200, { status: 'ok' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

const standardWebhooksOnly: Gate = (req, body, env) =>
  verifyStandardWebhook(
    [standardWebhookKey(env.WEBHOOK_SECRET)],
    {
      id: String(req.headers['webhook-id'] ?? ''),
      timestamp: String(req.headers['webhook-timestamp'] ?? ''),
      signature: String(req.headers['webhook-signature'] ?? ''),
    },
    body,
  ).ok;
const tokenOnly: Gate = (req, _body, env) => req.headers.authorization === `Bearer ${env.WEBHOOK_TOKEN}`;
/** A typical mistake: the token, or an HMAC over the JSON parsed and serialised again instead of the bytes received. */
const signsReserialisedJson: Gate = (req, body, env) => {
  if (tokenOnly(req, body, env)) return true;
  let again: Buffer;
  try {
    again = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))));
  } catch {
    return false;
  }
  return req.headers['x-hub-signature-256'] === `sha256=${crypto.createHmac('sha256', env.WEBHOOK_SECRET).update(again).digest('hex')}`;
};

describe('the security checks (step 5), whichever proof a server wants', () => {
  let world: RunningWorld;
  let logDir: string;
  beforeAll(async () => {
    world = await startWorld();
  });
  beforeEach(() => {
    logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-sec-log-'));
  });
  afterEach(() => fs.rmSync(logDir, { recursive: true, force: true }));
  afterAll(() => world?.close());

  const gradeStep5 = async (url: string) => {
    const targets = { ...labTargetsFromEnv({ GRADE_BASIC_URL: url })!, logs: { dir: logDir } };
    const report = await runLabGrade(targets, new WorldClient(world.url), { mode: 'external', step: 5 });
    return report.criteria.flatMap((c) => c.checks);
  };

  it.each([
    ['only a Standard Webhooks signature', standardWebhooksOnly, ['sec-signature', 'sec-log-secrets'], 'sec-token'],
    ['only the bearer token', tokenOnly, ['sec-token', 'sec-log-secrets'], 'sec-signature'],
    ['the token, or a signature over JSON it serialised again', signsReserialisedJson, ['sec-token', 'sec-log-secrets'], 'sec-signature'],
  ] as const)('a server that checks %s earns the points of that proof, not of the other', async (_label, gate, earned, lost) => {
    const server = await listener(world.env, gate, logDir);
    try {
      const checks = await gradeStep5(server.url);
      expect(checks.filter((k) => k.passed).map((k) => k.id)).toEqual(earned);
      expect(checks.find((k) => k.id === lost)?.reason).toMatch(/is not checked|was not refused/);
    } finally {
      await server.close();
    }
  });

  const header =
    (name: string): LogLine =>
    (req) =>
      `WEBHOOK_RECEIVED ${name}=${String(req.headers[name] ?? '')}`;
  it.each([
    ['the Authorization header', header('authorization'), 'WEBHOOK_TOKEN'],
    ['the X-Hub-Signature-256 header', header('x-hub-signature-256'), 'the X-Hub-Signature-256 signature'],
    [
      "the token without its 'Bearer token-' prefix",
      (req: http.IncomingMessage) => `WEBHOOK_RECEIVED t=${String(req.headers.authorization).slice(13)}`,
      'WEBHOOK_TOKEN',
    ],
    ['its whole environment', () => `STARTUP env=${JSON.stringify(world.env)}`, 'WEBHOOK_SECRET, DEVICE_PASSWORD, DEVICE_ENABLE_SECRET'],
  ] as Array<[string, LogLine, string]>)(
    'a server that logs %s loses sec-log-secrets, naming what leaked (never its value)',
    async (_label, logLine, leaked) => {
      const server = await listener(world.env, tokenOnly, logDir, (req, body) => `${logsTheEvent(req, body)} ${logLine(req, body)}`);
      try {
        const check = (await gradeStep5(server.url)).find((k) => k.id === 'sec-log-secrets');
        expect(check?.passed).toBe(false);
        expect(check?.reason).toContain(leaked);
        expect(check?.reason).not.toContain(world.env.WEBHOOK_TOKEN.slice(6));
      } finally {
        await server.close();
      }
    },
  );

  it('a server whose log the grader cannot find (nothing in LOG_DIR) loses sec-log-secrets, saying where it looked', async () => {
    const server = await listener(world.env, tokenOnly, logDir, () => undefined);
    try {
      const check = (await gradeStep5(server.url)).find((k) => k.id === 'sec-log-secrets');
      expect(check?.reason).toMatch(new RegExp(`found no line about the events it sent in LOG_DIR ${logDir}`));
    } finally {
      await server.close();
    }
  });
});
