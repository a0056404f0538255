import type { DeviceState } from '../device-state';
import { fullPath, parseFilePath, type FilePath } from './file-path';

/** The part of an SSH channel the sink uses (ssh2's ServerChannel is one). */
export interface ScpChannel {
  write(data: Buffer | string): unknown;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  exit(code: number): unknown;
  end(): unknown;
}

/** A control line (`C0644 88 name`) longer than this is not SCP. */
const MAX_CONTROL_LINE = 1024;

/**
 * The target of `scp -t [-p] [-d] PATH`, the command an SCP client runs to send a file (its
 * path may come in single quotes, as Python's scp module writes it); undefined for any other command.
 */
export function scpSinkTarget(command: string): string | undefined {
  const m = /^scp\s+((?:-[a-zA-Z]+\s+)*)(\S.*)$/.exec(command.trim());
  if (!m || !/(^|\s)-[a-zA-Z]*t/.test(m[1] ?? '')) return undefined;
  return (m[2] ?? '').replace(/^'(.*)'$/, '$1');
}

/**
 * IOS's SCP server receiving a file (the "sink" side of the protocol OpenSSH's scp and Python's
 * scp module speak): after a 0 byte, the client sends `C<mode> <size> <name>\n`, the bytes, and
 * a 0 byte; each step is answered with 0, or with 1 and a message. Files land on bootflash:,
 * within the device's bounds; a file that would not fit is refused before its bytes are read.
 */
export function runScpSink(channel: ScpChannel, state: DeviceState, target: string, onFile: (path: string, bytes: number) => void): void {
  const dest = parseFilePath(target);
  let control = '';
  let receiving: { path: FilePath; size: number; chunks: Buffer[]; got: number; release: () => void } | undefined;
  let failed = false;

  const fail = (message: string): void => {
    failed = true;
    channel.write(`\x01scp: ${message}\n`);
    channel.exit(1);
    channel.end();
  };
  if (!dest || dest.fs !== 'bootflash:') {
    fail(`${target}: No such file or directory`);
    return;
  }

  const startFile = (line: string): void => {
    const m = /^C([0-7]{4}) (\d{1,12}) ([^/\n]+)$/.exec(line);
    if (!m) return fail('protocol error: expected a file (directories are not supported)');
    const path: FilePath = dest.name === '' ? { ...dest, name: m[3] ?? '' } : dest;
    const size = Number(m[2]);
    if (!parseFilePath(fullPath(path))) return fail(`${fullPath(path)}: Invalid argument`);
    if (!state.files.fits(path.name, size)) return fail(`${fullPath(path)}: No space left on device`);
    receiving = { path, size, chunks: [], got: 0, release: state.files.reserve(size) };
    channel.write('\0');
  };

  const controlLine = (line: string): void => {
    if (line.startsWith('C')) startFile(line);
    // Times (`-p`) are accepted and not kept: `dir` stamps the file with the time it arrived.
    else if (line.startsWith('T')) channel.write('\0');
    else if (line.startsWith('\x01') || line.startsWith('\x02')) {
      channel.exit(1);
      channel.end();
      failed = true;
    } else fail('protocol error: expected a file (directories are not supported)');
  };

  const onData = (data: Buffer): void => {
    let rest = data;
    while (rest.length > 0 && !failed) {
      if (receiving) {
        // The file's bytes, then one 0 byte that ends them.
        const want = receiving.size + 1 - receiving.got;
        const take = rest.subarray(0, want);
        receiving.chunks.push(take);
        receiving.got += take.length;
        rest = rest.subarray(take.length);
        if (receiving.got === receiving.size + 1) {
          const bytes = Buffer.concat(receiving.chunks).subarray(0, receiving.size);
          const { path } = receiving;
          receiving.release();
          receiving = undefined;
          if (state.files.write(path.name, bytes, state.now()) !== 'ok') return fail(`${fullPath(path)}: No space left on device`);
          onFile(fullPath(path), bytes.length);
          channel.write('\0');
        }
        continue;
      }
      const newline = rest.indexOf(0x0a);
      if (newline < 0) {
        control += rest.toString('latin1');
        if (control.length > MAX_CONTROL_LINE) fail('protocol error: control line too long');
        return;
      }
      const line = control + rest.subarray(0, newline).toString('latin1');
      control = '';
      rest = rest.subarray(newline + 1);
      controlLine(line);
    }
  };

  channel.on('data', onData);
  channel.on('end', () => {
    receiving?.release();
    if (failed) return;
    channel.exit(receiving ? 1 : 0);
    channel.end();
  });
  // A connection that drops mid-file never sends `end`: what it had reserved is given back.
  channel.on('close', () => receiving?.release());
  channel.write('\0');
}
