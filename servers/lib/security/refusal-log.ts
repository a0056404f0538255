import type { Request, Response } from 'express';
import type { EventLogger } from '../../../common/logging/create-logger';
import type { LogFields } from '../../../common/logging/log-line';

/** How often repeated refusals from one source are summed up in one line. */
export const SUMMARY_EVERY_MS = 10_000;
/** Sources tracked at once; beyond this (a spoofed-address flood), the rest share one line. */
const MAX_SOURCES = 10_000;

interface Tally {
  count: number;
  reasons: Map<string, number>;
}

/**
 * Writes the SECURITY line of a refused request (bad credentials, rate limit, address or Host
 * not allowed) without letting a flood of them fill the disk: the first refusal from a source
 * is logged in full; the next ones in the same SUMMARY_EVERY_MS are only counted, and written
 * as one line per source at the end of the interval:
 * `SECURITY reason=repeated_refusals source=… count=59999 reasons="rate_limited:59000 …" interval_s=10`.
 * A refusal logged here is not logged again as WEBHOOK_REJECTED (see error-handler.ts).
 */
export class RefusalLog {
  private readonly tallies = new Map<string, Tally>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: EventLogger,
    private readonly everyMs = SUMMARY_EVERY_MS,
  ) {}

  /** Records one refusal of `req` for `reason` (e.g. bad_signature), with extra fields for its full line. */
  refuse(req: Request, res: Response, reason: string, fields: LogFields = {}): void {
    res.locals.refusalLogged = true;
    this.note(res.locals.source, reason, { ...fields, path: req.path.slice(0, 200), request_id: res.locals.requestId });
  }

  /** Records one refusal of something from `source` that is not (yet) a request, e.g. a connection. */
  note(source: string, reason: string, fields: LogFields = {}): void {
    const key = this.tallies.has(source) || this.tallies.size < MAX_SOURCES ? source : '(other sources)';
    const tally = this.tallies.get(key);
    if (tally) {
      tally.count += 1;
      tally.reasons.set(reason, (tally.reasons.get(reason) ?? 0) + 1);
      return;
    }
    this.tallies.set(key, { count: 0, reasons: new Map() });
    this.logger.log('SECURITY', { reason, source, ...fields });
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.everyMs);
      this.timer.unref();
    }
  }

  /** Writes the summaries now and starts over (each interval, and when the server stops). */
  flush(): void {
    for (const [source, tally] of this.tallies) {
      if (tally.count === 0) continue;
      const reasons = [...tally.reasons].map(([reason, n]) => `${reason}:${n}`).join(' ');
      this.logger.log('SECURITY', { reason: 'repeated_refusals', source, count: tally.count, reasons, interval_s: this.everyMs / 1000 });
    }
    this.tallies.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
