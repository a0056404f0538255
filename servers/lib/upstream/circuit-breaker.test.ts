import { createCircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker';
import { AppError } from '../errors';
import { captureLog } from '../../fake-apis/capture-log';

const down = (): Promise<string> => Promise.reject(new AppError('UPSTREAM_UNAVAILABLE', 'api could not be reached (ENOTFOUND)'));
const up = (): Promise<string> => Promise.resolve('upstream');
const offline = (reason: string): string => `offline: ${reason}`;

function setup(overrides: Partial<CircuitBreakerOptions> = {}) {
  let clock = 1_000_000;
  const log = captureLog();
  const breaker = createCircuitBreaker({
    api: 'api',
    enabled: true,
    openForMs: 30_000,
    logger: log.logger,
    now: () => clock,
    ...overrides,
  });
  return { breaker, log, advance: (ms: number) => (clock += ms) };
}

describe('createCircuitBreaker', () => {
  describe('when the upstream answers', () => {
    it('returns its answer and stays closed', async () => {
      const { breaker } = setup();
      await expect(breaker.run(up, offline)).resolves.toBe('upstream');
      expect(breaker.state()).toBe('closed');
    });
  });

  describe('when the upstream fails', () => {
    it('answers from the fallback with the reason, logs it, and opens', async () => {
      const { breaker, log } = setup();
      await expect(breaker.run(down, offline)).resolves.toBe('offline: api could not be reached (ENOTFOUND)');
      expect(breaker.state()).toBe('open');
      expect(log.of('API_CALL')).toEqual([expect.stringContaining('api=offline fallback_for=api')]);
    });

    it('skips the upstream while open and tries it again after openForMs', async () => {
      const { breaker, advance } = setup();
      await breaker.run(down, offline);
      const primary = jest.fn(up);
      await expect(breaker.run(primary, offline)).resolves.toBe(
        'offline: api could not be reached (ENOTFOUND) 0 s ago; trying it again in 30 s.',
      );
      expect(primary).not.toHaveBeenCalled();
      advance(30_000);
      expect(breaker.state()).toBe('half-open');
      await expect(breaker.run(primary, offline)).resolves.toBe('upstream');
      expect(breaker.state()).toBe('closed');
    });

    it('lets a single trial call through when half-open', async () => {
      const { breaker, advance } = setup();
      await breaker.run(down, offline);
      advance(30_000);
      let release: (v: string) => void = () => undefined;
      const trial = breaker.run(() => new Promise<string>((r) => (release = r)), offline);
      const primary = jest.fn(up);
      await expect(breaker.run(primary, offline)).resolves.toMatch(/^offline/);
      expect(primary).not.toHaveBeenCalled();
      release('upstream');
      await expect(trial).resolves.toBe('upstream');
    });

    it('remembers nothing when openForMs is 0', async () => {
      const { breaker } = setup({ openForMs: 0 });
      await breaker.run(down, offline);
      await expect(breaker.run(up, offline)).resolves.toBe('upstream');
    });
  });

  describe('when the error is not an upstream failure', () => {
    it('passes it through without falling back', async () => {
      const { breaker } = setup();
      const notFound = () => Promise.reject(new AppError('NOT_FOUND', 'no match'));
      await expect(breaker.run(notFound, offline)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(breaker.state()).toBe('closed');
    });
  });

  describe('when fallback is disabled', () => {
    it('lets the upstream error reach the caller every time', async () => {
      const { breaker } = setup({ enabled: false });
      await expect(breaker.run(down, offline)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
      await expect(breaker.run(up, offline)).resolves.toBe('upstream');
    });
  });
});
