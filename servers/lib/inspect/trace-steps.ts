import { refusalIn, stripEchoAndPrompt } from '../device-client/cli-output';
import type { DeviceActivity } from '../observe/device-activity';
import type { UpstreamActivity } from '../observe/upstream-activity';
import type { TraceStep } from './request-trace';

/** The CLI output as the terminal showed it (echo, output, next prompt), without carriage returns. */
function commandStep(device: string, command: string, raw: string | undefined, durationMs: number): TraceStep {
  const output = raw?.replace(/\r/g, '');
  const refused = output === undefined ? undefined : refusalIn(stripEchoAndPrompt(output, command));
  return {
    kind: 'command',
    ok: refused === undefined,
    text: `${device}# ${command}${refused ? `  → refused: ${refused}` : ''}`,
    duration_ms: durationMs,
    output,
  };
}

/**
 * What the device client did, as a step of the live view: a login, a reused session, one CLI
 * command with how long it took and its output (a secret typed at a prompt, e.g. the enable
 * secret, comes with no output and is shown only by its label), or a failure.
 */
export function deviceStep(activity: DeviceActivity): TraceStep {
  switch (activity.type) {
    case 'connected':
      return {
        kind: 'session',
        ok: true,
        duration_ms: activity.durationMs,
        text: `SSH login to ${activity.device} as ${activity.username}@${activity.host}:${activity.port} (host key ${activity.hostKey === 'new' ? 'trusted on first use' : 'known'}); then the terminal is set up`,
      };
    case 'connect-failed':
      return {
        kind: 'session',
        ok: false,
        text: `SSH to ${activity.device} (${activity.host}:${activity.port}) failed: ${activity.code}: ${activity.message}`,
      };
    case 'session-reused':
      return { kind: 'session', ok: true, text: `Reused the open SSH session to ${activity.device} (no new login).` };
    case 'command':
      return commandStep(activity.device, activity.command, activity.output, activity.durationMs);
    case 'command-failed':
      return { kind: 'command', ok: false, text: `${activity.device}# ${activity.command}  → ${activity.code}: ${activity.message}` };
  }
}

/** What the API client did, as a step of the live view: one attempt with its full URL, a failure after retries, an offline answer. */
export function upstreamStep(activity: UpstreamActivity): TraceStep {
  switch (activity.type) {
    case 'attempt':
      return {
        kind: 'api',
        ok: activity.status !== undefined && activity.status < 400,
        text: `GET ${activity.url} → ${activity.status ?? activity.code} (attempt ${activity.attempt})`,
        duration_ms: activity.durationMs,
      };
    case 'failed':
      return {
        kind: 'api',
        ok: false,
        text: `${activity.api} failed after ${activity.attempts} attempt(s): ${activity.code}: ${activity.message}`,
      };
    case 'fallback':
      return { kind: 'fallback', ok: true, text: `Answered offline instead of ${activity.api}: ${activity.reason}` };
  }
}
