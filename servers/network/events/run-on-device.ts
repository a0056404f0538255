import type { DeviceSpec } from '../../../common/inventory/device-inventory';
import type { EventResult, WebhookEvent } from '../../lib/pipeline/event-handler';
import type { EventContext } from '../../lib/pipeline/request-context';
import { answerWithJob, eventTime } from '../jobs/answer-with-job';
import type { JobRunner, TaskInput } from '../jobs/job-runner';

/**
 * What an event asks of a device, by name. Two events asking the same of the same device share
 * one job (see JobQueue), so these fields are exactly what makes two events "the same"; `kind`
 * also names the task that does the work (app.ts), which any copy of the server can run.
 */
export type DeviceJob =
  | { kind: 'device-check' }
  | { kind: 'config-backup' }
  | { kind: 'interface-up'; interface: string }
  // A job that may not change the device must never answer an event that may, and vice versa.
  | { kind: 'interface-down'; interface: string; remediate: boolean; signed: boolean };

export interface DeviceRun {
  /** The device the event is about: `pool.resolve(event.device)` (an unknown name was a 422). */
  device: DeviceSpec;
  job: DeviceJob;
  /** How long, in ms, a finished result answers the same job again (0: never). */
  reuseFor: number;
  /** What the task needs besides the session: plain data, so the job can wait in Redis. */
  input?: TaskInput;
}

/** Runs the job's task on the device, shared by every event asking the same, and answers the event. */
export type RunOnDevice = (event: WebhookEvent, ctx: EventContext, run: DeviceRun) => Promise<EventResult>;

/**
 * The job's key in the queue, built from its named fields, e.g.
 * `interface-down device=Router1 interface=GigabitEthernet2 remediate=false signed=false`.
 */
export function jobKey(device: string, { kind, ...fields }: DeviceJob): string {
  return [kind, `device=${device}`, ...Object.entries(fields).map(([name, value]) => `${name}=${String(value)}`)].join(' ');
}

/**
 * runOnDevice for one server: its job runner (in this process, or on Redis for every copy). A
 * job "looks at the device" from the moment its session is ready: an event that happened after
 * that gets a job of its own.
 */
export function deviceRunner(jobs: JobRunner): RunOnDevice {
  return (event, ctx, { device, job, reuseFor, input = {} }) =>
    answerWithJob(
      jobs,
      { task: job.kind, device: device.name, key: jobKey(device.name, job), reuseMs: reuseFor, eventAtMs: eventTime(event, ctx), input },
      ctx,
    );
}
