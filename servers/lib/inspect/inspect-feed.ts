import crypto from 'node:crypto';
import type { EventLogger } from '../../../common/logging/create-logger';
import type { RequestTrace } from './request-trace';

/** Someone watching the feed (an open /inspect/feed stream). */
export interface FeedWatcher {
  /** A trace was published, or a published one gained steps (same `seq`: replace it). */
  trace(trace: RequestTrace): void;
  /** The server is stopping: end the stream. */
  close(): void;
}

export interface InspectFeedOptions {
  /** Traces kept for a page that opens (or reloads) later (default 100)… */
  maxTraces?: number;
  /** …and at most this many bytes of bodies and command output among them (default 16 MB). */
  maxBytes?: number;
  /** Where a failure of the live view is told (once each): it never reaches the request that caused it. */
  logger?: EventLogger;
}

/**
 * What the feed keeps by default. Few traces, as few journal lines (event-journal.ts): kept for a
 * few hundred requests under load, a trace outlives two young-generation GCs and every one then
 * costs the old generation its bytes (bench/README.md, "What the live view costs").
 */
export const INSPECT_BACKLOG = { maxTraces: 100, maxBytes: 16 * 1024 * 1024 } as const;

/** Distinct live-view failures logged at the most (each once), so a repeated one cannot grow the log. */
const MAX_LOGGED_FAILURES = 20;

const size = (trace: RequestTrace): number => (trace.done?.body?.length ?? 0) + trace.outputBytes;

/**
 * The server's recent requests, in memory: a bounded buffer of finished traces plus whoever is
 * watching. Publishing is an append (and an eviction past the bounds); only when someone watches
 * is a trace turned into JSON and sent — the ack path pays for nothing else.
 */
export class InspectFeed {
  /** Changes on every start, so a page can tell a restarted server from a reconnect. */
  readonly boot = crypto.randomUUID();
  private readonly traces: RequestTrace[] = [];
  /** What each kept trace counted for when published, oldest first, parallel to `traces`. */
  private readonly sizes: number[] = [];
  private bytes = 0;
  private seq = 0;
  private readonly watchers = new Set<FeedWatcher>();
  private readonly changed = new Set<RequestTrace>();
  private flushScheduled = false;
  private readonly maxTraces: number;
  private readonly maxBytes: number;
  private readonly logger?: EventLogger;
  private readonly loggedFailures = new Set<string>();

  constructor(options: InspectFeedOptions = {}) {
    this.maxTraces = options.maxTraces ?? INSPECT_BACKLOG.maxTraces;
    this.maxBytes = options.maxBytes ?? INSPECT_BACKLOG.maxBytes;
    this.logger = options.logger;
  }

  /**
   * Adds a finished trace (oldest traces go past the bounds) and shows it to every watcher.
   * It runs when an answer has gone: nothing here may throw into the server, whatever the trace holds.
   */
  publish(trace: RequestTrace): void {
    try {
      this.keep(trace);
    } catch (err) {
      this.reportFailure('publish', err);
      return;
    }
    this.show([trace]);
  }

  private keep(trace: RequestTrace): void {
    this.seq += 1;
    trace.seq = this.seq;
    trace.onLateStep = (t) => this.stepAdded(t);
    const bytes = size(trace);
    this.traces.push(trace);
    this.sizes.push(bytes);
    this.bytes += bytes;
    while (this.traces.length > this.maxTraces || (this.bytes > this.maxBytes && this.traces.length > 1)) {
      this.traces.shift()!.onLateStep = undefined;
      this.bytes -= this.sizes.shift()!;
    }
  }

  /** Shows traces to every watcher; a watcher that fails is dropped (its stream ended) and the others go on. */
  private show(traces: RequestTrace[]): void {
    for (const watcher of [...this.watchers]) {
      try {
        for (const t of traces) watcher.trace(t);
      } catch (err) {
        this.watchers.delete(watcher);
        this.reportFailure('watcher', err);
        try {
          watcher.close();
        } catch {
          // it failed already; it is gone either way
        }
      }
    }
  }

  /** Logs a live-view failure the first time it happens (a repeat says nothing new). */
  reportFailure(where: string, err: unknown): void {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    const key = `${where} ${message}`;
    if (this.loggedFailures.has(key) || this.loggedFailures.size >= MAX_LOGGED_FAILURES) return;
    this.loggedFailures.add(key);
    this.logger?.log('INSPECT_ERROR', { where, error: message.slice(0, 300) }, 'error');
  }

  /** The kept traces published after `afterSeq`, oldest first. */
  recent(afterSeq = 0): RequestTrace[] {
    return afterSeq <= 0 ? [...this.traces] : this.traces.filter((t) => t.seq > afterSeq);
  }

  /** The newest `seq` handed out (0 before the first request). */
  get lastSeq(): number {
    return this.seq;
  }

  /** Starts showing new traces to `watcher`; returns the function that stops it. */
  watch(watcher: FeedWatcher): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  get watching(): number {
    return this.watchers.size;
  }

  /** Ends every watcher's stream (the server is stopping; their connections must not hold it up). */
  close(): void {
    for (const watcher of this.watchers) watcher.close();
    this.watchers.clear();
  }

  /** Steps of a published trace (a job still running after a 202): re-sent once per turn of the event loop. */
  private stepAdded(trace: RequestTrace): void {
    if (this.watchers.size === 0) return;
    this.changed.add(trace);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const traces = [...this.changed];
      this.changed.clear();
      this.show(traces);
    });
  }
}
