import type { ServerResponse } from 'node:http';

/** A reader that stopped reading: past this much unsent data its stream is ended. */
const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;

/**
 * One Server-Sent Events answer (text/event-stream, https://html.spec.whatwg.org/multipage/server-sent-events.html):
 * named events with a JSON `data` line and an optional `id` the client sends back as
 * Last-Event-ID when it reconnects. A comment every `heartbeatMs` keeps proxies and idle
 * timeouts from closing a quiet stream. `Connection: close`, so a stopping server is not held
 * up by an open stream once it is ended.
 */
export class EventStream {
  private readonly heartbeat: NodeJS.Timeout;
  private ended = false;

  constructor(
    private readonly res: ServerResponse,
    heartbeatMs = 20_000,
  ) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'close',
      'X-Accel-Buffering': 'no', // nginx and others: do not buffer the stream
    });
    res.flushHeaders();
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), heartbeatMs);
    this.heartbeat.unref();
    res.once('close', () => {
      this.ended = true;
      clearInterval(this.heartbeat);
    });
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Sends one event; `data` is serialised as JSON, which never contains a raw line break. */
  send(event: string, data: unknown, id?: string): void {
    this.write(`event: ${event}\n${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`);
  }

  /** Runs `fn` once the client has gone (or the stream was ended). */
  onClose(fn: () => void): void {
    if (this.ended) fn();
    else this.res.once('close', fn);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.heartbeat);
    this.res.end();
  }

  private write(text: string): void {
    if (this.ended) return;
    if (this.res.writableLength > MAX_BACKLOG_BYTES) return this.end();
    this.res.write(text);
  }
}
