import { cliLines } from './cli-lines';

/** One row of `show ip interface brief`. */
export interface InterfaceBrief {
  name: string;
  /** `null` when the interface has no address (`unassigned`). */
  ip: string | null;
  ok: boolean;
  method: string;
  /** `up`, `down`, `administratively down` or `deleted`. */
  status: string;
  /** `up` or `down`. */
  protocol: string;
}

// Matched by words rather than by column: IOS-XE pads the Interface column to 23 and classic IOS
// to 27, and the only field with a space in it (the Status) has a fixed set of values.
const ROW = /^(\S+)\s+(\S+)\s+(YES|NO)\s+(\S+)\s+(up|down|administratively down|deleted)\s+(up|down)\s*$/;

/** Parses `show ip interface brief`; the header and any unrecognised line are skipped. */
export function parseShowIpInterfaceBrief(text: string): InterfaceBrief[] {
  const rows: InterfaceBrief[] = [];
  for (const line of cliLines(text)) {
    const m = ROW.exec(line);
    if (!m) continue;
    const [, name, ip, ok, method, status, protocol] = m as unknown as string[];
    rows.push({
      name: name!,
      ip: ip === 'unassigned' ? null : ip!,
      ok: ok === 'YES',
      method: method!,
      status: status!,
      protocol: protocol!,
    });
  }
  return rows;
}
