import { JobQueue, type JobResult } from './job-queue';
import { AppError } from '../../lib/errors';

/** Work that finishes when the test says so. */
function deferred(): { work: () => Promise<JobResult>; resolve(v: JobResult): void; reject(e: unknown): void; calls: () => number } {
  let calls = 0;
  let resolve!: (v: JobResult) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<JobResult>((res, rej) => ((resolve = res), (reject = rej)));
  return { work: () => ((calls += 1), promise), resolve, reject, calls: () => calls };
}

describe('JobQueue', () => {
  let now = 1_000_000;
  const queue = (): JobQueue => new JobQueue({ now: () => now });

  it('gives an identical submission the job already in flight', async () => {
    const q = queue();
    const d = deferred();
    const a = q.submit('down|Router1|Gi1', d.work, 2000);
    const b = q.submit('down|Router1|Gi1', d.work, 2000);
    expect(b).toEqual({ job: a.job, sharing: 'in-flight' });
    expect(d.calls()).toBe(1);
    d.resolve({ ok: true });
    await expect(b.job.done).resolves.toEqual({ ok: true });
    expect(q.view(a.job)).toMatchObject({ status: 'succeeded', result: { ok: true }, finished_at: expect.any(String) });
  });

  it('answers from a result younger than coalesceMs, and does the work again after it', async () => {
    const q = queue();
    const first = q.submit('k', async () => ({ n: 1 }), 2000);
    await first.job.done;
    now += 1999;
    expect(q.submit('k', async () => ({ n: 2 }), 2000)).toMatchObject({ job: first.job, sharing: 'recent' });
    now += 1;
    const third = q.submit('k', async () => ({ n: 3 }), 2000);
    expect(third.sharing).toBe('new');
    await expect(third.job.done).resolves.toEqual({ n: 3 });
  });

  it('never reuses a finished result when coalesceMs is 0', async () => {
    const q = queue();
    await q.submit('config|Router1', async () => ({}), 0).job.done;
    expect(q.submit('config|Router1', async () => ({}), 0).sharing).toBe('new');
  });

  it('does not reuse a failure: the next submission tries again', async () => {
    const q = queue();
    const failed = q.submit(
      'k',
      async () => {
        throw new AppError('DEVICE_UNREACHABLE', 'down');
      },
      2000,
    );
    await expect(failed.job.done).rejects.toMatchObject({ code: 'DEVICE_UNREACHABLE' });
    expect(q.view(failed.job)).toMatchObject({ status: 'failed', error: { code: 'DEVICE_UNREACHABLE', message: 'down' } });
    expect(q.submit('k', async () => ({}), 2000).sharing).toBe('new');
  });

  it('stops sharing a job once its work calls started()', () => {
    const q = queue();
    let started!: () => void;
    const a = q.submit('config|Router1', (s) => ((started = s), new Promise<JobResult>(() => undefined)));
    expect(q.submit('config|Router1', () => new Promise<JobResult>(() => undefined)).job).toBe(a.job);
    started();
    expect(q.submit('config|Router1', () => new Promise<JobResult>(() => undefined)).job).not.toBe(a.job);
  });

  it("gives an event newer than a running job's first look at the device a new job, which newer events then share", () => {
    const q = queue();
    let started!: () => void;
    const a = q.submit('down|Router1|Gi2', (s) => ((started = s), new Promise<JobResult>(() => undefined)), 2000, now);
    now += 10;
    started(); // the job reads the device at `now`
    expect(q.submit('down|Router1|Gi2', () => new Promise<JobResult>(() => undefined), 2000, now - 5).job).toBe(a.job);
    now += 300;
    const b = q.submit('down|Router1|Gi2', () => new Promise<JobResult>(() => undefined), 2000, now);
    expect(b.sharing).toBe('new');
    now += 1;
    expect(q.submit('down|Router1|Gi2', () => new Promise<JobResult>(() => undefined), 2000, now)).toEqual({
      job: b.job,
      sharing: 'in-flight',
    });
  });

  it('answers from a recent result only events older than its look at the device (flap, then shutdown)', async () => {
    const q = queue();
    const flapAt = now;
    now += 5;
    const flap = q.submit('down|Router1|Gi2', async (started) => (started(), { verdict: 'link_down' }), 2000, flapAt);
    await flap.job.done;
    expect(q.submit('down|Router1|Gi2', async () => ({ verdict: 'never' }), 2000, flapAt)).toMatchObject({
      job: flap.job,
      sharing: 'recent',
    });
    now += 300;
    const shut = q.submit('down|Router1|Gi2', async (started) => (started(), { verdict: 'admin_down' }), 2000, now);
    expect(shut.sharing).toBe('new');
    await expect(shut.job.done).resolves.toEqual({ verdict: 'admin_down' });
  });

  it('creates no job when the work refuses at once (a full device queue)', () => {
    const q = queue();
    expect(() =>
      q.submit('k', () => {
        throw new AppError('RATE_LIMITED');
      }),
    ).toThrow(expect.objectContaining({ code: 'RATE_LIMITED' }));
    expect(q.submit('k', async () => ({})).sharing).toBe('new');
  });

  it('keeps at most maxJobs finished jobs', async () => {
    const q = new JobQueue({ maxJobs: 3, now: () => now });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { job } = q.submit(`k${i}`, async () => ({ i }));
      ids.push(job.id);
      await job.done;
    }
    expect(ids.map((id) => q.get(id) !== undefined)).toEqual([false, false, true, true, true]);
  });

  it('forgets finished jobs past keepMs but keeps a running one, however old, and a young one', async () => {
    const q = new JobQueue({ keepMs: 1000, now: () => now });
    const stuck = deferred();
    const running = q.submit('stuck', stuck.work).job; // the oldest, never finished here
    const old = q.submit('old', async () => ({})).job;
    await old.done;
    now += 2000;
    const young = q.submit('young', async () => ({})).job;
    await young.done;
    q.submit('next', async () => ({})); // a submit prunes
    expect([running, old, young].map((job) => q.get(job.id) !== undefined)).toEqual([true, false, true]);
    stuck.resolve({});
    await running.done;
  });
});
