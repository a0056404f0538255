import { AppError } from '../../lib/errors';

/**
 * An event that may change a device must be recent: a delayed or replayed delivery describes a
 * network that may no longer exist (the payload `timestamp` of a captured webhook from 2020
 * must not shut or unshut anything today). No timestamp, nothing to check: senders that need
 * replay protection sign with Standard Webhooks (REQUIRE_TIMESTAMPED_SIGNATURES).
 */
export function checkEventAge(timestamp: string | undefined, maxAgeS: number, now: Date): void {
  if (timestamp === undefined) return;
  const ageS = Math.round((now.getTime() - Date.parse(timestamp)) / 1000);
  if (Math.abs(ageS) <= maxAgeS) return;
  const when = ageS > 0 ? `${ageS} s old` : `${-ageS} s in the future`;
  throw new AppError(
    'STALE_EVENT',
    `The event's timestamp is ${when}; an event that may change a device must be within ${maxAgeS} s (EVENT_MAX_AGE_S) of now. Nothing was done.`,
    {
      details: [{ field: 'timestamp', message: `must be within ${maxAgeS} s of the server's clock` }],
    },
  );
}
