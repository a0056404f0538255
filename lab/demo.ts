import fs from 'node:fs';
import crypto from 'node:crypto';
import { PassThrough } from 'node:stream';
import { startInProcessLab, type InProcessLab } from './start-in-process-lab';
import { DemoConsole } from './demo-console';
import { RouterShell } from './router-shell';

/**
 * `npm run demo`: the instructor's walkthrough. Starts a private lab on free ports, runs the
 * steps of INSTRUCTIONS.md in order — each request shown as curl, its answer and one line on
 * what it shows — and ends with the full loop: an interface shut on the router becomes a
 * webhook, a diagnosis and a repair. Pauses for Enter between steps in a terminal, never under
 * CI or with --no-pause.
 */

/** What the demo (and step 6 of INSTRUCTIONS.md) types on the router. */
export const ROUTER_COMMANDS = [
  'terminal monitor',
  'configure terminal',
  'interface GigabitEthernet1',
  'shutdown',
  'end',
  'show ip interface brief',
];

const TOKEN = 'demo-token-1234';
const SECRET = 'demo-secret-1234';
const payload = (name: string): string => fs.readFileSync(`payloads/${name}`, 'utf8').trim();

async function run(out: DemoConsole, lab: InProcessLab, logLines: string[]): Promise<void> {
  const { urls } = lab;
  const bearer = { Authorization: `Bearer ${TOKEN}` };

  await out.step('Step 1 — receive an event (basic server)');
  await out.post(
    urls.basic,
    payload('basic_event.json'),
    bearer,
    200,
    'The listener validates the JSON, logs one line and acknowledges at once with an id.',
  );
  await out.post(urls.basic, '{"device": "Router1"}', bearer, 422, 'No "event" field: 422, and the details name the field.');

  await out.step('Step 2 — an event triggers an API call (joke server)');
  await out.post(
    urls.joke,
    payload('joke_request.json'),
    bearer,
    200,
    'icanhazdadjoke is out of reach here, so the bundled jokes answer ("source": "offline").',
  );

  await out.step('Step 3 — state across events (card server)');
  await out.post(
    urls.card,
    payload('card_draw_five.json'),
    bearer,
    200,
    'Five cards from one deck the server keeps; "remaining" counts down across events.',
  );

  await out.step('Step 4 — events drive a network device (network server)');
  await out.post(
    urls.network,
    payload('network_device_check.json'),
    bearer,
    200,
    'The server logged in to Router1 over SSH, ran show version and show ip interface brief, and parsed them.',
  );

  await out.step('Step 5 — only trusted senders (security)');
  const body = payload('basic_event.json');
  await out.post(urls.basic, body, {}, 401, 'No token, no signature: 401.');
  const signature = `sha256=${crypto.createHmac('sha256', SECRET).update(body).digest('hex')}`;
  await out.post(
    urls.basic,
    body,
    { 'X-Hub-Signature-256': signature },
    200,
    'Signed with HMAC-SHA256 over the exact bytes, as GitHub signs: accepted, and the secret never travelled.',
  );

  await out.step('Step 6 — close the loop: the router calls the network server');
  out.note(`ssh admin@127.0.0.1 -p ${lab.routerSshPort}   (password cisco)`);
  const from = logLines.length; // only what happens from here on
  const shell = await RouterShell.open(lab.routerSshPort);
  try {
    for (const command of ROUTER_COMMANDS.slice(0, -1)) out.terminal(await shell.type(command));
    out.explain(
      'The router logged %LINK-5-CHANGED (terminal monitor shows it here) and POSTed InterfaceDown to the network server (signed, like an EEM applet with a Guest Shell script).',
    );
    const since = (): string[] => logLines.slice(from);
    const repaired = await waitFor(
      () => since().find((l) => l.startsWith('DEVICE_COMMAND') && l.includes('command="no shutdown"')),
      15_000,
    );
    // The network server's side: the webhook it received and the commands it sent (with timings).
    for (const line of since().filter((l) => /^WEBHOOK_\w+ event=InterfaceDown|^DEVICE_COMMAND .*duration_ms/.test(l))) out.log(line);
    if (!repaired) out.failures += 1;
    out.explain(repaired ? 'The server diagnosed "administratively down" and sent no shutdown.' : 'No repair seen within 15 s.');
    await waitFor(() => since().find((l) => l.startsWith('WEBHOOK_RECEIVED') && l.includes('event=InterfaceUp')), 5_000);
    out.terminal(await shell.type(ROUTER_COMMANDS.at(-1)!));
    out.explain('GigabitEthernet1 is up again: event → webhook → diagnosis → repair, with no one polling.');
  } finally {
    await shell.close();
  }
}

async function waitFor<T>(find: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (let found = find(); ; found = find()) {
    if (found !== undefined || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 50)); // polling a log, not timing the test
  }
}

async function main(): Promise<void> {
  const pause = process.stdin.isTTY === true && !process.env.CI && !process.argv.includes('--no-pause');
  const out = new DemoConsole(pause);
  const stream = new PassThrough();
  const logLines: string[] = [];
  stream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  out.note('Starting a private lab on free ports (four servers and Router1)…');
  const lab = await startInProcessLab({
    env: { WEBHOOK_TOKEN: TOKEN, WEBHOOK_SECRET: SECRET, AUTO_REMEDIATE: 'true' },
    stream,
    dashboard: true,
  });
  // Project this while the demo runs: every request, every stage, the router and the loop, live.
  out.note(`The lab dashboard (open it, then give it the token ${TOKEN}): ${lab.dashboardUrl}`);
  try {
    await run(out, lab, logLines);
    out.note('\nDemo finished. The same steps, for students: INSTRUCTIONS.md.');
  } finally {
    await lab.close();
  }
  process.exit(out.failures > 0 ? 1 : 0);
}

if (require.main === module) void main();
