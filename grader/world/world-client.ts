import type { WorldEntry } from './world-log';
import type { WorldEnv } from './world-env';
import type { FakeMode } from '../../servers/fake-apis/start-fake-server';
import type { SwitchMode } from './tcp-switch';

/** GET /world. */
export interface WorldInfo {
  env: WorldEnv;
  device: {
    name: string;
    hostname: string;
    control_url: string;
    up: boolean;
    mode: SwitchMode;
    interfaces: Array<{ name: string; shutdown: boolean; up: boolean }>;
  };
  relay: { target: string | null; forwarding: boolean };
  log: { last: number };
  /** The LOG_DIR for servers started in this world: the grader reads it (step 5: no credential in a log). */
  log_dir: string;
}

const TIMEOUT_MS = 5000;

/**
 * The grader's handle on a world, over its control port: the same whether the world runs in this
 * process or was started elsewhere with `npm run grade -- --serve`.
 */
export class WorldClient {
  /** `controlToken`: a locked world's (RunningWorld.controlToken), sent with every call. */
  constructor(
    readonly url: string,
    private readonly controlToken?: string,
  ) {}

  private get headers(): Record<string, string> {
    return this.controlToken ? { 'x-hooklab-control': this.controlToken } : {};
  }

  private async call<T>(method: string, path: string, body?: unknown, timeoutMs = TIMEOUT_MS): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.url}${path}`, {
        method,
        headers: { ...this.headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new Error(
        `the grader's world at ${this.url} does not answer (${(err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).message})`,
      );
    }
    if (!res.ok) throw new Error(`the grader's world: ${method} ${path} answered HTTP ${res.status}`);
    return (await res.json()) as T;
  }

  info(): Promise<WorldInfo> {
    return this.call('GET', '/world');
  }

  /** The latest log sequence number: read the log after it to see what an action caused. */
  async mark(): Promise<number> {
    return (await this.info()).log.last;
  }

  /** Log entries after `since`; waits up to `waitMs` for the first one. */
  async entries(since: number, waitMs = 0): Promise<WorldEntry[]> {
    const body = await this.call<{ entries: WorldEntry[] }>(
      'GET',
      `/world/log?since=${since}&wait_ms=${waitMs}`,
      undefined,
      waitMs + TIMEOUT_MS,
    );
    return body.entries;
  }

  /**
   * Reads the log after `since` until `done` says the entries so far are enough, or `timeoutMs`
   * passes; returns the entries either way. `done` is asked again at least every `pollMs`.
   */
  async waitFor(since: number, done: (entries: WorldEntry[]) => boolean, timeoutMs: number, pollMs = 2000): Promise<WorldEntry[]> {
    const deadline = Date.now() + timeoutMs;
    let seen: WorldEntry[] = [];
    let last = since;
    while (!done(seen)) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      const more = await this.entries(last, Math.min(left, pollMs));
      if (more.length > 0) {
        seen = [...seen, ...more];
        last = more[more.length - 1]!.seq;
      }
    }
    return seen;
  }

  setDeviceUp(up: boolean): Promise<WorldInfo> {
    return this.setDeviceMode(up ? 'up' : 'down');
  }

  /** up: the device answers; down: its SSH port resets connections; hang: it accepts them and says nothing. */
  setDeviceMode(mode: SwitchMode): Promise<WorldInfo> {
    return this.call('POST', `/world/device/${mode}`);
  }

  setShutdown(name: string, shutdown: boolean): Promise<WorldInfo> {
    return this.call('POST', `/world/device/interfaces/${encodeURIComponent(name)}/${shutdown ? 'shutdown' : 'no-shutdown'}`);
  }

  setRelay(relay: { target?: string | null; forwarding?: boolean }): Promise<WorldInfo> {
    return this.call('PUT', '/world/relay', relay);
  }

  reset(): Promise<WorldInfo> {
    return this.call('POST', '/world/reset');
  }

  /** Switches a stand-in API's mode through its own control (`POST <api>/__mode/<mode>`). */
  async setApiMode(apiUrl: string, mode: FakeMode): Promise<void> {
    const res = await fetch(`${apiUrl}/__mode/${mode}`, { method: 'POST', headers: this.headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) throw new Error(`the stand-in API at ${apiUrl} refused mode ${mode} (HTTP ${res.status})`);
  }
}
