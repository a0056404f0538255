import type { DeviceSession } from '../../lib/device-client/device-session';
import { parseShowVersion } from './parsers/parse-show-version';
import { parseShowIpInterfaceBrief } from './parsers/parse-show-ip-interface-brief';

/** The mini device report NetworkDeviceCheck answers with. */
export interface DeviceReport {
  device: string;
  hostname: string | null;
  version: string | null;
  model: string | null;
  serial: string | null;
  uptime: string | null;
  interfaces: Array<{ name: string; ip: string | null; status: string; protocol: string }>;
  /** up: status and protocol up; down: everything else, of which admin_down were shut on purpose. */
  counts: { total: number; up: number; down: number; admin_down: number };
  collected_at: string;
}

/** Two read-only commands, parsed into JSON: what a NOC would glance at first. */
export async function deviceReport(session: DeviceSession): Promise<DeviceReport> {
  // Written together: one round trip to the device instead of two.
  const [versionText, briefText] = await session.sendCommands(['show version', 'show ip interface brief']);
  const version = parseShowVersion(versionText!);
  const rows = parseShowIpInterfaceBrief(briefText!);
  const up = rows.filter((r) => r.status === 'up' && r.protocol === 'up').length;
  return {
    device: session.spec.name,
    hostname: version.hostname,
    version: version.version,
    model: version.model,
    serial: version.serial,
    uptime: version.uptime,
    interfaces: rows.map(({ name, ip, status, protocol }) => ({ name, ip, status, protocol })),
    counts: { total: rows.length, up, down: rows.length - up, admin_down: rows.filter((r) => r.status === 'administratively down').length },
    collected_at: new Date().toISOString(),
  };
}
