import path from 'node:path';
import { loadSimulatorConfig } from './load-simulator-config';

describe('loadSimulatorConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadSimulatorConfig({}, '/lab');
    expect(config.devices).toEqual([
      { name: 'Router1', host: '127.0.0.1', port: 2222, username: 'admin', password: 'cisco', enableSecret: 'cisco', privilege: 15 },
    ]);
    expect(config).toMatchObject({
      controlPort: 2280,
      logDir: '/lab/logs',
      logLevel: 'info',
      hostKeyDir: '/lab/.hooklab/keys',
      authorizedKeysFile: '/lab/.hooklab/authorized_keys',
    });
    expect(config.webhookUrl).toBeUndefined();
    expect(config.links).toEqual([]);
  });

  it('signs with the first secret of a comma-separated list and treats empty values as unset', () => {
    const config = loadSimulatorConfig({
      WEBHOOK_SECRET: 'new-secret, old-secret',
      WEBHOOK_TOKEN: '',
      DEVICE_WEBHOOK_URL: 'http://127.0.0.1:8000/events',
    });
    expect(config.webhookSecret).toBe('new-secret');
    expect(config.webhookToken).toBeUndefined();
    expect(config.webhookUrl).toBe('http://127.0.0.1:8000/events');
  });

  it('signs Standard Webhooks style, retries for two minutes and locks out after 10 failed logins by default', () => {
    expect(loadSimulatorConfig({}, '/lab')).toMatchObject({
      webhookSignature: 'standard',
      webhookRetryForMs: 120_000,
      webhookBaseDelayMs: 500,
      loginThrottle: { maxFailures: 10, lockoutMs: 60_000 },
      allowInsecure: false,
    });
    const config = loadSimulatorConfig({
      DEVICE_WEBHOOK_SIGNATURE: 'github',
      DEVICE_WEBHOOK_RETRY_S: '30',
      DEVICE_WEBHOOK_BACKOFF_MS: '100',
      DEVICE_LOGIN_MAX_FAILURES: '3',
      DEVICE_LOGIN_LOCKOUT_S: '5',
      ALLOW_INSECURE: 'true',
      DEVICE_WEBHOOK_SECRET: 'router1-own-secret',
    });
    expect(config).toMatchObject({
      webhookSignature: 'github',
      webhookRetryForMs: 30_000,
      webhookBaseDelayMs: 100,
      loginThrottle: { maxFailures: 3, lockoutMs: 5000 },
      allowInsecure: true,
    });
    expect(config.devices[0]?.webhookSecret).toBe('router1-own-secret');
  });

  it('loads the inventory file relative to the working directory', () => {
    const root = path.join(__dirname, '..');
    const config = loadSimulatorConfig(
      { DEVICE_INVENTORY: 'simulator/inventory.example.json', ROUTER2_PASSWORD: 'x', ROUTER2_ENABLE_SECRET: 'y' },
      root,
    );
    expect(config.devices.map((d) => d.name)).toEqual(['Router1', 'Router2', 'Router3']);
    expect(config.links).toContainEqual({
      a: { device: 'Router1', interface: 'GigabitEthernet1' },
      b: { device: 'Router2', interface: 'GigabitEthernet1' },
    });
  });

  it.each([
    ['DEVICE_PORT', 'ssh'],
    ['DEVICE_CONTROL_PORT', '99999'],
    ['DEVICE_NAME', 'Router_1'],
    ['DEVICE_NAME', 'AVeryLongRouterName'],
    ['DEVICE_WEBHOOK_URL', 'ftp://example.com'],
    ['LOG_LEVEL', 'chatty'],
    ['DEVICE_WEBHOOK_SIGNATURE', 'sha1'],
    ['DEVICE_LOGIN_MAX_FAILURES', '0'],
    ['DEVICE_WEBHOOK_SECRET', 'short'],
    // The same rules as the servers': a token or secret they would refuse is never sent.
    ['WEBHOOK_TOKEN', 'short'],
    ['WEBHOOK_SECRET', 'a-long-real-secret,x'],
  ])('stops on a bad %s, naming it', (name, value) => {
    expect(() => loadSimulatorConfig({ [name]: value })).toThrow(name);
  });
});
