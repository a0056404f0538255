import { CheckFailure } from '../check-failure';
import type { GradeHttp, Target } from '../grade-http';
import type { WorldClient, WorldInfo } from '../world/world-client';
import type { ServerLog, ServerLogSource } from './server-log';

/** The servers of the lab, and the security target (the basic server unless told otherwise). */
export type LabRole = 'basic' | 'joke' | 'card' | 'network' | 'security';

export interface LabTargets {
  servers: Partial<Record<LabRole, Target>>;
  /** Why a role has no target, e.g. "GRADE_JOKE_URL is not set". */
  missing: Partial<Record<LabRole, string>>;
  /** Where their log can be read (default: the world's LOG_DIR, which `--serve` prints). */
  logs?: ServerLogSource;
}

/** How the student's curl suite is run (GRADE_CURL_SUITE). */
export interface CurlSuiteOptions {
  /** The script; unset: the curl criterion scores 0 with that reason. */
  path?: string;
  /** Why there is no script, as the student reads it (default: GRADE_CURL_SUITE is not set). */
  missing?: string;
  /** Its working directory (default: the script's folder). */
  cwd?: string;
  /** Extra environment for the script (tests). */
  env?: Record<string, string>;
  /** One run of the suite may take this long (default 90 s). */
  timeoutMs?: number;
  /** No run goes past this moment (epoch ms): the student's time limit covers their suite too. */
  deadline?: number;
}

/** What every lab check receives. */
export interface LabContext {
  targets: LabTargets;
  /** Sends every event with the world's token and signatures unless told otherwise. */
  http: GradeHttp;
  world: WorldClient;
  /** The world as it was when grading began: its env, the device and its interfaces. */
  info: WorldInfo;
  curl: CurlSuiteOptions;
  /** What the servers logged since grading began (step 5: no credential in it). */
  serverLog: ServerLog;
  /** How long a request that makes the server log in to a device may take. */
  deviceTimeoutMs: number;
  /** How long a server may take to answer while its upstream API hangs. */
  hangLimitMs: number;
  /** Runs `make` once per grading run and shares its promise (e.g. the device report two checks read). */
  once<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** Whether a check that ran earlier passed (undefined: it did not run). */
  passed(id: string): boolean | undefined;
}

/**
 * Fails unless the check that proves the server works at all passed: a server that fails every
 * request "handles" every failure, and must not earn points for it.
 */
export function requireWorking(
  ctx: LabContext,
  id: string,
  what: string,
  why = 'a server that does not work when all is well cannot show it handles a failure',
): void {
  if (ctx.passed(id) === false) throw new CheckFailure(`${what}: graded only once ${id} passes (${why})`);
}

/**
 * The lab's sketch answers an event it does not handle with {"status": "unrecognized event"}
 * beside the events it does handle: a server that handles none of its own events (a starter, a
 * server answering 2xx to everything) cannot show it tells them apart, and earns nothing for it.
 */
export function requireHandling(ctx: LabContext, id: string, what: string): void {
  requireWorking(ctx, id, what, 'a server that handles none of its events cannot show it tells an unknown one from them');
}

/** A check: resolves (optionally with a note for the report) or throws a CheckFailure. */
export type LabCheckFn = (ctx: LabContext) => Promise<string | void>;

/** The target for a role, or a failure saying why there is none. */
export function need(ctx: LabContext, role: LabRole): Target {
  const target = ctx.targets.servers[role];
  if (!target) throw new CheckFailure(ctx.targets.missing[role] ?? `no ${role} server to grade`);
  return target;
}
