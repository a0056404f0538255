import { createWebhookApp, type WebhookApp } from '../lib/pipeline/create-webhook-app';
import type { ServerDeps } from '../lib/server/run-server';

/**
 * Step 1 of the lab: the smallest useful webhook listener.
 *
 * Another system POSTs an event to /events; we check it is well formed, write one log line and
 * say "got it" straight away. Everything that must happen before this handler runs — reading
 * the body, checking the sender's token or signature, parsing and validating the JSON — is the
 * shared pipeline in servers/lib, so this file only says what the server does with an event.
 */
export function buildApp({ config, logger }: ServerDeps): WebhookApp {
  return createWebhookApp({
    server: 'basic',
    config,
    logger,
    events: [],
    // The basic server accepts every event: it is a listener, not yet an automation.
    anyEvent: {
      handle(payload, ctx) {
        // The pipeline has already logged WEBHOOK_RECEIVED with the event, device and interface.
        // A webhook answer should be quick: the sender only needs to know we have the event.
        return { status: 'ok', id: ctx.id, event: payload.event, received_at: ctx.receivedAt.toISOString() };
      },
    },
  });
}
