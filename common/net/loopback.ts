/**
 * Loopback names and addresses: reachable from this machine only. The servers, the launcher and
 * the router simulator all decide "safe by default" with it.
 */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
