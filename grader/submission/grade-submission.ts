import path from 'node:path';
import type { GradeReport } from '../grade-report';
import type { LabRole, LabTargets } from '../lab/lab-context';
import { checksOfRun, LAB_CHECKS, LAB_STEPS, type LabStep } from '../lab/lab-rubric';
import { runLabGrade, type RunLabGradeOptions } from '../lab/run-lab-grade';
import { STEP_ROLE } from '../check-step/check-step';
import { mergeReports } from '../check-step/merge-reports';
import { notRunReport } from '../check-step/not-run-report';
import { sandboxReport } from '../sandbox/sandbox-report';
import { startWorld } from '../world/start-world';
import { WorldClient } from '../world/world-client';
import { LAB_CURL_SUITE, MANIFEST, readSubmission, SERVER_ROLES, type Submission } from './read-submission';
import { startSubmission, type RunningSubmission } from './start-submission';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** GRADE_STUDENT_TIME_LIMIT_S's default: starting the servers and every check. */
export const DEFAULT_TIME_LIMIT_S = 300;

export interface GradeSubmissionOptions {
  /** The instructor's tree the student's files are graded in (default: this one). */
  root?: string;
  timeLimitMs?: number;
  onCheck?: RunLabGradeOptions['onCheck'];
  notes?: string[];
}

const CURL_CHECKS = LAB_CHECKS.filter((c) => c.criterion === 'curl-suite').map((c) => c.id);
/** The build track's servers the curl suite runs against: each role's first step (5 grows 1; 6 is its own). */
const CURL_STEPS: Record<Exclude<LabRole, 'security'>, LabStep[]> = { basic: [5, 1], joke: [2], card: [3], network: [4] };

/** Targets with the security role on the basic server, as the lab grades it; their log is read from `logDir`. */
function labTargets(servers: LabTargets['servers'], missing: LabTargets['missing'], logDir: string): LabTargets {
  const targets: LabTargets = { servers: { ...servers }, missing: { ...missing }, logs: { dir: logDir } };
  if (servers.basic) targets.servers.security = { ...servers.basic };
  else targets.missing.security = missing.basic ?? 'no basic server (the security checks go to it)';
  return targets;
}

/** A manifest's four servers, graded as the lab (75 points) in one pass. */
function manifestTargets(running: RunningSubmission): LabTargets {
  const servers: LabTargets['servers'] = {};
  const missing: LabTargets['missing'] = {};
  for (const role of SERVER_ROLES) {
    if (running.urls[role]) servers[role] = running.urls[role];
    else missing[role] = running.missing[role] ?? `no ${role} server`;
  }
  return labTargets(servers, missing, running.logDir);
}

/**
 * The build track graded as `npm run check -- all` grades it (each step's checks against that
 * step's own server), then the curl suite against steps 5 (or 1), 2, 3 and 4: 75 points in all.
 */
async function gradeSteps(running: RunningSubmission, world: WorldClient, base: RunLabGradeOptions, curl: RunLabGradeOptions['curl']) {
  const reports: GradeReport[] = [];
  for (const step of LAB_STEPS) {
    const key = `step${step}`;
    const server = running.urls[key];
    // The lab's checks of the step: the build track's own (step-only) ones are not in the 75.
    const checks = checksOfRun({}).filter((c) => c.step === step);
    if (!server) {
      reports.push(notRunReport(step, running.missing[key] ?? `no server for step ${step}`, checks));
      continue;
    }
    const role = STEP_ROLE[step];
    reports.push(
      await runLabGrade(labTargets({ [role]: server }, {}, running.logDir), world, { ...base, step, only: checks.map((c) => c.id) }),
    );
  }
  const servers: LabTargets['servers'] = {};
  const missing: LabTargets['missing'] = {};
  for (const [role, steps] of Object.entries(CURL_STEPS) as Array<[Exclude<LabRole, 'security'>, LabStep[]]>) {
    const step = steps.find((n) => running.urls[`step${n}`]);
    if (step) servers[role] = running.urls[`step${step}`]!;
    else missing[role] = `no server for step ${steps.join(' or ')}`;
  }
  reports.push(
    await runLabGrade(labTargets(servers, missing, running.logDir), world, { ...base, only: CURL_CHECKS, ...(curl && { curl }) }),
  );
  return mergeReports(reports);
}

const unreadable = (reason: string): Submission => ({
  kind: 'typescript',
  servers: {},
  missing: Object.fromEntries(LAB_STEPS.map((s) => [`step${s}`, reason])),
});

/**
 * Grades a student's folder as the instructor: only the student's files (readSubmission) are
 * copied, into a tree whose grader, kit and packages are the instructor's; its servers start in
 * the sandbox in a world of their own (fresh stand-ins and router), all of it within the time
 * limit; the report is returned only once every process of the student is gone.
 */
export async function gradeSubmission(dir: string, options: GradeSubmissionOptions = {}): Promise<GradeReport> {
  const started = Date.now();
  const deadline = started + (options.timeLimitMs ?? DEFAULT_TIME_LIMIT_S * 1000);
  const world = await startWorld({ lockControls: true });
  try {
    let submission: Submission;
    try {
      submission = readSubmission(dir);
    } catch (err) {
      submission = unreadable((err as Error).message);
    }
    const running = await startSubmission(dir, submission, world.env, options.root ?? REPO_ROOT);
    let report: GradeReport;
    try {
      const client = new WorldClient(world.url, world.controlToken);
      const base: RunLabGradeOptions = {
        mode: 'external',
        deadline,
        notes: [...(options.notes ?? []), ...running.notes],
        ...(options.onCheck && { onCheck: options.onCheck }),
      };
      const curl = running.curlSuite
        ? { path: running.curlSuite }
        : { missing: `the submission has no curl suite (${LAB_CURL_SUITE}, or curl_suite in ${MANIFEST})` };
      report =
        submission.kind === 'manifest'
          ? await runLabGrade(manifestTargets(running), client, { ...base, curl })
          : await gradeSteps(running, client, base, curl);
    } finally {
      await running.stop();
    }
    return { ...report, notes: [...(options.notes ?? []), ...running.notes], duration_ms: Date.now() - started, sandbox: sandboxReport() };
  } finally {
    await world.close();
  }
}
