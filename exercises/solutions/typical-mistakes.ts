import fs from 'node:fs';
import path from 'node:path';

/**
 * Typical student mistakes, each one small edit to a solution. A mistake must change what the
 * server does over HTTP (or to the device): typical-mistakes.test.ts proves each one is caught,
 * and a grader can start the mistaken server (`writeMistake`) to prove it loses the matching points.
 */
export interface TypicalMistake {
  id: string;
  step: number;
  /** What the student did, as a hint would say it. */
  what: string;
  /** The text of the solution that the mistake replaces (it must occur exactly once). */
  find: string;
  replace: string;
}

export const TYPICAL_MISTAKES: readonly TypicalMistake[] = [
  {
    id: 'no-timeout', step: 2,
    what: 'axios is called without a timeout: a joke API that never answers holds the webhook sender past its own limit',
    find: '    timeout: env.upstreamTimeoutMs,\n',
    replace: '',
  },
  {
    id: 'deck-per-event', step: 3,
    what: 'a new deck for every event: the deck is not kept across events',
    find: 'if (deck === undefined || reshuffled) deck = await newDeck();',
    replace: 'deck = await newDeck();',
  },
  {
    id: 'no-interface-validation', step: 4,
    what: 'the interface name is not checked: "Gi1; reload" reaches the router\'s CLI',
    find: "interface: Joi.string().pattern(INTERFACE_NAME).messages({ 'string.pattern.base': '\"interface\" must be an interface name such as GigabitEthernet1' }),",
    replace: 'interface: Joi.string(),',
  },
  {
    id: 'signature-over-parsed-json', step: 5,
    what: 'the signature is computed over JSON.stringify of the parsed body, not the bytes received: a correctly signed file is refused',
    find: 'signatureOf(req.body, env.webhookSecret)',
    replace: "signatureOf(Buffer.from(JSON.stringify(JSON.parse(req.body.toString('utf8')))), env.webhookSecret)",
  },
  {
    id: 'remediate-any-down', step: 6,
    what: '"no shutdown" is sent for every interface that is down, also one whose cable is out',
    find: "if (found.verdict !== 'admin_down') {",
    replace: "if (found.verdict === 'up') {",
  },
];

export function typicalMistake(id: string): TypicalMistake {
  const mistake = TYPICAL_MISTAKES.find((m) => m.id === id);
  if (!mistake) throw new Error(`no typical mistake "${id}"`);
  return mistake;
}

/**
 * Writes the solution with the mistake in, next to the solution (so its imports resolve), and
 * returns its path; `remove()` deletes it. Throws if the solution no longer contains `find`
 * exactly once — the mistake would silently be no mistake at all.
 */
export function writeMistake(mistake: TypicalMistake): { file: string; remove(): void } {
  const solution = path.join(__dirname, `step${mistake.step}`, 'server.ts');
  const text = fs.readFileSync(solution, 'utf8');
  const count = text.split(mistake.find).length - 1;
  if (count !== 1) throw new Error(`${mistake.id}: expected the solution of step ${mistake.step} to contain its text once, found ${count}`);
  const file = path.join(path.dirname(solution), `server.${mistake.id}.${process.pid}.mistake.ts`);
  fs.writeFileSync(file, text.replace(mistake.find, mistake.replace));
  return { file, remove: () => fs.rmSync(file, { force: true }) };
}
