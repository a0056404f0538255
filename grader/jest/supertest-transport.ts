import type { IncomingMessage } from 'node:http';
import request from 'supertest';
import { MAX_BODY_BYTES, NoAnswer, type RawAnswer, type Transport } from '../grade-http';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';

/** Reads the body as text whatever its type, up to MAX_BODY_BYTES (a server streaming forever is cut off). */
function readText(res: IncomingMessage, done: (err: Error | null, body: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    done(null, Buffer.concat(chunks).toString('utf8'));
  };
  res.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
    finish();
    res.destroy();
  });
  res.on('end', finish);
  res.on('close', finish);
  res.on('error', () => finish());
}

/**
 * The grader's requests through supertest, for the jest harness (`npm run grade:jest`): the same
 * rules as node:http's transport — a connection of its own, no redirect, no certificate check,
 * the body as text, everything within `timeoutMs` (NoAnswer otherwise).
 */
export const supertestTransport: Transport = async (url, method, headers, body, timeoutMs): Promise<RawAnswer> => {
  const agent = request(url.origin) as unknown as Record<Method, (path: string) => request.Test>;
  const call = agent[method.toLowerCase() as Method]!(`${url.pathname}${url.search}`)
    .set({ ...headers, connection: 'close' })
    .redirects(0)
    .disableTLSCerts()
    .ok(() => true)
    .timeout({ response: timeoutMs, deadline: timeoutMs })
    .buffer(true)
    .parse((res, done) => readText(res as unknown as IncomingMessage, done)); // node hands the parser the raw stream
  try {
    // The bytes as they are: superagent would serialise a Buffer again as JSON.
    const res = await (body === undefined ? call : call.serialize((bytes: unknown) => bytes as string).send(body));
    return { status: res.status, contentType: String(res.headers['content-type'] ?? ''), text: String(res.body ?? '') };
  } catch (err) {
    if ((err as { timeout?: unknown }).timeout !== undefined) throw new NoAnswer();
    throw err;
  }
};
