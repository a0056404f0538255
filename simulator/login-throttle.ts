/** How failed logins from one address are slowed down, then refused for a while. */
export interface LoginThrottleOptions {
  /** Failures from one address after which it is refused for `lockoutMs` (default 10). */
  maxFailures?: number;
  /** How long a locked address is refused, and how long a failure is remembered (default 60 s). */
  lockoutMs?: number;
  /** Failures answered at once: one connection's three tries, a typo or two (default 3). */
  freeFailures?: number;
  /** The first delay after those, doubling with each further failure (default 250 ms)… */
  baseDelayMs?: number;
  /** …up to this (default 4 s). */
  maxDelayMs?: number;
  now?: () => number;
}

export interface FailureVerdict {
  /** Failures from this address still remembered, this one included. */
  failures: number;
  /** Wait this long before answering "no": guessing gets slower with every miss. */
  delayMs: number;
  /** This failure locked the address out. */
  locked: boolean;
}

interface SourceRecord {
  failures: number;
  lastAt: number;
  lockedUntil: number;
}

/** Addresses tracked at most; beyond, the oldest are forgotten so a flood cannot grow memory. */
const MAX_SOURCES = 10_000;
/** Accounts remembered as having logged in (per address), at most; beyond, the oldest are forgotten. */
const MAX_KNOWN_LOGINS = 1_000;

/**
 * Per source address, across every device of the simulator: a growing delay after a few failed
 * logins, then a temporary refusal — the red team guessed 1,200 passwords a second; this allows
 * about ten a minute. A successful login forgets the address's failures.
 *
 * The lockout never shuts out an account that has logged in from that address before: the
 * network server's automation login shares 127.0.0.1 with everyone on the machine, and eleven
 * wrong passwords typed there locked it out of the router for a minute. Such an account still
 * gets in with its right password during a lockout; its wrong passwords are still counted and
 * still answered after the growing delay, so guessing it stays slow.
 */
export class LoginThrottle {
  readonly maxFailures: number;
  readonly lockoutMs: number;
  private readonly sources = new Map<string, SourceRecord>();
  /** `user@address` of every login that succeeded, oldest first. */
  private readonly knownLogins = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly options: LoginThrottleOptions = {}) {
    this.maxFailures = Math.max(1, options.maxFailures ?? 10);
    this.lockoutMs = options.lockoutMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * True while a login from the address is refused without its credentials even being looked at:
   * the address is locked out and `user` (when given) has never logged in from it.
   */
  isLocked(source: string, user?: string): boolean {
    if ((this.sources.get(source)?.lockedUntil ?? 0) <= this.now()) return false;
    return user === undefined || !this.knownLogins.has(`${user}@${source}`);
  }

  /** True when some account has logged in from the address: its connections must reach the login. */
  hasKnownLogin(source: string): boolean {
    for (const login of this.knownLogins) if (login.endsWith(`@${source}`)) return true;
    return false;
  }

  /** Records a failed login from `source`. */
  failed(source: string): FailureVerdict {
    const now = this.now();
    const record = this.current(source, now);
    record.failures += 1;
    record.lastAt = now;
    const locked = record.failures >= this.maxFailures;
    if (locked) record.lockedUntil = now + this.lockoutMs;
    this.sources.delete(source); // re-inserted last: the map stays ordered oldest first
    this.sources.set(source, record);
    this.trim(now);
    const free = this.options.freeFailures ?? 3;
    const delayMs =
      record.failures <= free
        ? 0
        : Math.min(this.options.maxDelayMs ?? 4000, (this.options.baseDelayMs ?? 250) * 2 ** (record.failures - free - 1));
    return { failures: record.failures, delayMs, locked };
  }

  /**
   * A login succeeded: the account is known at the address from now on, and the address's
   * failures are forgotten — unless it is locked out: a known account logging in during a
   * lockout must not lift it for everyone else.
   */
  succeeded(source: string, user: string): void {
    if (!this.isLocked(source)) this.sources.delete(source);
    const login = `${user}@${source}`;
    this.knownLogins.delete(login); // re-inserted last: the set stays ordered oldest first
    this.knownLogins.add(login);
    if (this.knownLogins.size > MAX_KNOWN_LOGINS) this.knownLogins.delete(this.knownLogins.values().next().value!);
  }

  /** The address's record, starting afresh once its last failure and any lockout are over. */
  private current(source: string, now: number): SourceRecord {
    const record = this.sources.get(source);
    const over = record !== undefined && record.lockedUntil <= now && (record.lockedUntil > 0 || now - record.lastAt > this.lockoutMs);
    return record && !over ? record : { failures: 0, lastAt: now, lockedUntil: 0 };
  }

  private trim(now: number): void {
    if (this.sources.size <= MAX_SOURCES) return;
    for (const [source, record] of this.sources) {
      if (this.sources.size <= MAX_SOURCES) break;
      if (record.lockedUntil <= now) this.sources.delete(source);
    }
    // Everything left is locked: forget the oldest lockouts rather than grow.
    for (const source of this.sources.keys()) {
      if (this.sources.size <= MAX_SOURCES) break;
      this.sources.delete(source);
    }
  }
}
