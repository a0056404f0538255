/** Small IPv4 helpers for addresses written as on IOS: dotted quad plus a dotted mask. */

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const DOTTED = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/** An address with its prefix length. */
export interface Ipv4Prefix {
  address: string;
  prefix: number;
}

export function isIpv4(text: string): boolean {
  return DOTTED.test(text);
}

/** `10.0.0.1` → 167772161. */
export function toInt(address: string): number {
  return address.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

/** 167772161 → `10.0.0.1`. */
export function fromInt(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

function maskBits(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** The network an address belongs to: (`10.0.12.1`, 24) → `10.0.12.0`. */
export function networkOf(address: string, prefix: number): string {
  return fromInt((toInt(address) & maskBits(prefix)) >>> 0);
}

/** True when `address` lies within `network`/`prefix`. */
export function inSubnet(address: string, network: string, prefix: number): boolean {
  return networkOf(address, prefix) === networkOf(network, prefix);
}

/** `255.255.255.0` → 24; `undefined` for a mask that is not contiguous ones then zeros. */
export function maskToPrefix(mask: string): number | undefined {
  if (!isIpv4(mask)) return undefined;
  const bits = toInt(mask).toString(2).padStart(32, '0');
  return /^1*0*$/.test(bits) ? (bits.indexOf('0') === -1 ? 32 : bits.indexOf('0')) : undefined;
}

/** 24 → `255.255.255.0`. */
export function prefixToMask(prefix: number): string {
  return fromInt(maskBits(prefix));
}

/** `10.0.0.1/24` → { address, prefix }; `undefined` when malformed. */
export function parsePrefix(text: string): Ipv4Prefix | undefined {
  const [address, len] = text.split('/');
  const prefix = Number(len);
  if (!address || !isIpv4(address) || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  return { address, prefix };
}
