import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../lab/free-port';
import { waitForPort } from '../check-step/wait-for-port';
import type { LabTargets } from '../lab/lab-context';
import type { WorldEnv } from '../world/world-env';

/**
 * Test support: starts one of the calibration implementations (each server its own process, as
 * a student runs them) in a world, on free ports, with logs in a temporary folder.
 */

export const PYTHON = '/usr/bin/python3';
const HERE = __dirname;

type Role = 'basic' | 'joke' | 'card' | 'network';

/** How to start each server of an implementation on a port. */
export interface Implementation {
  name: string;
  dir: string;
  /** Its curl suite, if it has one. */
  curlSuite?: string;
  servers: Partial<Record<Role, (port: number) => { command: string; args: string[] }>>;
}

const uvicorn = (module: string) => (port: number) => ({
  command: PYTHON,
  args: ['-m', 'uvicorn', `${module}:app`, '--host', '127.0.0.1', '--port', String(port), '--log-level', 'warning'],
});
const node = (file: string) => (port: number) => ({ command: process.execPath, args: [file, String(port)] });

export const FASTAPI: Implementation = {
  name: 'FastAPI',
  dir: path.join(HERE, 'fastapi'),
  curlSuite: path.join(HERE, 'fastapi', 'test_webhooks.sh'),
  servers: {
    basic: uvicorn('basic_webhook_server'),
    joke: uvicorn('joke_webhook_server'),
    card: uvicorn('card_webhook_server'),
    network: uvicorn('network_webhook_server'),
  },
};

export const EXPRESS: Implementation = {
  name: 'Express',
  dir: path.join(HERE, 'express'),
  curlSuite: path.join(HERE, 'express', 'curl-tests.sh'),
  servers: {
    basic: node('basic-server.js'),
    joke: node('joke-server.js'),
    card: node('card-server.js'),
    network: node('network-server.js'),
  },
};

/** The lab text's two snippets, verbatim but for reading the API base URL from the environment. */
export const SNIPPETS: Implementation = {
  name: 'the lab snippets',
  dir: path.join(HERE, 'lab-snippets'),
  servers: { basic: uvicorn('webhook_server'), joke: uvicorn('action_server'), card: uvicorn('action_server') },
};

export interface RunningImplementation {
  targets: LabTargets;
  close(): Promise<void>;
}

/** Starts the implementation's servers (all, or `only` some) with the world's env plus `extra`. */
export async function startImplementation(
  impl: Implementation,
  env: WorldEnv,
  extra: Record<string, string> = {},
  only?: Role[],
): Promise<RunningImplementation> {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-calibration-'));
  const children: ChildProcess[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    fs.rmSync(logDir, { recursive: true, force: true });
  };
  const targets: LabTargets = { servers: {}, missing: {} };
  try {
    await Promise.all(
      Object.entries(impl.servers)
        .filter(([role]) => !only || only.includes(role as Role))
        .map(async ([role, how]) => {
          const port = await freePort();
          const { command, args } = how!(port);
          const child = spawn(command, args, {
            cwd: impl.dir,
            env: {
              PATH: process.env.PATH ?? '/usr/bin:/bin',
              HOME: process.env.HOME ?? '',
              PYTHONDONTWRITEBYTECODE: '1',
              LOG_DIR: logDir,
              PORT: String(port),
              ...env,
              ...extra,
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          children.push(child);
          let out = '';
          const collect = (c: Buffer): void => {
            out = (out + c.toString('utf8')).slice(-20_000);
          };
          child.stdout?.on('data', collect);
          child.stderr?.on('data', collect);
          await waitForPort(port, child, () => out);
          targets.servers[role as Role] = { label: `${impl.name} ${role} server`, url: `http://127.0.0.1:${port}` };
        }),
    );
    if (targets.servers.basic) targets.servers.security = { ...targets.servers.basic };
    for (const role of ['basic', 'joke', 'card', 'network'] as const)
      if (!targets.servers[role]) targets.missing[role] = `${impl.name} has no ${role} server`;
    if (!targets.servers.security) targets.missing.security = `${impl.name} has no basic server`;
    // The grader reads the log where the servers write it: LOG_DIR as given (a world's), else this run's own.
    return { targets: { ...targets, logs: { dir: extra.LOG_DIR ?? logDir } }, close };
  } catch (err) {
    await close();
    throw err;
  }
}
