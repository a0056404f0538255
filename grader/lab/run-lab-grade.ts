import { GradeHttp, type Transport } from '../grade-http';
import type { CheckReport, CriterionReport, GradeReport } from '../grade-report';
import type { WorldClient } from '../world/world-client';
import { checksOfRun, LAB_POINTS, LAB_RUBRIC, type LabCheckOfRun, type LabStep } from './lab-rubric';
import type { CurlSuiteOptions, LabCheckFn, LabContext, LabTargets } from './lab-context';
import { basicChecks } from './checks/basic-checks';
import { securityChecks } from './checks/security-checks';
import { jokeChecks } from './checks/joke-checks';
import { cardChecks } from './checks/card-checks';
import { networkChecks } from './checks/network-checks';
import { curlChecks } from './checks/curl-checks';
import { HANG_LIMIT_MS } from './checks/upstream-fault';
import { runCheck } from '../run-check';
import { watchServerLog } from './server-log';

const IMPLEMENTATIONS: Record<string, LabCheckFn> = {
  ...basicChecks,
  ...securityChecks,
  ...jokeChecks,
  ...cardChecks,
  ...networkChecks,
  ...curlChecks,
};

/**
 * The order checks run in (the report keeps the rubric's order). Faults come last: a server
 * whose upstream just failed may answer from a fallback for a while (a circuit breaker), and
 * the device goes down only after everything that needs it; the curl suite runs on a healthy world.
 * What the servers logged and what the device ran over the whole run is read at the very end.
 */
export const EXECUTION_ORDER: readonly string[] = [
  'basic-acknowledges',
  'basic-any-event',
  'basic-missing-event',
  'basic-malformed-json',
  'basic-event-type',
  'sec-token',
  'sec-signature',
  'joke-answers',
  'joke-each-event',
  'joke-unknown-event',
  'card-answers',
  'card-each-event',
  'card-same-deck',
  'card-unknown-event',
  'network-answers',
  'device-interfaces',
  'device-states',
  'device-injection',
  'network-unknown-event',
  'close-loop',
  'loop-looks-at-interface',
  'curl-passes',
  'curl-covers-events',
  'curl-catches-500',
  'curl-catches-malformed',
  'curl-catches-no-token',
  'joke-upstream-5xx',
  'joke-upstream-garbage',
  'joke-upstream-down',
  'joke-upstream-hang',
  'card-upstream-5xx',
  'card-upstream-garbage',
  'card-upstream-down',
  'card-upstream-hang',
  'device-down',
  'device-hang',
  // Last: everything the servers logged, and every command the device ran, while they were graded (late ones too).
  'sec-log-secrets',
  'loop-no-config',
];

export interface RunLabGradeOptions {
  mode: GradeReport['mode'];
  /** Grade one lab step only. */
  step?: LabStep;
  /** Grade only these checks (the calibration tests: a feature's step, without the rest). */
  only?: readonly string[];
  /** How long a server may take when its upstream API hangs (15 s). */
  hangLimitMs?: number;
  curl?: CurlSuiteOptions;
  /** Default timeout of one HTTP request (10 s). */
  requestTimeoutMs?: number;
  /** Timeout of a request that makes the server talk to the device (40 s: a Netmiko login takes a few). */
  deviceTimeoutMs?: number;
  /** After this moment (epoch ms) no further check starts; the rest lose their points, saying so. */
  deadline?: number;
  notes?: string[];
  /** Called after each check (progress on stderr). */
  onCheck?: (criterion: CriterionReport, check: CheckReport) => void;
  /** How requests reach the servers (default node:http; the jest harness: supertest). */
  transport?: Transport;
}

/** What is left of a student's time limit (no limit: forever); a check in flight stops at it. */
const timeLeft = (deadline: number | undefined): number => (deadline === undefined ? Infinity : Math.max(1, deadline - Date.now()));

// No single check may hold the grade hostage, whatever the server does (the curl suite has its own limits).
const CHECK_DEADLINE_MS = 150_000;

/** How long one check may run: the curl suite runs four times, each with its own limit. */
export const checkLimitMs = (id: string, curl: CurlSuiteOptions | undefined): number =>
  id.startsWith('curl-') ? 4 * (curl?.timeoutMs ?? 90_000) + 30_000 : CHECK_DEADLINE_MS;

/**
 * One grading run, a check at a time: `runLabGrade` runs them all; the jest harness
 * (grader/jest) runs each as a jest test. Either way the same checks, context and order.
 */
export interface LabGradeSession {
  /** The checks of this run, in the order they must run. */
  plan: readonly LabCheckOfRun[];
  /** Runs one check of the plan (in plan order) and says what it came to. */
  run(id: string): Promise<CheckReport>;
  /** Puts the world back and adds up the report (checks not run are missing from it). */
  finish(): Promise<GradeReport>;
}

/** The checks a run of these options grades, in the order they run. */
export function planOf(run: Pick<RunLabGradeOptions, 'step' | 'only'>): readonly LabCheckOfRun[] {
  const included = checksOfRun(run);
  return EXECUTION_ORDER.flatMap((id) => included.filter((c) => c.id === id));
}

/**
 * Starts grading the targets against the lab's rubric, in a world the grader controls. One check
 * at a time (the deck, the router and the stand-in APIs are shared state); never throws for
 * anything a server does. Throws only when the world itself does not answer.
 */
export async function startLabGrade(targets: LabTargets, world: WorldClient, options: RunLabGradeOptions): Promise<LabGradeSession> {
  const started = performance.now();
  await world.reset();
  const info = await world.setRelay({ target: targets.servers.network?.url ?? null, forwarding: false });
  const shared = new Map<string, Promise<unknown>>();
  const results = new Map<string, CheckReport>();
  const credentials = { token: info.env.WEBHOOK_TOKEN, secret: info.env.WEBHOOK_SECRET };
  const ctx: LabContext = {
    targets,
    world,
    info,
    http: new GradeHttp(credentials, options.requestTimeoutMs ?? 10_000, true, options.transport),
    curl: { ...options.curl, ...(options.deadline !== undefined && { deadline: options.deadline }) },
    serverLog: watchServerLog(targets.logs ?? { dir: info.log_dir }),
    deviceTimeoutMs: options.deviceTimeoutMs ?? 40_000,
    hangLimitMs: options.hangLimitMs ?? HANG_LIMIT_MS,
    once: <T>(key: string, make: () => Promise<T>) => {
      if (!shared.has(key)) shared.set(key, make());
      return shared.get(key) as Promise<T>;
    },
    passed: (id) => results.get(id)?.passed,
  };
  const included = checksOfRun(options);
  const plan = planOf(options);
  const criteria: CriterionReport[] = LAB_RUBRIC.map((c) => ({
    id: c.id,
    title: c.title,
    points: 0,
    earned: 0,
    checks: [] as CheckReport[],
  })).filter((c) => included.some((k) => k.criterion === c.id));

  return {
    plan,
    async run(id) {
      const check = plan.find((c) => c.id === id);
      if (!check) throw new Error(`no check ${id} in this grading run`);
      const t = performance.now();
      const late = options.deadline !== undefined && Date.now() > options.deadline;
      const { reason, note } = late
        ? { reason: 'not run: the time limit for this student ran out', note: undefined }
        : await runCheck(IMPLEMENTATIONS[id]!, ctx, Math.min(checkLimitMs(id, options.curl), timeLeft(options.deadline)));
      const result: CheckReport = {
        id,
        title: check.title,
        points: check.points,
        earned: reason ? 0 : check.points,
        passed: !reason,
        ...(reason && { reason, hint: check.hint }),
        quote: check.quote,
        ...(note && { note }),
        ...(check.step !== undefined && { step: check.step }),
        ms: Math.round(performance.now() - t),
      };
      results.set(id, result);
      options.onCheck?.(
        criteria.find((c) => c.id === check.criterion)!,
        result,
      );
      return result;
    },
    async finish() {
      // A check cut off by its limit may still be running (a curl suite being stopped): nothing
      // the grade started may outlive it.
      await Promise.allSettled(shared.values());
      await world.reset().catch(() => undefined);
      for (const criterion of criteria) {
        criterion.checks = included.filter((k) => k.criterion === criterion.id && results.has(k.id)).map((k) => results.get(k.id)!);
        criterion.points = criterion.checks.reduce((s, k) => s + k.points, 0);
        criterion.earned = criterion.checks.reduce((s, k) => s + k.earned, 0);
      }
      return {
        profile: 'lab',
        mode: options.mode,
        ...(options.step !== undefined && { step: options.step }),
        targets: Object.fromEntries(Object.entries(targets.servers).map(([role, t]) => [role, t.url])),
        criteria,
        total: { earned: criteria.reduce((s, c) => s + c.earned, 0), possible: criteria.reduce((s, c) => s + c.points, 0) },
        rubric_points: LAB_POINTS,
        notes: options.notes ?? [],
        duration_ms: Math.round(performance.now() - started),
      };
    },
  };
}

/** Grades the targets against the lab's rubric: every check of the run, in order (see startLabGrade). */
export async function runLabGrade(targets: LabTargets, world: WorldClient, options: RunLabGradeOptions): Promise<GradeReport> {
  const session = await startLabGrade(targets, world, options);
  try {
    for (const check of session.plan) await session.run(check.id);
  } catch (err) {
    await session.finish().catch(() => undefined); // the world's reset is still tried
    throw err;
  }
  return session.finish();
}
