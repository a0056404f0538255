import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { startTestSimulator, type SimFixture } from '../test/support/sim-fixture';

/** A raw request, so the test can send the Host and Origin a browser would. */
function request(
  url: string,
  headers: Record<string, string>,
  method = 'POST',
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the control port and browsers', () => {
  let fx: SimFixture;
  let port: number;
  beforeAll(async () => {
    fx = await startTestSimulator();
    port = Number(new URL(fx.sim.controlUrl).port);
  });
  afterAll(() => fx.close());
  const gi1 = (): string => (fx.sim.state().findInterface('GigabitEthernet1')?.shutdown ? 'shut' : 'up');
  const shutUrl = (): string => `${fx.sim.controlUrl}/interfaces/GigabitEthernet1/shutdown`;

  it('refuses a cross-site POST (Origin of another site) with 403 FORBIDDEN and shuts nothing', async () => {
    const res = await request(shutUrl(), { Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/cross-site/), details: [] },
      request_id: expect.any(String),
    });
    expect(gi1()).toBe('up');
  });

  it('refuses another local origin too (a dev server on another port)', async () => {
    const res = await request(shutUrl(), { Origin: 'http://127.0.0.1:3000' });
    expect(res.status).toBe(403);
    expect(gi1()).toBe('up');
  });

  it('refuses a request whose Host is not a loopback name (DNS rebinding)', async () => {
    const res = await request(shutUrl(), { Host: `rebind.evil.example:${port}` });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'FORBIDDEN', message: expect.stringMatching(/localhost, 127\.0\.0\.1/) } });
    expect((await request(`${fx.sim.controlUrl}/health`, { Host: 'rebind.evil.example' }, 'GET')).status).toBe(403);
    expect(gi1()).toBe('up');
  });

  it('still answers curl-like clients and its own origin, by any loopback name', async () => {
    expect((await fetch(`${fx.sim.controlUrl}/health`)).status).toBe(200);
    expect((await request(`${fx.sim.controlUrl}/health`, { Host: `localhost:${port}` }, 'GET')).status).toBe(200);
    expect(
      (
        await request(`${fx.sim.controlUrl}/interfaces/Gi2/flap?down_ms=1`, {
          Origin: `http://127.0.0.1:${port}`,
          'Sec-Fetch-Site': 'same-origin',
        })
      ).status,
    ).toBe(200);
  });
});

// A real browser repeats both attacks. Deciding describe or describe.skip happens while jest
// collects, hence the sync check. CI installs Chromium (.ci/run).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browserSuite = fs.existsSync(CHROMIUM)
  ? describe
  : (name: string, fn: () => void) => describe.skip(`${name} [skipped: no Chromium at ${CHROMIUM}; apt-get install chromium]`, fn);

browserSuite('the control port attacked from real Chromium', () => {
  let fx: SimFixture;
  let browser: Browser;
  let evil: http.Server;
  let evilPort: number;
  beforeAll(async () => {
    fx = await startTestSimulator();
    // The attacker's site: a page that posts a form to the control port as soon as it loads.
    evil = http.createServer((_req, res) => {
      res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end(
          `<form method="POST" action="${fx.sim.controlUrl}/interfaces/GigabitEthernet1/shutdown"></form><script>document.forms[0].submit()</script>`,
        );
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilPort = (evil.address() as AddressInfo).port;
    // Both attacker names resolve to this machine, as a rebinding DNS server would make them.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--host-resolver-rules=MAP evil.example 127.0.0.1, MAP rebind.evil.example 127.0.0.1'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => evil?.close(resolve));
    await fx?.close();
  });
  const gi1 = (): boolean | undefined => fx.sim.state().findInterface('GigabitEthernet1')?.shutdown;

  it('a page on another site that submits a form to the control port gets 403, and the interface stays up', async () => {
    const page = await browser.newPage();
    const answer = page.waitForResponse((r) => r.url().includes('/shutdown'));
    await page.goto(`http://evil.example:${evilPort}/`);
    expect((await answer).status()).toBe(403);
    expect(gi1()).toBe(false);
    await page.close();
  });

  it('a rebound name (same origin as the control port to the browser) gets 403 for every request', async () => {
    const port = new URL(fx.sim.controlUrl).port;
    const page = await browser.newPage();
    const landing = await page.goto(`http://rebind.evil.example:${port}/interfaces`);
    expect(landing?.status()).toBe(403);
    const status = await page.evaluate(async () => (await fetch('/interfaces/GigabitEthernet1/shutdown', { method: 'POST' })).status);
    expect(status).toBe(403);
    expect(gi1()).toBe(false);
    await page.close();
  });

  it('a page of the control port itself may still use it', async () => {
    const page = await browser.newPage();
    await page.goto(`${fx.sim.controlUrl}/health`);
    const status = await page.evaluate(async () => (await fetch('/interfaces/GigabitEthernet2/flap?down_ms=1', { method: 'POST' })).status);
    expect(status).toBe(200);
    await page.close();
  });
});
