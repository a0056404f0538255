import crypto from 'node:crypto';
import net from 'node:net';

// Below Linux's ephemeral range (32768–60999): a server the grader starts on port 0 (a world, a
// proxy) can never be handed one of these, so a student's server never finds its port taken by
// the grader, and graded in parallel, no two students are given the same one.
const FIRST = 20_000;
const LAST = 32_767;
let next = FIRST + crypto.randomInt(LAST - FIRST);
const handedOut = new Set<number>();

const isFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

/** A loopback port for a student's server: free now, outside the ephemeral range, never handed out twice by this process. */
export async function studentPort(): Promise<number> {
  for (let tries = 0; tries < LAST - FIRST; tries++) {
    const port = next;
    next = next >= LAST ? FIRST : next + 1;
    if (handedOut.has(port)) continue;
    if (await isFree(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port between ${FIRST} and ${LAST}`);
}
