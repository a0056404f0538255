import net from 'node:net';
import { AppError } from '../errors';
import type { RefusalLog } from './refusal-log';
import type { RequestCheck } from './request-check';

/** The name part of a Host header (`[::1]:8000` → `::1`, `LocalHost:80` → `localhost`), or undefined if malformed. */
export function hostName(header: string): string | undefined {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]+))(?::\d{1,5})?$/.exec(header.trim());
  return (match?.[1] ?? match?.[2])?.toLowerCase();
}

/** localhost, 127.0.0.0/8 and ::1: names that never go through DNS, so DNS cannot rebind them. */
export function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name === '::1' || (net.isIPv4(name) && name.startsWith('127.'));
}

/**
 * True when a Host header names this machine: a loopback name (any port), PUBLIC_HOSTNAME, or no
 * Host at all (HTTP/1.0: not a browser). A browser that DNS rebinding pointed here sends the
 * attacker's name instead.
 */
export function namesThisMachine(header: string | undefined, publicHostname: string | undefined): boolean {
  if (header === undefined) return true;
  const name = hostName(header);
  return name !== undefined && (isLoopbackName(name) || name === publicHostname?.toLowerCase());
}

/**
 * DNS rebinding: a web page on evil.example makes its own name resolve to 127.0.0.1, and the
 * victim's browser then sends that page's requests to a server on the victim's machine — with
 * `Host: evil.example`. A server bound to loopback therefore answers only loopback names (any
 * port) and PUBLIC_HOSTNAME (the name of your tunnel or proxy, when you use one), and refuses the
 * rest with 421 MISDIRECTED_REQUEST (RFC 9110 §15.5.20: not a name this server answers for).
 * A request with no Host at all (HTTP/1.0) cannot come from a browser and is let through.
 */
export function allowHosts(publicHostname: string | undefined, refusals: RefusalLog): RequestCheck {
  return (req, res) => {
    const header = req.headers.host;
    if (namesThisMachine(header, publicHostname)) return;
    refusals.refuse(req, res, 'unknown_host', { host: String(header).slice(0, 100) });
    throw new AppError(
      'MISDIRECTED_REQUEST',
      'This server answers only for localhost, 127.0.0.1 and [::1] (and PUBLIC_HOSTNAME when set), not for the Host this request names.',
    );
  };
}
