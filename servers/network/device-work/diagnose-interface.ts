import type { DeviceSession } from '../../lib/device-client/device-session';
import { AppError, isAppError } from '../../lib/errors';
import { parseShowInterfaces, type InterfaceDetail } from './parsers/parse-show-interfaces';
import { logEntriesFor, parseShowLogging } from './parsers/parse-show-logging';
import { summaryOf, verdictOf, type Verdict } from './interface-verdict';

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
    summary: summaryOf(verdict, details.name),
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
