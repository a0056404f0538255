import type { EventLogger } from '../../../common/logging/create-logger';

/**
 * What the pipeline learns about a request, kept on `res.locals` (typed here) rather than
 * patched onto `req`, whose Express 5 properties are getters.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      requestId: string;
      /** process.hrtime.bigint() when the request arrived. */
      startedAt: bigint;
      /** The client's address (`req.ip`: X-Forwarded-For only with TRUST_PROXY), worked out once. */
      source: string;
      /** The body exactly as received (signatures are computed over these bytes). */
      rawBody?: Buffer;
      /** How the sender proved itself: bearer, hub-signature-256, standard-webhooks or none. */
      authMethod?: string;
      /** Why the sender's credential was refused (e.g. bad_signature), once checked. */
      authFailure?: string;
      /** True once a refusal was logged as SECURITY (refusal-log.ts): no WEBHOOK_REJECTED line as well. */
      refusalLogged?: boolean;
      /** The event name, once known (for log lines). */
      eventName?: string;
    }
  }
}

/** Handed to every event handler. */
export interface EventContext {
  /** Unique id of this event (also in the answer and the log lines). */
  id: string;
  requestId: string;
  /** Client address as the server sees it (X-Forwarded-For only with TRUST_PROXY). */
  source: string;
  receivedAt: Date;
  /** The delivery id a sender gave (webhook-id, X-GitHub-Delivery, Idempotency-Key). */
  deliveryId?: string;
  /** True when the sender proved who it is (token or signature), false when the server runs open. */
  authenticated: boolean;
  /** The request's headers, lower-cased. */
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received, for checks over the signed bytes (a device's own signature). */
  rawBody: Buffer;
  log: EventLogger['log'];
}
