import { loadConfig } from '../servers/lib/config/load-config';
import { loadSimulatorConfig } from '../simulator/load-simulator-config';

/** Whether a program accepts an environment (it throws, naming the variable, when it does not). */
function accepts(load: (env: Record<string, string>) => unknown, env: Record<string, string>): boolean {
  try {
    load(env);
    return true;
  } catch {
    return false;
  }
}

// One .env serves the servers and the router: a value one accepts, the other must not refuse
// (a token the router sends but no server would start with, a device name only one allows).
describe('the servers and the simulator read the variables they share by the same rules', () => {
  it.each([
    ['WEBHOOK_TOKEN', 'short'],
    ['WEBHOOK_TOKEN', 'long-enough-token'],
    ['WEBHOOK_SECRET', 'a-long-real-secret,x'],
    ['WEBHOOK_SECRET', 'a-long-real-secret, another-secret'],
    ['WEBHOOK_SECRET', 'whsec_!!!!!!!!!!'],
    ['WEBHOOK_SECRET', ',,,,'],
    ['DEVICE_NAME', 'Router_1'],
    ['DEVICE_NAME', 'AVeryLongRouterName'],
    ['DEVICE_NAME', 'core-rtr-01'],
    ['DEVICE_PORT', '99999'],
    ['DEVICE_PORT', '2200'],
    ['DEVICE_CONTROL_PORT', 'ssh'],
    ['DEVICE_USERNAME', 'u'.repeat(65)],
    ['DEVICE_WEBHOOK_URL', 'ftp://example.com'],
    ['DEVICE_WEBHOOK_URL', 'http://127.0.0.1:8003/events'],
    ['LOG_LEVEL', 'chatty'],
    ['ALLOW_INSECURE', 'maybe'],
    ['ALLOW_INSECURE', 'yes'],
    ['WEBHOOK_TOKEN', '   '],
  ])('%s=%j: both accept it or both refuse it', (name, value) => {
    const env = { [name]: value };
    expect(accepts(loadSimulatorConfig, env)).toBe(accepts(loadConfig, env));
  });

  it('and agree on the defaults', () => {
    const server = loadConfig({});
    const router = loadSimulatorConfig({}, process.cwd());
    expect(router.devices[0]).toMatchObject(server.device);
    expect(router.controlPort).toBe(server.deviceControlPort);
    expect(router.logLevel).toBe(server.logLevel);
  });
});
