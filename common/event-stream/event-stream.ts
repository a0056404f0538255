import type { ServerResponse } from 'node:http';

/**
 * A live message waits in memory until the reader takes it; a reader that stops reading is
 * dropped past this much unsent data, so no watcher can make the server buffer without end.
 */
const MAX_UNSENT_BYTES = 1024 * 1024;
/** A backlog is written while less than this waits to be sent, then it waits for 'drain'. */
const BACKLOG_HIGH_WATER = 64 * 1024;

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

  /** One event as it goes on the wire; `data` is serialised as JSON, which never contains a raw line break. */
  static format(event: string, data: unknown, id?: string): string {
    return `event: ${event}\n${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`;
  }

  /** Sends one live event. */
  send(event: string, data: unknown, id?: string): void {
    this.write(EventStream.format(event, data, id));
  }

  /** Sends one live event already formatted (the same text for every watcher). */
  sendFormatted(text: string): void {
    this.write(text);
  }

  /**
   * Sends one formatted event of a backlog at the pace the reader takes it: resolves once there
   * is room for the next (or the stream has ended), so a large backlog is never held in memory at once.
   */
  async sendPaced(text: string): Promise<void> {
    if (this.ended) return;
    this.res.write(text);
    if (this.res.writableLength < BACKLOG_HIGH_WATER) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
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
    // A reader this far behind is not reading: it is dropped (the page reconnects if it was only slow).
    if (this.res.writableLength + text.length > MAX_UNSENT_BYTES) {
      this.ended = true;
      clearInterval(this.heartbeat);
      this.res.destroy();
      return;
    }
    this.res.write(text);
  }
}
