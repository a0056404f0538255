import { must } from '../../check-failure';
import { describeAnswer, GradeHttp, type Answer } from '../../grade-http';
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

  async 'sec-payload-types'(ctx) {
    for (const body of ['["InterfaceDown"]', '{"event": {"name": "InterfaceDown"}}', '{"event": null}']) {
      const problem = notAnError(await ctx.http.send(need(ctx, 'security'), { path: '/events', body }), '4xx', `basic: ${body}`);
      must(problem === '', problem);
    }
  },
};
