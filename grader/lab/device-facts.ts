import { normalizeInterfaceName } from '../../common/ios/ios-names';
import { allStrings } from './read-answer';

/**
 * Facts about interfaces in a device report of any shape: parsed JSON objects
 * ({"name": "Gi2", "status": "administratively down"}), objects keyed by interface
 * ({"GigabitEthernet2": {"status": "up"}}), or the device's own text ("show ip interface brief"
 * or "show interfaces" output, one interface per line).
 */

type Primitive = string | number | boolean | null;
/** One piece of the answer about one interface: key/value pairs ('' for a line of text). */
type Evidence = Array<[string, Primitive]>;

const NAME_TOKEN = /\b[A-Za-z][A-Za-z-]*\s?\d+(?:\/\d+)*(?:\.\d+)?\b/g;
const LINE_START = /^\s*([A-Za-z][A-Za-z-]*\s?\d+(?:\/\d+)*(?:\.\d+)?)\b/;

const isPrimitive = (v: unknown): v is Primitive => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const shallow = (o: Record<string, unknown>, skip?: string): Evidence =>
  Object.entries(o).filter(([k, v]) => k !== skip && isPrimitive(v)) as Evidence;

/** What a value keyed by an interface name says: itself, or an object's plain fields. */
function keyedEvidence(x: unknown): Evidence {
  if (isPrimitive(x)) return [['', x]];
  if (x && typeof x === 'object' && !Array.isArray(x)) return shallow(x as Record<string, unknown>);
  return [];
}

/** Every interface an answer names anywhere, in canonical spelling (Gi2 → GigabitEthernet2). */
export function interfacesNamed(json: unknown): Set<string> {
  const found = new Set<string>();
  for (const text of allStrings(json)) {
    for (const m of text.matchAll(NAME_TOKEN)) {
      const name = normalizeInterfaceName(m[0]);
      if (name) found.add(name);
    }
  }
  return found;
}

/** The evidence an answer holds about each interface it describes. */
export function interfaceEvidence(json: unknown): Map<string, Evidence[]> {
  const found = new Map<string, Evidence[]>();
  const add = (name: string | undefined, evidence: Evidence): void => {
    if (!name || evidence.length === 0) return;
    found.set(name, [...(found.get(name) ?? []), evidence]);
  };
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const line of v.split(/\r?\n/)) add(normalizeInterfaceName(LINE_START.exec(line)?.[1] ?? ''), [['', line]]);
      return;
    }
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    for (const [k, x] of Object.entries(o)) {
      const keyed = normalizeInterfaceName(k);
      if (keyed) add(keyed, keyedEvidence(x));
      if (typeof x === 'string' && !x.includes('\n')) add(normalizeInterfaceName(x), shallow(o, k));
      visit(x);
    }
  };
  visit(json);
  return found;
}

const DOWN_TEXT = /\b(administratively\s+down|admin[\s_-]?down|down|disabled|shutdown)\b/i;
const UP_TEXT = /\bup\b/i;

/** A flag's meaning: "shutdown": true and "enabled": false say down; undefined when the key says nothing. */
function flagSaysDown(key: string, value: boolean): boolean | undefined {
  if (/shut|down|disabled/i.test(key)) return value;
  if (/up|enabled|active|oper|link|status|state|protocol|line/i.test(key)) return !value;
  return undefined;
}

/**
 * What the evidence says about an interface: 'down' when anything says down (a text, or a flag
 * such as "enabled": false / "shutdown": true), else 'up' when something says up, else 'unknown'.
 */
export function reportedState(evidence: readonly Evidence[] | undefined): 'up' | 'down' | 'unknown' {
  let up = false;
  for (const [key, value] of (evidence ?? []).flat()) {
    if (typeof value === 'string') {
      if (DOWN_TEXT.test(value)) return 'down';
      if (UP_TEXT.test(value)) up = true;
    } else if (typeof value === 'boolean') {
      const saysDown = flagSaysDown(key, value);
      if (saysDown === true) return 'down';
      if (saysDown === false) up = true;
    }
  }
  return up ? 'up' : 'unknown';
}
