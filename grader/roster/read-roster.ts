import type { LabTargets } from '../lab/lab-context';

/** One student of a roster: a name and their servers (and curl suite), or their folder / git repository. */
export type RosterEntry =
  { name: string; targets: LabTargets; curlSuite?: string; source?: undefined } | { name: string; source: string; targets?: undefined };

const ROLES = ['basic', 'joke', 'card', 'network'] as const;

/**
 * A roster file: one student per line, `name basic_url joke_url card_url network_url [curl_suite]`
 * (separated by spaces, or by commas when the line has any — then a name may hold spaces);
 * `-` for a server the student does not have; `#` starts a comment. A line `name source` names
 * the student's folder or git repository instead (a path, relative to the roster's folder, or a
 * file:// URL): the grader starts that student's servers itself. Throws on a malformed line.
 */
export function readRoster(text: string): RosterEntry[] {
  const entries: RosterEntry[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const fields = (line.includes(',') ? line.split(',') : line.split(/\s+/)).map((f) => f.trim());
    const [name = '', ...rest] = fields;
    if (rest.length === 1 && !/^https?:/.test(rest[0]!)) {
      if (/^[a-z][a-z+.-]*:\/\//i.test(rest[0]!) && !rest[0]!.startsWith('file://'))
        throw new Error(
          `roster line ${index + 1}: ${JSON.stringify(rest[0])}: only folders and repositories on this machine (a path or file://)`,
        );
      entries.push({ name, source: rest[0]! });
      continue;
    }
    if (rest.length < 4 || rest.length > 5)
      throw new Error(
        `roster line ${index + 1}: expected "name basic_url joke_url card_url network_url [curl_suite]" or "name folder_or_repository", got ${JSON.stringify(raw)}`,
      );
    const targets: LabTargets = { servers: {}, missing: {} };
    ROLES.forEach((role, i) => {
      const url = rest[i]!;
      if (url === '-' || url === '') targets.missing[role] = `${name} has no ${role} server in the roster`;
      else if (!/^https?:\/\/\S+$/.test(url))
        throw new Error(`roster line ${index + 1}: ${role} URL ${JSON.stringify(url)} is not an http(s) URL`);
      else targets.servers[role] = { label: `${name}'s ${role} server`, url: url.replace(/\/+$/, '') };
    });
    if (targets.servers.basic) targets.servers.security = { ...targets.servers.basic };
    else targets.missing.security = `${name} has no basic server (the security checks go to it)`;
    const curlSuite = rest[4] && rest[4] !== '-' ? rest[4] : undefined;
    entries.push({ name, targets, ...(curlSuite && { curlSuite }) });
  }
  return entries;
}
