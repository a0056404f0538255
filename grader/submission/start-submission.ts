import fs from 'node:fs';
import path from 'node:path';
import { studentPort } from '../sandbox/student-port';
import { waitForPort } from '../check-step/wait-for-port';
import { copySubmission } from '../sandbox/copy-submission';
import { tsxCommand } from '../sandbox/node-command';
import { spawnSandboxed, type SandboxedProcess } from '../sandbox/spawn-sandboxed';
import { makeStage, SUPPORT_PATHS } from '../sandbox/stage';
import type { WorldEnv } from '../world/world-env';
import type { ServerStart, Submission } from './read-submission';

/** A submission's servers, running in their sandboxes in one world. */
export interface RunningSubmission {
  /** Each server that listens, by the submission's key (role or step), with a label. */
  urls: Record<string, { label: string; url: string }>;
  /** Why a server has no URL (none in the submission, or it did not start). */
  missing: Record<string, string>;
  /** The curl suite in the grader's copy of the submission. */
  curlSuite?: string;
  /** The LOG_DIR every server was given (the grader reads it for credentials: sec-log-secrets). */
  logDir: string;
  /** What the report should say once (a server that did not start, with what it printed; files left out). */
  notes: string[];
  /** Kills every process of the submission and removes the copy; only then is it safe to write results. */
  stop(): Promise<void>;
}

/** Copies the submission's files (never a symbolic link) into a stage mirroring the instructor's tree. */
function stageSubmission(dir: string, root: string, submission: Submission, notes: string[]) {
  return makeStage(
    root,
    (app) => {
      fs.mkdirSync(path.join(app, '.logs'));
      const parts =
        submission.kind === 'manifest' ? ['.'] : ['exercises', ...(submission.curlSuite ? [path.dirname(submission.curlSuite)] : [])];
      for (const part of parts) {
        if (!fs.existsSync(path.join(dir, part))) continue;
        const copied = copySubmission(path.join(dir, part), path.join(app, part));
        if (copied.skipped.length > 0) notes.push(`left out of the submission (never followed or copied): ${copied.skipped.join(', ')}`);
      }
    },
    // A TypeScript submission uses the instructor's kit and common/; another language only its own files (and node_modules).
    submission.kind === 'typescript' ? SUPPORT_PATHS : ['node_modules'],
  );
}

/**
 * Starts every server of a submission (readSubmission) in the sandbox, each on a free port with
 * the world's environment, PORT, HOST and LOG_DIR, in one fresh copy of the student's files; a
 * server that does not listen within 30 s is missing, its output said once in `notes`.
 */
export async function startSubmission(dir: string, submission: Submission, env: WorldEnv, root: string): Promise<RunningSubmission> {
  const notes: string[] = [];
  const stage = stageSubmission(dir, root, submission, notes);
  const logDir = path.join(stage.app, '.logs');
  const running: SandboxedProcess[] = [];
  const urls: RunningSubmission['urls'] = {};
  const missing: RunningSubmission['missing'] = { ...submission.missing };
  const start = async (key: string, how: ServerStart): Promise<void> => {
    const port = await studentPort();
    const serverEnv = { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_DIR: logDir };
    const cmd =
      how.kind === 'typescript'
        ? tsxCommand(stage.app, path.join(stage.app, how.file))
        : { command: how.command[0]!, args: how.command.slice(1).map((a) => a.replaceAll('{PORT}', String(port))), mounts: [] };
    const server = spawnSandboxed({
      command: cmd.command,
      args: cmd.args,
      env: serverEnv,
      cwd: how.kind === 'typescript' ? stage.app : path.join(stage.app, how.cwd),
      uid: stage.uid,
      mounts: [...stage.mounts, ...cmd.mounts],
    });
    running.push(server);
    try {
      await waitForPort(port, server.child, server.output);
      urls[key] = {
        label: how.kind === 'typescript' ? how.file : `the ${key} server (${how.command.join(' ')})`,
        url: `http://127.0.0.1:${port}`,
      };
    } catch (err) {
      const [first = '', ...rest] = (err as Error).message.split('\n');
      const name = how.kind === 'typescript' ? how.file : `the ${key} server`;
      missing[key] = `${name} did not start: ${first.replace(/:$/, '')}`;
      if (rest.join('').trim()) notes.push(`${name}: its output before it stopped:\n${rest.join('\n').trim()}`);
      await server.kill();
    }
  };
  // A server that cannot even be spawned is missing too; the others, and the copy, are still stopped.
  await Promise.all(
    Object.entries(submission.servers).map(([key, how]) =>
      start(key, how).catch((err: unknown) => void (missing[key] = `${key} could not be started: ${(err as Error).message}`)),
    ),
  );
  return {
    urls,
    missing,
    logDir,
    ...(submission.curlSuite && { curlSuite: path.join(stage.app, submission.curlSuite) }),
    notes,
    async stop() {
      await Promise.all(running.map((s) => s.kill()));
      stage.remove();
    },
  };
}
