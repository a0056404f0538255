import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ackLoad } from '../bench/bench-ack';
import { percentile, slicesOf, verdict, type SustainedRun } from '../bench/bench-sustained';
import { floorPeer } from '../bench/ack-peers';
import { adnanhWebhookPeer, childrenOf, WEBHOOK_MISSING } from '../bench/webhook-peer';
import type { ChildServer } from '../bench/child-server';

describe('the sustained run cuts a load into slices', () => {
  it('takes the nearest-rank percentile', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 99)).toBeNaN();
  });

  it('puts each answer in the slice it ended in, with that slice rate and p99', () => {
    const samples = [
      ...Array.from({ length: 10 }, (_, i) => ({ atMs: i * 100, latencyMs: 1 })),
      ...Array.from({ length: 4 }, (_, i) => ({ atMs: 1000 + i * 100, latencyMs: 50 })),
    ];
    expect(slicesOf(samples, 1000, 2000)).toEqual([
      { requests_per_s: 10, p99_ms: 1 },
      { requests_per_s: 4, p99_ms: 50 },
    ]);
  });

  it('counts a dip in one slice as not ahead, and memory growth as not flat', () => {
    const run = (rates: number[], p99: number, rss: number): SustainedRun => ({
      requests_per_s: 0,
      p99_ms: p99,
      non_2xx: 0,
      errors: 0,
      server_cpu_us_per_request: 0,
      slices: rates.map((r) => ({ requests_per_s: r, p99_ms: p99 })),
      rss_after_mb: rss,
    });
    const steady = verdict(
      new Map([
        ['basic', [run([5, 5], 10, 100), run([5, 5], 10, 101)]],
        ['bare', [run([4, 4], 20, 90), run([4, 4], 20, 90)]],
      ]),
    );
    expect(steady).toMatchObject({
      ahead_of_bare_in_every_slice: true,
      ahead_of_webhook_in_every_slice: null,
      p99_no_worse_than_bare: true,
      rss_flat: true,
    });
    const dipping = verdict(
      new Map([
        ['basic', [run([5, 3], 30, 100), run([5, 5], 10, 150)]],
        ['bare', [run([4, 4], 20, 90), run([4, 4], 20, 90)]],
      ]),
    );
    expect(dipping).toMatchObject({
      ahead_of_bare_in_every_slice: false,
      p99_no_worse_than_bare: false,
      rss_flat: false,
      rss_within_1_3x_bare: false,
    });
  });
});

describe('bench peers', () => {
  let logDir: string;
  const started: ChildServer[] = [];
  beforeEach(() => {
    logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-bench-peers-'));
  });
  afterEach(async () => {
    for (const server of started.splice(0)) await server.stop();
    fs.rmSync(logDir, { recursive: true, force: true });
  });

  const post = (url: string, headers: Record<string, string>, body: string) => fetch(`${url}/events`, { method: 'POST', headers, body });

  it('the floor answers any POST /events with a fixed line', async () => {
    const floor = await floorPeer().start(logDir);
    started.push(floor);
    const res = await post(floor.url, {}, 'anything');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  const webhook = adnanhWebhookPeer();
  const withWebhook = webhook.skipped ? it.skip : it;
  if (webhook.skipped) process.stderr.write(`bench-peers: adnanh/webhook tests skipped: ${WEBHOOK_MISSING}\n`);

  withWebhook("adnanh/webhook runs its command for the bench's signed load and refuses a bad signature", async () => {
    const server = await webhook.start(logDir);
    started.push(server);
    const { body, headers } = ackLoad();
    const ok = await post(server.url, headers, body);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok' });
    const forged = await post(server.url, { ...headers, 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` }, body);
    expect(forged.status).toBeGreaterThanOrEqual(400);
    await server.settle!();
    expect(childrenOf(server.pid)).toEqual([]);
    expect(fs.readFileSync(path.join(logDir, 'webhook.log'), 'utf8')).toMatch(/executing \/bin\/true/);
  });
});
