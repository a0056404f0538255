import { must } from '../../check-failure';
import { describeAnswer, GradeHttp, type Answer } from '../../grade-http';
import { CheckFailure } from '../../check-failure';
import { need, type LabCheckFn, type LabContext } from '../lab-context';
import { accepted, notAnError, refused } from '../read-answer';
import { labEvent } from './basic-checks';

/**
 * Step 5: who may send. A server may want the token AND a signature, or accept EITHER (as
 * GitHub-style senders and this repo do); each check passes for both designs, and proves the
 * proof it grades is really checked (the right one accepted, a wrong one refused).
 */

type Proof = 'none' | 'right' | 'wrong' | 'other-body';

/**
 * The lab's event laid out as its example webhook request shows it, one field per line ("Here's
 * a minimal example of what a Webhook request might look like"). A signature covers these exact
 * bytes: a server that signs JSON it parsed and serialised again computes another HMAC.
 */
const labRequestBody = (ctx: LabContext): string => `${JSON.stringify(labEvent(ctx), null, 2)}\n`;

/** POSTs the lab's event to the security target with this token and this signature. */
async function send(ctx: LabContext, token: Proof, signature: Proof): Promise<Answer> {
  const body = labRequestBody(ctx);
  const { WEBHOOK_TOKEN: rightToken, WEBHOOK_SECRET: secret } = ctx.info.env;
  const signed = signature === 'other-body' ? body.replace('GigabitEthernet1', 'GigabitEthernet2') : body;
  const sigs =
    signature === 'none'
      ? {}
      : GradeHttp.authHeaders({ secret: signature === 'wrong' ? `not-${secret}` : secret }, Buffer.from(signed), true);
  const headers: Record<string, string> = { ...sigs };
  if (token !== 'none') headers.authorization = `Bearer ${token === 'right' ? rightToken : 'not-the-token-0000'}`;
  return ctx.http.send(need(ctx, 'security'), { path: '/events', body, headers, auth: false });
}

const LABEL: Record<Proof, string> = { none: 'no', right: 'the right', wrong: 'a wrong', 'other-body': "another body's" };
const describeSend = (token: Proof, signature: Proof): string => `${LABEL[token]} token and ${LABEL[signature]} signature`;

async function mustRefuse(ctx: LabContext, token: Proof, signature: Proof): Promise<void> {
  const a = await send(ctx, token, signature);
  must(refused(a), `an event with ${describeSend(token, signature)} was not refused: ${describeAnswer(a)}`);
  const problem = notAnError(a, '4xx', `an event with ${describeSend(token, signature)}`);
  must(problem === '', problem);
}

async function mustAcceptBoth(ctx: LabContext): Promise<void> {
  const a = await send(ctx, 'right', 'right');
  must(accepted(a), `an event with the right token and a valid signature was refused: ${describeAnswer(a)}`);
}

export const securityChecks: Record<string, LabCheckFn> = {
  async 'sec-token'(ctx) {
    await mustAcceptBoth(ctx);
    await mustRefuse(ctx, 'none', 'none');
    await mustRefuse(ctx, 'wrong', 'none');
    // The token counts: either it alone is enough, or a wrong one spoils a valid signature.
    const alone = await send(ctx, 'right', 'none');
    if (accepted(alone)) return;
    const spoiled = await send(ctx, 'wrong', 'right');
    must(
      refused(spoiled),
      `the token is not checked: a wrong token with a valid signature was accepted (${describeAnswer(spoiled)}), and the right token alone was not (${describeAnswer(alone)})`,
    );
  },

  async 'sec-signature'(ctx) {
    await mustAcceptBoth(ctx);
    await mustRefuse(ctx, 'none', 'wrong');
    await mustRefuse(ctx, 'none', 'other-body');
    // The signature counts: either it alone is enough, or a bad one spoils the right token.
    const alone = await send(ctx, 'none', 'right');
    if (accepted(alone)) return;
    const spoiled = await send(ctx, 'right', 'wrong');
    must(
      refused(spoiled),
      `the signature is not checked, or not over the bytes received: a valid signature alone (of the lab's event laid out one field per line) was refused (${describeAnswer(alone)}), and the right token with a bad signature was accepted (${describeAnswer(spoiled)})`,
    );
  },

  async 'sec-log-secrets'(ctx) {
    if (ctx.passed('sec-token') === false && ctx.passed('sec-signature') === false)
      throw new CheckFailure(
        'the log: graded only once the server checks a token or a signature (a server that checks none has no credential to keep out of its log)',
      );
    // One more signed event, whose signature the grader knows, then what the servers logged.
    const body = Buffer.from(labRequestBody(ctx));
    const proof = GradeHttp.authHeaders({ token: ctx.info.env.WEBHOOK_TOKEN, secret: ctx.info.env.WEBHOOK_SECRET }, body, true);
    const a = await ctx.http.send(need(ctx, 'security'), { path: '/events', body, headers: proof, auth: false });
    must(accepted(a), `an event with the right token and a valid signature was refused: ${describeAnswer(a)}`);
    await new Promise((resolve) => setTimeout(resolve, LOG_SETTLE_MS));
    const text = ctx.serverLog.read();
    must(
      /InterfaceDown/.test(text),
      `the log: the grader found no line about the events it sent in ${ctx.serverLog.where}; write one line per event to a file in LOG_DIR (the kit's createLog does), so it can be checked for credentials`,
    );
    const leaked = credentialsIn(text, ctx, proof);
    must(
      leaked.length === 0,
      `the log (${ctx.serverLog.where}) holds ${leaked.join(', ')}: anyone who can read the log can now send events${leaked.some((l) => l.startsWith('DEVICE')) ? ' or log in to the device' : ''}`,
    );
  },
};

/** A log line is written a moment after the answer (or by a background task). */
const LOG_SETTLE_MS = 300;

/** The credentials found in the log text, by name (their values are never repeated in a reason). */
function credentialsIn(text: string, ctx: LabContext, proof: Record<string, string>): string[] {
  const env = ctx.info.env;
  const hex = (proof['x-hub-signature-256'] ?? '').replace(/^sha256=/, '');
  const standard = (proof['webhook-signature'] ?? '').replace(/^v1,/, '');
  const secrets: Array<[string, string]> = [
    ['WEBHOOK_TOKEN', env.WEBHOOK_TOKEN],
    ['WEBHOOK_SECRET', env.WEBHOOK_SECRET],
    ['DEVICE_PASSWORD', env.DEVICE_PASSWORD],
    ['DEVICE_ENABLE_SECRET', env.DEVICE_ENABLE_SECRET],
    ['the X-Hub-Signature-256 signature', hex],
    ['the webhook-signature signature', standard],
  ];
  // The random part of a made-up value is enough ("token-" dropped still leaks it); a value too
  // short to be told from ordinary words (a student's own `cisco`) is not looked for.
  const needle = (value: string): string => (value.replace(/^[a-z]+-/, '').length >= 6 ? value.replace(/^[a-z]+-/, '') : value);
  return secrets.filter(([, value]) => needle(value).length >= 6 && text.includes(needle(value))).map(([name]) => name);
}
