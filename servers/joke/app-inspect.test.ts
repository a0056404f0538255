import type { WebhookApp } from '../lib/pipeline/create-webhook-app';
import { traceView, type TraceView } from '../lib/inspect/trace-view';
import { pipelineSettings } from '../lib/inspect/trace-stages';
import { startFakeJokeApi } from '../fake-apis/fake-joke-api';
import { useFakeApi } from '../../test/support/use-fake-api';
import { testConfig } from '../../test/support/test-config';
import { API_JOKES, postEvent, setupJokeApp, type JokeTestApp } from '../../test/support/joke-test-kit';

/** What the live view (GET /inspect) shows of the joke server's work: each API attempt, and the fallback with its reason. */
const fake = useFakeApi(() => startFakeJokeApi({ jokes: API_JOKES }));
let ctx: JokeTestApp;
afterEach(() => ctx.web.close());
const lastTrace = (web: WebhookApp): TraceView => traceView(web.inspectFeed.recent().at(-1)!, pipelineSettings(testConfig()));

describe('the live view of the joke server', () => {
  it('shows the upstream call with its full URL and status', async () => {
    ctx = setupJokeApp({}, fake.url);
    await postEvent(ctx.app, { event: 'JokeRequest', term: 'cat' });
    expect(lastTrace(ctx.web).steps).toEqual([
      expect.objectContaining({
        kind: 'api',
        ok: true,
        text: `GET ${fake.url}/search?term=cat&limit=30&page=1 → 200 (attempt 1)`,
        duration_ms: expect.any(Number),
      }),
    ]);
  });

  it('shows every attempt against a failing API, then the offline answer and why', async () => {
    ctx = setupJokeApp({}, fake.url);
    fake.setMode('fail');
    const res = await postEvent(ctx.app, { event: 'JokeRequest' });
    expect(res.body.source).toBe('offline');
    const steps = lastTrace(ctx.web).steps;
    expect(steps.map((s) => [s.kind, s.ok])).toEqual([
      ['api', false],
      ['api', false],
      ['api', false],
      ['api', false],
      ['fallback', true],
    ]);
    expect(steps[2]!.text).toBe(`GET ${fake.url}/ → 503 (attempt 3)`);
    expect(steps[3]!.text).toMatch(/^icanhazdadjoke failed after 3 attempt\(s\): UPSTREAM_UNAVAILABLE: /);
    expect(steps[4]!.text).toMatch(/^Answered offline instead of icanhazdadjoke: icanhazdadjoke answered \/ with HTTP 503/);
  });
});
