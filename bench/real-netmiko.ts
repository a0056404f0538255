import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const PYTHON = '/usr/bin/python3';

/** True when Debian's python3-netmiko is installed (`.ci/run` installs it; a laptop may not have it). */
export function hasNetmiko(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import netmiko'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** One run of bench/netmiko_check.py (connect, two show commands, disconnect) against `port`. */
export async function realNetmikoSession(port: number, password: string): Promise<{ total_ms: number; connect_ms: number }> {
  const { stdout } = await promisify(execFile)(PYTHON, [path.join(__dirname, 'netmiko_check.py'), String(port)], {
    env: { PATH: process.env.PATH, DEVICE_PASSWORD: password },
    timeout: 60_000,
  });
  const result = JSON.parse(stdout) as { total_ms: number; connect_ms: number; ok: boolean };
  if (!result.ok) throw new Error('the Netmiko script did not get the expected show output');
  return result;
}
