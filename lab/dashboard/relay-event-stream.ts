import http from 'node:http';
import https from 'node:https';
import { eventStreamParser, type StreamMessage } from '../../common/event-stream/parse-event-stream';

export type RelayState =
  | { state: 'connecting' }
  | { state: 'live' }
  | { state: 'down'; reason: string }
  /** 401/403: the dashboard's visitor must present the token; no retry until then. */
  | { state: 'refused'; status: number; message: string };

export interface RelayOptions {
  url: string;
  headers?: Record<string, string>;
  /** A PEM certificate to trust (the lab's self-signed TLS_CERT), for https URLs. */
  ca?: Buffer;
  onMessage(message: StreamMessage): void;
  onState(state: RelayState): void;
}

/**
 * Follows another server's event stream and hands each message on: reconnects after a drop
 * (1 s, doubling to 10 s) with Last-Event-ID, so a server restarted by the student comes back
 * by itself; a refusal (401/403) is reported and not retried. Returns the function that stops it.
 */
export function relayEventStream(options: RelayOptions): () => void {
  let stopped = false;
  let request: http.ClientRequest | undefined;
  let timer: NodeJS.Timeout | undefined;
  let retryMs = 1000;
  let lastId: string | undefined;

  const retry = (reason: string): void => {
    if (stopped) return;
    options.onState({ state: 'down', reason });
    timer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 10_000);
  };

  function connect(): void {
    if (stopped) return;
    // One retry per connection, whichever of its errors and closes comes first.
    let over = false;
    const end = (reason: string): void => {
      if (over) return;
      over = true;
      retry(reason);
    };
    options.onState({ state: 'connecting' });
    const url = new URL(options.url);
    const client = url.protocol === 'https:' ? https : http;
    const headers = { Accept: 'text/event-stream', ...options.headers, ...(lastId !== undefined && { 'Last-Event-ID': lastId }) };
    request = client.get(url, { headers, ...(options.ca && { ca: options.ca }) }, (res) => {
      res.setEncoding('utf8');
      if (res.statusCode === 401 || res.statusCode === 403) {
        let body = '';
        res.on('data', (c: string) => (body = (body + c).slice(0, 2000)));
        res.on('end', () => {
          let message = `HTTP ${res.statusCode}`;
          try {
            message = (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? message;
          } catch {
            // not the shared error shape: keep the status
          }
          options.onState({ state: 'refused', status: res.statusCode ?? 0, message });
        });
        return;
      }
      if (res.statusCode !== 200) {
        res.resume();
        return end(`HTTP ${res.statusCode}`);
      }
      retryMs = 1000;
      options.onState({ state: 'live' });
      const parse = eventStreamParser((m) => {
        if (m.id !== undefined) lastId = m.id;
        options.onMessage(m);
      });
      res.on('data', parse);
      res.on('error', () => undefined);
      res.on('close', () => end('the stream ended'));
    });
    request.on('error', (err: NodeJS.ErrnoException) => end(err.code ?? err.message));
  }

  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    request?.destroy();
  };
}
