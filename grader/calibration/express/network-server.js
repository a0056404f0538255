// Steps 4 and 6: device events -> SSH to the router. Run: node network-server.js 8003
const { NodeSSH } = require('node-ssh');
const { enabled, webhookApp, unrecognized, listen } = require('./common');

const DEVICE = {
  host: process.env.DEVICE_HOST || '127.0.0.1',
  port: Number(process.env.DEVICE_PORT || 22),
  username: process.env.DEVICE_USERNAME,
  password: process.env.DEVICE_PASSWORD,
  readyTimeout: 10000,
};
const DEVICE_NAME = process.env.DEVICE_NAME || 'Router1';
const INTERFACE = /^[A-Za-z][A-Za-z-]*\d+(\/\d+)*(\.\d+)?$/;

// One SSH connection per event; each command runs on its own (exec).
async function onDevice(commands, log) {
  const ssh = new NodeSSH();
  log('DEVICE_CONNECT', { device: DEVICE_NAME, host: DEVICE.host, port: DEVICE.port });
  await ssh.connect(DEVICE);
  try {
    const out = {};
    for (const command of commands) {
      log('DEVICE_COMMAND', { device: DEVICE_NAME, command });
      out[command] = (await ssh.execCommand(command)).stdout;
    }
    return out;
  } finally {
    ssh.dispose();
  }
}

function parseBrief(text) {
  return text
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((p) => p.length >= 6)
    .map((p) => ({ name: p[0], ip: p[1], status: p.slice(4, -1).join(' '), protocol: p[p.length - 1] }));
}

async function handle(event, log) {
  if (event.device !== undefined && event.device !== DEVICE_NAME) return { status: 422, body: { error: `unknown device ${event.device}` } };
  if (event.event === 'NetworkDeviceCheck') {
    const out = await onDevice(['show running-config | include hostname', 'show ip interface brief'], log);
    const hostname = out['show running-config | include hostname'].replace('hostname', '').trim();
    return { body: { device: DEVICE_NAME, hostname, interfaces: parseBrief(out['show ip interface brief']) } };
  }
  if (event.event === 'InterfaceDown' && enabled('close-loop')) {
    const name = String(event.interface || '');
    if (enabled('interface-validation') && !INTERFACE.test(name))
      return { status: 422, body: { error: '"interface" must be an interface name such as GigabitEthernet1' } };
    const out = await onDevice([`show interfaces ${name}`], log);
    return { body: { device: DEVICE_NAME, interface: name, state: out[`show interfaces ${name}`].split('\n')[0] } };
  }
  return unrecognized(event.event);
}

const { app } = webhookApp('network', async (event, log) => {
  if (!enabled('device-errors')) return handle(event, log);
  try {
    return await handle(event, log);
  } catch (err) {
    log('DEVICE_ERROR', { device: DEVICE_NAME, reason: err.code || err.message });
    return { status: 502, body: { error: `the device cannot be reached: ${err.message}` } };
  }
});

listen(app);
