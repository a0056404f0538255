import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookEmitter, type DeviceWebhookEvent } from './webhook-emitter';
import { startWebhookReceiver } from '../test/support/webhook-receiver';
import type { EventLogger } from '../common/logging/create-logger';
import { signingKeys, verifyStandardWebhook } from '../common/signatures/webhook-signatures';

function memoryLogger(): EventLogger & { lines: Array<{ type: string; fields: Record<string, unknown> }> } {
  const lines: Array<{ type: string; fields: Record<string, unknown> }> = [];
  return { lines, log: (type, fields = {}) => void lines.push({ type, fields }), close: async () => undefined };
}

const EVENT: DeviceWebhookEvent = {
  event: 'InterfaceDown',
  device: 'Router1',
  interface: 'GigabitEthernet1',
  timestamp: '2024-03-04T10:15:02.123Z',
};

describe('WebhookEmitter', () => {
  it('POSTs the event as JSON with bearer token, a Standard Webhooks signature and a delivery id', async () => {
    const receiver = await startWebhookReceiver();
    const emitter = new WebhookEmitter({ url: receiver.url, token: 'tok-123', secret: 'first-secret', logger: memoryLogger() });
    const sentAt = Math.floor(Date.now() / 1000);
    emitter.send(EVENT);
    const [hook] = await receiver.waitFor(1);
    expect(JSON.parse(hook!.body)).toEqual(EVENT);
    expect(hook!.headers.authorization).toBe('Bearer tok-123');
    expect(hook!.headers['content-type']).toBe('application/json');
    expect(hook!.headers['user-agent']).toMatch(/hooklab-device-simulator/);
    const { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature } = hook!.headers as Record<string, string>;
    expect(id).toBe(hook!.headers['x-hooklab-delivery']);
    expect(Number(timestamp)).toBeGreaterThanOrEqual(sentAt);
    const mac = crypto.createHmac('sha256', 'first-secret').update(`${id}.${timestamp}.${hook!.body}`).digest('base64');
    expect(signature).toBe(`v1,${mac}`);
    expect(hook!.headers['x-hub-signature-256']).toBeUndefined();
    expect(hook!.headers['idempotency-key']).toBe(hook!.headers['x-hooklab-delivery']);
    await emitter.close();
    await receiver.close();
  });

  it('signs GitHub-style (X-Hub-Signature-256, no timestamp) when asked to', async () => {
    const receiver = await startWebhookReceiver();
    const emitter = new WebhookEmitter({ url: receiver.url, secret: 'first-secret', signature: 'github', logger: memoryLogger() });
    emitter.send(EVENT);
    const [hook] = await receiver.waitFor(1);
    const expected = `sha256=${crypto.createHmac('sha256', 'first-secret').update(hook!.body).digest('hex')}`;
    expect(hook!.headers['x-hub-signature-256']).toBe(expected);
    expect(hook!.headers['webhook-signature']).toBeUndefined();
    await receiver.close();
  });

  it("adds the device's own signature beside the shared one; each verifies only with its own key", async () => {
    const receiver = await startWebhookReceiver();
    const emitter = new WebhookEmitter({ url: receiver.url, secret: 'shared-secret', logger: memoryLogger() });
    emitter.send(EVENT, 'whsec_cm91dGVyMS1vd24tc2VjcmV0');
    const [hook] = await receiver.waitFor(1);
    const h = hook!.headers as Record<string, string>;
    const proof = { id: h['webhook-id']!, timestamp: h['webhook-timestamp']!, signature: h['webhook-signature']! };
    expect(proof.signature.split(' ')).toHaveLength(2);
    const body = Buffer.from(hook!.body);
    expect(verifyStandardWebhook(signingKeys(['shared-secret']).standard, proof, body)).toEqual({ ok: true });
    expect(verifyStandardWebhook(signingKeys(['whsec_cm91dGVyMS1vd24tc2VjcmV0']).standard, proof, body)).toEqual({ ok: true });
    expect(verifyStandardWebhook(signingKeys(['another-device-key']).standard, proof, body)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    await receiver.close();
  });

  it('sends no auth headers when neither token nor secret is set', async () => {
    const receiver = await startWebhookReceiver();
    const emitter = new WebhookEmitter({ url: receiver.url, logger: memoryLogger() });
    emitter.send(EVENT);
    const [hook] = await receiver.waitFor(1);
    expect(hook!.headers.authorization).toBeUndefined();
    expect(hook!.headers['x-hub-signature-256']).toBeUndefined();
    await receiver.close();
  });

  it('retries 5xx and 429 with the same delivery id, then succeeds, keeping order', async () => {
    const receiver = await startWebhookReceiver((n) => (n === 1 ? 503 : n === 2 ? 429 : 200));
    const logger = memoryLogger();
    const emitter = new WebhookEmitter({ url: receiver.url, logger, baseDelayMs: 5 });
    emitter.send(EVENT);
    emitter.send({ ...EVENT, event: 'InterfaceUp' });
    const hooks = await receiver.waitFor(4);
    const ids = hooks.map((h) => h.headers['x-hooklab-delivery']);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[1]).toBe(ids[2]);
    expect(ids[3]).not.toBe(ids[0]);
    expect(hooks.map((h) => JSON.parse(h.body).event)).toEqual(['InterfaceDown', 'InterfaceDown', 'InterfaceDown', 'InterfaceUp']);
    await emitter.idle();
    expect(emitter.counts).toEqual({ delivered: 2, failed: 0, dropped: 0 });
    expect(logger.lines.filter((l) => l.type === 'API_ERROR').map((l) => l.fields.status)).toEqual([503, 429]);
    await receiver.close();
  });

  it('does not retry a 4xx answer', async () => {
    const receiver = await startWebhookReceiver(() => 401);
    const emitter = new WebhookEmitter({ url: receiver.url, logger: memoryLogger(), baseDelayMs: 5 });
    emitter.send(EVENT);
    await receiver.waitFor(1);
    await emitter.idle();
    expect(receiver.received).toHaveLength(1);
    expect(emitter.counts.failed).toBe(1);
    await receiver.close();
  });

  it('gives up after its attempts on an unreachable receiver, logging each, without throwing', async () => {
    const receiver = await startWebhookReceiver();
    const url = receiver.url;
    await receiver.close();
    const logger = memoryLogger();
    const emitter = new WebhookEmitter({ url, logger, attempts: 3, baseDelayMs: 5 });
    emitter.send(EVENT);
    await emitter.idle();
    const errors = logger.lines.filter((l) => l.type === 'API_ERROR' && l.fields.attempt !== undefined);
    expect(errors.map((l) => l.fields.attempt)).toEqual([1, 2, 3]);
    expect(errors[0]?.fields.reason).toBe('ECONNREFUSED');
    expect(errors.map((l) => l.fields.will_retry)).toEqual([true, true, false]);
    expect(logger.lines.at(-1)).toMatchObject({ type: 'API_ERROR', fields: { reason: 'gave_up', attempts: 3 } });
    expect(emitter.counts.failed).toBe(1);
  });

  it('never logs credentials from the URL', async () => {
    const logger = memoryLogger();
    const emitter = new WebhookEmitter({ url: 'http://user:pass@127.0.0.1:1/hook?token=abc', logger, attempts: 1 });
    emitter.send(EVENT);
    await emitter.idle();
    expect(JSON.stringify(logger.lines)).not.toMatch(/pass|abc/);
  });

  describe('when the receiver is rate-limiting (429) or overloaded (503)', () => {
    /** A receiver whose n-th answer (1-based) is `answer(n)`: a status and its headers. */
    async function burstReceiver(
      answer: (n: number) => [number, Record<string, string>],
    ): Promise<{ url: string; at: number[]; close(): Promise<void> }> {
      const at: number[] = [];
      const server = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          at.push(Date.now());
          const [status, headers] = answer(at.length);
          res.writeHead(status, headers).end('{}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
        at,
        close: () =>
          new Promise((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    }

    it('keeps retrying past a burst (six attempts, not four), never sooner than Retry-After, and delivers', async () => {
      // 429 with Retry-After: 1 twice, then 503 three times, then 200: the old router gave up after four.
      const receiver = await burstReceiver((n) => (n <= 2 ? [429, { 'Retry-After': '1' }] : n <= 5 ? [503, {}] : [200, {}]));
      const logger = memoryLogger();
      const emitter = new WebhookEmitter({ url: receiver.url, logger, baseDelayMs: 10 });
      emitter.send(EVENT);
      await emitter.idle();
      expect(emitter.counts).toEqual({ delivered: 1, failed: 0, dropped: 0 });
      expect(receiver.at).toHaveLength(6);
      // Retry-After: 1 was honoured: the retry came a second later, not after the 10 ms backoff.
      expect(receiver.at[1]! - receiver.at[0]!).toBeGreaterThanOrEqual(990);
      const waits = logger.lines.filter((l) => l.type === 'API_ERROR').map((l) => l.fields.retry_in_ms as number);
      expect(waits.slice(0, 2).every((w) => w >= 1000)).toBe(true);
      expect(logger.lines.at(-1)).toMatchObject({ type: 'API_CALL', fields: { status: 200, attempt: 6 } });
      await receiver.close();
    });

    it('gives up once its retry time is spent, and logs that it gave up', async () => {
      const receiver = await startWebhookReceiver(() => 503);
      const logger = memoryLogger();
      const emitter = new WebhookEmitter({ url: receiver.url, logger, baseDelayMs: 10, retryForMs: 200 });
      emitter.send(EVENT);
      await emitter.idle();
      expect(emitter.counts.failed).toBe(1);
      expect(receiver.received.length).toBeGreaterThan(2);
      expect(logger.lines.at(-1)).toMatchObject({
        type: 'API_ERROR',
        fields: { reason: 'gave_up', attempts: receiver.received.length, elapsed_ms: expect.any(Number) },
      });
      await receiver.close();
    });

    it('gives up at once when Retry-After asks for longer than it may still wait', async () => {
      const receiver = await burstReceiver(() => [503, { 'Retry-After': '3600' }]);
      const logger = memoryLogger();
      const emitter = new WebhookEmitter({ url: receiver.url, logger, baseDelayMs: 10 });
      emitter.send(EVENT);
      await emitter.idle();
      expect(receiver.at).toHaveLength(1);
      expect(logger.lines.map((l) => l.fields.reason ?? l.fields.will_retry)).toEqual(['Service Unavailable', 'gave_up']);
      await receiver.close();
    });
  });
});
