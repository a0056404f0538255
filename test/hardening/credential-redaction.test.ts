import fs from 'node:fs';
import path from 'node:path';
import request from '../support/route-request';
import type { DeviceSession } from '../../servers/lib/device-client/device-session';
import { buildApp as buildNetworkApp } from '../../servers/network/app';
import { backupConfig } from '../../servers/network/device-work/backup-config';
import { captureLogger } from '../support/capture-logger';
import { testConfig } from '../support/test-config';
import { catchAllApp, ownFolders, folder } from './hardening-kit';

/** Credentials, however a sender names or writes them, never reach the journal, a log line or an error. */

describe('redaction beyond field names, and what log lines and errors show', () => {
  const S = (n: number): string => `sekret-value-${n}-xyz`;

  it('the journal keeps no credential, however the sender named or wrote it', async () => {
    const env = ownFolders();
    const { app } = catchAllApp(testConfig(env));
    const payload = {
      event: 'DeviceOnboarded',
      pwd: S(1),
      pass: S(2),
      auth: S(3),
      cookie: S(4),
      psk: S(5),
      community: S(6),
      snmpCommunity: S(7),
      wifiPass: S(8),
      basic_auth: S(9),
      params: [
        { name: 'password', value: S(10) },
        { key: 'Authorization', value: `Bearer ${S(11)}` },
        { Name: 'snmp_community', Value: S(12) },
      ],
      note: `token=${S(13)}&next=1, and api_key: "${S(14)}"`,
      url: `https://admin:${S(15)}@10.0.0.1/api`,
      header: `Authorization: Bearer ${S(16)}`,
      cli: `curl -H "Authorization: Basic ${S(17)}" http://x`,
      author: 'kept-author',
      passenger: 'kept-passenger',
      compass: 'kept-compass',
      timestamp: '2026-01-01T10:00:00Z',
    };
    expect((await request(app).post('/events').send(payload)).status).toBe(200);
    const stored = fs.readFileSync(path.join(env.LOG_DIR!, 'events.jsonl'), 'utf8');
    for (let n = 1; n <= 17; n += 1) expect(stored).not.toContain(S(n));
    expect(stored).toContain('[REDACTED]');
    for (const kept of ['kept-author', 'kept-passenger', 'kept-compass', '2026-01-01T10:00:00Z', '10.0.0.1/api'])
      expect(stored).toContain(kept);
  });

  it('a credential written in a logged field does not reach the log line', async () => {
    const logger = captureLogger();
    const { app } = catchAllApp(testConfig(ownFolders()), logger);
    await request(app)
      .post('/events')
      .send({ event: `x token=${S(20)}`, device: `password=${S(21)}` });
    expect(logger.lines.join('\n')).not.toMatch(/sekret-value/);
  });

  it.each([
    ['U+202E', '\u202e'],
    ['U+202A', '\u202a'],
    ['U+2066', '\u2066'],
    ['U+2069', '\u2069'],
    ['U+200E', '\u200e'],
    ['U+200F', '\u200f'],
    ['U+061C', '\u061c'],
    ['U+200B', '\u200b'],
    ['U+FEFF', '\ufeff'],
  ])('a bidi or invisible control (%s) in a logged value is escaped, never written as is', async (codePoint, ch) => {
    const logger = captureLogger();
    const { app } = catchAllApp(testConfig(ownFolders()), logger);
    await request(app)
      .post('/events')
      .send({ event: `Ok${ch}detaeh`, device: `R1${ch}` });
    const received = logger.of('WEBHOOK_RECEIVED')[0]!;
    expect(received).not.toContain(ch);
    expect(received).toContain(`\\u${codePoint.slice(2).toLowerCase()}`);
  });

  it('an unknown device is refused without listing the inventory', async () => {
    const devices = ['core-rtr-01', 'edge-rtr-02', 'vpn-gw-03'].map((name, i) => ({
      name,
      host: '127.0.0.1',
      port: 9 + i,
      username: 'u',
      password: 'p',
      enableSecret: 'e',
      privilege: 15 as const,
    }));
    const { app } = buildNetworkApp({ config: testConfig(ownFolders()), logger: captureLogger(), devices });
    const res = await request(app).post('/events').send({ event: 'NetworkDeviceCheck', device: 'Guess1' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('UNKNOWN_DEVICE');
    for (const d of devices) expect(JSON.stringify(res.body)).not.toContain(d.name);
  });

  it('a backup diff masks SNMP communities, keys, user and enable secrets (the backup file keeps them)', async () => {
    const dir = folder();
    const base = [
      'hostname R1',
      'enable secret 9 $9$OLDENABLE',
      'username ops privilege 15 secret 9 $9$OLDUSER',
      'snmp-server community OLDCOMM RO',
      'tacacs-server key 7 OLDTACKEY',
      'key chain K',
      ' key 1',
      '  key-string 7 OLDKEYSTRING',
      'interface GigabitEthernet1',
      ' ip ospf authentication-key 7 OLDOSPF',
      'crypto isakmp key OLDISAKMP address 10.0.0.2',
      'end',
      '',
    ].join('\n');
    let text = base;
    const session = { spec: { name: 'R1' }, sendCommand: async () => text } as unknown as DeviceSession;
    await backupConfig(session, dir, new Date('2026-01-01T10:00:00Z'));
    text = base.replace(/OLD/g, 'NEW');
    const second = await backupConfig(session, dir, new Date('2026-01-01T10:05:00Z'));
    expect(second.changed).toBe(true);
    expect(second.diff).toMatch(/^\+snmp-server community <removed> RO$/m);
    expect(second.diff).toMatch(/^\+tacacs-server key 7 <removed>$/m);
    expect(second.diff).not.toMatch(/OLD|NEW/);
    expect(fs.readFileSync(second.backup, 'utf8')).toContain('snmp-server community NEWCOMM RO');
  });
});
