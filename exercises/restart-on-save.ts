import fs from 'node:fs';

/**
 * Calls `restart` once after files in `folders` change (a save writes several events; they are
 * gathered for `settleMs`), never twice at the same time. The server stays a direct child of
 * `npm run exercise`, so it still stops with it however that ends (tsx's own watch mode would
 * sit in between and outlive a killed runner). Returns a function that stops watching.
 */
export function restartOnSave(folders: string[], restart: () => Promise<void>, settleMs = 150): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(restart, restart);
    }, settleMs);
  };
  const watchers = folders.map((folder) => fs.watch(folder, changed));
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
