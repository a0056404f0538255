import { createParser } from 'eventsource-parser';

/** One message of a text/event-stream. */
export interface StreamMessage {
  event: string;
  data: string;
  id?: string;
}

/** A message larger than this is refused (a stream that never ends a message cannot grow memory without end). */
const MAX_MESSAGE_CHARS = 4 * 1024 * 1024;

/**
 * Splits an event-stream into messages with eventsource-parser (the spec's parsing rules,
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream); the
 * live view's page parses with the same library in the browser (follow-event-stream.js).
 * A message without an `event` field is a "message", as in the browser.
 */
export function eventStreamParser(onMessage: (m: StreamMessage) => void): (chunk: string) => void {
  const parser = createParser({
    maxBufferSize: MAX_MESSAGE_CHARS,
    onEvent: ({ event, data, id }) => onMessage({ event: event ?? 'message', data, ...(id !== undefined && { id }) }),
  });
  return (chunk) => parser.feed(chunk);
}
