import { startTestSimulator, type SimFixture } from '../test/support/sim-fixture';
import { ShellClient } from '../test/support/shell-client';

/**
 * The red team's `show version | include (.|.)*QQQ` pinned the simulator's only thread: every
 * device, the control port and new SSH logins froze. Output filters now match in linear time.
 */
describe('an output filter with a catastrophic pattern', () => {
  let fx: SimFixture;
  beforeAll(async () => {
    fx = await startTestSimulator();
    // A big running-config: 400 loopbacks with long descriptions (about 1,600 lines).
    const state = fx.sim.state();
    for (let i = 1; i <= 400; i += 1) {
      state.addInterface(`Loopback${i}`, 'test');
      state.setDescription(`Loopback${i}`, `a long description for loopback ${i} `.repeat(5), 'test');
    }
  });
  afterAll(() => fx.close());

  it.each([
    ['show version | include (.|.)*QQQ'],
    ['show running-config | include (.|.)*QQQ'],
    ['show running-config | exclude (.|.)*QQQ'],
    ['show running-config | begin (.|.)*QQQ'],
    ['show running-config | section (.|.)*QQQ'],
  ])('%s answers, and the control port answers meanwhile', async (command) => {
    const shell = await ShellClient.open(fx.port);
    await shell.readUntil();
    await shell.command('terminal length 0');
    const answer = shell.command(command, /Router1#$/);
    // Asked while the filter runs: a blocked event loop would leave this unanswered.
    const health = await fetch(`${fx.sim.controlUrl}/health`);
    expect(health.status).toBe(200);
    const out = await answer;
    if (command.includes('exclude')) expect(out).toContain('description a long description for loopback 400');
    else expect(out).toBe(`${command}\r\nRouter1#`);
    shell.dispose();
  });

  it('answers a pattern IOS cannot take with the caret under it, and keeps working', async () => {
    const shell = await ShellClient.open(fx.port);
    await shell.readUntil();
    expect(await shell.command('show version | include (oops')).toBe(
      `show version | include (oops\r\n${' '.repeat('Router1#show version | include '.length)}^\r\n% Invalid input detected at '^' marker.\r\n\r\nRouter1#`,
    );
    expect(await shell.command('show version | include uptime')).toMatch(/Router1 uptime is/);
    shell.dispose();
  });
});
