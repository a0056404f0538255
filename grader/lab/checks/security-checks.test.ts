import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWorld, type RunningWorld } from '../../world/start-world';
import { WorldClient } from '../../world/world-client';
import { runLabGrade } from '../run-lab-grade';
import { labTargetsFromEnv } from '../lab-targets';
import { standardWebhookKey, verifyStandardWebhook } from '../../../common/signatures/webhook-signatures';
import type { WorldEnv } from '../../world/world-env';

type Gate = (req: http.IncomingMessage, body: Buffer, env: WorldEnv) => boolean;

/** A listener that acknowledges JSON objects with an "event" string, behind `gate`. */
async function listener(env: WorldEnv, gate: Gate): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
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
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world?.close());

  it.each([
    ['only a Standard Webhooks signature', standardWebhooksOnly, ['sec-signature', 'sec-payload-types'], 'sec-token'],
    ['only the bearer token', tokenOnly, ['sec-token', 'sec-payload-types'], 'sec-signature'],
    ['the token, or a signature over JSON it serialised again', signsReserialisedJson, ['sec-token', 'sec-payload-types'], 'sec-signature'],
  ] as const)('a server that checks %s earns the points of that proof, not of the other', async (_label, gate, earned, lost) => {
    const server = await listener(world.env, gate);
    try {
      const report = await runLabGrade(labTargetsFromEnv({ GRADE_BASIC_URL: server.url })!, new WorldClient(world.url), {
        mode: 'external',
        step: 5,
      });
      const checks = report.criteria.flatMap((c) => c.checks);
      expect(checks.filter((k) => k.passed).map((k) => k.id)).toEqual(earned);
      expect(checks.find((k) => k.id === lost)?.reason).toMatch(/is not checked|was not refused/);
    } finally {
      await server.close();
    }
  });
});
