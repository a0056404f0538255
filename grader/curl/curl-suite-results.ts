import crypto from 'node:crypto';
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

/** Runs `each` for every item, one at a time, in a shuffled order; results by item. */
async function inRandomOrder<T, R>(items: readonly T[], each: (item: T) => Promise<R>): Promise<Map<T, R>> {
  const order = [...items];
  for (let i = order.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const results = new Map<T, R>();
  for (const item of order) results.set(item, await each(item));
  return results;
}

const ROLES = ['basic', 'joke', 'card', 'network'] as const;
const URL_VARS = { basic: 'BASIC_URL', joke: 'JOKE_URL', card: 'CARD_URL', network: 'NETWORK_URL' } as const;

/**
 * Runs the student's curl suite (GRADE_CURL_SUITE) against recording proxies in front of the
 * real servers and against the three mutants, in a random order; the mutant runs count only
 * when the real run passed. Throws a CheckFailure when there
 * is no suite to run.
 */
export async function runCurlCriterion(ctx: LabContext): Promise<CurlResults> {
  const suite = ctx.curl.path;
  if (!suite)
    throw new CheckFailure(
      ctx.curl.missing ?? 'GRADE_CURL_SUITE is not set: name your curl test script (e.g. GRADE_CURL_SUITE=curl_tests/test_webhooks.sh)',
    );
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
    // Each run within its own limit and within what is left of the student's (the deadline).
    const run = (): Promise<SuiteRun> => {
      const timeoutMs = Math.min(ctx.curl.timeoutMs ?? 90_000, (ctx.curl.deadline ?? Infinity) - Date.now());
      if (timeoutMs <= 0)
        return Promise.resolve({ code: null, timedOut: true, tail: 'not run: the time limit for this student ran out', ms: 0 });
      return runCurlSuite(script, env, { ...(ctx.curl.cwd && { cwd: ctx.curl.cwd }), timeoutMs });
    };
    // The real run and the mutant runs in a random order: a suite cannot pass by counting its runs.
    const runs = await inRandomOrder(['record', ...MUTANTS] as const, async (mode) => {
      for (const role of ROLES) proxies[role].mode = mode;
      return run();
    });
    const real = runs.get('record')!;
    const events = Object.fromEntries(ROLES.map((r) => [r, [...proxies[r].events]])) as CurlResults['events'];
    const mutants: CurlResults['mutants'] = real.code === 0 ? Object.fromEntries(MUTANTS.map((m) => [m, runs.get(m)!])) : {};
    return { suite, real, events, mutants };
  } finally {
    await Promise.all(Object.values(proxies).map((p) => p.close()));
  }
}
