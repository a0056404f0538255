import type { GradeReport } from '../grade-report';
import { startWorld, type RunningWorld } from '../world/start-world';
import { WorldClient } from '../world/world-client';
import type { LabStep } from './lab-rubric';
import { labTargetsFromEnv } from './lab-targets';
import type { LabTargets } from './lab-context';
import { HOOKLAB_CURL_SUITE, startHooklabServers, type HooklabServers } from './start-hooklab-servers';
import { runLabGrade, type RunLabGradeOptions } from './run-lab-grade';

/** The world to grade in: GRADE_WORLD_URL's (`--serve`), or one started here for this run. */
export async function openWorld(env: Record<string, string | undefined>): Promise<{ client: WorldClient; world?: RunningWorld }> {
  const url = env.GRADE_WORLD_URL?.trim().replace(/\/+$/, '');
  if (url) return { client: new WorldClient(url) };
  const world = await startWorld();
  return { client: new WorldClient(world.url), world };
}

/** A grading run set up as `npm run grade` sets it up: what to grade, in which world, how. */
export interface OpenedLabGrade {
  targets: LabTargets;
  world: WorldClient;
  options: RunLabGradeOptions;
  /** Stops what was started for this run (this repo's servers, a world of its own). */
  close(): Promise<void>;
}

/**
 * The servers named by GRADE_*_URL, or (none named) this repo's servers started here in the
 * grader's world with this repo's curl suite; the world GRADE_WORLD_URL names, or one started
 * here. `npm run grade` and the jest harness (`npm run grade:jest`) both start from this.
 */
export async function openLabGrade(
  env: Record<string, string | undefined>,
  options: Pick<RunLabGradeOptions, 'step' | 'onCheck' | 'transport'> = {},
): Promise<OpenedLabGrade> {
  const external = labTargetsFromEnv(env);
  const { client, world } = await openWorld(env);
  let local: HooklabServers | undefined;
  const close = async (): Promise<void> => {
    await local?.close();
    await world?.close();
  };
  try {
    const notes: string[] = [];
    if (external && world)
      notes.push(
        'GRADE_WORLD_URL is not set: the grader started a world of its own, which servers started without its environment lines do not talk to. Run `npm run grade -- --serve`, start the servers with the lines it prints, and set GRADE_WORLD_URL.',
      );
    if (!external) local = await startHooklabServers((await client.info()).env);
    const suite = env.GRADE_CURL_SUITE?.trim() || (local ? HOOKLAB_CURL_SUITE : undefined);
    const gradeOptions: RunLabGradeOptions = {
      ...options,
      mode: external ? 'external' : 'local',
      notes: [...notes, `world ${client.url}${world ? ' (started for this run)' : ''}`],
      curl: { ...(suite && { path: suite }), ...(env.GRADE_CURL_CWD && { cwd: env.GRADE_CURL_CWD }) },
    };
    return { targets: external ?? local!.targets, world: client, options: gradeOptions, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** `npm run grade` in the lab profile (see openLabGrade for what it grades). */
export async function gradeLab(
  env: Record<string, string | undefined>,
  options: { step?: LabStep; onCheck?: (criterion: string, check: { id: string; passed: boolean; reason?: string }) => void } = {},
): Promise<GradeReport> {
  const opened = await openLabGrade(env, {
    ...(options.step !== undefined && { step: options.step }),
    ...(options.onCheck && { onCheck: (c, k) => options.onCheck!(c.id, k) }),
  });
  try {
    return await runLabGrade(opened.targets, opened.world, opened.options);
  } finally {
    await opened.close();
  }
}
