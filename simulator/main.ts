import 'dotenv/config';
import { loadSimulatorConfig } from './load-simulator-config';
import { startSimulator } from './start-simulator';

/** `npm run device`: Router1 (and the DEVICE_INVENTORY devices) over SSH, until Ctrl-C. */
async function main(): Promise<void> {
  const config = loadSimulatorConfig(process.env);
  const sim = await startSimulator({ ...config, logToConsole: true });
  const stop = (): void => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Started by `npm start` (with an IPC channel): stop when the launcher goes, never orphaned.
  if (process.send) process.once('disconnect', stop);
}

main().catch((err: Error) => {
  process.stderr.write(`device simulator: ${err.message}\n`);
  process.exit(1);
});
