import fs from 'node:fs';
import path from 'node:path';
import { EventJournal, type JournalEntry } from './event-journal';
import { tempDir } from '../../../test/support/test-config';

function entry(id: string, extra: Partial<JournalEntry> = {}): JournalEntry {
  return {
    server: 'basic',
    id,
    request_id: `req-${id}`,
    received_at: new Date().toISOString(),
    source: '127.0.0.1',
    event: 'InterfaceDown',
    payload: { event: 'InterfaceDown' },
    outcome: 'ok',
    status: 200,
    duration_ms: 1,
    ...extra,
  };
}

describe('EventJournal', () => {
  it('writes each entry as one JSON line of LOG_DIR/events.jsonl before record() resolves', async () => {
    const dir = tempDir();
    const journal = new EventJournal({ server: 'basic', logDir: dir, dedupeWindowS: 60 });
    await journal.record(entry('a'));
    const lines = fs.readFileSync(path.join(dir, 'events.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(['a']);
    await journal.close();
  });

  it('groups concurrent appends and loses none', async () => {
    const dir = tempDir();
    const journal = new EventJournal({ server: 'basic', logDir: dir, dedupeWindowS: 60 });
    await Promise.all(Array.from({ length: 500 }, (_, i) => journal.record(entry(`e${i}`))));
    await journal.close();
    const lines = fs.readFileSync(path.join(dir, 'events.jsonl'), 'utf8').trim().split('\n');
    expect(new Set(lines.map((l) => JSON.parse(l).id)).size).toBe(500);
  });

  it('commits the entries of one event-loop turn in one write, and resolves each only once that write is done', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'events.jsonl');
    const journal = new EventJournal({ server: 'basic', logDir: dir, dedupeWindowS: 60 });
    const writes = jest.spyOn(fs, 'writeSync');
    try {
      const onDisk: number[] = [];
      const countLines = (): number => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
      // 20 concurrent requests in one turn, then 5 more in a later one.
      const first = Array.from({ length: 20 }, (_, i) => journal.record(entry(`t1-${i}`)).then(() => void onDisk.push(countLines())));
      expect(countLines()).toBe(0); // nothing is written (or acknowledged) before the turn ends
      await Promise.all(first);
      const second = Array.from({ length: 5 }, (_, i) => journal.record(entry(`t2-${i}`)));
      await Promise.all(second);
      expect(writes).toHaveBeenCalledTimes(2);
      // Every first-turn request learned of its entry only when all 20 were on disk.
      expect(onDisk).toEqual(Array(20).fill(20));
      expect(countLines()).toBe(25);
    } finally {
      writes.mockRestore();
      await journal.close();
    }
  });

  it('fails every entry of a turn whose write fails, and writes nothing after close', async () => {
    const dir = tempDir();
    const journal = new EventJournal({ server: 'basic', logDir: dir, dedupeWindowS: 60 });
    const writes = jest.spyOn(fs, 'writeSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    try {
      const results = await Promise.allSettled([journal.record(entry('x')), journal.record(entry('y'))]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    } finally {
      writes.mockRestore();
    }
    await journal.close();
    await expect(journal.record(entry('late'))).rejects.toThrow(/closed/);
    expect(fs.readFileSync(path.join(dir, 'events.jsonl'), 'utf8')).toBe('');
  });

  it('redacts secret-looking fields at any depth', async () => {
    const dir = tempDir();
    const journal = new EventJournal({ server: 'basic', logDir: dir, dedupeWindowS: 60 });
    await journal.record(entry('s', { payload: { event: 'x', password: 'hunter2', nested: { api_key: 'k', list: [{ Token: 't' }] } } }));
    await journal.close();
    const text = fs.readFileSync(path.join(dir, 'events.jsonl'), 'utf8');
    expect(text).not.toMatch(/hunter2|"k"|"t"/);
    expect(JSON.parse(text).payload.nested.list[0].Token).toBe('[REDACTED]');
  });

  describe('after a restart', () => {
    it("recovers this server's entries, newest first, and still knows their delivery ids", async () => {
      const dir = tempDir();
      const first = new EventJournal({ server: 'basic', logDir: dir, dedupeWindowS: 60 });
      await first.record(entry('old', { delivery_id: 'd-1' }));
      await first.record(entry('other', { server: 'joke' }));
      await first.record(entry('new'));
      await first.close();

      const second = new EventJournal({ server: 'basic', logDir: dir, dedupeWindowS: 60 });
      expect((await second.list(10)).map((e) => e.id)).toEqual(['new', 'old']);
      expect(second.claimDelivery('d-1', 'retry', new Date())).toMatchObject({ id: 'old' });
      await second.close();
    });

    it('starts despite a torn last line from a crash', async () => {
      const dir = tempDir();
      const file = path.join(dir, 'events.jsonl');
      fs.writeFileSync(file, `${JSON.stringify(entry('kept'))}\n{"server":"basic","id":"torn","pay`);
      const journal = new EventJournal({ server: 'basic', logDir: dir, dedupeWindowS: 60 });
      expect((await journal.list(10)).map((e) => e.id)).toEqual(['kept']);
      await journal.close();
    });
  });

  describe('delivery ids', () => {
    it('are claimed once within the window', () => {
      const journal = new EventJournal({ server: 'basic', logDir: tempDir(), dedupeWindowS: 60 });
      const now = new Date();
      expect(journal.claimDelivery('d', 'first', now)).toBeUndefined();
      expect(journal.claimDelivery('d', 'second', now)).toMatchObject({ id: 'first', in_progress: true });
      void journal.close();
    });

    it('are forgotten after DEDUPE_WINDOW_S', () => {
      const journal = new EventJournal({ server: 'basic', logDir: tempDir(), dedupeWindowS: 60 });
      const now = Date.now();
      journal.claimDelivery('d', 'first', new Date(now));
      expect(journal.claimDelivery('d', 'later', new Date(now + 61_000))).toBeUndefined();
      void journal.close();
    });

    it('of a failed event may run again (the sender retries)', async () => {
      const journal = new EventJournal({ server: 'basic', logDir: tempDir(), dedupeWindowS: 60 });
      journal.claimDelivery('d', 'failed', new Date());
      await journal.record(entry('failed', { delivery_id: 'd', outcome: 'error', status: 502 }));
      expect(journal.claimDelivery('d', 'retry', new Date())).toBeUndefined();
      await journal.close();
    });
  });

  describe('paging', () => {
    it('lists newest first, `limit` at a time, continuing `before` an id', async () => {
      const journal = new EventJournal({ server: 'basic', logDir: tempDir(), dedupeWindowS: 60 });
      for (const id of ['1', '2', '3', '4', '5']) await journal.record(entry(id));
      expect((await journal.list(2)).map((e) => e.id)).toEqual(['5', '4']);
      expect((await journal.list(2, '4')).map((e) => e.id)).toEqual(['3', '2']);
      expect(await journal.list(2, '1')).toEqual([]);
      await journal.close();
    });
  });

  describe('memory', () => {
    it('keeps at most the configured bytes of entries, oldest dropped first', async () => {
      const journal = new EventJournal({ server: 'basic', logDir: tempDir(), dedupeWindowS: 60, memory: { maxBytes: 50_000 } });
      for (let i = 0; i < 40; i += 1) await journal.record(entry(`big${i}`, { payload: { event: 'x', filler: 'y'.repeat(10_000) } }));
      expect(journal.size).toBeLessThanOrEqual(6);
      // What memory dropped is still there, read from the file.
      expect((await journal.list(100)).map((e) => e.id)).toEqual(Array.from({ length: 40 }, (_, i) => `big${39 - i}`));
      expect(await journal.get('big0')).toMatchObject({ id: 'big0', payload: { filler: 'y'.repeat(10_000) } });
      await journal.close();
    });

    it("keeps the newest entries in memory and reads older pages and ids from the files, each event once with its last outcome and never another server's entries", async () => {
      const dir = tempDir();
      const journal = new EventJournal({ server: 'basic', logDir: dir, dedupeWindowS: 60, maxBytes: 4096, memory: { maxEntries: 5 } });
      fs.appendFileSync(path.join(dir, 'events.jsonl'), `${JSON.stringify({ ...entry('other'), server: 'joke' })}\n`);
      await journal.record(entry('job', { outcome: 'accepted', status: 202 }));
      for (let i = 0; i < 30; i += 1) await journal.record(entry(`p${i}`));
      await journal.record(entry('job', { outcome: 'ok', status: 200 }));
      expect(journal.size).toBeLessThanOrEqual(6);
      expect(fs.existsSync(path.join(dir, 'events.jsonl.1'))).toBe(true); // the pages span both files
      const pages: string[][] = [];
      for (let before: string | undefined; pages.length < 10;) {
        const page = (await journal.list(7, before)).map((e) => e.id);
        if (page.length === 0) break;
        pages.push(page);
        before = page.at(-1);
      }
      // `job` was recorded again after memory had dropped it: it is listed once, where its outcome was recorded.
      const expected = ['job', ...Array.from({ length: 30 }, (_, i) => `p${29 - i}`)];
      expect(pages.flat()).toEqual(expected);
      expect(await journal.get('job')).toMatchObject({ outcome: 'ok', status: 200 });
      expect(await journal.get('p0')).toMatchObject({ id: 'p0' });
      expect(await journal.get('other')).toBeUndefined();
      await journal.close();
    });

    it('never takes text inside a payload for an older entry', async () => {
      const journal = new EventJournal({ server: 'basic', logDir: tempDir(), dedupeWindowS: 60, memory: { maxEntries: 1 } });
      await journal.record(entry('real', { payload: { event: 'x', nested: { server: 'basic', id: 'forged' } } }));
      for (let i = 0; i < 3; i += 1) await journal.record(entry(`n${i}`));
      expect(await journal.get('forged')).toBeUndefined();
      expect(await journal.get('real')).toMatchObject({ payload: { nested: { id: 'forged' } } });
      expect(await journal.list(10, 'forged')).toEqual([]);
      await journal.close();
    });

    it('forgets delivery ids once they are older than the dedupe window', () => {
      const journal = new EventJournal({ server: 'basic', logDir: tempDir(), dedupeWindowS: 60 });
      const start = Date.now();
      journal.claimDelivery('old', 'e1', new Date(start));
      journal.claimDelivery('new', 'e2', new Date(start + 50_000));
      journal.claimDelivery('later', 'e3', new Date(start + 61_000));
      expect(journal.claimDelivery('old', 'again', new Date(start + 61_000))).toBeUndefined();
      expect(journal.claimDelivery('new', 'again', new Date(start + 61_000))).toMatchObject({ id: 'e2' });
      void journal.close();
    });

    it('remembers a bounded number of delivery ids, forgetting the oldest', () => {
      const journal = new EventJournal({ server: 'basic', logDir: tempDir(), dedupeWindowS: 60, memory: { maxDeliveryIds: 100 } });
      const now = new Date();
      for (let i = 0; i < 1000; i += 1) journal.claimDelivery(`d${i}`, `e${i}`, now);
      expect(journal.claimDelivery('d999', 'again', now)).toMatchObject({ id: 'e999' });
      expect(journal.claimDelivery('d0', 'again', now)).toBeUndefined();
      void journal.close();
    });
  });

  describe('rotation', () => {
    it('keeps the file under its size limit by rolling it to events.jsonl.1', async () => {
      const dir = tempDir();
      const journal = new EventJournal({ server: 'basic', logDir: dir, dedupeWindowS: 60, maxBytes: 4096 });
      for (let i = 0; i < 60; i += 1) await journal.record(entry(`r${i}`));
      await journal.close();
      expect(fs.statSync(path.join(dir, 'events.jsonl')).size).toBeLessThanOrEqual(4096);
      expect(fs.existsSync(path.join(dir, 'events.jsonl.1'))).toBe(true);
      const reopened = new EventJournal({ server: 'basic', logDir: dir, dedupeWindowS: 60, maxBytes: 4096 });
      expect((await reopened.list(1))[0]?.id).toBe('r59');
      await reopened.close();
    });
  });
});
