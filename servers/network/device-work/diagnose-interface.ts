import type { DeviceSession } from '../../lib/device-client/device-session';
import { AppError, isAppError } from '../../lib/errors';
import { parseShowInterfaces, type InterfaceDetail } from './parsers/parse-show-interfaces';
import { logEntriesFor, parseShowLogging } from './parsers/parse-show-logging';

/** What is wrong with an interface, in the words an operator uses. */
export type Verdict = 'admin_down' | 'link_down' | 'protocol_down' | 'up';

export interface InterfaceState {
  interface: string;
  verdict: Verdict;
  summary: string;
  status: string;
  protocol: string;
  details: InterfaceDetail;
}

export interface Diagnosis extends InterfaceState {
  /** The interface's latest lines from the logging buffer, oldest first. */
  recent_logs: string[];
}

/** The verdict in a sentence an operator reads. */
export function summaryOf(verdict: Verdict, name: string): string {
  return SUMMARIES[verdict](name);
}

const SUMMARIES: Record<Verdict, (name: string) => string> = {
  admin_down: (n) => `${n} is administratively down: "shutdown" is configured on it. "no shutdown" brings it back.`,
  link_down: (n) => `${n} is down with no carrier: check the cable, the optics or the far end. "no shutdown" would not help.`,
  protocol_down: (n) => `${n} has carrier but line protocol is down: check encapsulation, keepalives and the far end.`,
  up: (n) => `${n} is up, line protocol is up.`,
};

/** The verdict for an interface's status and line protocol, as `show interfaces` gives them. */
export function verdictOf(d: Pick<InterfaceDetail, 'status' | 'protocol'>): Verdict {
  if (d.status === 'administratively down') return 'admin_down';
  if (d.status !== 'up') return 'link_down';
  return d.protocol === 'up' ? 'up' : 'protocol_down';
}

/**
 * `show interfaces IF`. A well-formed name the device does not have is refused by IOS with
 * "% Invalid input": that is the sender's mistake (422), not a device failure a webhook sender
 * should keep retrying (5xx).
 */
async function showInterface(session: DeviceSession, name: string): Promise<string> {
  try {
    return await session.sendCommand(`show interfaces ${name}`);
  } catch (err) {
    if (isAppError(err) && err.code === 'DEVICE_REJECTED') {
      throw new AppError('UNKNOWN_INTERFACE', `${session.spec.name} has no interface ${name}.`, {
        cause: err,
        details: [{ field: 'interface', message: err.message }],
      });
    }
    throw err;
  }
}

/** `show interfaces IF`, parsed, with a verdict. `name` must already be canonical and validated. */
export async function interfaceState(session: DeviceSession, name: string): Promise<InterfaceState> {
  const [details] = parseShowInterfaces(await showInterface(session, name));
  if (!details)
    throw new AppError('DEVICE_REJECTED', `${session.spec.name} answered "show interfaces ${name}" without an interface block.`);
  const verdict = verdictOf(details);
  return {
    interface: details.name,
    verdict,
    summary: SUMMARIES[verdict](details.name),
    status: details.status,
    protocol: details.protocol,
    details,
  };
}

/**
 * The diagnosis of an InterfaceDown: the interface's state and its recent log lines. The log
 * is filtered on the device (`| include`, so a big buffer is not sent) and again here, so
 * GigabitEthernet1 does not pick up GigabitEthernet10's lines.
 */
export async function diagnoseInterface(session: DeviceSession, name: string): Promise<Diagnosis> {
  const state = await interfaceState(session, name);
  const log = await session.sendCommand(`show logging | include ${name}`);
  return { ...state, recent_logs: logEntriesFor(parseShowLogging(log), name, 10).map((e) => e.line) };
}
