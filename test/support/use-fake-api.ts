import type { FakeApi } from '../../servers/fake-apis/start-fake-server';

/**
 * Test support: starts a stand-in API for a test file (beforeAll), puts it back in 'ok' mode
 * before each test and stops it at the end. The handle reads through to the running stand-in,
 * so tests write `fake.url` and `fake.setMode('fail')` as if they held it.
 */
export function useFakeApi<T extends FakeApi>(start: () => Promise<T>): T {
  let running: T | undefined;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(() => running?.close());
  beforeEach(() => running?.setMode('ok'));
  return new Proxy({} as T, {
    get(_target, key) {
      if (!running) throw new Error('the stand-in API starts in beforeAll');
      const value = (running as unknown as Record<string | symbol, unknown>)[key];
      return typeof value === 'function' ? value.bind(running) : value;
    },
  });
}
