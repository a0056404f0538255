import type { ChildProcess } from 'node:child_process';
import { waitForListener } from '../../lab/free-port';

const STARTUP_LIMIT_MS = 30_000;

/**
 * Resolves once something accepts TCP connections on the loopback port; rejects when `child`
 * exits first or nothing listens within 30 s, with the end of its output.
 */
export async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  if (await waitForListener(port, Date.now() + STARTUP_LIMIT_MS, exited)) return;
  if (exited())
    throw new Error(`the server stopped before it answered (exit ${child.exitCode ?? child.signalCode}):\n${output().slice(-1500)}`);
  throw new Error(
    `the server did not listen on port ${port} within ${STARTUP_LIMIT_MS / 1000} s (does it read PORT?):\n${output().slice(-1500)}`,
  );
}
