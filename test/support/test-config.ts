import { loadConfig, type AppConfig } from '../../servers/lib/load-config';

/** The lab's configuration as a test wants it: defaults plus the given env values. */
export function testConfig(env: Record<string, string> = {}): Readonly<AppConfig> {
  return loadConfig({ RATE_LIMIT_PER_MIN: '0', ...env });
}
