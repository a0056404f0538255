import { captureLogger } from '../../../test/support/capture-logger';
import { InspectFeed } from './inspect-feed';
import { currentTrace, recordHandlerSteps, RequestTrace, runWithTrace } from './request-trace';

function finished(bodyBytes = 0): RequestTrace {
  const trace = new RequestTrace('r', process.hrtime.bigint());
  trace.done = {
    method: 'POST',
    url: '/events',
    source: '127.0.0.1',
    headers: {},
    body: Buffer.alloc(bodyBytes),
    status: 200,
    durationMs: 1,
    aborted: false,
  };
  return trace;
}

describe('InspectFeed', () => {
  it('keeps the newest traces up to its count bound, numbered in order', () => {
    const feed = new InspectFeed({ maxTraces: 3 });
    for (let i = 0; i < 5; i += 1) feed.publish(finished());
    expect(feed.recent().map((t) => t.seq)).toEqual([3, 4, 5]);
    expect(feed.recent(4).map((t) => t.seq)).toEqual([5]);
  });

  it('keeps the bodies it holds under its byte bound, whatever senders send', () => {
    const feed = new InspectFeed({ maxBytes: 1000 });
    for (let i = 0; i < 10; i += 1) feed.publish(finished(400));
    expect(feed.recent().map((t) => t.seq)).toEqual([9, 10]);
  });

  it('shows each published trace to every watcher until it stops watching', () => {
    const feed = new InspectFeed();
    const seen: number[] = [];
    const stop = feed.watch({ trace: (t) => seen.push(t.seq), close: () => undefined });
    feed.publish(finished());
    stop();
    feed.publish(finished());
    expect(seen).toEqual([1]);
    expect(feed.watching).toBe(0);
  });

  it('sends a published trace again, once per turn of the event loop, when steps arrive after the answer (a 202 job)', async () => {
    const feed = new InspectFeed();
    const trace = finished();
    feed.publish(trace);
    const seen: number[] = [];
    feed.watch({ trace: (t) => seen.push(t.steps.length), close: () => undefined });
    trace.addStep({ kind: 'command', ok: true, text: 'Router1# show version' });
    trace.addStep({ kind: 'command', ok: true, text: 'Router1# show ip interface brief' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([2]);
  });

  it('drops a watcher that fails, logs it once, and goes on showing traces to the others', async () => {
    const logger = captureLogger();
    const feed = new InspectFeed({ logger });
    let closed = 0;
    const seen: number[] = [];
    feed.watch({
      trace: () => {
        throw new SyntaxError('Unexpected end of JSON input');
      },
      close: () => (closed += 1),
    });
    feed.watch({ trace: (t) => seen.push(t.seq), close: () => undefined });
    const late = finished();
    expect(() => feed.publish(late)).not.toThrow();
    feed.publish(finished());
    late.addStep({ kind: 'command', ok: true, text: 'Router1# show version' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([1, 2, 1]);
    expect(closed).toBe(1);
    expect(feed.watching).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(logger.of('INSPECT_ERROR')).toHaveLength(1);
    expect(logger.of('INSPECT_ERROR')[0]).toMatch(/where=watcher.*Unexpected end of JSON input/);
  });

  it('logs a failure that repeats (every new watcher failing alike) only once', async () => {
    const logger = captureLogger();
    const feed = new InspectFeed({ logger });
    for (let i = 0; i < 5; i += 1) {
      feed.watch({ trace: () => JSON.parse('{') as unknown, close: () => undefined });
      feed.publish(finished());
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(feed.watching).toBe(0);
    expect(logger.of('INSPECT_ERROR')).toHaveLength(1);
  });

  it('ends every watcher when the server stops', () => {
    const feed = new InspectFeed();
    let closed = 0;
    feed.watch({ trace: () => undefined, close: () => (closed += 1) });
    feed.watch({ trace: () => undefined, close: () => (closed += 1) });
    feed.close();
    expect(closed).toBe(2);
    expect(feed.watching).toBe(0);
  });
});

describe('RequestTrace', () => {
  it('reaches code deeper down, across awaits, once something records handler steps (and costs nothing before)', async () => {
    const trace = finished();
    const deeper = async (): Promise<RequestTrace | undefined> => {
      await new Promise((resolve) => setImmediate(resolve));
      return currentTrace();
    };
    expect(await runWithTrace(trace, deeper)).toBeUndefined(); // no API client or device pool in this process yet
    recordHandlerSteps();
    expect(await runWithTrace(trace, deeper)).toBe(trace);
    expect(await deeper()).toBeUndefined();
  });

  it('keeps at most 8 KB of one command output and 64 KB in all', () => {
    const trace = finished();
    for (let i = 0; i < 12; i += 1) trace.addStep({ kind: 'command', ok: true, text: `show ${i}`, output: 'x'.repeat(10_000) });
    expect(trace.steps[0]!.output).toMatch(/^x{8192}\n… \(cut at 8192 characters\)$/);
    expect(trace.outputBytes).toBeLessThanOrEqual(64 * 1024);
    expect(trace.steps.at(-1)!.output).toMatch(/not kept/);
  });
});
