/** One message of a text/event-stream. */
export interface StreamMessage {
  event: string;
  data: string;
  id?: string;
}

/** Splits an event-stream into messages (https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream). */
export function eventStreamParser(onMessage: (m: StreamMessage) => void): (chunk: string) => void {
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  let id: string | undefined;
  return (chunk) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      if (line === '') {
        if (data.length > 0) onMessage({ event, data: data.join('\n'), ...(id !== undefined && { id }) });
        event = 'message';
        data = [];
        id = undefined;
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
  };
}
