import express, { type Express } from 'express';
import Joi from 'joi';
import { checkPayload } from '../kit/check-payload';
import { jsonBody } from '../kit/json-body';
import { finishApp, notImplemented } from '../kit/json-errors';
import { runServer, type ServerDeps } from '../kit/run-server';

/**
 * Step 4 — an event drives a device: NetworkDeviceCheck {device?, interface?} → SSH to the
 * router → a small JSON report of its interfaces.
 *
 *   read:  INSTRUCTIONS.md, "Step 4", "Build it" (the numbers below are its list)
 *   run:   npm run exercise -- 4        check: npm run check -- 4
 *
 * Given: what you built before (kit/), env.device (DEVICE_NAME, DEVICE_HOST, DEVICE_PORT,
 * DEVICE_USERNAME, DEVICE_PASSWORD), env.upstreamTimeoutMs, and kit/with-timeout.ts.
 */
const envelope = Joi.object({ event: Joi.string().max(100).required() })
  .unknown(true)
  .required();
const CHECKS = ['NetworkDeviceCheck', 'DeviceCheck']; // the lab's name, and its short alias

export function buildApp({ env, log }: ServerDeps): Express {
  const app = express();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', server: 'network' });
  });

  app.post('/events', jsonBody(), async (req, res) => {
    const { event } = checkPayload(envelope, req.body);
    log('WEBHOOK_RECEIVED', { event, bytes: req.get('content-length'), source: req.ip });
    if (!CHECKS.includes(event)) {
      res.json({ status: 'ignored', reason: `This server does not handle ${event} events.`, supported: CHECKS });
      return;
    }
    // TODO (1) validate `device` (only env.device.name) and `interface`: a strict pattern, or 422 — it goes into a CLI command.
    // TODO (2) log in with node-ssh (env.device, readyTimeout) and always log out (dispose) afterwards.
    // TODO (3) `show version` (the hostname) and `show ip interface brief` (`| include <interface>` when one is named); parse the table.
    // TODO (4) answer {device, hostname, interfaces: [{name, ip, status, protocol}]}; unreachable → 502, too slow → 504.
    notImplemented(res, 4);
  });

  finishApp(app, log);
  return app;
}

if (require.main === module) runServer({ name: 'network', port: 8003 }, buildApp);
