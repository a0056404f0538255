import crypto from 'node:crypto';
import { WebhookEmitter, type DeviceWebhookEvent } from './webhook-emitter';
import { startWebhookReceiver } from './test-support/webhook-receiver';
import type { EventLogger } from '../servers/lib/create-logger';

function memoryLogger(): EventLogger & { lines: Array<{ type: string; fields: Record<string, unknown> }> } {
  const lines: Array<{ type: string; fields: Record<string, unknown> }> = [];
  return { lines, log: (type, fields = {}) => void lines.push({ type, fields }), close: async () => undefined };
}

const EVENT: DeviceWebhookEvent = { event: 'InterfaceDown', device: 'Router1', interface: 'GigabitEthernet1', timestamp: '2024-03-04T10:15:02.123Z' };

describe('WebhookEmitter', () => {
  it('POSTs the event as JSON with bearer token, GitHub signature and a delivery id', async () => {
    const receiver = await startWebhookReceiver();
    const emitter = new WebhookEmitter({ url: receiver.url, token: 'tok-123', secret: 'first-secret', logger: memoryLogger() });
    emitter.send(EVENT);
    const [hook] = await receiver.waitFor(1);
    expect(JSON.parse(hook!.body)).toEqual(EVENT);
    expect(hook!.headers.authorization).toBe('Bearer tok-123');
    expect(hook!.headers['content-type']).toBe('application/json');
    expect(hook!.headers['user-agent']).toMatch(/hooklab-device-simulator/);
    const expected = `sha256=${crypto.createHmac('sha256', 'first-secret').update(hook!.body).digest('hex')}`;
    expect(hook!.headers['x-hub-signature-256']).toBe(expected);
    expect(hook!.headers['idempotency-key']).toBe(hook!.headers['x-hooklab-delivery']);
    await emitter.close();
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
    const errors = logger.lines.filter((l) => l.type === 'API_ERROR');
    expect(errors.map((l) => l.fields.attempt)).toEqual([1, 2, 3]);
    expect(errors[0]?.fields.reason).toBe('ECONNREFUSED');
    expect(errors.map((l) => l.fields.will_retry)).toEqual([true, true, false]);
    expect(emitter.counts.failed).toBe(1);
  });

  it('never logs credentials from the URL', async () => {
    const logger = memoryLogger();
    const emitter = new WebhookEmitter({ url: 'http://user:pass@127.0.0.1:1/hook?token=abc', logger, attempts: 1 });
    emitter.send(EVENT);
    await emitter.idle();
    expect(JSON.stringify(logger.lines)).not.toMatch(/pass|abc/);
  });
});
