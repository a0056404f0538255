import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './spawn-process';

/** Debian's chromium (`.ci/run` installs it); the browser suites skip, and say so, without it. */
export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = fs.existsSync(CHROMIUM);

/** A headless Chromium that makes no request of its own (no updates, sync or QUIC probes). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * With UPDATE_SCREENSHOTS=1, saves the page (or one element) as docs/screenshots/<name>.png:
 * README and INSTRUCTIONS show what these tests saw.
 */
export async function screenshot(page: Page, name: string, selector?: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const file = path.join(ROOT, 'docs', 'screenshots', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (selector) await page.locator(selector).first().screenshot({ path: file });
  else await page.screenshot({ path: file });
}

/** Collects what the page printed as errors (a CSP violation, an exception): a test expects none. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (m) => {
    // A 401/403 the page expects (it then asks for the token) is logged by Chromium as a failed resource.
    if (m.type() === 'error' && !/status of 40[13]/.test(m.text())) errors.push(m.text());
  });
  return errors;
}
