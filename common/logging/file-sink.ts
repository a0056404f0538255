import fs from 'node:fs';
import type { LineSink } from './line-batch-transport';

/** How big a log file may grow, and how many full ones are kept (`.1` newest … `.N` oldest). */
export interface Rotation {
  maxBytes: number;
  maxFiles: number;
}

export const DEFAULT_ROTATION: Rotation = { maxBytes: 10 * 1024 * 1024, maxFiles: 5 };

function sizeOf(filename: string): number {
  try {
    return fs.statSync(filename).size;
  } catch {
    return 0;
  }
}

/** file → file.1 → file.2 … the oldest (file.maxFiles) is dropped. Best effort, like all logging. */
function shiftFiles(filename: string, maxFiles: number): void {
  for (let n = maxFiles; n >= 1; n -= 1) {
    try {
      if (n === maxFiles) fs.rmSync(`${filename}.${n}`, { force: true });
      else fs.renameSync(`${filename}.${n}`, `${filename}.${n + 1}`);
    } catch {
      // that one did not exist yet
    }
  }
  try {
    fs.renameSync(filename, `${filename}.1`);
  } catch {
    // removed under us: the new file starts afresh anyway
  }
}

/**
 * An append-only file as a sink (created if missing) that rotates before a write would take it
 * past `maxBytes`, so a flood can never fill the disk: at most (maxFiles + 1) files. Lines still
 * in flight to the old file land in `.1` (a renamed file keeps its open descriptor).
 */
export function fileSink(filename: string, rotation: Rotation = DEFAULT_ROTATION): LineSink {
  const open = (): fs.WriteStream => {
    // Opened now, not on the stream's next tick: a rotation right after must rename *this* file.
    let fd: number | undefined;
    try {
      fd = fs.openSync(filename, 'a');
    } catch {
      // folder gone: the stream below reports the same failure, and it is ignored there
    }
    const s = fd === undefined ? fs.createWriteStream(filename, { flags: 'a' }) : fs.createWriteStream(filename, { fd });
    // A failed write (disk full, folder removed) must not crash the server: logging is best effort.
    s.on('error', () => undefined);
    return s;
  };
  let stream = open();
  let size = sizeOf(filename);
  const makeRoomFor = (bytes: number): void => {
    if (size === 0 || size + bytes <= rotation.maxBytes) return;
    stream.end();
    shiftFiles(filename, rotation.maxFiles);
    stream = open();
    size = 0;
  };
  return {
    write: (chunk) => {
      const bytes = Buffer.byteLength(chunk);
      makeRoomFor(bytes);
      size += bytes;
      stream.write(chunk);
    },
    writeSync: (chunk) => {
      try {
        fs.appendFileSync(filename, chunk);
        size += Buffer.byteLength(chunk);
      } catch {
        // best effort, as above
      }
    },
    end: () =>
      new Promise<void>((resolve) => {
        if (stream.destroyed) return resolve();
        stream.end(() => resolve());
      }),
  };
}
