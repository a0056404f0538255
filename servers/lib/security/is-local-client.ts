import type { Request } from 'express';
import { isLoopbackHost } from '../../../common/net/loopback';
import { namesThisMachine } from './allow-hosts';

/** Headers a reverse proxy or a tunnel (nginx, ngrok, cloudflared) adds to what it forwards. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped form. */
export function isLoopbackAddress(ip: string | undefined): boolean {
  return ip !== undefined && (isLoopbackHost(ip) || /^::ffff:127\./.test(ip));
}

/** True when the request carries a header that only a proxy or tunnel would add. */
export function isProxied(req: Request): boolean {
  return PROXY_HEADERS.some((name) => req.headers[name] !== undefined);
}

/**
 * True when the client is on this machine, and knows it is talking to this machine. Behind a
 * local reverse proxy or tunnel every request arrives from 127.0.0.1, so a request carrying
 * Forwarded / X-Forwarded-For / X-Real-IP is not local — unless TRUST_PROXY=true, and then the
 * address the proxy forwarded (`req.ip`) decides. And a page elsewhere can make the browser on
 * this machine send requests here under its own name (DNS rebinding), so the Host must name this
 * machine too, whatever address the server is bound to.
 */
export function isLocalClient(req: Request, config: { trustProxy: boolean; publicHostname?: string | undefined }): boolean {
  if (isProxied(req) && !(config.trustProxy && req.headers['x-forwarded-for'] !== undefined)) return false;
  return isLoopbackAddress(req.ip) && namesThisMachine(req.headers.host, config.publicHostname);
}
