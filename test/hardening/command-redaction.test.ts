import fs from 'node:fs';
import request from 'supertest';
import { NodeSSH } from 'node-ssh';
import { ShellClient } from '../support/shell-client';
import { startTestSimulator, type SimFixture } from '../support/sim-fixture';
import { readEventStream } from '../support/read-event-stream';

/**
 * `username carol priv 15 sec Hunter2Abbrev` — IOS takes `sec` for `secret` —
 * wrote the password in clear to the router's log and both feeds (the control port's, which the
 * dashboard relays), because redaction looked for the typed word `secret`. Redaction now follows
 * what the parser understood; a line it did not understand is kept only up to where it stopped.
 */
describe("secrets typed at the router's CLI, however abbreviated", () => {
  let fx: SimFixture;
  beforeAll(async () => {
    fx = await startTestSimulator();
  });
  afterAll(() => fx.close());

  const lines: Array<[string, string]> = [
    ['username carol priv 15 sec Hunter2Abbrev', 'Hunter2Abbrev'],
    ['username dave secr 0 Secr3tZero', 'Secr3tZero'],
    ['username gina s Sh0rtS', 'Sh0rtS'],
    ['username erin password 7 0822455D0A16', '0822455D0A16'],
    ['enable sec EnableS3cret', 'EnableS3cret'],
    ['enable secret 9 $9$EnableHash', 'EnableHash'],
    ['key config-key password-encrypt K3yMaterial', 'K3yMaterial'],
    ['usernme frank secret Typ0Secret', 'Typ0Secret'],
    ['username henry privilege 99 secret Bad1evel', 'Bad1evel'],
  ];

  it('are never written to its log or its feed, and the password still works', async () => {
    const shell = await ShellClient.open(fx.port);
    await shell.command('configure terminal');
    for (const [line] of lines) await shell.command(line);
    await shell.command('end');
    shell.dispose();

    const log = await fx.logWith(/DEVICE_COMMAND .*command="username henry/);
    const feed = await readEventStream(request(fx.sim.controlUrl).get('/feed'), (m) => m.event === 'activity' && m.data.kind === 'state');
    const fed = JSON.stringify(feed.messages);
    for (const [, secret] of lines) {
      expect(log).not.toContain(secret);
      expect(fed).not.toContain(secret);
    }
    // What was understood is still there to read.
    expect(log).toContain('command="username carol priv 15 sec <removed>"');
    expect(log).toContain('command="username erin password <removed>"');
    expect(log).toContain('command="usernme <removed>"');
    expect(fs.readFileSync(fx.logFile, 'utf8')).toContain('outcome=invalid');

    const carol = await new NodeSSH().connect({
      host: '127.0.0.1',
      port: fx.port,
      username: 'carol',
      password: 'Hunter2Abbrev',
      tryKeyboard: false,
    });
    carol.dispose();
  });
});
