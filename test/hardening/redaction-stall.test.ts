import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../../servers/basic/app';
import { startServer, type RunningServer } from '../../servers/lib/server/start-server';
import { maskSecretsInText, scanSecretsInText } from '../../servers/lib/inspect/describe-body';
import { captureLogger } from '../support/capture-logger';
import { testConfig } from '../support/test-config';

/**
 * `{"event": "<60,000 × a>="}` (no credential, default settings) held the basic
 * server 12 s while /health waited. Redaction is now one linear pass (its step count is held to
 * a multiple of the text's length in common/logging/redact-secrets.test.ts); here the attack is
 * repeated against a running server.
 */
describe('a 60,000-character string redaction used to stall on', () => {
  const config = testConfig();
  const logger = captureLogger('basic');
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer(buildApp({ config, logger }), { config, logger, port: 0 });
  });
  afterAll(() => running.close());

  it('is accepted and journaled as sent, and /health answers beside it', async () => {
    const event = `${'a'.repeat(60_000)}=`;
    const send = (body: object): Promise<Response> =>
      fetch(`${running.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    // The attack as sent (refused: not an event name), and the same string in a field that is journaled.
    const attack = send({ event });
    const stored = send({ event: 'Hostile', note: event });
    const health = await fetch(`${running.url}/health`);
    expect(health.status).toBe(200);
    expect((await attack).status).toBe(422);
    expect((await stored).status).toBe(200);
    const journal = fs.readFileSync(path.join(config.logDir, 'events.jsonl'), 'utf8');
    expect(journal).toContain(event);
  });

  it('in a body that is not JSON (what the live view shows), secret values are masked in place', () => {
    const text = '{"password": "hunter22", "x": "kept", "token":"abc\\"def" , "api_key": "unclosed\n"next": 1';
    const masked = maskSecretsInText(text);
    expect(masked).toHaveLength(text.length);
    expect(masked).not.toMatch(/hunter22|abc|def|unclosed/);
    expect(masked).toContain('"kept"');
    expect(masked).toContain('"next": 1');
  });

  it('masking a body of 60,000 escaped quotes (quadratic for the old regex) still masks what follows', () => {
    const text = `"${'\\"'.repeat(30_000)} "password": "s3cret"`;
    expect(maskSecretsInText(text)).not.toContain('s3cret');
  });

  it.each([
    ['escaped quotes', (n: number) => `"${'\\"'.repeat(n / 2)}`],
    ['colons after a closing quote', (n: number) => '"a":'.repeat(n / 4)],
    ['secret keys with values that never close', (n: number) => '"password": "x\\'.repeat(n / 16)],
    ['spaces around colons', (n: number) => `"token"${' '.repeat(n / 2)}:${' '.repeat(n / 2)}`],
    ['a long key, then colons', (n: number) => `"${'k'.repeat(n / 2)}"${':'.repeat(n / 2)}`],
  ])('masking looks at each character of %s a bounded number of times', (_what, make) => {
    for (const n of [1_000, 60_000]) {
      const text = make(n);
      expect(scanSecretsInText(text).steps).toBeLessThanOrEqual(6 * text.length + 16);
    }
  });
});
