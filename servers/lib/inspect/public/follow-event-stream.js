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

  /** The event-stream format: `field: value` lines, a blank line ends an event. */
  async function read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = 'message';
    let data = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        if (line === '') {
          if (data.length > 0) dispatch(event, data.join('\n'));
          event = 'message';
          data = [];
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event = text;
          else if (field === 'data') data.push(text);
          else if (field === 'id') lastId = text;
        }
      }
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
