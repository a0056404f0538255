import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sandboxUid } from './sandbox-status';
import type { SandboxMount } from './spawn-sandboxed';

/** What a student's TypeScript server may use of the instructor's tree: read-only, never a copy of the student's. */
export const SUPPORT_PATHS = ['node_modules', 'common', 'exercises/kit', 'package.json', 'tsconfig.json'] as const;

/** A fresh folder for one sandboxed run: the student's copied files in `app`, writable by them. */
export interface Stage {
  dir: string;
  /** The student's tree: their files, and mounts of the instructor's SUPPORT_PATHS. */
  app: string;
  mounts: SandboxMount[];
  /** The user everything of this stage runs as (when the grader is root). */
  uid: number;
  remove(): void;
}

/** Gives the sandbox's user a folder the grader (root) made: only then can the student's code write there. */
export function handOver(dir: string, uid: number): void {
  if (process.getuid?.() !== 0) return;
  const walk = (p: string): void => {
    fs.lchownSync(p, uid, uid);
    if (fs.lstatSync(p).isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
}

/**
 * A fresh folder under the temp dir whose `app` mirrors the instructor's tree (`root`): `fill`
 * copies the student's files in, then the support paths are mounted over them read-only (a
 * student's own kit or node_modules is never used), and everything is handed to the sandbox's user.
 */
export function makeStage(root: string, fill: (app: string) => void, support: readonly string[] = SUPPORT_PATHS): Stage {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-sandbox-'));
  const app = path.join(dir, 'app');
  const remove = (): void => fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.mkdirSync(app);
    fill(app);
    const mounts: SandboxMount[] = [{ path: app, writable: true }];
    for (const p of support) {
      const source = path.join(root, p);
      if (!fs.existsSync(source)) continue;
      const target = path.join(app, p);
      fs.rmSync(target, { recursive: true, force: true });
      // The mount point made here, once: sandboxes started at once on this stage would race to make it.
      if (fs.statSync(source).isDirectory()) fs.mkdirSync(target, { recursive: true });
      else {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, '');
      }
      mounts.push({ path: target, from: fs.realpathSync(source) });
    }
    const uid = sandboxUid();
    handOver(dir, uid);
    return { dir, app, mounts, uid, remove };
  } catch (err) {
    remove();
    throw err;
  }
}
