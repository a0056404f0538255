import type { CommandArgs, CommandDef, CommandResult, SessionControl } from './command-types';
import { InvalidInput } from './command-types';
import type { DeviceState } from '../device-state';
import { LIMITS } from './global-config-commands';

/** IOS's logging severities, by name and number, as `logging buffered LEVEL` takes them. */
export const SEVERITIES = ['emergencies', 'alerts', 'critical', 'errors', 'warnings', 'notifications', 'informational', 'debugging'];

/** A new size or level keeps the other part as it was, as IOS merges them into one line. */
function setBuffered(state: DeviceState, session: SessionControl, a: CommandArgs, level: string | undefined): void {
  const current = state.settings.loggingBuffered ?? {};
  const size = a.values.size !== undefined ? Number(a.values.size) : current.size;
  const kept = level ?? current.level;
  state.configure(session.user, (c) => void (c.loggingBuffered = { ...(size !== undefined && { size }), ...(kept && { level: kept }) }));
}

/** `username NAME privilege N` without a secret: a new account that cannot log in, or a new level. */
function setPrivilege(state: DeviceState, session: SessionControl, a: CommandArgs): CommandResult {
  const name = a.values.name ?? '';
  if (name.length > 64) return new InvalidInput((a.offsets.name ?? 0) + 64);
  const existing = state.settings.users.find((u) => u.name === name);
  if (!existing && state.settings.users.length >= LIMITS.users) return [`% The simulator keeps at most ${LIMITS.users} local users`];
  const privilege = Number(a.values.level);
  state.configure(session.user, (c) => {
    c.users = existing
      ? c.users.map((u) => (u.name === name ? { ...u, privilege, revision: u.revision + 1 } : u))
      : [...c.users, { name, privilege, secret: '', revision: 0 }];
  });
}

/** `logging buffered [SIZE] [LEVEL]`, in every form IOS takes. */
const loggingBuffered: CommandDef[] = [
  { pattern: 'logging buffered', privilege: 15, run: (s, session, a) => setBuffered(s, session, a, undefined) },
  { pattern: 'logging buffered <4096-999999999:size>', privilege: 15, run: (s, session, a) => setBuffered(s, session, a, undefined) },
  ...SEVERITIES.flatMap((level): CommandDef[] => [
    { pattern: `logging buffered ${level}`, privilege: 15, run: (s, session, a) => setBuffered(s, session, a, level) },
    {
      pattern: `logging buffered <4096-999999999:size> ${level}`,
      privilege: 15,
      run: (s, session, a) => setBuffered(s, session, a, level),
    },
  ]),
  {
    pattern: 'no logging buffered',
    privilege: 15,
    run: (s, session) => s.configure(session.user, (c) => void (c.loggingBuffered = undefined)),
  },
  {
    pattern: 'no logging buffered <line:rest>',
    privilege: 15,
    run: (s, session) => s.configure(session.user, (c) => void (c.loggingBuffered = undefined)),
  },
];

/** Name service, logging and accounts without a secret: what Ansible's resource modules send. */
export const systemConfigCommands: CommandDef[] = [
  {
    pattern: 'ip domain name <word:name>',
    privilege: 15,
    run: (s, session, a) => s.configure(session.user, (c) => void (c.domainName = a.values.name)),
  },
  { pattern: 'no ip domain name', privilege: 15, run: (s, session) => s.configure(session.user, (c) => void delete c.domainName) },
  {
    pattern: 'no ip domain name <word:name>',
    privilege: 15,
    run: (s, session) => s.configure(session.user, (c) => void delete c.domainName),
  },
  { pattern: 'ip domain lookup', privilege: 15, run: (s, session) => s.configure(session.user, (c) => void (c.domainLookup = true)) },
  { pattern: 'no ip domain lookup', privilege: 15, run: (s, session) => s.configure(session.user, (c) => void (c.domainLookup = false)) },
  ...loggingBuffered,
  { pattern: 'username <word:name> privilege <0-15:level>', privilege: 15, run: (s, session, a) => setPrivilege(s, session, a) },
];
