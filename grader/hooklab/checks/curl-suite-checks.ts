import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { must } from '../../check-failure';
import { need, type CheckFn, type GradeContext } from '../grade-context';
import type { ServerRole } from '../grade-targets';
import { runCurlScript } from '../run-curl-script';

// Nothing listens on port 1: network.sh then skips the shutdown part instead of touching
// some router simulator that happens to run on this machine.
const NO_CONTROL_PORT = 'http://127.0.0.1:1';

// A script of a dozen requests; past this the server is not answering anyway.
const SCRIPT_TIMEOUT_MS = 90_000;

/** Runs one script with the URL of its target; passes when every check in it passed. */
function script(
  name: string,
  role: ServerRole,
  urlVar: string,
  extra: (ctx: GradeContext) => Record<string, string> = () => ({}),
): CheckFn {
  return async (ctx) => {
    const target = need(ctx, role);
    ctx.http.assertAnswering(target);
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-grade-curl-'));
    try {
      const token = ctx.targets.auth.token;
      const result = await runCurlScript(
        name,
        {
          [urlVar]: target.url,
          LOG_DIR: logDir,
          CURL_MAX_TIME: role === 'network' ? '30' : '10',
          ...(token && { WEBHOOK_TOKEN: token }),
          ...extra(ctx),
        },
        SCRIPT_TIMEOUT_MS,
      );
      must(!result.problem, result.problem ?? '');
      const shown = result.failures
        .slice(0, 3)
        .map((l) => l.replace(/^FAIL\s+/, ''))
        .join('; ');
      must(
        result.failed === 0,
        `${name}: ${result.failed} of ${result.passed + result.failed} failed: ${shown}${result.failures.length > 3 ? '; …' : ''}`,
      );
      return `${name}: ${result.passed} passed`;
    } finally {
      fs.rmSync(logDir, { recursive: true, force: true });
    }
  };
}

/** The curl suite (10): each script of curl-tests/ run against its server. */
export const curlSuiteChecks: Record<string, CheckFn> = {
  'curl-basic': script('basic.sh', 'basic', 'BASIC_URL'),
  'curl-joke': script('joke.sh', 'joke', 'JOKE_URL'),
  'curl-card': script('card.sh', 'card', 'CARD_URL'),
  'curl-network': script('network.sh', 'network', 'NETWORK_URL', (ctx) => ({
    DEVICE_CONTROL_URL: ctx.targets.servers.deviceControl?.url ?? NO_CONTROL_PORT,
  })),
  'curl-security': script('security.sh', 'security', 'SECURITY_URL', (ctx) => {
    const { token, secret } = ctx.targets.securityCredentials;
    return { ...(token && { WEBHOOK_TOKEN: token }), ...(secret && { WEBHOOK_SECRET: secret }) };
  }),
};
