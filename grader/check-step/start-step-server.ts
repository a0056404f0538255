import fs from 'node:fs';
import path from 'node:path';
import { waitForPort } from './wait-for-port';
import { copySubmission } from '../sandbox/copy-submission';
import { handOver, makeStage } from '../sandbox/stage';
import { tsxCommand } from '../sandbox/node-command';
import { spawnSandboxed, type SandboxedProcess } from '../sandbox/spawn-sandboxed';

export interface StepServer {
  url: string;
  /** Everything it printed so far (the end of it, for a crash report). */
  output(): string;
  /** Null while it runs; its exit code (or signal) once it stopped. */
  exited(): string | null;
  /** Stops it and everything it started, and removes its copy. */
  stop(): Promise<void>;
}

/** Where the step's folder goes in the sandbox's tree: where it is in `root`, else exercises/<its name>. */
const placeIn = (root: string, folder: string): string => {
  const rel = path.relative(root, folder);
  return rel.startsWith('..') || path.isAbsolute(rel) ? path.join('exercises', path.basename(folder)) : rel;
};

/**
 * Starts a student's TypeScript server file with tsx in the sandbox (grader/sandbox): a fresh
 * copy of its folder in a tree whose kit, common/ and node_modules are `root`'s (read-only),
 * exactly `env` (plus PATH and HOME), LOG_DIR writable; waits until it accepts connections on
 * env.PORT.
 */
export async function startStepServer(file: string, env: Record<string, string>, root: string): Promise<StepServer> {
  const folder = path.dirname(path.resolve(file));
  const place = placeIn(root, folder);
  const stage = makeStage(root, (app) => void copySubmission(folder, path.join(app, place)));
  const entry = path.join(stage.app, place, path.basename(file));
  if (env.LOG_DIR) handOver(env.LOG_DIR, stage.uid);
  const tsx = tsxCommand(stage.app, entry);
  let server: SandboxedProcess;
  try {
    server = spawnSandboxed({
      command: tsx.command,
      args: tsx.args,
      env,
      cwd: stage.app,
      uid: stage.uid,
      mounts: [
        ...stage.mounts,
        ...tsx.mounts,
        ...(env.LOG_DIR && fs.existsSync(env.LOG_DIR) ? [{ path: env.LOG_DIR, writable: true }] : []),
      ],
    });
  } catch (err) {
    stage.remove();
    throw err;
  }
  const stop = async (): Promise<void> => {
    await server.kill();
    stage.remove();
  };
  try {
    await waitForPort(Number(env.PORT), server.child, server.output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `http://127.0.0.1:${env.PORT}`, output: server.output, exited: server.exited, stop };
}
