import 'dotenv/config';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createLogger } from '../common/logging/create-logger';
import { findBusyPorts, type NamedPort } from '../lab/find-busy-ports';
import { LabProcess } from '../lab/lab-process';
import { watchParent } from '../lab/watch-parent';
import { restartOnSave } from './restart-on-save';
import { exerciseEntry, exerciseStep, type ExerciseStep } from './exercise-steps';
import { joinExerciseWorld, startExerciseWorld, type ExerciseWorld } from './start-exercise-world';

/**
 * `npm run exercise -- N [--solution] [--watch]`: your step-N server from
 * exercises/stepN/server.ts (or the solution), with what it talks to — the grader's world: its
 * stand-in APIs and router, the same `npm run check` grades in — on this machine (or the world
 * at GRADE_WORLD_URL, e.g. `npm run grade -- --serve`'s). `--watch` restarts the server on every
 * save (exercises/restart-on-save.ts). Ctrl-C stops everything, and so does npm going away (as `npm start`).
 */
const ROOT = path.resolve(__dirname, '..');
const STOP_GRACE_MS = 3000;
const write = (line: string): void => void process.stdout.write(`${line}\n`);

function usage(message: string): never {
  write(`${message}\nUsage: npm run exercise -- N [--solution] [--watch]   (N = 1 to 6; see INSTRUCTIONS.md, "Build it")`);
  process.exit(2);
}

/** Lines written to a stream, printed with a label like `npm start` does. */
function labelled(label: string): PassThrough {
  const stream = new PassThrough();
  let partial = '';
  stream.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) write(`${`[${label}]`.padEnd(10)} ${line}`);
  });
  return stream;
}

function busyMessage(step: ExerciseStep, busy: NamedPort[]): string {
  return [
    `Cannot start step ${step.step}:`,
    ...busy.map((p) => `  port ${p.port} (${p.name}) is already in use`),
    'Is the reference lab (`npm start`), one of its servers, or another exercise still running?',
    'Stop it with Ctrl-C in its terminal, or move this one, e.g.:',
    `  ${busy.map((p) => `${p.envName}=${p.port + 1000}`).join(' ')} npm run exercise -- ${step.step}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const solution = args.includes('--solution');
  const watch = args.includes('--watch');
  const numbers = args.filter((a) => a !== '--solution' && a !== '--watch');
  if (numbers.length !== 1) usage('Which step?');
  const step = exerciseStep(Number(numbers[0]));
  if (!step) usage(`There is no step "${numbers[0]}".`);
  // CHECK_EXERCISES_DIR moves the folder, as for `npm run check` (the tests use their own).
  const entry = exerciseEntry(step.step, solution, process.env.CHECK_EXERCISES_DIR || undefined);
  if (!fs.existsSync(path.resolve(ROOT, entry))) {
    write(`${entry} does not exist${solution ? ' (solutions are not part of this copy of the lab)' : ''}.`);
    process.exit(1);
  }

  const host = process.env.HOST || '127.0.0.1';
  const serverPort = Number(process.env.PORT || step.port);
  // Only the server's own port must be free: the world's parts move to free ports when theirs are taken.
  const ports: NamedPort[] = [{ name: `your step-${step.step} server`, port: serverPort, envName: 'PORT' }];
  const busy = await findBusyPorts(ports, host);
  if (busy.length > 0) {
    write(busyMessage(step, busy));
    process.exit(1);
  }

  const serverUrl = `http://${host}:${serverPort}`;
  const logDir = path.resolve(ROOT, process.env.LOG_DIR || 'logs');
  const routerLogger = createLogger({
    name: 'router',
    logDir,
    fileName: 'device_simulator.log',
    console: false,
    stream: labelled('router'),
  });
  let world: ExerciseWorld;
  const joining = process.env.GRADE_WORLD_URL;
  try {
    world = joining
      ? await joinExerciseWorld(joining, step, serverUrl, process.env)
      : // The router keeps the lab's host key (the one `npm run device` uses): ssh knows it again.
        await startExerciseWorld({ step, env: process.env, serverUrl, hostKeyDir: path.join(ROOT, '.hooklab', 'keys'), routerLogger });
  } catch (err) {
    write(`Cannot start step ${step.step}: ${(err as Error).message}`);
    await routerLogger.close();
    process.exit(1);
  }

  // The server's own environment wins only where the world has nothing to say.
  const serverEnv = { ...process.env, ...world.serverEnv, PORT: String(serverPort) };
  let stopping = false;
  let restarting = false;
  const startServer = (): LabProcess => {
    const started = new LabProcess(`step ${step.step}`, entry, serverEnv, write);
    void started.exited.then((code) => {
      if (stopping || restarting) return;
      if (watch) return write(`Your step-${step.step} server stopped (exit code ${code}). Fix ${entry} and save: it starts again.`);
      write(`Your step-${step.step} server stopped (exit code ${code}). Its last lines are above; fix ${entry} and run this again.`);
      void stopAll(1);
    });
    return started;
  };
  let server = startServer();
  // --watch: the step's folder and the kit it imports; each save restarts the server.
  const stopWatching = watch
    ? restartOnSave([path.dirname(path.resolve(ROOT, entry)), path.join(ROOT, 'exercises', 'kit')], async () => {
        if (stopping) return;
        write(`[watch]    a file changed: restarting your step-${step.step} server`);
        // The old one lets go of the port first; then the new one can listen on it.
        restarting = true;
        await server.stop(STOP_GRACE_MS);
        restarting = false;
        if (!stopping) server = startServer();
      })
    : () => undefined;
  // Once, however it is asked for (see lab/start-lab.ts: Ctrl-C can arrive twice, npm can vanish).
  let stopped: Promise<never> | undefined;
  const stopAll = (code: number): Promise<never> =>
    (stopped ??= (async () => {
      stopping = true;
      stopWatching();
      await server.stop(STOP_GRACE_MS);
      await world.close();
      await routerLogger.close();
      write(`step ${step.step} stopped; every port is free again.`);
      process.exit(code);
    })());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));
  watchParent((what) => {
    write(`${what} is gone (stopped from an IDE or by a timeout?); stopping step ${step.step}.`);
    void stopAll(0);
  });

  try {
    await server.waitFor(/SERVER_START/, 30_000);
  } catch (err) {
    write(`${(err as Error).message}. Does it compile? Try: npx tsc --noEmit`);
    await stopAll(1);
  }
  const control = world.routerControlUrl;
  const tryIt = step.tryIt
    .replace('$URL', serverUrl.replace('127.0.0.1', 'localhost'))
    .replace('$CONTROL', control)
    .replace('$WEBHOOK_TOKEN', world.serverEnv.WEBHOOK_TOKEN ?? '');
  const row = (what: string, where: string): string => `  ${what.padEnd(12)} ${where}`;
  write(
    [
      '',
      row(`step ${step.step}`, step.title),
      row('your server', `${serverUrl}/events   ${entry}`),
      ...world.describe().map(([what, where]) => row(what, where)),
      '',
      row('try it', tryIt),
      row(
        'grade it',
        joining
          ? `GRADE_WORLD_URL=${joining} GRADE_${step.server.toUpperCase()}_URL=${serverUrl} npm run grade -- --step ${step.step}`
          : `npm run check -- ${step.step}`,
      ),
      ...(watch ? [row('watching', `${path.dirname(entry)}/ and exercises/kit/: every save restarts your server`)] : []),
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

void main();
