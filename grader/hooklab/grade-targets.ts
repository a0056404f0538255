import type { Credentials, Target } from '../grade-http';

export type { Credentials, Target };

/** This repo's joke and card servers wired to stand-ins that fail on purpose (local runs only). */
export interface UpstreamFaultTargets {
  /** Stand-in answers 503; OFFLINE_FALLBACK=off. */
  jokeDown: Target;
  /** Stand-in answers an HTML page; OFFLINE_FALLBACK=off. */
  jokeGarbage: Target;
  /** Stand-in never answers; OFFLINE_FALLBACK=off, short UPSTREAM_TIMEOUT_MS. */
  jokeStall: Target;
  cardDown: Target;
  /** Stand-in answers 503; OFFLINE_FALLBACK=on. */
  jokeFallback: Target;
  cardFallback: Target;
}

export type ServerRole = 'basic' | 'joke' | 'card' | 'network' | 'deviceControl' | 'security';

/** Everything a grading run is pointed at. */
export interface GradeTargets {
  /** 'local': this repo's servers, started by the grader; 'external': URLs from GRADE_*. */
  mode: 'local' | 'external';
  servers: Partial<Record<ServerRole, Target>>;
  /** Why a role has no target, e.g. "GRADE_JOKE_URL is not set". */
  missing: Partial<Record<ServerRole, string>>;
  /** Sent with every event (an external server that requires a token or signature). */
  auth: Credentials;
  /** What the security target was started with. */
  securityCredentials: Credentials;
  upstreamFaults?: UpstreamFaultTargets;
}

const URL_VARS: Record<Exclude<ServerRole, 'security'>, string> = {
  basic: 'GRADE_BASIC_URL',
  joke: 'GRADE_JOKE_URL',
  card: 'GRADE_CARD_URL',
  network: 'GRADE_NETWORK_URL',
  deviceControl: 'GRADE_DEVICE_CONTROL_URL',
};

const nonEmpty = (v: string | undefined): string | undefined => (v && v.trim() !== '' ? v.trim() : undefined);
const clean = (v: string | undefined): string | undefined => nonEmpty(v)?.replace(/\/+$/, '');

/**
 * External targets from GRADE_BASIC_URL, GRADE_JOKE_URL, GRADE_CARD_URL, GRADE_NETWORK_URL,
 * GRADE_DEVICE_CONTROL_URL, GRADE_SECURITY_URL (default: the basic URL), GRADE_WEBHOOK_TOKEN and
 * GRADE_WEBHOOK_SECRET; `undefined` when no server URL is set (grade this repo instead).
 */
export function targetsFromEnv(env: Record<string, string | undefined>): GradeTargets | undefined {
  const servers: GradeTargets['servers'] = {};
  const missing: GradeTargets['missing'] = {};
  for (const [role, name] of Object.entries(URL_VARS) as Array<[keyof typeof URL_VARS, string]>) {
    const url = clean(env[name]);
    if (url) servers[role] = { label: name, url };
    else missing[role] = `${name} is not set`;
  }
  if (!servers.basic && !servers.joke && !servers.card && !servers.network) return undefined;
  const securityUrl = clean(env.GRADE_SECURITY_URL);
  if (securityUrl) servers.security = { label: 'GRADE_SECURITY_URL', url: securityUrl };
  else if (servers.basic) servers.security = servers.basic;
  else missing.security = 'neither GRADE_SECURITY_URL nor GRADE_BASIC_URL is set';
  const token = nonEmpty(env.GRADE_WEBHOOK_TOKEN);
  // A comma-separated list (rotation) signs with the first, as the simulator does.
  const secret = nonEmpty(env.GRADE_WEBHOOK_SECRET)?.split(',')[0]?.trim();
  const credentials: Credentials = { ...(token && { token }), ...(secret && { secret }) };
  return { mode: 'external', servers, missing, auth: credentials, securityCredentials: credentials };
}
