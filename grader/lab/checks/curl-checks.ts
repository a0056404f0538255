import { must } from '../../check-failure';
import type { LabCheckFn, LabContext } from '../lab-context';
import { runCurlCriterion, type CurlResults, type Mutant } from '../../curl/curl-suite-results';
import type { SuiteRun } from '../../curl/run-curl-suite';

/** One run of the whole procedure per grade; the five checks read it. */
const results = (ctx: LabContext): Promise<CurlResults> => ctx.once('curl-suite', () => runCurlCriterion(ctx));

const ended = (run: SuiteRun): string =>
  run.timedOut ? `did not finish within ${Math.round(run.ms / 1000)} s` : `exited ${run.code ?? 'without a code'}`;

const MUTANT_SAYS: Record<Mutant, string> = {
  '500': 'servers that answer 500 to every request',
  malformed: 'servers that accept a body that is not JSON (200 {"status":"ok"})',
  'no-token': 'servers that accept events without the token or signature',
};

/** Which event each server must have received from the suite. */
const WANTED = { basic: 'any event', joke: 'JokeRequest', card: 'CardDraw', network: 'NetworkDeviceCheck' } as const;

function catches(mutant: Mutant): LabCheckFn {
  return async (ctx) => {
    const r = await results(ctx);
    must(
      r.real.code === 0,
      `the suite must pass against the real servers first (it ${ended(r.real)}): a suite that fails anyway catches nothing`,
    );
    const run = r.mutants[mutant]!;
    must(
      run.code !== 0 && !run.timedOut,
      `the suite passed against ${MUTANT_SAYS[mutant]}${run.timedOut ? ' (it did not finish)' : ''}: it does not check that`,
    );
  };
}

/** The curl criterion: the student's own suite, run by the grader. */
export const curlChecks: Record<string, LabCheckFn> = {
  async 'curl-passes'(ctx) {
    const r = await results(ctx);
    must(
      r.real.code === 0,
      `${r.suite} ${ended(r.real)} against the servers${r.real.tail ? `; last lines: ${r.real.tail.slice(-300)}` : ''}`,
    );
    return `${r.suite} passed in ${(r.real.ms / 1000).toFixed(1)} s`;
  },

  async 'curl-covers-events'(ctx) {
    const r = await results(ctx);
    const missing = (Object.keys(WANTED) as Array<keyof typeof WANTED>).filter((role) =>
      role === 'basic' ? r.events.basic.length === 0 : !r.events[role].includes(WANTED[role]),
    );
    must(missing.length === 0, `the suite never sent ${missing.map((role) => `${WANTED[role]} to ${role.toUpperCase()}_URL`).join(', ')}`);
  },

  'curl-catches-500': catches('500'),
  'curl-catches-malformed': catches('malformed'),
  'curl-catches-no-token': catches('no-token'),
};
