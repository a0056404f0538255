import type { LabCheckOfRun } from '../lab/lab-rubric';

/** A check's jest test name: its title and its points, e.g. `joke: … the joke it got (4 pts)`. */
export const jestTestName = (check: Pick<LabCheckOfRun, 'title' | 'points'>): string =>
  `${check.title} (${check.points} pt${check.points === 1 ? '' : 's'})`;

/** The points a jest test name carries (the jest run's score is the sum over the passed tests). */
export function pointsInName(name: string): number {
  const m = / \((\d+) pts?\)$/.exec(name);
  if (!m) throw new Error(`no points in the test name "${name}"`);
  return Number(m[1]);
}

/** A check's group in the jest report: its step, or the curl suite (which belongs to none). */
export const groupName = (check: Pick<LabCheckOfRun, 'step'>): string => (check.step === undefined ? 'curl suite' : `step ${check.step}`);

/**
 * The plan cut into runs of checks of one group, in order: the checks must run in the grader's
 * order (faults last), so a step can appear twice (`step 2` early, its failures after the curl suite).
 */
export function jestGroups(plan: readonly LabCheckOfRun[]): Array<{ name: string; checks: LabCheckOfRun[] }> {
  const groups: Array<{ name: string; checks: LabCheckOfRun[] }> = [];
  for (const check of plan) {
    const name = groupName(check);
    if (groups.at(-1)?.name === name) groups.at(-1)!.checks.push(check);
    else groups.push({ name, checks: [check] });
  }
  return groups;
}
