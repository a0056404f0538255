import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DIFF_LIMITS, type ConfigDiff, type DiffInput } from './config-diff';

// The worker runs TypeScript like the rest of the lab (tsx's require hook).
const WORKER = path.join(__dirname, 'config-diff-worker.ts');
// Past jsdiff's own time limit, the worker's start and the formatting: stopped whatever it does.
const HARD_LIMIT_MS = DIFF_LIMITS.timeoutMs + 5000;

function tooLarge(why: string): ConfigDiff {
  return {
    changed: true,
    diff: null,
    lines_added: null,
    lines_removed: null,
    too_large: true,
    note: `No diff (${why}); compare the two backup files.`,
  };
}

/**
 * configDiff on a worker thread: a diff is CPU work that can take seconds, and on the main
 * thread it would stall every request (/health included) for as long. The worker gets a heap of
 * its own, capped, and is stopped at HARD_LIMIT_MS; the event loop only copies the strings in and
 * the (bounded) result out.
 */
export function diffInWorker(input: DiffInput): Promise<ConfigDiff> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, {
      workerData: input,
      execArgv: ['--require', 'tsx/cjs'],
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    const timer = setTimeout(() => void worker.terminate(), HARD_LIMIT_MS);
    let settled = false;
    const settle = (result: ConfigDiff): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    worker.once('message', (result: ConfigDiff) => settle(result));
    worker.once('error', (err) => settle(tooLarge(`the diff failed: ${err.message}`)));
    worker.once('exit', () => settle(tooLarge(`the diff took longer than ${HARD_LIMIT_MS / 1000} s`)));
  });
}
