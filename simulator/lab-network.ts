import type { DeviceSpec, LinkEndSpec, LinkSpec } from '../common/inventory/device-inventory';
import type { DeviceState } from './device-state';
import type { Fabric, LinkEnd } from './fabric';
import { normalizeInterfaceName } from '../common/ios/ios-names';

interface Cable {
  ends: [{ device: DeviceState; name: string }, { device: DeviceState; name: string }];
  /** False while the control port pulls it (a flap): no carrier at either end. */
  plugged: boolean;
}

function ifName(text: string): string {
  return normalizeInterfaceName(text) ?? text;
}

function describe(end: LinkEndSpec): string {
  return `${end.device} ${end.interface}`;
}

/**
 * Interfaces that boot without carrier because the far end of their cable is shut down in the
 * inventory, by device name. Worked out from the specs, before any device exists.
 */
export function noCarrierAtBoot(specs: readonly DeviceSpec[], links: readonly LinkSpec[]): Map<string, string[]> {
  const shut = (end: LinkEndSpec): boolean => {
    const spec = specs.find((s) => s.name.toLowerCase() === end.device.toLowerCase());
    return spec?.interfaces?.some((i) => ifName(i.name) === ifName(end.interface) && i.shutdown) ?? false;
  };
  const result = new Map<string, string[]>();
  for (const { a, b } of links) {
    for (const [end, far] of [
      [a, b],
      [b, a],
    ] as const) {
      if (!shut(far)) continue;
      const key = end.device.toLowerCase();
      result.set(key, [...(result.get(key) ?? []), ifName(end.interface)]);
    }
  }
  return result;
}

/**
 * The lab's cables. A device's interface has carrier when its cable is plugged and the far end
 * is not shut down, so `shutdown` on one router takes line protocol down on its neighbour too —
 * with the neighbour's own syslog and webhook, as in a real network.
 */
export class LabNetwork implements Fabric<DeviceState> {
  private readonly cables: Cable[] = [];
  private readonly unsubscribe: Array<() => void>;

  constructor(
    private readonly states: readonly DeviceState[],
    links: readonly LinkSpec[],
  ) {
    const used = new Set<string>();
    for (const link of links) {
      const ends = [link.a, link.b].map((end) => {
        const device = states.find((s) => s.spec.name.toLowerCase() === end.device.toLowerCase());
        if (!device) throw new Error(`links: ${describe(link.a)} <-> ${describe(link.b)}: no device ${end.device}`);
        const iface = device.findInterface(end.interface);
        if (!iface) throw new Error(`links: ${describe(link.a)} <-> ${describe(link.b)}: ${end.device} has no interface ${end.interface}`);
        const key = `${device.spec.name}/${iface.name}`;
        if (used.has(key)) throw new Error(`links: ${end.device} ${iface.name} is cabled twice`);
        used.add(key);
        return { device, name: iface.name };
      }) as Cable['ends'];
      this.cables.push({ ends, plugged: true });
    }
    this.unsubscribe = states.map((state) =>
      state.subscribe((event) => {
        if (event.type === 'admin') this.refreshFarEnd(state, event.name);
      }),
    );
    for (const state of states) state.fabric = this;
  }

  devices(): readonly DeviceState[] {
    return this.states;
  }

  peer(state: DeviceState, name: string): LinkEnd<DeviceState> | undefined {
    const far = this.farEnd(state, name);
    const iface = far?.device.findInterface(far.name);
    return far && iface ? { device: far.device, iface } : undefined;
  }

  /** Pulls (`false`) or plugs back (`true`) the cable of an interface; unlinked ones lose carrier alone. */
  setCable(state: DeviceState, name: string, plugged: boolean): void {
    const cable = this.cableOf(state, name);
    if (!cable) {
      state.setLink(name, plugged);
      return;
    }
    cable.plugged = plugged;
    for (const end of cable.ends) end.device.setLink(end.name, this.carrier(cable, end));
  }

  close(): void {
    this.unsubscribe.forEach((u) => u());
  }

  private refreshFarEnd(state: DeviceState, name: string): void {
    const cable = this.cableOf(state, name);
    const far = cable?.ends.find((e) => !(e.device === state && e.name === name));
    if (cable && far) far.device.setLink(far.name, this.carrier(cable, far));
  }

  /** Carrier at `end`: the cable is in, and the other end is not shut down. */
  private carrier(cable: Cable, end: Cable['ends'][number]): boolean {
    const other = cable.ends[0] === end ? cable.ends[1] : cable.ends[0];
    return cable.plugged && !other.device.findInterface(other.name)?.shutdown;
  }

  private cableOf(state: DeviceState, name: string): Cable | undefined {
    return this.cables.find((c) => c.ends.some((e) => e.device === state && e.name === name));
  }

  private farEnd(state: DeviceState, name: string): Cable['ends'][number] | undefined {
    return this.cableOf(state, name)?.ends.find((e) => !(e.device === state && e.name === name));
  }
}
