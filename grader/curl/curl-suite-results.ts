import fs from 'node:fs';
import path from 'node:path';
import { CheckFailure } from '../check-failure';
import type { LabContext, LabRole } from '../lab/lab-context';
import { startSuiteProxy, type ProxyMode, type SuiteProxy } from './suite-proxy';
import { runCurlSuite, type SuiteRun } from './run-curl-suite';

export type Mutant = Exclude<ProxyMode, 'record'>;
export const MUTANTS: readonly Mutant[] = ['500', 'malformed', 'no-token'];

/** Everything the curl checks read: one real run, what it sent, and the mutant runs. */
export interface CurlResults {
  suite: string;
  real: SuiteRun;
  /** The events each server received from the suite (through the recording proxy). */
  events: Record<Exclude<LabRole, 'security'>, string[]>;
  /** Only when the real run passed: a suite that fails anyway catches nothing. */
  mutants: Partial<Record<Mutant, SuiteRun>>;
}

const ROLES = ['basic', 'joke', 'card', 'network'] as const;
const URL_VARS = { basic: 'BASIC_URL', joke: 'JOKE_URL', card: 'CARD_URL', network: 'NETWORK_URL' } as const;

/**
 * Runs the student's curl suite (GRADE_CURL_SUITE) against recording proxies in front of the
 * real servers, then, if it passed, against the three mutants. Throws a CheckFailure when there
 * is no suite to run.
 */
export async function runCurlCriterion(ctx: LabContext): Promise<CurlResults> {
  const suite = ctx.curl.path;
  if (!suite)
    throw new CheckFailure('GRADE_CURL_SUITE is not set: name your curl test script (e.g. GRADE_CURL_SUITE=curl_tests/test_webhooks.sh)');
  const script = path.resolve(suite);
  if (!fs.existsSync(script)) throw new CheckFailure(`GRADE_CURL_SUITE ${suite}: no such file`);
  const { WEBHOOK_TOKEN: token, WEBHOOK_SECRET: secret } = ctx.info.env;
  const proxies = {} as Record<(typeof ROLES)[number], SuiteProxy>;
  try {
    for (const role of ROLES) proxies[role] = await startSuiteProxy(ctx.targets.servers[role]?.url, { token, secret });
    const env: Record<string, string> = {
      ...Object.fromEntries(ROLES.map((r) => [URL_VARS[r], proxies[r].url])),
      SECURITY_URL: proxies.basic.url,
      WEBHOOK_TOKEN: token,
      WEBHOOK_SECRET: secret,
      DEVICE_NAME: ctx.info.env.DEVICE_NAME,
      DEVICE_CONTROL_URL: ctx.info.device.control_url,
      ...ctx.curl.env,
    };
    const run = (): Promise<SuiteRun> =>
      runCurlSuite(script, env, { ...(ctx.curl.cwd && { cwd: ctx.curl.cwd }), timeoutMs: ctx.curl.timeoutMs ?? 90_000 });
    const real = await run();
    const events = Object.fromEntries(ROLES.map((r) => [r, [...proxies[r].events]])) as CurlResults['events'];
    const mutants: CurlResults['mutants'] = {};
    if (real.code === 0) {
      for (const mutant of MUTANTS) {
        for (const role of ROLES) proxies[role].mode = mutant;
        mutants[mutant] = await run();
      }
    }
    return { suite, real, events, mutants };
  } finally {
    await Promise.all(Object.values(proxies).map((p) => p.close()));
  }
}
