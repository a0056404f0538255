import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { envelopeSchema } from '../servers/lib/pipeline/envelope-schema';
import { parseJsonBody } from '../servers/lib/pipeline/parse-json-body';
import { githubSignature, signingKeys, verifyGithubSignature } from '../common/signatures/webhook-signatures';
import { formatLogLine } from '../common/logging/log-line';
import { createLogger } from '../common/logging/create-logger';
import { EventJournal } from '../servers/lib/journal/event-journal';
import { redactSecrets } from '../common/logging/redact-secrets';

/**
 * `npx tsx bench/micro-pipeline.ts`: what each step of the webhook pipeline costs on its own,
 * in µs per call (median of 5 batches), in this process, without HTTP. It tells which steps
 * can matter at all next to the ~150-300 µs a whole request costs the server.
 */
const body = fs.readFileSync(path.join(__dirname, '..', 'payloads', 'basic_event.json'));
const secret = 'bench-secret-0123456789';
const header = githubSignature(secret, body);
const keys = signingKeys([secret]);
const payload = parseJsonBody(body);
const opts = { abortEarly: false, convert: false };
const compiled = envelopeSchema.prefs(opts);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-micro-'));
const logger = createLogger({ name: 'micro', logDir: dir, console: false });
const journal = new EventJournal({ server: 'micro', logDir: dir, dedupeWindowS: 86400 });
const fields = {
  event: 'InterfaceDown',
  device: 'Router1',
  interface: 'GigabitEthernet2',
  bytes: 140,
  source: '127.0.0.1',
  auth: 'hub-signature-256',
  request_id: crypto.randomUUID(),
};

async function time(name: string, fn: () => unknown, n = 20_000): Promise<void> {
  const batches: number[] = [];
  for (let b = 0; b < 5; b += 1) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i += 1) await fn();
    batches.push(Number(process.hrtime.bigint() - t) / n / 1000);
    await new Promise((r) => setImmediate(r));
  }
  batches.sort((a, b) => a - b);
  process.stdout.write(`${batches[2]!.toFixed(2).padStart(8)} µs  ${name}\n`);
}

async function main(): Promise<void> {
  await time('crypto.randomUUID()', () => crypto.randomUUID());
  await time('new Date().toISOString()', () => new Date().toISOString());
  await time('parseJsonBody (strict UTF-8 decode + JSON.parse + checks)', () => parseJsonBody(body));
  await time('JSON.parse(body.toString())', () => JSON.parse(body.toString()));
  await time('verifyGithubSignature (HMAC + constant-time compare)', () => verifyGithubSignature(keys.github, header, body));
  await time('HMAC-SHA256 alone', () => crypto.createHmac('sha256', keys.github[0]!).update(body).digest('hex'));
  await time('joi envelope validate(value, options)', () => envelopeSchema.validate(payload, opts));
  await time('joi envelope with prefs compiled once', () => compiled.validate(payload));
  await time('formatLogLine (WEBHOOK_RECEIVED)', () => formatLogLine('WEBHOOK_RECEIVED', fields));
  await time('logger.log (winston, batched to file)', () => logger.log('WEBHOOK_RECEIVED', fields), 5000);
  await time('redactSecrets(payload)', () => redactSecrets(payload));
  await time(
    'journal.record (redact, stringify, append)',
    () =>
      journal.record({
        server: 'micro',
        id: crypto.randomUUID(),
        request_id: 'r',
        received_at: new Date().toISOString(),
        source: '127.0.0.1',
        event: 'InterfaceDown',
        payload,
        outcome: 'ok',
        status: 200,
        duration_ms: 0.1,
      }),
    2000,
  );
  await logger.close();
  await journal.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
