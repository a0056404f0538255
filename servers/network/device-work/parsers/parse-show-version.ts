import { cliLines, firstMatch } from './cli-lines';

/** What `show version` tells a device report. Fields the output lacks are `null`. */
export interface ShowVersion {
  hostname: string | null;
  /** The IOS-XE release, e.g. `17.09.04a` (the classic IOS line's `16.4.1` on older images). */
  version: string | null;
  /** Hardware model, e.g. `C8000V`. */
  model: string | null;
  /** Processor board ID. */
  serial: string | null;
  /** As the device words it, e.g. `3 days, 7 hours, 41 minutes`. */
  uptime: string | null;
  uptime_s: number | null;
  image: string | null;
  config_register: string | null;
  reload_reason: string | null;
}

const UNIT_SECONDS: Record<string, number> = { year: 31_536_000, week: 604_800, day: 86_400, hour: 3_600, minute: 60, second: 1 };

/** `1 year, 2 weeks, 1 day, 5 hours, 1 minute` → seconds; `null` if no unit is recognised. */
export function uptimeSeconds(text: string): number | null {
  let total = 0;
  let seen = false;
  for (const m of text.matchAll(/(\d+)\s+(year|week|day|hour|minute|second)s?/g)) {
    total += Number(m[1]) * (UNIT_SECONDS[m[2] as string] ?? 0);
    seen = true;
  }
  return seen ? total : null;
}

/**
 * Parses `show version` from IOS-XE (and the classic IOS layout of 16.x images). The release
 * comes from the `Cisco IOS XE Software, Version` line when present, else from the
 * `Cisco IOS Software [...] ..., Version x, RELEASE` line.
 */
export function parseShowVersion(text: string): ShowVersion {
  const lines = cliLines(text);
  const uptime = firstMatch(lines, /^(\S+) uptime is (.+?)\s*$/);
  const xe = firstMatch(lines, /^Cisco IOS XE Software, Version (\S+)/);
  const classic = firstMatch(lines, /^Cisco IOS Software.*, Version ([^,\s]+),/);
  const uptimeText = uptime?.[2] ?? null;
  return {
    hostname: uptime?.[1] ?? null,
    version: xe?.[1] ?? classic?.[1] ?? null,
    model: firstMatch(lines, /^cisco (\S+) .*processor/i)?.[1] ?? null,
    serial: firstMatch(lines, /^Processor board ID (\S+)/)?.[1] ?? null,
    uptime: uptimeText,
    uptime_s: uptimeText === null ? null : uptimeSeconds(uptimeText),
    image: firstMatch(lines, /^System image file is "([^"]+)"/)?.[1] ?? null,
    config_register: firstMatch(lines, /^Configuration register is (\S+)/)?.[1] ?? null,
    reload_reason: firstMatch(lines, /^Last reload reason: (.+?)\s*$/)?.[1] ?? null,
  };
}
