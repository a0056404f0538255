import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A student's files on this machine, ready to grade; `remove` deletes a clone (never their folder). */
export interface StudentSource {
  dir: string;
  remove(): void;
}

const isRepository = (source: string): boolean =>
  source.startsWith('file://') ||
  source.endsWith('.git') ||
  (fs.existsSync(path.join(source, 'HEAD')) && fs.existsSync(path.join(source, 'objects')));

/**
 * A roster's source: a folder is graded where it is (the grader copies only the student's files
 * from it); a git repository (a bare one, `.git`, or file://) is cloned first, its default
 * branch's last commit only. Clone options keep the student's repository from running anything
 * (no hooks run on clone; no submodules; no filters: their configuration is not cloned).
 */
export async function fetchSource(source: string, baseDir: string): Promise<StudentSource> {
  const where = source.startsWith('file://') ? source : path.resolve(baseDir, source);
  if (!isRepository(where)) {
    if (!fs.existsSync(where) || !fs.statSync(where).isDirectory()) throw new Error(`${source}: no such folder or repository`);
    return { dir: where, remove: () => undefined };
  }
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-clone-'));
  const dir = path.join(parent, 'repo');
  const remove = (): void => fs.rmSync(parent, { recursive: true, force: true });
  try {
    await run(
      'git',
      [
        '-c',
        'safe.directory=*',
        '-c',
        'core.symlinks=false',
        '-c',
        'protocol.file.allow=always',
        'clone',
        '--quiet',
        '--depth',
        '1',
        '--no-recurse-submodules',
        where.startsWith('file://') ? where : `file://${where}`,
        dir,
      ],
      { timeout: 60_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: parent, GIT_TERMINAL_PROMPT: '0' } },
    );
  } catch (err) {
    remove();
    throw new Error(`${source}: git clone failed: ${((err as { stderr?: string }).stderr ?? (err as Error).message).trim()}`);
  }
  return { dir, remove };
}
