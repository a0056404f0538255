import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDeviceSession } from '../servers/lib/device-client/open-device-session';
import { KnownHosts } from '../servers/lib/device-client/known-hosts';
import { startSimulator } from '../simulator/start-simulator';
import { memoryOf, median as exactMedian, round, type ChildServer } from './child-server';
import { percentile } from './bench-sustained';
import { netmikoStyleSession } from './netmiko-style';
import { hasNetmiko, realNetmikoSession } from './real-netmiko';
import { benchTwoCopyStorm } from './bench-scale';
import { LOGIN, closeConnections, deviceStats, post, spec, startNetworkServer, type Answer } from './network-under-test';

const median = (values: readonly number[]): number => round(exactMedian(values), 2);

export interface DeviceBenchOptions {
  /** Cold NetworkDeviceChecks (distinct devices), and as many warm ones right after them. */
  checks: number;
  /** Warm checks run before the measured ones, so V8 has compiled the path (as the ack bench warms each server). */
  warmUpChecks: number;
  /** Warm checks measured after the warm-up. */
  warmChecks: number;
  /** Netmiko-style scripted sessions. */
  scriptRuns: number;
  /** Real Netmiko sessions (when python3-netmiko is installed). */
  netmikoRuns: number;
  stormEvents: number;
  stormDevices: number;
  progress: (line: string) => void;
}

function expectOk(answer: Answer, what: string): void {
  if (answer.status !== 200) throw new Error(`${what}: HTTP ${answer.status} ${answer.error ?? JSON.stringify(answer.body)}`);
}

interface NagleRun {
  open_session_ms: number;
  one_command_ms: number;
  two_show_commands_ms: number;
}

/** bench/nagle-check.ts in its own process, with TCP_NODELAY as shipped or Nagle kept on both ends. */
function nagleCheck(mode: 'nodelay' | 'nagle'): Promise<NagleRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(__dirname, 'nagle-check.ts'), mode], { timeout: 60_000 }, (err, stdout) => {
      if (err) return reject(err);
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as NagleRun);
    });
  });
}

/** Sections 2 and 3: the device path on the simulator, and the event storm. */
export async function benchDevice(options: DeviceBenchOptions) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-bench-dev-'));
  const coldNames = Array.from({ length: options.checks }, (_, i) => `D${String(i + 1).padStart(2, '0')}`);
  const stormNames = Array.from({ length: options.stormDevices }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);
  const sim = await startSimulator({
    devices: [...coldNames, ...stormNames, 'SCRIPT', 'CMD'].map(spec),
    sshPort: 0,
    hostKeyDir: path.join(dir, 'simkeys'),
    logDir: path.join(dir, 'simlogs'),
    logToConsole: false,
  });
  const servers: ChildServer[] = [];
  try {
    // 2a. NetworkDeviceCheck over HTTP: cold (first contact with a device: TCP, SSH handshake,
    // login, shell, terminal setup, then the two commands) and warm (the pooled session).
    const network = await startNetworkServer(sim, coldNames, path.join(dir, 'network'));
    servers.push(network);
    const idle = memoryOf(network.pid);
    const cold: number[] = [];
    for (const name of coldNames) {
      const a = await post(network.url, { event: 'NetworkDeviceCheck', device: name });
      expectOk(a, `cold check on ${name}`);
      cold.push(a.ms);
    }
    options.progress(`  cold NetworkDeviceCheck: median ${median(cold)} ms over ${cold.length} devices`);
    const warmChecks = async (count: number): Promise<number[]> => {
      const ms: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const a = await post(network.url, { event: 'NetworkDeviceCheck', device: coldNames[0] });
        expectOk(a, 'warm check');
        ms.push(a.ms);
      }
      return ms;
    };
    // The session is warm from the first; the process is not: V8 is still compiling the path.
    const early = await warmChecks(options.checks);
    options.progress(`  warm session, the first ${early.length} checks after the cold ones: median ${median(early)} ms`);
    await warmChecks(options.warmUpChecks);
    const warm = await warmChecks(options.warmChecks);
    options.progress(
      `  warm NetworkDeviceCheck (after ${options.warmUpChecks} checks of warm-up): median ${median(warm)} ms over ${warm.length}`,
    );
    const afterChecks = memoryOf(network.pid);

    // 2b. One command on a warm session, in this process (the library, no HTTP).
    const cmdPort = sim.devices.find((d) => d.name === 'CMD')!.sshPort;
    const session = await openDeviceSession(
      { ...spec('CMD'), port: cmdPort },
      {
        connectTimeoutMs: 10_000,
        commandTimeoutMs: 10_000,
        knownHosts: new KnownHosts(path.join(dir, 'bench_known_hosts')),
      },
    );
    const command: number[] = [];
    for (let i = 0; i < options.checks + 5; i += 1) {
      const t = performance.now();
      await session.sendCommand('show clock');
      if (i >= 5) command.push(round(performance.now() - t, 3));
    }
    await session.close();
    options.progress(`  one command on a warm session: median ${median(command)} ms`);

    // 2c. The Netmiko-style scripted session (ssh2 as shipped, Nagle on, new connection each time).
    const scriptPort = sim.devices.find((d) => d.name === 'SCRIPT')!.sshPort;
    const script: Array<{ total_ms: number; steps: Record<string, number> }> = [];
    for (let i = 0; i < options.scriptRuns; i += 1) {
      script.push(await netmikoStyleSession({ host: '127.0.0.1', port: scriptPort, username: LOGIN.username, password: LOGIN.password }));
    }
    const scriptMs = median(script.map((s) => s.total_ms));
    const scriptSteps = Object.fromEntries(Object.keys(script[0]!.steps).map((k) => [k, median(script.map((s) => s.steps[k]!))]));
    options.progress(
      `  Netmiko-style script: median ${scriptMs} ms (${Object.entries(scriptSteps)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    );

    // 2c'. Real Netmiko (Debian's python3-netmiko), when installed: the script an engineer writes.
    const netmiko: Array<{ total_ms: number; connect_ms: number }> = [];
    if (hasNetmiko()) {
      for (let i = 0; i < options.netmikoRuns; i += 1) netmiko.push(await realNetmikoSession(scriptPort, LOGIN.password));
      options.progress(
        `  real Netmiko script: median ${median(netmiko.map((r) => r.total_ms))} ms (connect ${median(netmiko.map((r) => r.connect_ms))} ms)`,
      );
    } else {
      options.progress('  real Netmiko: not installed (apt-get install python3-netmiko); compared with the Netmiko-style script only');
    }
    const netmikoMs = netmiko.length > 0 ? median(netmiko.map((r) => r.total_ms)) : undefined;
    await network.stop();

    // 2d. TCP_NODELAY: the same session work with Nagle's algorithm kept on at both ends.
    const nodelay = await nagleCheck('nodelay');
    const nagle = await nagleCheck('nagle');
    options.progress(
      `  TCP_NODELAY both ends: open ${nodelay.open_session_ms} ms, command ${nodelay.one_command_ms} ms; Nagle both ends: open ${nagle.open_session_ms} ms, command ${nagle.one_command_ms} ms`,
    );

    // 3. The event storm: every event at once, across the storm devices, on a fresh server.
    const stormServer = await startNetworkServer(sim, stormNames, path.join(dir, 'storm'));
    servers.push(stormServer);
    const stormIdle = memoryOf(stormServer.pid);
    const before = await deviceStats(sim);
    let sampledPeak = 0;
    const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, memoryOf(stormServer.pid)?.rss_mb ?? 0)), 25);
    const events = Array.from({ length: options.stormEvents }, (_, i) => {
      const device = stormNames[i % stormNames.length]!;
      return i % 2 === 0
        ? { event: 'InterfaceDown', device, interface: `GigabitEthernet${(Math.floor(i / stormNames.length) % 3) + 1}` }
        : { event: 'NetworkDeviceCheck', device };
    });
    const started = performance.now();
    const answers = await Promise.all(events.map((e) => post(stormServer.url, e)));
    const totalMs = round(performance.now() - started, 1);
    clearInterval(sampler);
    const after = await deviceStats(sim);
    const stormMemory = memoryOf(stormServer.pid);
    const diff = (key: 'sessions_opened' | 'commands', name: string): number => (after[name]?.[key] ?? 0) - (before[name]?.[key] ?? 0);
    const sessionsPerDevice = Object.fromEntries(stormNames.map((n) => [n, diff('sessions_opened', n)]));
    const commands = stormNames.reduce((n, name) => n + diff('commands', name), 0);
    const errors = answers.filter((a) => a.status !== 200);
    const coalesced = answers.filter((a) => a.body && a.body.coalesced !== false && a.body.coalesced !== undefined).length;
    options.progress(
      `  storm: ${events.length} events in ${totalMs} ms, sessions ${Object.values(sessionsPerDevice).reduce((a, b) => a + b, 0)}, commands ${commands}, errors ${errors.length}, peak RSS ${stormMemory?.peak_rss_mb} MB`,
    );
    await stormServer.stop();

    // 3b. The same storm against two copies sharing Redis, behind the lab's balancer (step 8).
    const twoCopies = await benchTwoCopyStorm({ sim, stormNames, events, dir: path.join(dir, 'scale'), progress: options.progress });

    return {
      network_device_check: {
        cold_ms: { median: median(cold), min: Math.min(...cold), max: Math.max(...cold), runs: cold },
        warm_ms: {
          median: median(warm),
          min: Math.min(...warm),
          max: Math.max(...warm),
          p90: round(
            percentile(
              [...warm].sort((a, b) => a - b),
              90,
            ),
            2,
          ),
        },
        warm_up_checks: options.warmUpChecks,
        warm_early_ms: { median: median(early), min: Math.min(...early), max: Math.max(...early), runs: early },
        target_warm_at_most_ms: 2,
        met: median(warm) <= 2,
      },
      command_on_warm_session_ms: { median: median(command), min: Math.min(...command), max: Math.max(...command) },
      netmiko_style_script_ms: { median: scriptMs, steps_median: scriptSteps, runs: script.map((s) => s.total_ms) },
      real_netmiko_ms:
        netmikoMs === undefined
          ? null
          : { median: netmikoMs, connect_median: median(netmiko.map((r) => r.connect_ms)), runs: netmiko.map((r) => r.total_ms) },
      tcp_nodelay: { both_ends_nodelay: nodelay, both_ends_nagle: nagle },
      ratios: {
        cold_over_warm: round(median(cold) / median(warm), 1),
        script_over_warm: round(scriptMs / median(warm), 1),
        netmiko_over_warm: netmikoMs === undefined ? null : round(netmikoMs / median(warm), 0),
      },
      storm: {
        events: events.length,
        devices: stormNames.length,
        total_ms: totalMs,
        sessions_opened: Object.values(sessionsPerDevice).reduce((a, b) => a + b, 0),
        max_sessions_per_device: Math.max(...Object.values(sessionsPerDevice)),
        sessions_per_device: sessionsPerDevice,
        commands_sent: commands,
        answered_from_shared_work: coalesced,
        errors: errors.length,
        error_samples: errors.slice(0, 3).map((e) => ({ status: e.status, error: e.error ?? e.body })),
        answer_ms: { median: median(answers.map((a) => a.ms)), max: Math.max(...answers.map((a) => a.ms)) },
        rss_mb: { idle: stormIdle?.rss_mb, peak_sampled: sampledPeak, peak_vmhwm: stormMemory?.peak_rss_mb },
        targets: { sessions_per_device_at_most: 1, errors: 0 },
        met: Math.max(...Object.values(sessionsPerDevice)) <= 1 && errors.length === 0,
      },
      storm_two_copies: twoCopies,
      memory: { network: { idle, after_checks: afterChecks } },
    };
  } finally {
    for (const s of servers) await s.stop();
    await sim.close();
    closeConnections();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
