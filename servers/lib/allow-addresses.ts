import net from 'node:net';
import type { RequestHandler } from 'express';
import { AppError } from './errors';
import type { EventLogger } from './create-logger';

/** Builds a BlockList from CIDRs (IPv4 and IPv6) or single addresses; throws on a bad entry. */
export function parseAllowlist(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address = '', prefixText] = entry.split('/');
    const family = net.isIPv6(address) ? 'ipv6' : net.isIPv4(address) ? 'ipv4' : undefined;
    const maxPrefix = family === 'ipv6' ? 128 : 32;
    const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix) {
      throw new Error(`IP_ALLOWLIST: "${entry}" is not an IPv4 or IPv6 address or CIDR`);
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
export function allowAddresses(entries: readonly string[], logger: EventLogger): RequestHandler {
  const list = parseAllowlist(entries);
  return (req, res, next) => {
    if (isAllowed(list, req.ip)) return next();
    logger.log('SECURITY', { reason: 'address_not_allowed', source: req.ip, path: req.path, request_id: res.locals.requestId });
    next(new AppError('FORBIDDEN'));
  };
}
