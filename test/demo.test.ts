import { spawnTs } from './support/spawn-process';

describe('npm run demo -- --no-pause', () => {
  jest.setTimeout(90_000);

  it('runs every step without pausing and ends with the interface repaired, exit 0', async () => {
    const demo = spawnTs('lab/demo.ts', { CI: 'true' }, ['--no-pause']);
    const code = await demo.exited;
    const out = demo.output();
    expect(code).toBe(0);
    for (const step of ['Step 1', 'Step 2', 'Step 3', 'Step 4', 'Step 5', 'Step 6']) expect(out).toContain(`=== ${step}`);
    expect(out).not.toContain('!! expected');
    expect(out).toMatch(/command="no shutdown"/);
    // terminal monitor shows the router's side live; the network server's line says what it decided.
    expect(out).toMatch(
      /Router1\(config-if\)#shutdown\n\*\w{3} [ \d]\d \d\d:\d\d:\d\d\.\d{3}: %LINK-5-CHANGED: Interface GigabitEthernet1, changed state to administratively down\n/,
    );
    expect(out).toContain('%LINK-3-UPDOWN: Interface GigabitEthernet1, changed state to up');
    expect(out).toMatch(/WEBHOOK_PROCESSED event=InterfaceDown outcome=ok status=200 verdict=admin_down remediation=repaired /);
    expect(out).toMatch(/Router1#show ip interface brief\nInterface[^\n]*\nGigabitEthernet1 +10\.0\.12\.1 +YES NVRAM +up +up/);
    expect(out).not.toContain('press Enter');
  });
});
