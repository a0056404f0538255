import type { LabRole, LabTargets } from './lab-context';

export const URL_VARS: Record<Exclude<LabRole, 'security'>, string> = {
  basic: 'GRADE_BASIC_URL',
  joke: 'GRADE_JOKE_URL',
  card: 'GRADE_CARD_URL',
  network: 'GRADE_NETWORK_URL',
};

const clean = (v: string | undefined): string | undefined => (v && v.trim() !== '' ? v.trim().replace(/\/+$/, '') : undefined);

/**
 * The servers named by GRADE_BASIC_URL, GRADE_JOKE_URL, GRADE_CARD_URL, GRADE_NETWORK_URL (and
 * GRADE_SECURITY_URL, default the basic server); `undefined` when none is set.
 */
export function labTargetsFromEnv(env: Record<string, string | undefined>): LabTargets | undefined {
  const targets: LabTargets = { servers: {}, missing: {} };
  for (const [role, name] of Object.entries(URL_VARS) as Array<[keyof typeof URL_VARS, string]>) {
    const url = clean(env[name]);
    if (url) targets.servers[role] = { label: name, url };
    else targets.missing[role] = `${name} is not set`;
  }
  if (Object.keys(targets.servers).length === 0) return undefined;
  const security = clean(env.GRADE_SECURITY_URL);
  if (security) targets.servers.security = { label: 'GRADE_SECURITY_URL', url: security };
  else if (targets.servers.basic) targets.servers.security = { ...targets.servers.basic };
  else targets.missing.security = 'GRADE_BASIC_URL is not set (the security checks go to the basic server)';
  return targets;
}
