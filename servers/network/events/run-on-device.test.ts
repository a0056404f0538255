import { jobKey, type DeviceJob } from './run-on-device';

describe('jobKey', () => {
  const down: DeviceJob = { kind: 'interface-down', interface: 'GigabitEthernet2', remediate: false, signed: false };

  it('names the kind, the device and every field', () => {
    expect(jobKey('Router1', down)).toBe('interface-down device=Router1 interface=GigabitEthernet2 remediate=false signed=false');
  });

  it('is the same for the same job on the same device: those events share one', () => {
    expect(jobKey('Router1', { ...down })).toBe(jobKey('Router1', down));
  });

  it.each<[string, string, DeviceJob]>([
    ['another device', 'Router2', down],
    ['another interface', 'Router1', { ...down, interface: 'GigabitEthernet3' }],
    ['remediation allowed', 'Router1', { ...down, remediate: true }],
    ['signed by the device', 'Router1', { ...down, signed: true }],
    ['another kind of job', 'Router1', { kind: 'interface-up', interface: 'GigabitEthernet2' }],
  ])('differs for %s: a job never answers an event that asked something else', (_what, device, job) => {
    expect(jobKey(device, job)).not.toBe(jobKey('Router1', down));
  });
});
