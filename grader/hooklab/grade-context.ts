import { CheckFailure } from '../check-failure';
import type { GradeHttp } from '../grade-http';
import type { GradeTargets, ServerRole, Target } from './grade-targets';

/** What every check receives. */
export interface GradeContext {
  targets: GradeTargets;
  http: GradeHttp;
}

/** A check: resolves (optionally with a note for the report) or throws a CheckFailure. */
export type CheckFn = (ctx: GradeContext) => Promise<string | void>;

/** The target for a role, or a failure saying why there is none. */
export function need(ctx: GradeContext, role: ServerRole): Target {
  const target = ctx.targets.servers[role];
  if (!target) throw new CheckFailure(ctx.targets.missing[role] ?? `no ${role} server to grade`);
  return target;
}
