import { spawnSync } from 'node:child_process';
import { describeImplementation } from './describe-implementation';
import { FASTAPI, PYTHON } from './start-implementation';

/**
 * FastAPI with Debian's python3-fastapi, python3-uvicorn, python3-requests and python3-netmiko
 * (.ci/run installs them). Deciding describe or describe.skip happens while jest collects,
 * hence the one synchronous call.
 */
const probe = spawnSync(PYTHON, ['-c', 'import fastapi, uvicorn, requests, netmiko'], { encoding: 'utf8', timeout: 30_000 });
const missing = probe.status === 0 ? '' : (probe.stderr || probe.error?.message || 'python3 did not run').trim().split('\n').pop();

(missing ? describe.skip : describe)(
  `calibration: a FastAPI implementation written from the lab text${missing ? ` (skipped: ${missing}; apt-get install python3-fastapi python3-uvicorn python3-requests python3-netmiko)` : ''}`,
  () => {
    describeImplementation(FASTAPI);
  },
);
