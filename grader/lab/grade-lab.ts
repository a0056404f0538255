import type { GradeReport } from '../grade-report';
import { startWorld, type RunningWorld } from '../world/start-world';
import { WorldClient } from '../world/world-client';
import type { LabStep } from './lab-rubric';
import { labTargetsFromEnv } from './lab-targets';
import { HOOKLAB_CURL_SUITE, startHooklabServers, type HooklabServers } from './start-hooklab-servers';
import { runLabGrade, type RunLabGradeOptions } from './run-lab-grade';

/** The world to grade in: GRADE_WORLD_URL's (`--serve`), or one started here for this run. */
export async function openWorld(env: Record<string, string | undefined>): Promise<{ client: WorldClient; world?: RunningWorld }> {
  const url = env.GRADE_WORLD_URL?.trim().replace(/\/+$/, '');
  if (url) return { client: new WorldClient(url) };
  const world = await startWorld();
  return { client: new WorldClient(world.url), world };
}

/**
 * `npm run grade` in the lab profile: the servers named by GRADE_*_URL, or (none named) this
 * repo's servers started here in the grader's world with this repo's curl suite.
 */
export async function gradeLab(
  env: Record<string, string | undefined>,
  options: { step?: LabStep; onCheck?: (criterion: string, check: { id: string; passed: boolean; reason?: string }) => void } = {},
): Promise<GradeReport> {
  const external = labTargetsFromEnv(env);
  const { client, world } = await openWorld(env);
  let local: HooklabServers | undefined;
  try {
    const notes: string[] = [];
    if (external && world)
      notes.push(
        'GRADE_WORLD_URL is not set: the grader started a world of its own, which servers started without its environment lines do not talk to. Run `npm run grade -- --serve`, start the servers with the lines it prints, and set GRADE_WORLD_URL.',
      );
    if (!external) local = await startHooklabServers((await client.info()).env);
    const suite = env.GRADE_CURL_SUITE?.trim() || (local ? HOOKLAB_CURL_SUITE : undefined);
    const gradeOptions: RunLabGradeOptions = {
      mode: external ? 'external' : 'local',
      notes: [...notes, `world ${client.url}${world ? ' (started for this run)' : ''}`],
      curl: { ...(suite && { path: suite }), ...(env.GRADE_CURL_CWD && { cwd: env.GRADE_CURL_CWD }) },
      ...(options.step !== undefined && { step: options.step }),
      ...(options.onCheck && { onCheck: (c, k) => options.onCheck!(c.id, k) }),
    };
    return await runLabGrade(external ?? local!.targets, client, gradeOptions);
  } finally {
    await local?.close();
    await world?.close();
  }
}
