import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startSimulator } from '../simulator/start-simulator';
import { openDeviceSession } from '../servers/lib/device-client/open-device-session';
import { KnownHosts } from '../servers/lib/device-client/known-hosts';

/**
 * `tsx bench/nagle-check.ts [nagle]`: opens device sessions and runs commands against the
 * simulator in this process and prints medians as JSON. With `nagle`, every socket's
 * setNoDelay is made a no-op first, so both ends (the device client and the simulator) keep
 * Nagle's algorithm on: what TCP_NODELAY saves, measured rather than assumed. Run in its own
 * process by the bench because the patch is process-wide.
 */
if (process.argv[2] === 'nagle') {
  net.Socket.prototype.setNoDelay = function keepNagle(this: net.Socket) {
    return this;
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 100) / 100;
};

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-nagle-'));
  const login = { username: 'admin', password: 'cisco', enableSecret: 'cisco', privilege: 15 as const };
  const sim = await startSimulator({
    devices: [{ name: 'R1', host: '127.0.0.1', port: 0, ...login }],
    sshPort: 0,
    hostKeyDir: dir,
    logDir: dir,
  });
  try {
    const spec = { name: 'R1', host: '127.0.0.1', port: sim.devices[0]!.sshPort, ...login };
    const options = { connectTimeoutMs: 10_000, commandTimeoutMs: 10_000, knownHosts: new KnownHosts(path.join(dir, 'known_hosts')) };
    const open: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const t = performance.now();
      const s = await openDeviceSession(spec, options);
      open.push(performance.now() - t);
      await s.close();
    }
    const session = await openDeviceSession(spec, options);
    const command: number[] = [];
    const check: number[] = [];
    for (let i = 0; i < 25; i += 1) {
      let t = performance.now();
      await session.sendCommand('show clock');
      command.push(performance.now() - t);
      t = performance.now();
      await session.sendCommand('show version');
      await session.sendCommand('show ip interface brief');
      check.push(performance.now() - t);
    }
    await session.close();
    process.stdout.write(
      `${JSON.stringify({ open_session_ms: median(open), one_command_ms: median(command), two_show_commands_ms: median(check) })}\n`,
    );
  } finally {
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().then(() => process.exit(0));
