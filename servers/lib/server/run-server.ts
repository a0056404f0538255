import { ConfigError, loadConfig, portFor, type AppConfig, type ServerName } from '../config/load-config';
import { createLogger, type EventLogger } from '../../../common/logging/create-logger';
import { startServer } from './start-server';
import type { WebhookApp } from '../pipeline/create-webhook-app';

export interface ServerDeps {
  config: Readonly<AppConfig>;
  logger: EventLogger;
  /** The environment, for values named indirectly (DEVICE_INVENTORY's `password_env`). */
  env?: Record<string, string | undefined>;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/**
 * What every `main.ts` does: read the environment once, build the app, listen, and stop
 * cleanly on SIGINT/SIGTERM (Ctrl-C, or a process manager) with exit code 0.
 */
export async function runServer(name: ServerName, env: NodeJS.ProcessEnv, buildApp: (deps: ServerDeps) => WebhookApp): Promise<void> {
  let config: Readonly<AppConfig>;
  try {
    config = loadConfig(env);
  } catch (err) {
    fail(err instanceof ConfigError ? err.message : String(err));
  }
  const logger = createLogger({ name, logDir: config.logDir, level: config.logLevel, rotation: config.logRotation });
  const port = portFor(config, name);
  let app: WebhookApp;
  try {
    app = buildApp({ config, logger, env });
  } catch (err) {
    // A setting only the app reads (DEVICE_INVENTORY's file) stops start-up like any bad
    // setting: one line that names it, no stack trace.
    await logger.close();
    fail(err instanceof Error ? err.message : String(err));
  }
  // Signals are handled from the first moment: a Ctrl-C during start-up still stops cleanly.
  const startup = startServer(app, { config, logger, port });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const running = await startup.catch(() => undefined);
    await running?.close();
    await logger.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  // Started by `npm start` (with an IPC channel): stop when the launcher goes, never orphaned.
  if (process.send) process.once('disconnect', () => void stop());

  try {
    await startup;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    await logger.close();
    if (code === 'EADDRINUSE') {
      fail(
        `Port ${port} (${name} server) is already in use. Stop whatever holds it (e.g. \`lsof -i :${port}\`), or choose another port with PORT=... npm run ${name}.`,
      );
    }
    if (code === 'EACCES') fail(`Not allowed to listen on ${config.host}:${port}; pick a port above 1024.`);
    fail(err instanceof Error ? err.message : String(err));
  }
}
