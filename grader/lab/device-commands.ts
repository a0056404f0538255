import { interfacesNamed } from './device-facts';

/**
 * What a command the device ran says about the server that sent it (step 6): whether it looked at
 * an interface, whether it changed the configuration. IOS takes any unambiguous abbreviation
 * (`sh ip int br`), so keywords are matched by prefix.
 */

const words = (text: string): string[] => text.trim().toLowerCase().split(/\s+/).filter(Boolean);

/** Each word of `typed` abbreviates the keyword at its place, and every keyword is there. */
const abbreviates = (typed: string[], keywords: string[]): boolean =>
  typed.length === keywords.length && typed.every((w, i) => keywords[i]!.startsWith(w));

/** Show commands whose output has every interface in it: a look at each one, whichever the event named. */
const LISTINGS: string[][] = [
  ['ip', 'interface', 'brief'],
  ['ip', 'interface'],
  ['interfaces'],
  ['interfaces', 'status'],
  ['interfaces', 'description'],
  ['interfaces', 'summary'],
  ['running-config'],
];

/**
 * Whether `command` shows the interface `name` (canonical, e.g. GigabitEthernet2): a show command
 * that names it in any spelling (`show interfaces Gi2`, `show ip interface brief | include
 * GigabitEthernet2`, `show running-config interface Gi2`), or one that lists every interface
 * with no filter (`show ip interface brief`, `show interfaces`). `show clock` does not.
 */
export function looksAt(command: string, name: string): boolean {
  const [verb = '', ...rest] = words(command);
  if (verb.length < 2 || !'show'.startsWith(verb)) return false;
  if (interfacesNamed([command]).has(name)) return true;
  return !command.includes('|') && LISTINGS.some((keywords) => abbreviates(rest, keywords));
}

/**
 * Whether `command` changes the configuration: entering configuration mode (`configure
 * terminal`, `conf t`; everything after it is configuration) or copying into the running one.
 */
export function isConfiguration(command: string): boolean {
  const [verb = '', ...rest] = words(command);
  if (verb.length >= 4 && 'configure'.startsWith(verb)) return true;
  return verb.length >= 2 && 'copy'.startsWith(verb) && /(^|:)run/.test(rest.at(-1) ?? ''); // copy <from> <to>
}
