import { parentPort, workerData } from 'node:worker_threads';
import { configDiff, type DiffInput } from './config-diff';

// Entry point of the worker thread diffInWorker starts: one diff, posted back, then it exits.
parentPort?.postMessage(configDiff(workerData as DiffInput));
