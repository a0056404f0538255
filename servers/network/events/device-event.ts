import type Joi from 'joi';
import type { DeviceSpec } from '../../../common/inventory/device-inventory';
import type { EventLogger } from '../../../common/logging/create-logger';
import type { LogFields } from '../../../common/logging/log-line';
import type { ObservedStep } from '../../lib/observe/observed-step';
import type { AppConfig } from '../../lib/config/load-config';
import type { DevicePool } from '../../lib/device-client/device-pool';
import type { DeviceSession } from '../../lib/device-client/device-session';
import type { WebhookEvent } from '../../lib/pipeline/event-handler';
import type { EventContext } from '../../lib/pipeline/request-context';
import type { RemediateOptions } from '../device-work/remediate-interface';
import type { JobResult } from '../jobs/job-queue';

/** What every network event is given: built once in ../app.ts. */
export interface NetworkEventDeps {
  config: Readonly<AppConfig>;
  /** The devices this server manages: `pool.resolve(name)` finds one, or answers 422 UNKNOWN_DEVICE. */
  pool: DevicePool;
  logger: EventLogger;
  /** How remediation re-checks the interface (tests shorten the pause). */
  remediate?: RemediateOptions;
}

/** What an event asks of a device, worked out when the event arrives. */
export interface DeviceRequest<Input> {
  /** The device the event is about: `pool.resolve(event.device)` (an unknown name was a 422). */
  device: DeviceSpec;
  /** What the task needs: plain data, so that the job can wait in Redis for another copy. */
  input: Input;
  /**
   * What makes two events on the same device "the same work", which they then share (one job,
   * one result): e.g. the interface, and whether the job may change the device.
   */
  sameWork?: Record<string, string | boolean>;
  /** How long, in ms, a finished job's result answers the same work again (EVENT_COALESCE_MS; 0: never). */
  coalesceMs: number;
}

/**
 * One network event, registered once: its name, payload schema and log fields (the pipeline's
 * part), what it asks of a device when it arrives (`request`), and the device task that does it
 * (`task`, with its own typed `Input`). ../app.ts lists every event in one array; a new event is
 * one file exporting one of these, plus one line there.
 */
export interface DeviceEvent<Payload extends WebhookEvent = WebhookEvent, Input = unknown> {
  /** The payload's `event` value. */
  name: string;
  /** Other names for the same event (the lab text's DeviceCheck). */
  aliases?: readonly string[];
  /** The payload: the envelope plus the event's own fields, validated before `request` runs. */
  schema: Joi.ObjectSchema<Payload>;
  /** The payload fields in the WEBHOOK_RECEIVED line. */
  logged: readonly string[];
  /** At the request: which device, and what the task will need. May refuse the event (throw an AppError). */
  request(event: Payload, ctx: EventContext, deps: NetworkEventDeps): DeviceRequest<Input>;
  /**
   * The task's input, checked again by whichever copy runs the job: with REDIS_URL a job comes
   * out of a shared queue, and nothing in it is trusted (a job can be added there directly).
   */
  input: Joi.Schema<Input>;
  /** The work on the device's session. `started()` stops later events sharing it (a backup must see every change). */
  task(session: DeviceSession, input: Input, deps: NetworkEventDeps, started: () => void): Promise<JobResult>;
  /** The result in a few words for the WEBHOOK_PROCESSED line and the journal (e.g. the verdict). */
  summarize?(answer: Record<string, unknown>): LogFields;
  /** The result step by step for the live view (the verdict, the decisions), published once the task is done. */
  steps?(result: JobResult): ObservedStep[];
}

/** A DeviceEvent whose `request` and `task` are typed by its schema and its input. */
export function defineDeviceEvent<Payload extends WebhookEvent, Input>(event: DeviceEvent<Payload, Input>): DeviceEvent<Payload, Input> {
  return event;
}
