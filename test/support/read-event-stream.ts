import type request from 'supertest';
import { eventStreamParser, type StreamMessage } from '../../common/event-stream/parse-event-stream';

/** A message of an event stream with its data parsed as JSON. */
export interface FeedMessage {
  event: string;
  id?: string;
  data: Record<string, unknown>;
}

export interface ReadStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  messages: FeedMessage[];
}

/**
 * Reads a Server-Sent Events answer (supertest) message by message; `onMessage` sees each one
 * and answers true when the test has what it needs, which closes the stream. Resolves when the
 * stream has closed (superagent may call its own end callback before the body has been read).
 */
export function readEventStream(
  test: request.Test,
  onMessage: (m: FeedMessage, all: FeedMessage[]) => boolean | void,
): Promise<ReadStream> {
  return new Promise((resolve, reject) => {
    const messages: FeedMessage[] = [];
    test
      .buffer(false)
      .parse((response, cb) => {
        // supertest types the parser's stream as its Response; at run time it is Node's IncomingMessage.
        const res = response as unknown as NodeJS.ReadableStream & { destroy(): void; statusCode: number; headers: ReadStream['headers'] };
        res.setEncoding('utf8');
        const parse = eventStreamParser((m: StreamMessage) => {
          const message = { event: m.event, id: m.id, data: JSON.parse(m.data) as Record<string, unknown> };
          messages.push(message);
          if (onMessage(message, messages) === true) res.destroy();
        });
        res.on('data', parse);
        res.on('close', () => {
          resolve({ status: res.statusCode, headers: res.headers, messages });
          cb(null, messages);
        });
      })
      .end((err) => err && reject(err));
  });
}
