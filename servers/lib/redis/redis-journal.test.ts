import { Redis } from 'ioredis';
import type { JournalEntry } from '../journal/event-journal';
import { RedisJournal } from './redis-journal';
import { describeWithRedis, useRedisServer } from '../../../test/support/redis';

const entry = (id: string, extra: Partial<JournalEntry> = {}): JournalEntry => ({
  server: 'basic',
  id,
  request_id: `r-${id}`,
  received_at: new Date().toISOString(),
  source: '127.0.0.1',
  event: 'Test',
  payload: { event: 'Test', password: 'hunter22' },
  outcome: 'ok',
  status: 200,
  duration_ms: 1,
  ...extra,
});

describeWithRedis('RedisJournal', () => {
  const redis = useRedisServer();
  const opened: Redis[] = [];
  const journal = (options: { dedupeWindowS?: number; maxEntries?: number } = {}): RedisJournal => {
    const client = new Redis(redis.current().url);
    opened.push(client);
    return new RedisJournal(client, { server: 'basic', dedupeWindowS: 60, ...options });
  };
  afterEach(async () => {
    await opened[0]?.flushall();
    for (const client of opened.splice(0)) client.disconnect();
  });

  it('lists entries newest first, pages with before=<id>, shows one by id, with secrets redacted', async () => {
    const j = journal();
    for (const id of ['e1', 'e2', 'e3']) await j.record(entry(id));
    expect((await j.list(2)).map((e) => e.id)).toEqual(['e3', 'e2']);
    expect((await j.list(2, 'e2')).map((e) => e.id)).toEqual(['e1']);
    expect(await j.list(2, 'unknown')).toEqual([]);
    expect(await j.get('e2')).toMatchObject({ id: 'e2', payload: { password: '[REDACTED]' } });
    expect(await j.get('nope')).toBeUndefined();
  });

  it('claims a delivery id once, whichever journal (copy) asks, and settles it when the event is recorded', async () => {
    const [a, b] = [journal(), journal()];
    const at = new Date();
    expect(await a.claimDelivery('d-1', 'e1', at)).toBeUndefined();
    expect(await b.claimDelivery('d-1', 'e2', at)).toMatchObject({ id: 'e1', in_progress: true });
    await a.record(entry('e1', { delivery_id: 'd-1' }));
    expect(await b.claimDelivery('d-1', 'e3', at)).toMatchObject({ id: 'e1', in_progress: false });
  });

  it('releases the claim of a failed event, and of one that could not be recorded, so its redelivery runs', async () => {
    const j = journal();
    const at = new Date();
    await j.claimDelivery('d-2', 'e1', at);
    await j.record(entry('e1', { delivery_id: 'd-2', outcome: 'error', status: 502 }));
    expect(await j.claimDelivery('d-2', 'e2', at)).toBeUndefined();
    await j.forgetDelivery('d-2', 'someone-else');
    expect(await j.claimDelivery('d-2', 'e3', at)).toMatchObject({ id: 'e2' });
    await j.forgetDelivery('d-2', 'e2');
    expect(await j.claimDelivery('d-2', 'e4', at)).toBeUndefined();
  });

  it('keeps a delivery id for DEDUPE_WINDOW_S (its TTL), and none at all with a window of 0', async () => {
    const j = journal({ dedupeWindowS: 86_400 });
    await j.claimDelivery('d-3', 'e1', new Date());
    await j.record(entry('e1', { delivery_id: 'd-3' }));
    const ttl = await opened[0]!.ttl('hooklab:basic:delivery:d-3');
    expect(ttl).toBeGreaterThan(86_000);
    const off = journal({ dedupeWindowS: 0 });
    expect(await off.claimDelivery('d-4', 'e1', new Date())).toBeUndefined();
    expect(await off.claimDelivery('d-4', 'e2', new Date())).toBeUndefined();
  });

  it('stays bounded: the stream is trimmed (MAXLEN ~) and its id index with it', async () => {
    const j = journal({ maxEntries: 100 });
    for (let i = 0; i < 450; i += 1) await j.record(entry(`e${i}`));
    const client = opened[0]!;
    const length = await client.xlen('hooklab:basic:journal');
    expect(length).toBeLessThan(300);
    expect(length).toBeGreaterThanOrEqual(100);
    expect((await client.zcard('hooklab:basic:journal-index')) - length).toBeLessThan(20);
    expect(await j.get('e0')).toBeUndefined();
    expect(await j.get('e449')).toMatchObject({ id: 'e449' });
  });

  it('answers 503 STORE_UNAVAILABLE with Retry-After at once when Redis cannot be reached', async () => {
    const client = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => null });
    client.on('error', () => undefined);
    await new Promise((resolve) => client.once('end', resolve)); // refused, and not retried
    const j = new RedisJournal(client, { server: 'basic', dedupeWindowS: 60 });
    await expect(j.record(entry('e1'))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', status: 503, headers: { 'Retry-After': '2' } });
    await expect(j.list(5)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await j.close();
  });
});
