import type { AuthContext, Connection, ParsedKey } from 'ssh2';
import type { DeviceState } from './device-state';
import type { EventLogger } from '../common/logging/create-logger';
import { safeEqual } from '../common/signatures/webhook-signatures';
import { findAuthorizedKey } from './authorized-keys';
import type { DeviceStats } from './simulator-stats';
import type { LoginThrottle } from './login-throttle';

/** IOS's `ip ssh authentication-retries 3`: the third failure ends the connection. */
export const MAX_AUTH_FAILURES = 3;
const METHODS: AuthContext['method'][] = ['publickey', 'keyboard-interactive', 'password'];

export interface AuthDeps {
  /** Its `username` entries are the accounts; public keys are for the inventory's login only. */
  state: DeviceState;
  authorizedKeys: readonly ParsedKey[];
  logger: EventLogger;
  stats: DeviceStats;
  source: string;
  /** Shared by every connection and device: failures from one address add up. */
  throttle: LoginThrottle;
  /** Called with the user name once a login succeeds. */
  onLogin(user: string): void;
}

/**
 * Handles `authentication` events for one connection: password, keyboard-interactive (what
 * OpenSSH uses to show `Password:`) and public key. Failures are logged as SECURITY with the
 * user and source — never the password — and answered after the throttle's growing delay; an
 * address the throttle has locked out is refused whatever it sends.
 */
export function createAuthHandler(client: Connection, deps: AuthDeps): (ctx: AuthContext) => void {
  let failures = 0;
  const { state, logger, stats, source, throttle } = deps;
  const spec = state.spec;
  const pending = new Set<NodeJS.Timeout>();
  client.once('close', () => pending.forEach(clearTimeout));
  // Every account compared, both fields, always: a wrong user costs the same as a wrong password.
  const valid = (user: string, password: string): boolean =>
    state.settings.users
      // An account without a secret (`username x privilege 5`) is never a way in.
      .map((u) => [safeEqual(user, u.name), u.hashed === undefined && u.secret !== '', safeEqual(password, u.secret)].every(Boolean))
      .reduce((any, ok) => any || ok, false);

  const fail = (ctx: AuthContext, reason: string): void => {
    failures += 1;
    stats.auth_failures += 1;
    const verdict = throttle.failed(source);
    logger.log('SECURITY', {
      event: 'auth_failed',
      device: spec.name,
      user: ctx.username,
      source,
      method: ctx.method,
      reason,
      failures: verdict.failures,
      delay_ms: verdict.delayMs,
    });
    if (verdict.locked) {
      logger.log('SECURITY', {
        event: 'login_locked',
        device: spec.name,
        source,
        failures: verdict.failures,
        lockout_s: Math.round(throttle.lockoutMs / 1000),
      });
    }
    const answer = (): void => {
      ctx.reject(METHODS);
      if (failures >= MAX_AUTH_FAILURES || verdict.locked) client.end();
    };
    if (verdict.delayMs === 0) return answer();
    const timer = setTimeout(() => {
      pending.delete(timer);
      answer();
    }, verdict.delayMs);
    pending.add(timer);
  };
  const succeed = (ctx: AuthContext): void => {
    throttle.succeeded(source, ctx.username);
    logger.log('DEVICE_CONNECT', { event: 'login', device: spec.name, user: ctx.username, source, method: ctx.method });
    deps.onLogin(ctx.username);
    ctx.accept();
  };

  return (ctx) => {
    if (throttle.isLocked(source, ctx.username)) {
      // Locked out: not even a right password gets in until the lockout ends (login-throttle.ts
      // says which account is let through).
      ctx.reject([]);
      client.end();
      return;
    }
    switch (ctx.method) {
      case 'password':
        return valid(ctx.username, ctx.password) ? succeed(ctx) : fail(ctx, 'bad_credentials');
      case 'keyboard-interactive':
        return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => {
          if (valid(ctx.username, answers[0] ?? '')) succeed(ctx);
          else fail(ctx, 'bad_credentials');
        });
      case 'publickey': {
        const key = ctx.username === spec.username ? findAuthorizedKey(deps.authorizedKeys, ctx.key.data) : undefined;
        // An unknown key is only an offer (OpenSSH tries each key it has): not a failure.
        if (!key) return ctx.reject(METHODS);
        if (!ctx.signature || !ctx.blob) return ctx.accept();
        return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) ? succeed(ctx) : fail(ctx, 'bad_signature');
      }
      default:
        return ctx.reject(METHODS);
    }
  };
}
