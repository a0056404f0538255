import diagnostics_channel from 'node:diagnostics_channel';
import { deviceChannel, type DeviceActivity } from '../observe/device-activity';
import { stepChannel, type ObservedStep } from '../observe/observed-step';
import { pipelineChannel, type PipelineProgress } from '../observe/pipeline-progress';
import { upstreamChannel, type UpstreamActivity } from '../observe/upstream-activity';
import { currentTrace } from './request-trace';
import { deviceStep, upstreamStep } from './trace-steps';

let subscribed = false;

/**
 * The live view subscribes to what the servers announce on their diagnostics channels (see
 * servers/lib/observe): the pipeline's progress goes to the request's own trace
 * (`res.locals.trace`), a handler's steps and the device and API clients' activity to the trace of the
 * request whose asynchronous context they come from. Subscribed once per process.
 */
export function observeSteps(): void {
  if (subscribed) return;
  subscribed = true;
  diagnostics_channel.subscribe(pipelineChannel.name, (message) => {
    const progress = message as PipelineProgress;
    const trace = progress.res.locals.trace;
    if (!trace) return;
    if (progress.type === 'reached') trace.reached(progress.stage, progress.eventId);
    else if (progress.type === 'answered') trace.answered(progress.body, progress.outcome);
    else trace.failed(progress.error, progress.body);
  });
  diagnostics_channel.subscribe(stepChannel.name, (step) => currentTrace()?.addStep(step as ObservedStep));
  diagnostics_channel.subscribe(deviceChannel.name, (activity) => currentTrace()?.addStep(deviceStep(activity as DeviceActivity)));
  diagnostics_channel.subscribe(upstreamChannel.name, (activity) => currentTrace()?.addStep(upstreamStep(activity as UpstreamActivity)));
}
