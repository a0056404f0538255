import type { InterfaceDetail } from './parsers/parse-show-interfaces';

/** What is wrong with an interface, in the words an operator uses. */
export type Verdict = 'admin_down' | 'link_down' | 'protocol_down' | 'up';

/** The verdict in a sentence an operator reads. */
export function summaryOf(verdict: Verdict, name: string): string {
  return SUMMARIES[verdict](name);
}

const SUMMARIES: Record<Verdict, (name: string) => string> = {
  admin_down: (n) => `${n} is administratively down: "shutdown" is configured on it. "no shutdown" brings it back.`,
  link_down: (n) => `${n} is down with no carrier: check the cable, the optics or the far end. "no shutdown" would not help.`,
  protocol_down: (n) => `${n} has carrier but line protocol is down: check encapsulation, keepalives and the far end.`,
  up: (n) => `${n} is up, line protocol is up.`,
};

/** The verdict for an interface's status and line protocol, as `show interfaces` gives them. */
export function verdictOf(d: Pick<InterfaceDetail, 'status' | 'protocol'>): Verdict {
  if (d.status === 'administratively down') return 'admin_down';
  if (d.status !== 'up') return 'link_down';
  return d.protocol === 'up' ? 'up' : 'protocol_down';
}
