import { RUBRIC, TOTAL_POINTS } from './rubric';

describe('RUBRIC', () => {
  it('matches the lab: 25 + 20 + 15 + 10 + 5 = 75', () => {
    expect(RUBRIC.map((c) => c.points)).toEqual([25, 20, 15, 10, 5]);
    expect(TOTAL_POINTS).toBe(75);
  });

  it.each(RUBRIC.map((c) => [c.id, c] as const))('%s: its checks add up to its points', (_id, criterion) => {
    expect(criterion.checks.reduce((sum, c) => sum + c.points, 0)).toBe(criterion.points);
  });

  it('has no two checks with the same id', () => {
    const ids = RUBRIC.flatMap((c) => c.checks.map((k) => k.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
