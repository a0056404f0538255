import { createParser } from './vendor/eventsource-parser.js';

/**
 * Follows a Server-Sent Events stream (text/event-stream) with fetch rather than EventSource:
 * EventSource cannot send an Authorization header, and a server with WEBHOOK_TOKEN needs one.
 * Like EventSource it reconnects after a drop and sends Last-Event-ID, so nothing is missed.
 * A 401/403 stops it until restart() (the page asks for the token first).
 */
export function followEventStream(url, { headers = () => ({}), onEvent, onState }) {
  let lastId;
  let retryMs = 1000;
  let controller;
  let timer;
  let stopped = false;

  function retry(reason) {
    if (stopped) return;
    onState({ state: 'reconnecting', reason, inMs: retryMs });
    timer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 10_000);
  }

  async function connect() {
    controller = new AbortController();
    const signal = controller.signal;
    onState({ state: 'connecting' });
    let res;
    try {
      const resume = lastId === undefined ? {} : { 'Last-Event-ID': lastId };
      res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers(), ...resume }, signal, cache: 'no-store' });
    } catch (err) {
      if (!signal.aborted) retry(`cannot reach the server (${err.message})`);
      return;
    }
    if (res.status === 401 || res.status === 403) {
      const answer = await res.json().catch(() => ({}));
      onState({ state: 'refused', status: res.status, message: answer?.error?.message ?? res.statusText });
      return;
    }
    if (!res.ok || !res.body) return retry(`the server answered ${res.status}`);
    onState({ state: 'live' });
    retryMs = 1000;
    try {
      await read(res.body);
    } catch {
      // a dropped connection, or our own abort
    }
    if (!signal.aborted) retry('the stream ended');
  }

  /** The event-stream format, parsed by eventsource-parser (the servers' relay uses it too). */
  async function read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = createParser({
      onEvent({ event, data, id }) {
        if (id !== undefined) lastId = id;
        dispatch(event ?? 'message', data);
      },
    });
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      parser.feed(value);
    }
  }

  function dispatch(event, text) {
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      return;
    }
    onEvent(event, data);
  }

  connect();
  return {
    /** Starts again from scratch (new credentials): the backlog comes again. */
    restart() {
      clearTimeout(timer);
      controller?.abort();
      lastId = undefined;
      retryMs = 1000;
      connect();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
    },
  };
}
