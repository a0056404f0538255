import type { Session, ServerChannel } from 'ssh2';
import type { EventLogger } from '../common/logging/create-logger';
import type { DeviceState } from './device-state';
import type { DeviceStats } from './simulator-stats';
import { CliSession } from './cli/cli-session';
import { runScpSink, scpSinkTarget } from './files/scp-sink';

export interface SessionDeps {
  state: DeviceState;
  stats: DeviceStats;
  logger: EventLogger;
  user: string;
  source: string;
  /** Picks a free `vtyN` line and gives it back on close. */
  vty: { take(): number; give(n: number): void };
  /** The channel closed; `byExit` when the user typed exit/logout. */
  onClosed(byExit: boolean): void;
}

/** The level of the `username` entry the session logged in as (the inventory's, for a key login). */
function privilegeOf(state: DeviceState, user: string): number {
  return state.settings.users.find((u) => u.name === user)?.privilege ?? state.spec.privilege;
}

function safeWrite(stream: ServerChannel, text: string): void {
  if (stream.writable && !stream.destroyed) stream.write(text);
}

/**
 * One SSH session channel: a PTY (pty-req, window-change) and then either an interactive shell
 * or a single exec command. Subsystems (sftp, netconf) are refused, as on a device without them.
 */
export function handleSession(session: Session, deps: SessionDeps): void {
  const { state, stats, logger, user, source } = deps;
  const device = state.spec.name;
  let pty: { cols: number; rows: number } | undefined;
  let cli: CliSession | undefined;

  const open = (kind: string): void => {
    stats.sessions_opened += 1;
    stats.sessions_active += 1;
    logger.log('DEVICE_CONNECT', { event: 'session_open', device, kind, user, source });
  };
  const closed = (kind: string, byExit: boolean): void => {
    stats.sessions_active -= 1;
    logger.log('DEVICE_CONNECT', { event: 'session_close', device, kind, user, source, by_exit: byExit });
    deps.onClosed(byExit);
  };
  const onCommand = (command: string, outcome: string): void => {
    stats.commands += 1;
    logger.log('DEVICE_COMMAND', { device, command, user, source, outcome });
  };
  const onSecurity = (reason: string): void => {
    logger.log('SECURITY', { event: 'enable_failed', device, user, source, reason });
  };

  session.on('pty', (accept, _reject, info) => {
    pty = { cols: info.cols, rows: info.rows };
    accept?.();
  });
  session.on('window-change', (accept, _reject, info) => {
    cli?.resize(info.cols, info.rows);
    accept?.();
  });
  session.on('subsystem', (_accept, reject) => reject?.());
  session.on('sftp', (_accept, reject) => reject?.());

  session.on('shell', (accept) => {
    const stream = accept();
    const line = deps.vty.take();
    let byExit = false;
    open('shell');
    const vtySession = { line: `vty${line}`, user, source, lastInput: state.now() };
    const leave = state.sessions.add(vtySession);
    cli = new CliSession({
      state,
      user,
      source,
      line: `vty${line}`,
      privilege: privilegeOf(state, user),
      ...(pty && { rows: pty.rows, cols: pty.cols }),
      write: (text) => safeWrite(stream, text),
      close: () => {
        byExit = true;
        stream.exit(0);
        stream.end();
      },
      onCommand,
      onSecurity,
    });
    stream.on('data', (data: Buffer) => {
      vtySession.lastInput = state.now();
      cli?.receive(data);
    });
    stream.on('error', () => undefined);
    stream.once('close', () => {
      cli?.dispose();
      leave();
      deps.vty.give(line);
      closed('shell', byExit);
    });
    cli.start();
  });

  session.on('exec', (accept, _reject, info) => {
    const stream = accept();
    open('exec');
    // `scp -t PATH` is a client sending a file: IOS takes it with `ip scp server enable`, at level 15.
    const scpTarget = scpSinkTarget(info.command);
    if (scpTarget !== undefined && state.settings.scpServer && privilegeOf(state, user) === 15) {
      stream.on('error', () => undefined);
      stream.once('close', () => closed('exec', true));
      runScpSink(stream, state, scpTarget, (file, bytes) =>
        logger.log('DEVICE_FILE', { event: 'scp_received', device, file, bytes, user, source }),
      );
      return;
    }
    // An exec request runs one command with no paging, as `ssh router "show version"` expects.
    const once = new CliSession({
      state,
      user,
      source,
      line: 'vty0',
      privilege: privilegeOf(state, user),
      rows: 0,
      write: () => undefined,
      close: () => undefined,
      onCommand,
      onSecurity,
    });
    once.setTerminal({ length: 0 });
    stream.on('error', () => undefined);
    stream.once('close', () => closed('exec', true));
    safeWrite(stream, once.runOnce(info.command));
    once.dispose();
    stream.exit(0);
    stream.end();
  });
}
