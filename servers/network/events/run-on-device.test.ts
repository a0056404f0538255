import { jobKey } from './run-on-device';

describe('jobKey', () => {
  const down = { interface: 'GigabitEthernet2', remediate: false, signed: false };

  it('names the event, the device and every field of the work', () => {
    expect(jobKey('InterfaceDown', 'Router1', down)).toBe(
      'InterfaceDown device=Router1 interface=GigabitEthernet2 remediate=false signed=false',
    );
  });

  it('is the same for the same work on the same device: those events share one job', () => {
    expect(jobKey('InterfaceDown', 'Router1', { ...down })).toBe(jobKey('InterfaceDown', 'Router1', down));
  });

  it.each<[string, string, string, Record<string, string | boolean>]>([
    ['another device', 'InterfaceDown', 'Router2', down],
    ['another interface', 'InterfaceDown', 'Router1', { ...down, interface: 'GigabitEthernet3' }],
    ['remediation allowed', 'InterfaceDown', 'Router1', { ...down, remediate: true }],
    ['signed by the device', 'InterfaceDown', 'Router1', { ...down, signed: true }],
    ['another event', 'InterfaceUp', 'Router1', { interface: 'GigabitEthernet2' }],
  ])('differs for %s: a job never answers an event that asked something else', (_what, event, device, work) => {
    expect(jobKey(event, device, work)).not.toBe(jobKey('InterfaceDown', 'Router1', down));
  });
});
