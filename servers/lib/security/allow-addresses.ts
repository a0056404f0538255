import net from 'node:net';
import { AppError } from '../errors';
import type { RefusalLog } from './refusal-log';
import type { RequestCheck } from './request-check';

// An address, then optionally "/" and a prefix length written plainly (no sign, no leading zero).
const ENTRY = /^([0-9A-Fa-f.:]+)(?:\/(0|[1-9]\d{0,2}))?$/;

/**
 * Builds a BlockList from CIDRs (IPv4 and IPv6) or single addresses. Every entry is parsed
 * strictly: `10.9.9.9/` or `10.0.0.0/8/9` is an error, never quietly read as a /0 that allows
 * everyone. Throws, naming the entry, on the first bad one.
 */
export function parseAllowlist(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const match = ENTRY.exec(entry);
    const address = match?.[1] ?? '';
    const family = net.isIPv6(address) ? 'ipv6' : net.isIPv4(address) ? 'ipv4' : undefined;
    const maxPrefix = family === 'ipv6' ? 128 : 32;
    const prefix = match?.[2] === undefined ? maxPrefix : Number(match[2]);
    if (!family || prefix > maxPrefix) {
      throw new Error(`IP_ALLOWLIST: "${entry}" is not an IPv4 or IPv6 address, or an address/prefix like 10.0.0.0/8`);
    }
    list.addSubnet(address, prefix, family);
  }
  return list;
}

/** True when the address (IPv4, IPv6 or IPv4-mapped IPv6) is in the list. */
export function isAllowed(list: net.BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return list.check(mapped[1], 'ipv4');
  return net.isIPv6(address) ? list.check(address, 'ipv6') : list.check(address, 'ipv4');
}

/** 403 FORBIDDEN for clients outside IP_ALLOWLIST. */
export function allowAddresses(entries: readonly string[], refusals: RefusalLog): RequestCheck {
  const list = parseAllowlist(entries);
  return (req, res) => {
    if (isAllowed(list, res.locals.source)) return;
    refusals.refuse(req, res, 'address_not_allowed');
    throw new AppError('FORBIDDEN');
  };
}
