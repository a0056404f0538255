import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../lab/free-port';
import { spawnCommand, spawnServer, type ChildServer } from './child-server';

/**
 * The servers the webhook ack bench (bench-ack.ts) loads in turn, each in its own process: the
 * basic server, bare Express 5, the lab text's FastAPI listener, Node's http server doing
 * nothing and, for the record, bare Express 5 listening as the lab's servers do (adnanh/webhook
 * is in webhook-peer.ts; bench-peers.ts lists them all). Another Node server is one more
 * nodePeer (with a kind bench/serve.ts knows); another program is one more spawnCommand.
 */
export interface AckPeer {
  /** Its key in progress lines and in the results: 'basic', 'bare', 'fastapi', … */
  name: string;
  /** What it is, for headers and tables. */
  label: string;
  /** Why it cannot run on this machine: it is then left out of the rounds and its figures say so. */
  skipped?: string;
  /** Facts recorded beside its figures (versions, how it was started). */
  about?: Record<string, string>;
  start(logDir: string): Promise<ChildServer>;
}

export const BENCH_SECRET = 'bench-secret-0123456789';

export function basicServerEnv(logDir: string): Record<string, string> {
  return { WEBHOOK_SECRET: BENCH_SECRET, RATE_LIMIT_PER_MIN: '0', LOG_DIR: logDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
}

/** A server of bench/serve.ts (`kind`, by default the peer's name), in its own node process. */
export function nodePeer(peer: {
  name: string;
  label: string;
  kind?: string;
  env?: (logDir: string) => Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
}): AckPeer {
  const { name, label, kind = name, env = () => ({}), nodeArgs = [] } = peer;
  return { name, label, start: (logDir) => spawnServer(kind, { env: env(logDir), nodeArgs }) };
}

export const basicPeer = (nodeArgs: string[] = []): AckPeer =>
  nodePeer({ name: 'basic', label: 'the basic server', env: basicServerEnv, nodeArgs });

export const barePeer = (nodeArgs: string[] = []): AckPeer => nodePeer({ name: 'bare', label: 'bare Express 5', nodeArgs });

/**
 * For the record, not a target: the same bare app listening the way the lab's servers do
 * (servers/lib/server/express-http-classes.ts). It shows how much of the basic server's lead over
 * bare Express comes from that one change, which any Express app can make.
 */
export const bareClassesPeer = (): AckPeer =>
  nodePeer({ name: 'bare-classes', label: "bare Express 5, listening as the lab's servers do" });

/**
 * The far target, not a competitor: Node's own http server answering a fixed line with nothing
 * checked, logged or stored (bench/serve.ts `floor`). What separates the basic server from it is
 * the lab's pipeline, itemised in bench/README.md.
 */
export const floorPeer = (): AckPeer => nodePeer({ name: 'floor', label: "Node's http server doing nothing (the floor)" });

/** Where the lab text's listener lives, verbatim (the grader calibrates with the same file). */
const LAB_SNIPPETS = path.join(__dirname, '..', 'grader', 'calibration', 'lab-snippets');

/** Debian's python, where python3-fastapi and python3-uvicorn install (`python3` on PATH may be another one). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

export const FASTAPI_MISSING =
  "Debian's python3-fastapi / python3-uvicorn are not installed (apt-get install python3-fastapi python3-uvicorn)";

/**
 * What uvicorn runs on: versions, and the HTTP implementation and event loop its `auto` setting
 * picks (httptools and uvloop only when they import), found the way uvicorn finds them.
 */
const PROBE = `
import json, sys, fastapi, uvicorn
try:
    from uvicorn.protocols.http.auto import AutoHTTPProtocol
    http = "httptools" if "HttpTools" in AutoHTTPProtocol.__name__ else "h11"
except ImportError:
    try:
        import httptools
        http = "httptools"
    except ImportError:
        http = "h11"
try:
    import uvloop
    loop = "uvloop"
except ImportError:
    loop = "asyncio"
print(json.dumps({"python_version": sys.version.split()[0], "fastapi": fastapi.__version__, "uvicorn": uvicorn.__version__, "http": http, "loop": loop}))
`;

/** The listener's environment: nothing from the developer's shell (PYTHONPATH, PYTHONUNBUFFERED, …) changes what is measured. */
function pythonEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1' };
}

/**
 * The lab text's minimal FastAPI listener (the grader's copy, verbatim:
 * grader/calibration/lab-snippets/webhook_server.py), started the way a student starts it —
 * `python3 -m uvicorn webhook_server:app --host 127.0.0.1 --port <port>` in its folder,
 * no --reload (the reloader would run the app in a child process, and the pid measured would be
 * the watcher's) — on a port that was free a moment before, and polled until it accepts. Skipped,
 * with the reason, when `python` cannot import fastapi and uvicorn.
 */
export function fastapiPeer(python = DEBIAN_PYTHON): AckPeer {
  const label = "the lab text's FastAPI listener";
  const command = `${python} -m uvicorn webhook_server:app --host 127.0.0.1 --port <free port> (in grader/calibration/lab-snippets/)`;
  const run = (code: string) => spawnSync(python, ['-c', code], { env: pythonEnv(), encoding: 'utf8', timeout: 30_000 });
  const start = async (): Promise<ChildServer> => {
    const port = await freePort();
    return spawnCommand(
      'fastapi',
      {
        command: python,
        args: ['-m', 'uvicorn', 'webhook_server:app', '--host', '127.0.0.1', '--port', String(port)],
        cwd: LAB_SNIPPETS,
        env: pythonEnv(),
      },
      { port },
    );
  };
  if (run('import fastapi, uvicorn').status !== 0) return { name: 'fastapi', label, skipped: FASTAPI_MISSING, about: { python }, start };
  const probe = run(PROBE);
  if (probe.status !== 0) throw new Error(`${python} imports fastapi and uvicorn, but the version probe failed: ${probe.stderr}`);
  return { name: 'fastapi', label, about: { python, ...(JSON.parse(probe.stdout) as Record<string, string>), command }, start };
}
