import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../lab/free-port';
import { BENCH_SECRET, type AckPeer } from './ack-peers';
import { spawnCommand, type ChildServer } from './child-server';

/** Debian's `webhook` package (adnanh/webhook, Go). BENCH_WEBHOOK picks another binary. */
export const DEBIAN_WEBHOOK = '/usr/bin/webhook';

export const WEBHOOK_MISSING = "Debian's webhook (adnanh/webhook) is not installed (apt-get install webhook)";

/**
 * The hook that matches what the basic server checks: HMAC-SHA256 over the raw body in
 * GitHub's `X-Hub-Signature-256`, then a command (`/bin/true`: the cheapest there is). A wrong
 * signature answers 401 instead of webhook's default 200, so a broken load shows as non-2xx.
 */
export function hooksFile(secret: string): unknown[] {
  return [
    {
      id: 'events',
      'execute-command': '/bin/true',
      'response-message': '{"status":"ok"}',
      'response-headers': [{ name: 'Content-Type', value: 'application/json' }],
      'trigger-rule-mismatch-http-response-code': 401,
      'trigger-rule': {
        match: { type: 'payload-hmac-sha256', secret, parameter: { source: 'header', name: 'X-Hub-Signature-256' } },
      },
    },
  ];
}

/** The process ids of `pid`'s children (Linux: /proc/PID/task/TID/children). */
export function childrenOf(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' '))
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/**
 * webhook answers before its command has run (the command runs in the background), so after a
 * load the machine may still be starting `/bin/true`s: wait until none is left, so the next
 * peer is not measured beside them.
 */
async function drainCommands(pid: number, deadlineMs = 30_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (childrenOf(pid).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

/**
 * adnanh/webhook — the server people install for "run something when a webhook arrives" — as
 * its README starts it (`webhook -hooks hooks.json -verbose`), its log to a file as the basic
 * server's goes to `LOG_DIR` (`-logfile`, which turns on verbose logging), on a port that was
 * free a moment before. The load's `/events` lands on `/hooks/events`.
 */
export function adnanhWebhookPeer(binary = process.env.BENCH_WEBHOOK || DEBIAN_WEBHOOK): AckPeer {
  const label = 'adnanh/webhook';
  const version = spawnSync(binary, ['-version'], { encoding: 'utf8', timeout: 10_000 });
  if (version.status !== 0)
    return { name: 'webhook', label, skipped: WEBHOOK_MISSING, about: { binary }, start: () => Promise.reject(new Error(WEBHOOK_MISSING)) };
  const start = async (logDir: string): Promise<ChildServer> => {
    const hooks = path.join(logDir, 'hooks.json');
    fs.writeFileSync(hooks, JSON.stringify(hooksFile(BENCH_SECRET)));
    const port = await freePort();
    const args = ['-hooks', hooks, '-ip', '127.0.0.1', '-port', String(port), '-logfile', path.join(logDir, 'webhook.log')];
    const server = await spawnCommand('webhook', { command: binary, args, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } }, { port });
    return { ...server, url: `${server.url}/hooks`, settle: () => drainCommands(server.pid) };
  };
  return {
    name: 'webhook',
    label,
    about: { binary, version: version.stdout.trim(), command: `${binary} -hooks hooks.json -logfile webhook.log` },
    start,
  };
}
