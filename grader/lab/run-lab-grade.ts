import { GradeHttp } from '../grade-http';
import type { CheckReport, CriterionReport, GradeReport } from '../grade-report';
import type { WorldClient } from '../world/world-client';
import { LAB_CHECKS, LAB_POINTS, LAB_RUBRIC, type LabStep } from './lab-rubric';
import type { CurlSuiteOptions, LabCheckFn, LabContext, LabTargets } from './lab-context';
import { basicChecks } from './checks/basic-checks';
import { securityChecks } from './checks/security-checks';
import { jokeChecks } from './checks/joke-checks';
import { cardChecks } from './checks/card-checks';
import { networkChecks } from './checks/network-checks';
import { curlChecks } from './checks/curl-checks';
import { HANG_LIMIT_MS } from './checks/upstream-fault';
import { runCheck } from '../run-check';

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
 */
export const EXECUTION_ORDER: readonly string[] = [
  'basic-acknowledges',
  'basic-any-event',
  'basic-missing-event',
  'basic-malformed-json',
  'sec-token',
  'sec-signature',
  'sec-payload-types',
  'joke-answers',
  'joke-each-event',
  'joke-unknown-event',
  'card-answers',
  'card-same-deck',
  'card-unknown-event',
  'network-answers',
  'device-interfaces',
  'device-states',
  'device-injection',
  'network-unknown-event',
  'close-loop',
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
}

/** What is left of a student's time limit (no limit: forever); a check in flight stops at it. */
const timeLeft = (deadline: number | undefined): number => (deadline === undefined ? Infinity : Math.max(1, deadline - Date.now()));

// No single check may hold the grade hostage, whatever the server does (the curl suite has its own limits).
const CHECK_DEADLINE_MS = 150_000;

/**
 * Grades the targets against the lab's rubric, in a world the grader controls. One check at a
 * time (the deck, the router and the stand-in APIs are shared state); never throws for anything
 * a server does. Throws only when the world itself does not answer.
 */
export async function runLabGrade(targets: LabTargets, world: WorldClient, options: RunLabGradeOptions): Promise<GradeReport> {
  const started = performance.now();
  await world.reset();
  const info = await world.setRelay({ target: targets.servers.network?.url ?? null, forwarding: false });
  const shared = new Map<string, Promise<unknown>>();
  const results = new Map<string, CheckReport>();
  const ctx: LabContext = {
    targets,
    world,
    info,
    http: new GradeHttp({ token: info.env.WEBHOOK_TOKEN, secret: info.env.WEBHOOK_SECRET }, options.requestTimeoutMs ?? 10_000, true),
    curl: { ...options.curl, ...(options.deadline !== undefined && { deadline: options.deadline }) },
    deviceTimeoutMs: options.deviceTimeoutMs ?? 40_000,
    hangLimitMs: options.hangLimitMs ?? HANG_LIMIT_MS,
    once: <T>(key: string, make: () => Promise<T>) => {
      if (!shared.has(key)) shared.set(key, make());
      return shared.get(key) as Promise<T>;
    },
    passed: (id) => results.get(id)?.passed,
  };
  const included = LAB_CHECKS.filter(
    (c) => (options.step === undefined || c.step === options.step) && (!options.only || options.only.includes(c.id)),
  );
  const criteria: CriterionReport[] = LAB_RUBRIC.map((c) => ({
    id: c.id,
    title: c.title,
    points: 0,
    earned: 0,
    checks: [] as CheckReport[],
  })).filter((c) => included.some((k) => k.criterion === c.id));
  const curlLimit = 4 * (options.curl?.timeoutMs ?? 90_000) + 30_000;

  try {
    for (const id of EXECUTION_ORDER) {
      const check = included.find((c) => c.id === id);
      if (!check) continue;
      const t = performance.now();
      const late = options.deadline !== undefined && Date.now() > options.deadline;
      const { reason, note } = late
        ? { reason: 'not run: the time limit for this student ran out', note: undefined }
        : await runCheck(
            IMPLEMENTATIONS[id]!,
            ctx,
            Math.min(id.startsWith('curl-') ? curlLimit : CHECK_DEADLINE_MS, timeLeft(options.deadline)),
          );
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
      const criterion = criteria.find((c) => c.id === check.criterion)!;
      options.onCheck?.(criterion, result);
    }
  } finally {
    // A check cut off by its limit may still be running (a curl suite being stopped): nothing
    // the grade started may outlive it.
    await Promise.allSettled(shared.values());
    await world.reset().catch(() => undefined);
  }

  for (const criterion of criteria) {
    criterion.checks = included.filter((k) => k.criterion === criterion.id).map((k) => results.get(k.id)!);
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
}
