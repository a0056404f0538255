import { LAB_CHECKS } from '../lab/lab-rubric';
import { planOf } from '../lab/run-lab-grade';
import { jestGroups, jestTestName, pointsInName } from './jest-names';

describe("the jest harness's test names", () => {
  it("carry each check's points, read back exactly, and name each check once", () => {
    const names = LAB_CHECKS.map(jestTestName);
    expect(names.map(pointsInName)).toEqual(LAB_CHECKS.map((c) => c.points));
    expect(new Set(names).size).toBe(names.length);
    expect(jestTestName({ title: 'joke: answers', points: 1 })).toBe('joke: answers (1 pt)');
    expect(() => pointsInName('joke: answers')).toThrow(/no points/);
  });

  it("group the grader's order into steps, without reordering a check (a step may come back later)", () => {
    const plan = planOf({});
    const groups = jestGroups(plan);
    expect(groups.flatMap((g) => g.checks)).toEqual(plan);
    expect(groups.map((g) => g.name).slice(0, 3)).toEqual(['step 1', 'step 5', 'step 2']);
    expect(groups.filter((g) => g.name === 'step 2').length).toBe(2);
    expect(groups.some((g) => g.name === 'curl suite')).toBe(true);
    expect(groups.flatMap((g) => g.checks).reduce((s, c) => s + c.points, 0)).toBe(75);
  });
});
