import { DeviceState, type DeviceEvent } from './device-state';
import { deviceSpec } from '../test/support/sim-fixture';

describe('DeviceState', () => {
  let clock = Date.UTC(2024, 1, 9, 13, 11, 27, 198);
  const fresh = (): { state: DeviceState; events: DeviceEvent[] } => {
    const state = new DeviceState(deviceSpec(), { now: () => clock });
    const events: DeviceEvent[] = [];
    state.subscribe((e) => void (e.type !== 'syslog' && events.push(e)));
    return { state, events };
  };

  it('boots with the interfaces up and a restart in the log', () => {
    const { state } = fresh();
    expect(state.logging.lines()[0]).toBe('*Feb  9 13:11:27.198: %SYS-5-RESTART: System restarted --');
    expect(state.interfaces().every((i) => !i.shutdown && i.linkUp)).toBe(true);
  });

  it('shutdown logs LINK-5-CHANGED and LINEPROTO down, emits one interface event (and the admin change a cable carries), and is idempotent', () => {
    const { state, events } = fresh();
    expect(state.setShutdown('gi1', true, 'admin')).toBe(true);
    expect(state.setShutdown('GigabitEthernet1', true, 'admin')).toBe(false);
    expect(state.logging.lines().slice(-2)).toEqual([
      '*Feb  9 13:11:27.198: %LINK-5-CHANGED: Interface GigabitEthernet1, changed state to administratively down',
      '*Feb  9 13:11:27.198: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1, changed state to down',
    ]);
    expect(events).toEqual([
      { type: 'interface', name: 'GigabitEthernet1', up: false, at: new Date(clock) },
      { type: 'admin', name: 'GigabitEthernet1', shutdown: true },
    ]);
    expect(state.lastChange).toEqual({ at: clock, by: 'admin' });
  });

  it('no shutdown logs LINK-3-UPDOWN up and emits up', () => {
    const { state, events } = fresh();
    state.setShutdown('gi2', true, 'admin');
    state.setShutdown('gi2', false, 'admin');
    expect(state.logging.lines().at(-2)).toMatch(/%LINK-3-UPDOWN: Interface GigabitEthernet2, changed state to up$/);
    expect(events.filter((e) => e.type === 'interface').map((e) => e.type === 'interface' && e.up)).toEqual([false, true]);
  });

  it('a carrier loss is not a configuration change', () => {
    const { state, events } = fresh();
    state.setLink('gi3', false);
    expect(state.lastChange).toBeUndefined();
    expect(state.findInterface('gi3')).toMatchObject({ shutdown: false, linkUp: false });
    expect(state.logging.lines().at(-2)).toMatch(/%LINK-3-UPDOWN: Interface GigabitEthernet3, changed state to down$/);
    expect(events).toHaveLength(1);
  });

  it('logs CONFIG_I and emits a config event when a config session ends', () => {
    const { state, events } = fresh();
    state.endConfigSession('admin', 'vty0', '127.0.0.1');
    expect(state.logging.lines().at(-1)).toMatch(/%SYS-5-CONFIG_I: Configured from console by admin on vty0 \(127\.0\.0\.1\)$/);
    expect(events).toEqual([{ type: 'config', by: 'admin', at: new Date(clock) }]);
  });

  it('keeps a failing subscriber from breaking the device or the subscribers after it', () => {
    const { state, events } = fresh();
    state.subscribe(() => {
      throw new Error('closed session');
    });
    const later: DeviceEvent[] = [];
    state.subscribe((e) => void (e.type === 'interface' && later.push(e)));
    expect(state.setShutdown('gi1', true, 'admin')).toBe(true);
    expect(state.findInterface('gi1')!.shutdown).toBe(true);
    const changes = events.filter((e) => e.type === 'interface');
    expect(changes).toHaveLength(1);
    expect(later).toEqual(changes);
  });

  it('moves counters only while the interface is up', () => {
    const { state } = fresh();
    const start = state.findInterface('gi1')!.counters.packetsIn;
    clock += 10_000;
    const moved = state.findInterface('gi1')!.counters.packetsIn;
    expect(moved).toBeGreaterThan(start);
    state.setShutdown('gi1', true, 'admin');
    clock += 10_000;
    expect(state.findInterface('gi1')!.counters.packetsIn).toBe(moved);
  });
});
