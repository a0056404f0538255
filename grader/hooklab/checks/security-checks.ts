import { CheckFailure, must } from '../../check-failure';
import { describeAnswer, GradeHttp, type Answer } from '../../grade-http';
import { need, type CheckFn, type GradeContext } from '../grade-context';
import { expectError, expectJson } from '../expect-answer';

const BODY = JSON.stringify({ event: 'InterfaceDown', device: 'Router1', interface: 'GigabitEthernet1' });

/** POSTs the lab's event to the security target with exactly these headers. */
const post = (ctx: GradeContext, headers: Record<string, string>, body: string | Buffer = BODY): Promise<Answer> =>
  ctx.http.send(need(ctx, 'security'), { path: '/events', body, headers, auth: false });

const refused = (a: Answer, what: string): void => {
  must(a.status === 401, `${what}: expected HTTP 401, got ${describeAnswer(a)}`);
};

/** Headers that prove the sender with every credential the target was started with. */
const proof = (ctx: GradeContext, body: string | Buffer): Record<string, string> =>
  GradeHttp.authHeaders(ctx.targets.securityCredentials, Buffer.from(body));

function noCredentials(ctx: GradeContext): never {
  const hint =
    ctx.targets.mode === 'external' ? ': set GRADE_WEBHOOK_TOKEN or GRADE_WEBHOOK_SECRET to what the server was started with' : '';
  throw new CheckFailure(`no token or secret is configured for the security target${hint}`);
}

/** Security (5): who may send, and what may be sent. */
export const securityChecks: Record<string, CheckFn> = {
  async 'unauthenticated-refused'(ctx) {
    const { token, secret } = ctx.targets.securityCredentials;
    if (!token && !secret) noCredentials(ctx);
    refused(await post(ctx, {}), 'an event with no credentials');
    if (token) refused(await post(ctx, { authorization: 'Bearer not-the-token-0000' }), 'an event with a wrong token');
  },

  async 'bad-signature-refused'(ctx) {
    const { secret } = ctx.targets.securityCredentials;
    if (!secret) {
      const hint = ctx.targets.mode === 'external' ? ' (GRADE_WEBHOOK_SECRET)' : '';
      throw new CheckFailure(`no secret is configured for the security target${hint}: signatures cannot be checked`);
    }
    refused(await post(ctx, { 'x-hub-signature-256': 'sha256=0000' }), 'a bad X-Hub-Signature-256');
    const signedOther = GradeHttp.authHeaders({ secret }, Buffer.from(BODY.replace('Router1', 'Router2')))['x-hub-signature-256']!;
    refused(await post(ctx, { 'x-hub-signature-256': signedOther }), 'a signature over a different body');
  },

  async 'credentials-accepted'(ctx) {
    const { token, secret } = ctx.targets.securityCredentials;
    if (!token && !secret) noCredentials(ctx);
    if (token)
      expectJson(await post(ctx, { authorization: `Bearer ${token}` }), (s) => s >= 200 && s < 300, 'an event with the right token');
    if (secret)
      expectJson(
        await post(ctx, GradeHttp.authHeaders({ secret }, Buffer.from(BODY))),
        (s) => s >= 200 && s < 300,
        'an event with a valid X-Hub-Signature-256',
      );
  },

  async 'oversized-body'(ctx) {
    const big = Buffer.from(JSON.stringify({ event: 'InterfaceDown', filler: 'x'.repeat(150_000) }));
    expectError(await post(ctx, proof(ctx, big), big), 413, 'PAYLOAD_TOO_LARGE', 'a 150 kB body');
  },

  async 'malformed-json'(ctx) {
    const bad = '{"event": "InterfaceDown",';
    expectError(await post(ctx, proof(ctx, bad), bad), 400, 'INVALID_JSON', 'malformed JSON');
  },
};
