import { LAB_CHECKS, type LabStep } from '../lab/lab-rubric';

/**
 * Each feature a calibration implementation can switch off (CALIBRATION_DISABLE) and the checks
 * that must lose their points without it — and only those. Features named curl-* are in the curl
 * suite, not in the servers.
 */
export const FEATURES: ReadonlyArray<{ feature: string; loses: string[] }> = [
  { feature: 'validation', loses: ['basic-missing-event', 'basic-event-type'] },
  { feature: 'json-errors', loses: ['basic-malformed-json', 'curl-catches-malformed'] },
  { feature: 'token', loses: ['sec-token'] },
  { feature: 'hmac', loses: ['sec-signature'] },
  { feature: 'unknown-event', loses: ['joke-unknown-event', 'card-unknown-event', 'network-unknown-event'] },
  {
    feature: 'upstream-errors',
    loses: [
      'joke-upstream-5xx',
      'joke-upstream-garbage',
      'joke-upstream-down',
      'joke-upstream-hang',
      'card-upstream-5xx',
      'card-upstream-garbage',
      'card-upstream-down',
      'card-upstream-hang',
    ],
  },
  { feature: 'timeout', loses: ['joke-upstream-hang', 'card-upstream-hang'] },
  { feature: 'deck', loses: ['card-same-deck'] },
  { feature: 'device-errors', loses: ['device-down', 'device-hang'] },
  { feature: 'interface-validation', loses: ['device-injection'] },
  { feature: 'close-loop', loses: ['close-loop', 'loop-looks-at-interface', 'loop-no-config'] },
  { feature: 'curl-malformed', loses: ['curl-catches-malformed'] },
  { feature: 'curl-token', loses: ['curl-catches-no-token'] },
  { feature: 'curl-network', loses: ['curl-covers-events'] },
];

export type Role = 'basic' | 'joke' | 'card' | 'network';
const STEP_ROLE: Record<LabStep, Role> = { 1: 'basic', 2: 'joke', 3: 'card', 4: 'network', 5: 'basic', 6: 'network' };
const SLOW = ['joke-upstream-hang', 'card-upstream-hang'];

/**
 * What to grade to see a feature's cost: every check of the steps it touches (and the curl
 * criterion when it touches that), but the slow hang checks only when they are expected to fail;
 * and the servers those checks need.
 */
export function scopeOf(loses: readonly string[]): { checks: string[]; roles: Role[] } {
  const lost = LAB_CHECKS.filter((c) => loses.includes(c.id));
  const steps = new Set(lost.flatMap((c) => (c.step ? [c.step] : [])));
  const curl = lost.some((c) => c.step === undefined);
  const checks = LAB_CHECKS.filter((c) => (c.step ? steps.has(c.step) : curl) && (!SLOW.includes(c.id) || loses.includes(c.id))).map(
    (c) => c.id,
  );
  const roles = curl ? (['basic', 'joke', 'card', 'network'] as Role[]) : [...new Set([...steps].map((s) => STEP_ROLE[s]))];
  return { checks, roles };
}

/** The points the checks are worth. */
export const pointsOf = (ids: readonly string[]): number => LAB_CHECKS.filter((c) => ids.includes(c.id)).reduce((s, c) => s + c.points, 0);
