import { buildApp } from './step1/server';
import { captureLog, exerciseEnv, expectError, postEvent, serve, type CapturedLog, type Served } from './test-support';

const LAB_EVENT = { event: 'InterfaceDown', device: 'Router1', interface: 'GigabitEthernet1' };

describe('step 1 solution: the listener', () => {
  let server: Served;
  let captured: CapturedLog;
  beforeAll(async () => {
    captured = captureLog();
    server = await serve(buildApp({ env: exerciseEnv(), log: captured.log }));
  });
  afterAll(() => server.close());
  beforeEach(() => captured.lines.splice(0));

  it("acknowledges the lab's event with 200 {status: ok} and logs one WEBHOOK_RECEIVED line", async () => {
    const answer = await postEvent(server.url, LAB_EVENT);
    expect(answer).toMatchObject({ status: 200, body: { status: 'ok', event: 'InterfaceDown', id: expect.any(String) } });
    expect(captured.lines).toEqual([
      expect.stringMatching(
        /^WEBHOOK_RECEIVED event=InterfaceDown device=Router1 interface=GigabitEthernet1 bytes=\d+ source=127\.0\.0\.1 id=\S+ ts=\S+Z$/,
      ),
    ]);
  });

  it('refuses an event without a name with 422 VALIDATION_FAILED naming the field', async () => {
    const answer = await postEvent(server.url, { device: 'Router1' });
    expectError(answer, 422, 'VALIDATION_FAILED');
    expect(answer.body.error.details).toEqual([expect.objectContaining({ field: 'event' })]);
  });

  it.each([
    ['malformed JSON', 400, 'INVALID_JSON', '{"event": "InterfaceDown",'],
    ['a JSON array', 422, 'VALIDATION_FAILED', '[1, 2]'],
    ['a number as the event', 422, 'VALIDATION_FAILED', '{"event": 42}'],
    ['a timestamp that is not ISO 8601', 422, 'VALIDATION_FAILED', '{"event": "InterfaceDown", "timestamp": "last tuesday"}'],
    ['a body over 100 kB', 413, 'PAYLOAD_TOO_LARGE', JSON.stringify({ event: 'Big', filler: 'x'.repeat(150_000) })],
  ])('answers %s with %i %s in the error shape', async (_what, status, code, body) => {
    expectError(await postEvent(server.url, body), status, code);
  });

  it('refuses a body that is not JSON with 415', async () => {
    expectError(
      await postEvent(server.url, 'event=InterfaceDown', { 'Content-Type': 'application/x-www-form-urlencoded' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('answers an unknown path with 404 NOT_FOUND and DELETE /events with 405', async () => {
    expectError(await postEvent(`${server.url}/nowhere`, LAB_EVENT), 404, 'NOT_FOUND');
    const del = await fetch(`${server.url}/events`, { method: 'DELETE' });
    expect([del.status, del.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('keeps one event on one log line when a value holds a newline', async () => {
    await postEvent(server.url, { event: 'Test\nSECURITY forged=1' });
    expect(captured.lines).toHaveLength(1);
    expect(captured.lines[0]).toContain('event="Test\\nSECURITY forged=1"');
  });

  it('answers GET /health', async () => {
    const res = await fetch(`${server.url}/health`);
    expect([res.status, await res.json()]).toEqual([200, { status: 'ok', server: 'basic' }]);
  });
});
