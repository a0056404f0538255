import { AppError } from '../../lib/errors';
import type { EventDefinition } from '../../lib/pipeline/event-handler';
import { validationError } from '../../lib/pipeline/validation-error';
import { publishStep } from '../../lib/observe/observed-step';
import { answerWithJob, eventTime } from '../jobs/answer-with-job';
import { sharingStep } from './interface-steps';
import type { DeviceTask, JobRunner } from '../jobs/job-runner';
import type { DeviceEvent, NetworkEventDeps } from './device-event';

/**
 * The job's key in the queue: the event, the device and what makes the work the same, e.g.
 * `InterfaceDown device=Router1 interface=GigabitEthernet2 remediate=false signed=false`. Two
 * events with the same key share one job (see JobQueue).
 */
export function jobKey(event: string, device: string, sameWork: Record<string, string | boolean> = {}): string {
  return [event, `device=${device}`, ...Object.entries(sameWork).map(([name, value]) => `${name}=${String(value)}`)].join(' ');
}

/**
 * A device event as the pipeline sees it: when a valid payload arrives, work out what it asks of
 * the device, submit that as a job (shared with events asking the same), and answer the way the
 * client asked (answer-with-job.ts).
 */
export function onDevice(event: DeviceEvent, deps: NetworkEventDeps, jobs: JobRunner): EventDefinition {
  const { name, aliases, schema, logged, summarize } = event;
  return {
    name,
    aliases,
    schema,
    logged,
    summarize,
    async handle(payload, ctx) {
      const { device, input, sameWork, coalesceMs } = event.request(payload, ctx, deps);
      const key = jobKey(name, device.name, sameWork);
      const job = await jobs.submit({ task: name, device: device.name, key, coalesceMs, eventAtMs: eventTime(payload, ctx), input });
      // Watchers (the live view) learn that this event did no device work of its own.
      if (job.sharing !== 'new') publishStep(sharingStep(job.id, job.sharing));
      return answerWithJob(job, ctx);
    },
  };
}

/**
 * The tasks the job runners run, by event name. Each checks the job's input against its event's
 * input schema first: a job may come out of a shared queue (Redis), where anyone who can reach
 * it can add one, so an odd input is refused before anything is sent to the device.
 */
export function deviceTasks(events: readonly DeviceEvent[], deps: NetworkEventDeps): Record<string, DeviceTask> {
  const tasks: Record<string, DeviceTask> = {};
  for (const event of events) {
    tasks[event.name] = (session, input, started) => {
      const { value, error } = event.input.validate(input, { convert: false });
      if (error) {
        const refused = validationError(error);
        throw new AppError('VALIDATION_FAILED', `A ${event.name} job carried input its event never produces: refused, nothing sent.`, {
          details: refused.details,
        });
      }
      return event.task(session, value, deps, started).then((result) => {
        // Watchers (the live view) see the result step by step, in the words the event chose.
        for (const step of event.steps?.(result) ?? []) publishStep(step);
        return result;
      });
    };
  }
  return tasks;
}
