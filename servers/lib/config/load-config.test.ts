import { ConfigError, describeEnvironment, loadConfig, portFor } from './load-config';

describe('loadConfig', () => {
  describe('with an empty environment', () => {
    const config = loadConfig({});

    it('binds loopback on the documented default ports', () => {
      expect(config.host).toBe('127.0.0.1');
      expect(config.ports).toEqual({ basic: 8000, joke: 8001, card: 8002, network: 8003 });
    });

    it('uses the documented defaults', () => {
      expect(config.bodyLimitBytes).toBe(100 * 1024);
      expect(config.rateLimitPerMin).toBe(600);
      expect(config.upstreamTimeoutMs).toBe(5000);
      expect(config.offlineFallback).toBe(true);
      expect(config.autoRemediate).toBe(false);
      expect(config.eventCoalesceMs).toBe(2000);
      expect(config.dedupeWindowS).toBe(86400);
      expect(config.device).toMatchObject({ name: 'Router1', host: '127.0.0.1', port: 2222 });
      expect(config.webhookToken).toBeUndefined();
      expect(config.webhookSecrets).toEqual([]);
    });

    it('is frozen', () => {
      expect(Object.isFrozen(config)).toBe(true);
    });
  });

  it('lets PORT override the server port', () => {
    expect(portFor(loadConfig({ PORT: '9123' }), 'joke')).toBe(9123);
    expect(portFor(loadConfig({ JOKE_PORT: '9124' }), 'joke')).toBe(9124);
  });

  it('reads booleans the way people write them', () => {
    expect(loadConfig({ AUTO_REMEDIATE: 'true' }).autoRemediate).toBe(true);
    expect(loadConfig({ AUTO_REMEDIATE: 'yes' }).autoRemediate).toBe(true);
    expect(loadConfig({ OFFLINE_FALLBACK: 'off' }).offlineFallback).toBe(false);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ WEBHOOK_TOKEN: '', PORT: '' }).webhookToken).toBeUndefined();
  });

  it('splits WEBHOOK_SECRET into rotated secrets', () => {
    expect(loadConfig({ WEBHOOK_SECRET: 'first-secret, second-secret' }).webhookSecrets).toEqual(['first-secret', 'second-secret']);
  });

  it('keeps state in the process unless REDIS_URL names a Redis', () => {
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', redisLockMs: 5000 });
  });

  it('parses BODY_LIMIT sizes', () => {
    expect(loadConfig({ BODY_LIMIT: '1mb' }).bodyLimitBytes).toBe(1024 * 1024);
    expect(loadConfig({ BODY_LIMIT: '512' }).bodyLimitBytes).toBe(512);
  });

  describe('with a bad value', () => {
    it.each([
      ['RATE_LIMIT_PER_MIN', 'lots'],
      ['BASIC_PORT', '70000'],
      ['LOG_LEVEL', 'chatty'],
      ['JOKE_API_URL', 'ftp://example.test'],
      ['BODY_LIMIT', 'huge'],
      ['DEVICE_NAME', 'a name with spaces'],
    ])('stops with a message naming %s', (key, value) => {
      expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
      expect(() => loadConfig({ [key]: value })).toThrow(new RegExp(`${key}: .*\\(got "${value}"\\)`));
    });

    it('names every bad variable at once', () => {
      expect(() => loadConfig({ BASIC_PORT: 'x', CARD_PORT: 'y' })).toThrow(/BASIC_PORT[\s\S]*CARD_PORT/);
    });

    it('never echoes a secret it refuses', () => {
      let message = '';
      try {
        loadConfig({ WEBHOOK_TOKEN: 'short' });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toContain('WEBHOOK_TOKEN');
      expect(message).not.toContain('short');
    });

    it('refuses a REDIS_URL that is not redis:// without echoing it (it may hold a password)', () => {
      expect(() => loadConfig({ REDIS_URL: 'http://:hunter22@127.0.0.1:6379' })).toThrow(/REDIS_URL/);
      expect(() => loadConfig({ REDIS_URL: 'http://:hunter22@127.0.0.1:6379' })).not.toThrow(/hunter22/);
    });

    it('requires TLS_CERT and TLS_KEY together', () => {
      expect(() => loadConfig({ TLS_CERT: 'cert.pem' })).toThrow(/TLS_CERT and TLS_KEY/);
    });

    it('refuses an IP_ALLOWLIST entry that is not an address or CIDR', () => {
      expect(() => loadConfig({ IP_ALLOWLIST: '10.0.0.0/8, nonsense' })).toThrow(/IP_ALLOWLIST.*nonsense/);
    });
  });

  it('describes every key it reads', () => {
    const keys = describeEnvironment();
    expect(keys.length).toBeGreaterThan(30);
    for (const key of keys) expect(key.description).not.toBe('');
  });
});
