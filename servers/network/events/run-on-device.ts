import type { DeviceSpec } from '../../lib/device-inventory';
import type { DevicePool } from '../../lib/device-client/device-pool';
import type { DeviceSession } from '../../lib/device-client/device-session';
import type { EventResult, WebhookEvent } from '../../lib/event-handler';
import type { EventContext } from '../../lib/request-context';
import { answerWithJob, eventTime } from '../answer-with-job';
import type { JobQueue, JobResult } from '../job-queue';

/**
 * What an event asks of a device, by name. Two events asking the same of the same device share
 * one job (see JobQueue), so these fields are exactly what makes two events "the same".
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
  /** The work itself, on the device's SSH session. */
  work: (session: DeviceSession) => Promise<JobResult>;
}

/** Runs `work` on the device as a job shared by every event asking the same, and answers the event. */
export type RunOnDevice = (event: WebhookEvent, ctx: EventContext, run: DeviceRun) => Promise<EventResult>;

/**
 * The job's key in the queue, built from its named fields, e.g.
 * `interface-down device=Router1 interface=GigabitEthernet2 remediate=false signed=false`.
 */
export function jobKey(device: string, { kind, ...fields }: DeviceJob): string {
  return [kind, `device=${device}`, ...Object.entries(fields).map(([name, value]) => `${name}=${String(value)}`)].join(' ');
}

/**
 * runOnDevice for one server: its device pool (one SSH session per device, one command at a
 * time) and its job queue. A job "looks at the device" from the moment its session is ready:
 * an event that happened after that gets a job of its own.
 */
export function deviceRunner(pool: DevicePool, jobs: JobQueue): RunOnDevice {
  return (event, ctx, { device, job, reuseFor, work }) => {
    const looked = (started: () => void) =>
      pool.run(device.name, (session) => {
        started();
        return work(session);
      });
    return answerWithJob(jobs, { key: jobKey(device.name, job), reuseMs: reuseFor, eventAtMs: eventTime(event, ctx), work: looked }, ctx);
  };
}
