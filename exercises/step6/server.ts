import express, { type Express } from 'express';
import Joi from 'joi';
import { checkPayload } from '../kit/check-payload';
import { jsonBody } from '../kit/json-body';
import { finishApp, HttpError, notImplemented } from '../kit/json-errors';
import { runServer, type ServerDeps } from '../kit/run-server';

/**
 * Step 6 — close the loop: the router's own InterfaceDown webhook makes this server diagnose
 * the interface over SSH and, when allowed, bring it back with `no shutdown`.
 *
 *   read:  INSTRUCTIONS.md, "Step 6", "Build it" (the numbers below are its list)
 *   run:   npm run exercise -- 6        check: npm run check -- 6
 *
 * Given: what you built before (kit/); kit/with-device.ts: `withDevice(env, log, async (cli) => …)`
 * logs in, gives you `cli.run(command)` and `cli.configure(lines)`, always logs out, and turns
 * SSH failures into 502/504; env.autoRemediate (AUTO_REMEDIATE, default false).
 */
const envelope = Joi.object({ event: Joi.string().max(100).required() })
  .unknown(true)
  .required();
// The name goes into CLI commands, so only a strict interface name passes (step 4).
const INTERFACE_NAME = /^[A-Za-z][A-Za-z-]{0,30}\d{1,4}(\/\d{1,4}){0,3}(\.\d{1,5})?$/;
const interfaceDown = Joi.object({ interface: Joi.string().pattern(INTERFACE_NAME).required(), device: Joi.string().max(64) }).unknown(
  true,
);

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
      // InterfaceUp and ConfigChange arrive too (your own repair causes both): acknowledged, not acted on.
      res.json({ status: 'ignored', reason: `This server does not act on ${event} events.`, supported: ['InterfaceDown'] });
      return;
    }
    const { interface: name, device } = checkPayload(interfaceDown, req.body);
    if (device !== undefined && device.toLowerCase() !== env.device.name.toLowerCase()) {
      throw new HttpError(422, 'UNKNOWN_DEVICE', `${device} is not a device this server manages (${env.device.name}).`);
    }
    // TODO (1) diagnose: withDevice(...) and cli.run(`show interfaces ${name}`); read "<name> is <status>, line protocol is <protocol>".
    // TODO (2) a verdict: "administratively down" → admin_down; protocol up → up; otherwise link_down.
    // TODO (3) act only when admin_down AND env.autoRemediate: cli.configure([`interface ${name}`, 'no shutdown']), then look again.
    // TODO (4) answer what you found and did: {interface, status, protocol, verdict, remediation: {attempted, ...}}.
    notImplemented(res, 6);
  });

  finishApp(app, log);
  return app;
}

if (require.main === module) runServer({ name: 'network', port: 8003 }, buildApp);
