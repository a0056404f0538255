import type { DeviceState } from '../device-state';
import { isOperUp, statusText, type InterfaceState } from '../device-interface';
import { interfaceType } from '../../common/ios/ios-names';
import { hhmmss } from '../syslog-time';

/** Bits/sec over the last five minutes, approximated from the configured packet rate. */
function rates(i: InterfaceState): { inBits: number; outBits: number; inPps: number; outPps: number } {
  if (!isOperUp(i) || i.rate === 0) return { inBits: 0, outBits: 0, inPps: 0, outPps: 0 };
  return { inBits: i.rate * 92 * 8, outBits: Math.floor(i.rate * 0.8) * 88 * 8, inPps: i.rate, outPps: Math.floor(i.rate * 0.8) };
}

function header(i: InterfaceState): string[] {
  // The trailing spaces are real: IOS-XE prints them and parsers expect them.
  const proto = isOperUp(i) ? 'up' : 'down';
  const lines = [`${i.name} is ${statusText(i)}, line protocol is ${proto} `];
  if (interfaceType(i.name) === 'Loopback') lines.push('  Hardware is Loopback');
  else lines.push(`  Hardware is CSR vNIC, address is ${i.mac} (bia ${i.mac})`);
  if (i.description) lines.push(`  Description: ${i.description}`);
  // An interface without an address has no such line at all on IOS.
  if (i.ip) lines.push(`  Internet address is ${i.ip.address}/${i.ip.prefix}`);
  return lines;
}

function loopbackBody(i: InterfaceState): string[] {
  const c = i.counters;
  return [
    `  MTU ${i.mtu ?? 1514} bytes, BW 8000000 Kbit/sec, DLY 5000 usec, `,
    '     reliability 255/255, txload 1/255, rxload 1/255',
    '  Encapsulation LOOPBACK, loopback not set',
    '  Keepalive set (10 sec)',
    '  Last input never, output never, output hang never',
    '  Last clearing of "show interface" counters never',
    '  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 0',
    '  Queueing strategy: fifo',
    '  Output queue: 0/0 (size/max)',
    '  5 minute input rate 0 bits/sec, 0 packets/sec',
    '  5 minute output rate 0 bits/sec, 0 packets/sec',
    `     ${c.packetsIn} packets input, ${c.bytesIn} bytes, 0 no buffer`,
    '     Received 0 broadcasts (0 IP multicasts)',
    '     0 runts, 0 giants, 0 throttles ',
    '     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort',
    `     ${c.packetsOut} packets output, ${c.bytesOut} bytes, 0 underruns`,
    '     Output 0 broadcasts (0 IP multicasts)',
    `     0 output errors, 0 collisions, ${c.resets} interface resets`,
    '     0 unknown protocol drops',
    '     0 output buffer failures, 0 output buffers swapped out',
  ];
}

function ethernetBody(i: InterfaceState, now: number): string[] {
  const c = i.counters;
  const r = rates(i);
  const last = isOperUp(i) ? '00:00:00' : hhmmss(now - i.lastChangeAt);
  return [
    `  MTU ${i.mtu ?? 1500} bytes, BW 1000000 Kbit/sec, DLY 10 usec, `,
    '     reliability 255/255, txload 1/255, rxload 1/255',
    '  Encapsulation ARPA, loopback not set',
    '  Keepalive set (10 sec)',
    '  Full Duplex, 1000Mbps, link type is auto, media type is Virtual',
    '  output flow-control is unsupported, input flow-control is unsupported',
    '  ARP type: ARPA, ARP Timeout 04:00:00',
    `  Last input ${last}, output ${last}, output hang never`,
    '  Last clearing of "show interface" counters never',
    '  Input queue: 0/375/0/0 (size/max/drops/flushes); Total output drops: 0',
    '  Queueing strategy: fifo',
    '  Output queue: 0/40 (size/max)',
    `  5 minute input rate ${r.inBits} bits/sec, ${r.inPps} packets/sec`,
    `  5 minute output rate ${r.outBits} bits/sec, ${r.outPps} packets/sec`,
    `     ${c.packetsIn} packets input, ${c.bytesIn} bytes, 0 no buffer`,
    `     Received ${c.broadcastsIn} broadcasts (0 IP multicasts)`,
    '     0 runts, 0 giants, 0 throttles ',
    '     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored',
    '     0 watchdog, 0 multicast, 0 pause input',
    `     ${c.packetsOut} packets output, ${c.bytesOut} bytes, 0 underruns`,
    '     Output 0 broadcasts (0 IP multicasts)',
    `     0 output errors, 0 collisions, ${c.resets} interface resets`,
    '     0 unknown protocol drops',
    '     0 babbles, 0 late collision, 0 deferred',
    '     0 lost carrier, 0 no carrier, 0 pause output',
    '     0 output buffer failures, 0 output buffers swapped out',
  ];
}

/** `show interfaces [IF]`: every interface, or one. */
export function renderShowInterfaces(state: DeviceState, only?: InterfaceState): string[] {
  const now = state.now();
  const list = only ? [only] : state.interfaces();
  return list.flatMap((i) => [...header(i), ...(interfaceType(i.name) === 'Loopback' ? loopbackBody(i) : ethernetBody(i, now))]);
}
