import fs from 'node:fs';
import path from 'node:path';
import { LAB_STEPS } from '../lab/lab-rubric';

export type ServerRole = 'basic' | 'joke' | 'card' | 'network';
export const SERVER_ROLES: readonly ServerRole[] = ['basic', 'joke', 'card', 'network'];

/** The start manifest of a project in another language (grader/README.md, "A submission"). */
export const MANIFEST = 'hooklab-start.json';
/** The lab text's place for the curl suite (its project layout: curl_tests/test_webhooks.sh). */
export const LAB_CURL_SUITE = path.join('curl_tests', 'test_webhooks.sh');

/** How to start one of a submission's servers, relative to the submission's folder. */
export type ServerStart = { kind: 'typescript'; file: string } | { kind: 'command'; command: string[]; cwd: string };

/**
 * What the grader found in a submission's folder: its servers by role (a manifest: basic, joke,
 * card, network) or by step (the build track: step1 … step6, each step's own server).
 */
export interface Submission {
  kind: 'typescript' | 'manifest';
  servers: Record<string, ServerStart>;
  /** Why a role (or step) has no server, as the report says it. */
  missing: Record<string, string>;
  curlSuite?: string;
}

const relativeInside = (value: unknown, what: string): string => {
  if (typeof value !== 'string' || value === '' || path.isAbsolute(value) || path.normalize(value).startsWith('..'))
    throw new Error(`${MANIFEST}: ${what} must be a path inside the submission, not ${JSON.stringify(value)}`);
  return path.normalize(value);
};

function readManifest(dir: string): Submission {
  let manifest: { servers?: Record<string, { command?: unknown; cwd?: unknown }>; curl_suite?: unknown };
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as typeof manifest;
  } catch (err) {
    throw new Error(`${MANIFEST} is not valid JSON: ${(err as Error).message}`);
  }
  const servers: Submission['servers'] = {};
  const missing: Submission['missing'] = {};
  for (const role of SERVER_ROLES) {
    const entry = manifest.servers?.[role];
    if (!entry) {
      missing[role] = `${MANIFEST} names no ${role} server`;
      continue;
    }
    const command = entry.command;
    if (!Array.isArray(command) || command.length === 0 || !command.every((c) => typeof c === 'string'))
      throw new Error(
        `${MANIFEST}: servers.${role}.command must be a list of strings, e.g. ["python3", "-m", "uvicorn", "app:app", "--port", "{PORT}"]`,
      );
    servers[role] = {
      kind: 'command',
      command: command as string[],
      cwd: entry.cwd === undefined ? '.' : relativeInside(entry.cwd, `servers.${role}.cwd`),
    };
  }
  const unknown = Object.keys(manifest.servers ?? {}).filter((k) => !SERVER_ROLES.includes(k as ServerRole));
  if (unknown.length > 0) throw new Error(`${MANIFEST}: unknown server ${unknown.join(', ')} (the four are ${SERVER_ROLES.join(', ')})`);
  const curlSuite = manifest.curl_suite === undefined ? undefined : relativeInside(manifest.curl_suite, 'curl_suite');
  return { kind: 'manifest', servers, missing, ...(curlSuite && { curlSuite }) };
}

/**
 * Reads a student's folder: a project in any language with a start manifest (hooklab-start.json),
 * or the build track's TypeScript files (exercises/stepN/server.ts, each graded for its step as
 * `npm run check` grades it), and the curl suite (the manifest's, else curl_tests/test_webhooks.sh). Symbolic links count as missing: they are never followed.
 */
export function readSubmission(dir: string): Submission {
  const isFile = (rel: string): boolean => {
    try {
      return fs.lstatSync(path.join(dir, rel)).isFile();
    } catch {
      return false;
    }
  };
  if (isFile(MANIFEST)) return readManifest(dir);
  const servers: Submission['servers'] = {};
  const missing: Submission['missing'] = {};
  for (const step of LAB_STEPS) {
    const file = path.join('exercises', `step${step}`, 'server.ts');
    if (isFile(file)) servers[`step${step}`] = { kind: 'typescript', file };
    else missing[`step${step}`] = `the submission has no ${file} (and no ${MANIFEST})`;
  }
  return { kind: 'typescript', servers, missing, ...(isFile(LAB_CURL_SUITE) && { curlSuite: LAB_CURL_SUITE }) };
}
