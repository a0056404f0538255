import fs from 'node:fs';
import path from 'node:path';

/**
 * Typical student mistakes, each one small edit to a solution. A mistake must change what the
 * server does over HTTP (or to the device), so that the grader sees it: check-solutions.test.ts
 * grades each mistaken solution (`writeMistake`) with `npm run check`'s own grader and proves it
 * loses exactly the points of the lab checks in `costs`, and nothing else.
 */
export interface TypicalMistake {
  id: string;
  step: number;
  /** What the student did, as a hint would say it. */
  what: string;
  /** The ids of the lab rubric's checks (grader/lab/lab-rubric.ts) that catch it: their points are lost. */
  costs: readonly string[];
  /** The text of the solution that the mistake replaces (it must occur exactly once). */
  find: string;
  replace: string;
  /** A second edit the mistake needs (e.g. the variable it keeps something in), under the same rule. */
  also?: { find: string; replace: string };
}

export const TYPICAL_MISTAKES: readonly TypicalMistake[] = [
  {
    id: 'no-error-handler',
    step: 1,
    what: "no error handler: a body that is not JSON gets Express's HTML error page, which a webhook sender cannot read",
    costs: ['basic-malformed-json'],
    find: `  // Four arguments make it an error handler: express.json's errors arrive here.
  app.use((err: { type?: string }, req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.parse.failed') return sendError(res, 400, 'INVALID_JSON', 'The request body is not valid JSON.');
    if (err.type === 'entity.too.large') return sendError(res, 413, 'PAYLOAD_TOO_LARGE', 'The request body is too large (100 kB at most).');
    log('ERROR', { path: req.path, reason: String(err) });
    sendError(res, 500, 'INTERNAL', 'Something went wrong on our side.');
  });
`,
    replace: '',
  },
  {
    id: 'event-type-unchecked',
    step: 1,
    what: '"event" is required but its type is not checked: {"event": 42} is acknowledged as an event',
    costs: ['basic-event-type'],
    find: 'const eventSchema = Joi.object({ event: Joi.string().max(100).required(),',
    replace: 'const eventSchema = Joi.object({ event: Joi.any().required(),',
  },
  {
    id: 'no-timeout',
    step: 2,
    what: 'axios is called without a timeout: a joke API that never answers holds the webhook sender past its own limit',
    costs: ['joke-upstream-hang'],
    find: '    timeout: env.upstreamTimeoutMs,\n',
    replace: '',
  },
  {
    id: 'deck-per-event',
    step: 3,
    what: 'a new deck for every event: the deck is not kept across events',
    costs: ['card-same-deck'],
    find: 'if (deck === undefined || reshuffled) deck = await newDeck();',
    replace: 'deck = await newDeck();',
  },
  {
    id: 'card-drawn-once',
    step: 3,
    what: "the first event's draw is kept and answered to every later event (to save API calls): no event after the first gets a card of its own",
    costs: ['card-each-event'],
    find: '      const dealt = await oneAtATime(() => draw(count));',
    replace: '      const dealt = (firstDraw ??= await oneAtATime(() => draw(count)));',
    also: {
      find: '  let deck: { id: string; remaining: number } | undefined;\n',
      replace:
        '  let deck: { id: string; remaining: number } | undefined;\n  let firstDraw: Awaited<ReturnType<typeof draw>> | undefined;\n',
    },
  },
  {
    id: 'no-interface-validation',
    step: 4,
    what: 'the interface name is not checked: "Gi1; reload" or "GigabitEthernet1\\nreload" reaches the router\'s CLI',
    costs: ['device-injection'],
    find: [
      'interface: Joi.string()',
      '    .pattern(INTERFACE_NAME)',
      "    .messages({ 'string.pattern.base': '\"interface\" must be an interface name such as GigabitEthernet1' }),",
    ].join('\n'),
    replace: 'interface: Joi.string(),',
  },
  {
    id: 'no-device-timeout',
    step: 4,
    what: "the device conversation has no deadline (no readyTimeout, no withTimeout): node-ssh's default waits 20 s for a device that accepts the connection and says nothing",
    costs: ['device-hang'],
    find: `      found = await withTimeout(
        readDevice(env, log, name),
        env.upstreamTimeoutMs,
        'DEVICE_TIMEOUT',
        \`\${env.device.name} did not answer in time.\`,
      );`,
    replace: '      found = await readDevice(env, log, name);',
    also: { find: '      readyTimeout: env.upstreamTimeoutMs,\n', replace: '' },
  },
  {
    id: 'signature-over-parsed-json',
    step: 5,
    what: 'the signature is computed over JSON.stringify of the parsed body, not the bytes received: a correctly signed file is refused',
    costs: ['sec-signature'],
    find: 'signatureOf(req.body, env.webhookSecret)',
    replace: "signatureOf(Buffer.from(JSON.stringify(JSON.parse(req.body.toString('utf8')))), env.webhookSecret)",
  },
  {
    id: 'token-in-log',
    step: 5,
    what: 'the Authorization header is logged with each event (to trace who sent it): the token is in the log for anyone who reads it',
    costs: ['sec-log-secrets'],
    find: "log('WEBHOOK_RECEIVED', { event, bytes: req.body.length, source: req.ip });",
    replace: "log('WEBHOOK_RECEIVED', { event, bytes: req.body.length, source: req.ip, authorization: req.get('authorization') });",
  },
  {
    id: 'diagnose-only-when-remediating',
    step: 6,
    what: "the device is looked at only when AUTO_REMEDIATE is on: with it off (the default) the router's InterfaceDown is acknowledged and nothing is diagnosed",
    costs: ['close-loop', 'loop-looks-at-interface', 'loop-no-config'],
    find: '    const result = await withDevice(env, log, async (cli) => {\n',
    replace: `    if (!env.autoRemediate) {
      res.json({ event: 'InterfaceDown', device: env.device.name, interface: name, remediation: { attempted: false, reason: 'AUTO_REMEDIATE is off.' } });
      return;
    }
    const result = await withDevice(env, log, async (cli) => {
`,
  },
  {
    id: 'show-version-not-interface',
    step: 6,
    what: "the router's InterfaceDown is answered by asking the device `show version` (is it alive?), not about the interface the event names",
    costs: ['loop-looks-at-interface'],
    find: '  const m = STATUS_LINE.exec(await cli.run(`show interfaces ${name}`));',
    replace: "  const m = STATUS_LINE.exec(await cli.run('show version'));",
  },
  {
    id: 'remediates-with-auto-remediate-off',
    step: 6,
    what: 'AUTO_REMEDIATE is not read: `no shutdown` is sent whenever the interface is administratively down, also when remediation is off',
    costs: ['loop-no-config'],
    find: `      if (!env.autoRemediate) {
        return { ...found, remediation: { attempted: false, reason: 'AUTO_REMEDIATE is off: diagnosis only.' } };
      }
`,
    replace: '',
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
  let text = fs.readFileSync(solution, 'utf8');
  for (const edit of [mistake, ...(mistake.also ? [mistake.also] : [])]) {
    const count = text.split(edit.find).length - 1;
    if (count !== 1)
      throw new Error(`${mistake.id}: expected the solution of step ${mistake.step} to contain its text once, found ${count}`);
    text = text.replace(edit.find, () => edit.replace);
  }
  const file = path.join(path.dirname(solution), `server.${mistake.id}.${process.pid}.mistake.ts`);
  fs.writeFileSync(file, text);
  return { file, remove: () => fs.rmSync(file, { force: true }) };
}
