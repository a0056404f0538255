import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { startInProcessLab, type InProcessLab } from '../lab/start-in-process-lab';
import { githubSignature } from '../common/signatures/webhook-signatures';
import { CHROMIUM, haveChromium, launchChromium, pageErrors, screenshot } from './support/browser';

/**
 * The live view (GET /inspect) and the lab dashboard in a real browser: Debian's Chromium driven
 * by playwright-core, against a whole lab on free ports, with events sent by curl over real HTTP.
 * UPDATE_SCREENSHOTS=1 also writes docs/screenshots/*.png for README and INSTRUCTIONS.
 */
const TOKEN = 'browser-token-123';
const SECRET = 'browser-secret-123';
const run = promisify(execFile);

/** curl, as a student types it; answers the HTTP status. */
async function curl(url: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  const args = [
    '-sS',
    '-o',
    '/dev/null',
    '-w',
    '%{http_code}',
    '-X',
    'POST',
    url,
    '-H',
    'Content-Type: application/json',
    '--data-binary',
    body,
  ];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  const { stdout } = await run('curl', args);
  return Number(stdout);
}

if (!haveChromium)
  process.stdout.write(
    `Skipping the browser suite (test/inspect-browser.test.ts): ${CHROMIUM} is not installed. \`.ci/run\` installs Debian's chromium; on Debian/Ubuntu: apt-get install chromium.\n`,
  );

(haveChromium ? describe : describe.skip)('in a real browser', () => {
  jest.setTimeout(60_000);
  let lab: InProcessLab;
  let browser: Browser;
  beforeAll(async () => {
    [lab, browser] = await Promise.all([
      startInProcessLab({ env: { WEBHOOK_TOKEN: TOKEN, WEBHOOK_SECRET: SECRET, AUTO_REMEDIATE: 'true' }, dashboard: true }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await lab?.close();
  });

  /** A page of the lab, its token (and secret) typed into the prompt as a student would. */
  async function openWithCredentials(url: string, { secret = false } = {}): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = pageErrors(page);
    await page.goto(url);
    await page.waitForSelector('#token', { state: 'visible' }); // the feed answered 401: the page asks
    await page.fill('#token', TOKEN);
    if (secret) await page.fill('#secret', SECRET);
    await page.click('#credentials-form button[type="submit"]');
    await page.waitForSelector('#status[data-kind="live"]');
    return { page, errors };
  }
  const item = (event: string): string => `li.item[data-event="${event}"]`;
  /** Lines the token prompt's label takes (in the page; a string, as this file is type-checked without the DOM library). */
  const LINES_OF_TOKEN_LABEL = `(() => {
    const span = document.querySelector('label:has(#token) > span');
    return Math.round(span.getBoundingClientRect().height / parseFloat(getComputedStyle(span).lineHeight));
  })()`;
  /**
   * Every word of the summary lines and stages that the page split across two lines, e.g.
   * VALIDATION_FAILE / D (a line may end after a hyphen, as in a long request id: each part counts as a word).
   */
  const WORDS_BROKEN_ACROSS_LINES = `(() => {
    const broken = [];
    for (const node of document.querySelectorAll('.event, .headline, .stage .detail, .stage-name, .stage .outcome, .status')) {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        for (const match of text.data.matchAll(/[^\\s-]+-?/g)) {
          const range = document.createRange();
          range.setStart(text, match.index);
          range.setEnd(text, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  })()`;

  describe('the lab dashboard', () => {
    it('shows a shutdown from the control port, the webhook, the diagnosis over SSH and the repair, as one loop', async () => {
      const { page, errors } = await openWithCredentials(lab.dashboardUrl!);
      await page.setViewportSize({ width: 1600, height: 1000 });
      // The other steps first, so every column has something (as during a lab).
      const bearer = { Authorization: `Bearer ${TOKEN}` };
      expect(
        await curl(`${lab.urls.basic}/events`, '{"event": "InterfaceDown", "device": "Router1", "interface": "GigabitEthernet1"}', bearer),
      ).toBe(200);
      expect(await curl(`${lab.urls.basic}/events`, '{"device": "Router1"}', bearer)).toBe(422);
      expect(await curl(`${lab.urls.joke}/events`, '{"event": "JokeRequest"}', bearer)).toBe(200);
      expect(await curl(`${lab.urls.card}/events`, '{"event": "CardDraw", "count": 5}', bearer)).toBe(200);
      await page.waitForSelector('[data-source="card"] li.item[data-event="CardDraw"]');
      await page.click('#device-Router1 li[data-interface="GigabitEthernet1"] button[data-action="shutdown"]');
      // The router logged the shutdown and sent InterfaceDown; the network server diagnosed it over SSH and repaired it.
      await page.waitForSelector(
        '[data-source="network"] li.item[data-event="InterfaceDown"] .headline:text-is("Verified: GigabitEthernet1 is up, line protocol up.")',
      );
      const routerLines = (): Promise<string[]> => page.locator('#router-activity li').allTextContents();
      await page.waitForSelector('#router-activity li:has-text("webhook InterfaceUp GigabitEthernet1 → 200")');
      const lines = await routerLines();
      expect(lines.some((l) => /%LINK-5-CHANGED: Interface GigabitEthernet1, changed state to administratively down/.test(l))).toBe(true);
      expect(lines.some((l) => /webhook InterfaceDown GigabitEthernet1 → 200/.test(l))).toBe(true);
      expect(lines.some((l) => /ssh.*login: admin/.test(l))).toBe(true);
      expect(lines.some((l) => /cli.*: no shutdown/.test(l))).toBe(true);
      await page.waitForSelector('#device-Router1 li[data-interface="GigabitEthernet1"][data-state="up"]');
      await screenshot(page, 'dashboard');

      await page.click('#view-timeline');
      // One line per entry: a router line, or a request's summary (not its details, which quote the device's log).
      const timeline = await page.$$eval('#timeline-items > li', (lis) =>
        lis.map((li) => (li.querySelector('summary') ?? li).textContent ?? ''),
      );
      const at = (pattern: RegExp): number => timeline.findIndex((l) => pattern.test(l));
      // Newest first: the repair's InterfaceUp above the network server's diagnosis, above the router's shutdown.
      expect(at(/webhook InterfaceUp GigabitEthernet1/)).toBeLessThan(at(/^network.*POST \/events.*InterfaceDown/));
      expect(at(/^network.*POST \/events.*InterfaceDown/)).toBeLessThan(
        at(/%LINK-5-CHANGED: Interface GigabitEthernet1, changed state to administratively down/),
      );
      await screenshot(page, 'dashboard-timeline');
      expect(errors).toEqual([]);

      // The same InterfaceDown on the network server's own page: every command, the verdict and the decision.
      const network = await openWithCredentials(`${lab.urls.network}/inspect`);
      const down = network.page.locator(item('InterfaceDown')).first();
      await down.locator(':scope > details > summary').click();
      expect(await down.locator('.step.decision').allTextContents()).toEqual([
        expect.stringContaining(
          '"no shutdown" allowed: GigabitEthernet1 is administratively down, AUTO_REMEDIATE=true, the sender authenticated and the device confirmed it',
        ),
        expect.stringContaining('Verified: GigabitEthernet1 is up, line protocol up.'),
      ]);
      await network.page.setViewportSize({ width: 1280, height: 1500 });
      await down.evaluate((li) => li.scrollIntoView({ block: 'start' }));
      await screenshot(network.page, 'inspect-network');
      expect(network.errors).toEqual([]);
      await network.page.close();
      await page.close();
    });
    it('at 1400 px: one token prompt line, one status, and no word broken across lines', async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const errors = pageErrors(page);
      await page.goto(lab.dashboardUrl!);
      await page.waitForSelector('#token', { state: 'visible' });
      await page.waitForSelector('#status[data-kind="error"]');
      expect(await page.locator('#status').textContent()).toBe('The lab dashboard needs the bearer token.');
      expect(await page.evaluate<number>(LINES_OF_TOKEN_LABEL)).toBe(1);
      await page.fill('#token', TOKEN);
      await page.click('#credentials-form button[type="submit"]');
      await page.waitForSelector('#status[data-kind="live"]');
      const bearer = { Authorization: `Bearer ${TOKEN}` };
      expect(await curl(`${lab.urls.network}/events`, '{"event": "InterfaceDown", "device": "Router1"}', bearer)).toBe(422);
      expect(await curl(`${lab.urls.basic}/events`, '{"event": "InterfaceDown",', bearer)).toBe(400);
      await page.waitForSelector('[data-source="network"] li.item[data-status="422"]');
      await page.waitForSelector('[data-source="basic"] li.item[data-status="400"]');
      await page.click('[data-source="network"] li.item[data-status="422"] summary');
      await page.click('[data-source="basic"] li.item[data-status="400"] summary');
      expect(await page.evaluate<string[]>(WORDS_BROKEN_ACROSS_LINES)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe('GET /inspect (one server)', () => {
    let page: Page;
    let errors: string[];
    beforeAll(async () => {
      ({ page, errors } = await openWithCredentials(`${lab.urls.basic}/inspect`, { secret: true }));
    });
    afterAll(() => page.close());
    afterEach(() => expect(errors).toEqual([]));

    it('shows a curl-sent event as soon as it is answered, pushed over the open stream, with its stages', async () => {
      const feedRequests: string[] = [];
      page.on('request', (r) => r.url().includes('/inspect/feed') && feedRequests.push(r.url()));
      const status = await curl(`${lab.urls.basic}/events`, '{"event": "FirstLook", "device": "Router1"}', {
        Authorization: `Bearer ${TOKEN}`,
      });
      const answered = Date.now();
      expect(status).toBe(200);
      await page.waitForSelector(item('FirstLook'));
      process.stdout.write(`live view: the curl-sent event was on the page ${Date.now() - answered} ms after curl had its answer\n`);
      expect(feedRequests).toEqual([]); // no reload, no polling: the open stream carried it
      await page.click(`${item('FirstLook')} summary`);
      const stages = await page.locator(`${item('FirstLook')} .stage`).allTextContents();
      expect(stages).toContain('✓authenticationpassedBearer token: the Authorization header matches WEBHOOK_TOKEN.');
      expect(stages).toContain('✓journalpassed' + stages.find((s) => s.startsWith('✓journalpassed'))!.slice('✓journalpassed'.length));
      expect(await page.locator(`${item('FirstLook')} .headers`).textContent()).toContain('Bearer •••••• (masked)');
      await page.click(`${item('FirstLook')} summary`); // closed again
    });

    it('shows a refused request with the check that refused it, and what was never reached', async () => {
      const body = '{"event": "Forged"}';
      const status = await curl(`${lab.urls.basic}/events`, body, { 'X-Hub-Signature-256': githubSignature('not-the-secret', body) });
      expect(status).toBe(401);
      await page.waitForSelector(item('Forged'));
      expect(await page.locator(`${item('Forged')} .badge`).textContent()).toBe('401');
      expect(await page.locator(`${item('Forged')} .headline`).textContent()).toBe(
        'authentication: The signature does not match the body. (The request carried X-Hub-Signature-256.)',
      );
      await page.click(`${item('Forged')} summary`);
      expect(await page.locator(`${item('Forged')} .stage.failed .stage-name`).allTextContents()).toEqual(['authentication']);
      expect(await page.locator(`${item('Forged')} .stage.not-reached .stage-name`).allTextContents()).toEqual([
        'JSON',
        'schema',
        'duplicate',
        'handler',
        'journal',
      ]);
      await screenshot(page, 'inspect');
    });

    it('replays an event as a new delivery, signed in the browser, and the server journals a new event', async () => {
      await page.click(`${item('FirstLook')} summary`); // open it: the buttons are inside
      await page.click(`${item('FirstLook')} button.replay`);
      await page.waitForSelector(`${item('FirstLook')}.yours`);
      const replayed = page.locator(`${item('FirstLook')}.yours`);
      expect(await replayed.locator('.badge').textContent()).toBe('200');
      // Token and secret both set: the server checks the signature first, so this proves the WebCrypto HMAC.
      expect(await replayed.locator('.stage.passed', { hasText: 'authentication' }).textContent()).toContain('X-Hub-Signature-256');
      const journal = await fetch(`${lab.urls.basic}/events?limit=20`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      const copies = ((await journal.json()) as { events: Array<{ id: string; event: string; outcome: string }> }).events.filter(
        (e) => e.event === 'FirstLook',
      );
      expect(copies).toHaveLength(2);
      expect(new Set(copies.map((e) => e.id)).size).toBe(2);
      expect(copies.map((e) => e.outcome)).toEqual(['ok', 'ok']);
    });

    it('edits a sample from payloads/ and sends it', async () => {
      await page.click('#open-composer');
      await page.waitForSelector('#start-from option[value="basic_event.json"]', { state: 'attached' });
      await page.selectOption('#start-from', 'basic_event.json');
      const sample = await page.inputValue('#composer-body');
      await page.fill('#composer-body', sample.replace('"InterfaceDown"', '"EditedSample"'));
      await page.click('#composer-form button[type="submit"]');
      await page.waitForSelector(`${item('EditedSample')}.yours`);
      expect(await page.locator('#send-result').textContent()).toContain('HTTP 200');
      await page.click('#close-composer');
    });

    it('shows a payload full of HTML as text: nothing in it runs or renders', async () => {
      const evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
      expect(
        await curl(`${lab.urls.basic}/events`, JSON.stringify({ event: 'Note', text: evil }), { Authorization: `Bearer ${TOKEN}` }),
      ).toBe(200);
      expect(
        await curl(`${lab.urls.basic}/events`, JSON.stringify({ event: '<img src=x onerror="window.__pwned=3">' }), {
          Authorization: `Bearer ${TOKEN}`,
        }),
      ).toBe(422);
      await page.waitForSelector(item('Note'));
      await page.waitForSelector('li.item[data-status="422"]');
      await page.click(`${item('Note')} summary`);
      expect(
        await page
          .locator(`${item('Note')} .item-body pre`)
          .first()
          .textContent(),
      ).toContain(`"text": ${JSON.stringify(evil)}`);
      expect(await page.locator('li.item[data-status="422"] .event').first().textContent()).toBe('<img src=x onerror="window.__pwned=3">');
      expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
      expect(await page.locator('#items img, #items script').count()).toBe(0);
    });

    it('filters by event, status and source', async () => {
      await page.fill('#filter-event', 'Forged');
      expect(await page.locator('li.item:visible').count()).toBe(1);
      await page.fill('#filter-event', '');
      await page.selectOption('#filter-status', 'refused');
      const statuses = await page.locator('li.item:visible .badge').allTextContents();
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((s) => Number(s) >= 400)).toBe(true);
      await page.selectOption('#filter-status', '');
      await page.fill('#filter-source', '203.0.113.');
      expect(await page.locator('li.item:visible').count()).toBe(0);
      await page.fill('#filter-source', '');
    });

    it('shows a forged event name with its newline written out, as the log line escapes it', async () => {
      const status = await curl(`${lab.urls.basic}/events`, JSON.stringify({ event: 'Test\nSECURITY forged=1' }), {
        Authorization: `Bearer ${TOKEN}`,
      });
      expect(status).toBe(422);
      const forged = page.locator('li.item[data-event^="Test"]').first();
      await forged.waitFor();
      expect(await forged.locator('.event').textContent()).toBe('Test\\nSECURITY forged=1');
    });

    it("places a 400's JSON mistake at the position the answer names", async () => {
      expect(await curl(`${lab.urls.basic}/events`, '{"event": "InterfaceDown",', { Authorization: `Bearer ${TOKEN}` })).toBe(400);
      const refused = page.locator('li.item[data-status="400"]').first();
      await refused.waitFor();
      await refused.locator('summary').click();
      const detail = await refused.locator('.stage.failed .detail').textContent();
      const answer = await refused.locator('.part:last-of-type pre').textContent();
      expect(detail).toBe('Not valid JSON at position 26 (line 1, column 27): the text ends before the JSON is complete.');
      expect(answer).toContain('at position 26');
      await refused.locator('summary').click();
    });

    it('works from the keyboard: Tab reaches a request, Enter opens it', async () => {
      await page.focus('#filter-source');
      let focused = '';
      for (let i = 0; i < 10 && focused !== 'SUMMARY'; i += 1) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate<string>('document.activeElement?.tagName ?? ""');
      }
      expect(focused).toBe('SUMMARY');
      // Evaluated in the page (a string: this file is type-checked without the DOM library).
      const open = (): Promise<boolean> => page.evaluate<boolean>('document.activeElement.parentElement.open');
      const before = await open();
      await page.keyboard.press('Enter');
      expect(await open()).toBe(!before);
    });
  });
});
