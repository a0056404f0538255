import { startTestSimulator, type SimFixture } from '../test/support/sim-fixture';
import { ShellClient } from '../test/support/shell-client';

/** `username … secret …` makes an account that logs in over SSH, at its own privilege level. */
describe('local user accounts', () => {
  let fx: SimFixture;
  let admin: ShellClient;
  beforeAll(async () => {
    fx = await startTestSimulator();
    admin = await ShellClient.open(fx.port);
    await admin.readUntil();
    for (const line of ['configure terminal', 'username student privilege 1 secret Student-Pass-1', 'end']) await admin.command(line);
  });
  afterAll(async () => {
    admin.dispose();
    await fx.close();
  });

  it('logs the new user in at > with privilege 1, and enable takes it to 15', async () => {
    const student = await ShellClient.open(fx.port, { username: 'student', password: 'Student-Pass-1' });
    expect(await student.readUntil()).toBe('\r\nRouter1>');
    expect(await student.command('show privilege')).toContain('\r\nCurrent privilege level is 1\r\n');
    student.send('enable\r');
    await student.readUntil(/Password: $/);
    expect(await student.command('cisco')).toMatch(/Router1#$/);
    expect(await student.command('show privilege')).toContain('\r\nCurrent privilege level is 15\r\n');
    const users = await student.command('show users');
    expect(users).toMatch(/\r\n {3}1 vty 0 {5}admin {6}idle {17}\d\d:\d\d:\d\d 127\.0\.0\.1\r\n/);
    expect(users).toMatch(/\r\n\* {2}2 vty 1 {5}student {4}idle {17}00:00:00 127\.0\.0\.1\r\n/);
    expect(await student.command('show history')).toMatch(
      /\r\n {2}show privilege\r\n {2}enable\r\n {2}show privilege\r\n {2}show users\r\n {2}show history\r\n/,
    );
    student.dispose();
  });

  it('refuses a wrong secret for the new user, and the old secret once it changes', async () => {
    await expect(ShellClient.open(fx.port, { username: 'student', password: 'wrong' })).rejects.toThrow();
    for (const line of ['configure terminal', 'username student secret Another-Pass-2', 'end']) await admin.command(line);
    await expect(ShellClient.open(fx.port, { username: 'student', password: 'Student-Pass-1' })).rejects.toThrow();
    const again = await ShellClient.open(fx.port, { username: 'student', password: 'Another-Pass-2' });
    expect(await again.readUntil()).toBe('\r\nRouter1>');
    again.dispose();
  });

  it('refuses every password, the empty one too, for an account made without a secret (username x privilege 5)', async () => {
    for (const line of ['configure terminal', 'username nosecret privilege 5', 'end']) await admin.command(line);
    await expect(ShellClient.open(fx.port, { username: 'nosecret', password: '' })).rejects.toThrow();
    await expect(ShellClient.open(fx.port, { username: 'nosecret', password: 'cisco' })).rejects.toThrow();
  });

  it('keeps the secrets out of the device log: the username lines are logged with <removed>', async () => {
    const log = await fx.logWith(/command="username student secret <removed>"/);
    expect(log).toMatch(/DEVICE_COMMAND device=Router1 command="username student privilege 1 secret <removed>"/);
    expect(log).toMatch(/DEVICE_COMMAND device=Router1 command="username student secret <removed>"/);
    expect(log).not.toMatch(/Student-Pass-1|Another-Pass-2/);
  });
});
