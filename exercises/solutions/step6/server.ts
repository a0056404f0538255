import express, { type Express } from 'express';
import Joi from 'joi';
import { checkPayload } from '../../kit/check-payload';
import { jsonBody } from '../../kit/json-body';
import { finishApp, HttpError } from '../../kit/json-errors';
import { runServer, type ServerDeps } from '../../kit/run-server';
import { withDevice, type DeviceCli } from '../../kit/with-device';

/** Step 6, solved: the router's InterfaceDown webhook → diagnose over SSH → `no shutdown` when allowed. */
const envelope = Joi.object({ event: Joi.string().max(100).required() })
  .unknown(true)
  .required();
const INTERFACE_NAME = /^[A-Za-z][A-Za-z-]{0,30}\d{1,4}(\/\d{1,4}){0,3}(\.\d{1,5})?$/;
const interfaceDown = Joi.object({ interface: Joi.string().pattern(INTERFACE_NAME).required(), device: Joi.string().max(64) }).unknown(
  true,
);

type Verdict = 'up' | 'admin_down' | 'link_down';

// The first line of `show interfaces X`: "GigabitEthernet1 is administratively down, line protocol is down".
const STATUS_LINE = /^\S+ is (up|down|administratively down), line protocol is (up|down)/m;

/** (1) and (2): what state the interface is in, and what that means. */
async function diagnose(cli: DeviceCli, name: string): Promise<{ status: string; protocol: string; verdict: Verdict }> {
  const m = STATUS_LINE.exec(await cli.run(`show interfaces ${name}`));
  if (!m) throw new HttpError(422, 'UNKNOWN_INTERFACE', `The device has no interface ${name}.`);
  const [, status = '', protocol = ''] = m;
  let verdict: Verdict = 'link_down';
  if (status === 'administratively down')
    verdict = 'admin_down'; // someone typed `shutdown`
  else if (protocol === 'up') verdict = 'up'; // already back (a flap, or someone fixed it first)
  return { status, protocol, verdict };
}

export function buildApp({ env, log }: ServerDeps): Express {
  const app = express();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', server: 'network' });
  });

  app.post('/events', jsonBody(), async (req, res) => {
    const { event } = checkPayload(envelope, req.body);
    log('WEBHOOK_RECEIVED', {
      event,
      device: req.body.device,
      interface: req.body.interface,
      bytes: req.get('content-length'),
      source: req.ip,
    });
    if (event !== 'InterfaceDown') {
      res.json({ status: 'ignored', reason: `This server does not act on ${event} events.`, supported: ['InterfaceDown'] });
      return;
    }
    const { interface: name, device } = checkPayload(interfaceDown, req.body);
    if (device !== undefined && device.toLowerCase() !== env.device.name.toLowerCase()) {
      throw new HttpError(422, 'UNKNOWN_DEVICE', `${device} is not a device this server manages (${env.device.name}).`);
    }

    const result = await withDevice(env, log, async (cli) => {
      const found = await diagnose(cli, name);
      // (3) Change the device only when it helps (a cable is not fixed by a command) and is allowed.
      if (found.verdict !== 'admin_down') {
        return {
          ...found,
          remediation: { attempted: false, reason: `${name} is not administratively down: "no shutdown" would change nothing.` },
        };
      }
      if (!env.autoRemediate) {
        return { ...found, remediation: { attempted: false, reason: 'AUTO_REMEDIATE is off: diagnosis only.' } };
      }
      const sent = [`interface ${name}`, 'no shutdown'];
      await cli.configure(sent);
      const after = await diagnose(cli, name);
      return {
        ...found,
        remediation: { attempted: true, sent, after: { status: after.status, protocol: after.protocol }, verified: after.verdict === 'up' },
      };
    });
    log('WEBHOOK_PROCESSED', {
      event,
      device: env.device.name,
      interface: name,
      verdict: result.verdict,
      remediated: result.remediation.attempted,
    });
    // (4) Say what was found and what was done: the sender (and whoever reads its log) learns both.
    res.json({ event: 'InterfaceDown', device: env.device.name, interface: name, ...result });
  });

  finishApp(app, log);
  return app;
}

if (require.main === module) runServer({ name: 'network', port: 8003 }, buildApp);
