import diagnostics_channel from 'node:diagnostics_channel';

/** What the device client did, as facts: the live view (servers/lib/inspect) words them as steps. */
export type DeviceActivity =
  | { type: 'connected'; device: string; username: string; host: string; port: number; hostKey: 'new' | 'known'; durationMs: number }
  | { type: 'connect-failed'; device: string; host: string; port: number; code: string; message: string }
  | { type: 'session-reused'; device: string }
  /** `output` is the terminal's text (echo, output, next prompt); none for a secret typed at a prompt. */
  | { type: 'command'; device: string; command: string; output?: string; durationMs: number }
  | { type: 'command-failed'; device: string; command: string; code: string; message: string };

/** The device client's diagnostics channel (Node's diagnostics_channel, like undici's own). */
export const deviceChannel = diagnostics_channel.channel('hooklab:device');

/** Publishes what the device client did, if anybody listens. */
export function publishDeviceActivity(activity: DeviceActivity): void {
  if (deviceChannel.hasSubscribers) deviceChannel.publish(activity);
}
