import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { barePeer, basicPeer } from './ack-peers';
import { benchAck } from './bench-ack';

/**
 * `npx tsx bench/profile-ack.ts [seconds]`: runs the ack load against the basic server started
 * with `node --cpu-prof`, then prints where its CPU time went (self time by function and by
 * package). The .cpuprofile is kept for Chrome DevTools / speedscope.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:') || url === '') return url === '' ? '(native/gc/idle)' : 'node core';
  return path.relative(path.join(__dirname, '..'), url.replace('file://', ''));
}

export function summarise(profile: Profile, requests: number, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n: ProfileNode): string =>
    `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') return;
    busy += us;
    fn.set(keyOf(node), (fn.get(keyOf(node)) ?? 0) + us);
    pkg.set(where(node.callFrame.url), (pkg.get(where(node.callFrame.url)) ?? 0) + us);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const k = keyOf(byId.get(n)!);
      if (!seen.has(k)) inclusive.set(k, (inclusive.get(k) ?? 0) + us);
      seen.add(k);
    }
  });
  const pct = (us: number): string => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const lines = [
    `busy (not idle) ${(busy / 1e6).toFixed(1)} s sampled: ~${Math.round(busy / requests)} µs of CPU per request (profiler on); percentages are of busy time`,
    '',
    'self time by package/file:',
  ];
  for (const [k, us] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${pct(us)}  ${k}`);
  lines.push('', 'self time by function:');
  for (const [k, us] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(us)}  ${k}`);
  lines.push('', 'inclusive time by function (servers/lib and selected):');
  const interesting = /servers\/lib|winston|helmet|raw-body|joi|express|router|Console|writeUtf8|writev|Hmac|stat/;
  for (const [k, us] of [...inclusive]
    .filter(([k]) => interesting.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    lines.push(`  ${pct(us)}  ${k}`);
  return lines.join('\n');
}

/** Self time per request by function, for comparing two profiles. */
function perRequest(profile: Profile, requests: number): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)') return;
    const key = `${f.functionName || '(anonymous)'} ${where(f.url)}`;
    out.set(key, (out.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / requests);
  });
  return out;
}

/** Where the basic server spends more than bare Express, in µs of sampled time per request. */
export function compare(basic: Map<string, number>, bare: Map<string, number>, top = 30): string {
  const keys = new Set([...basic.keys(), ...bare.keys()]);
  const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
  const rows = [...keys].map((k) => ({ k, a: basic.get(k) ?? 0, b: bare.get(k) ?? 0 })).sort((x, y) => y.a - y.b - (x.a - x.b));
  const f = (n: number): string => n.toFixed(1).padStart(7);
  const lines = [
    `sampled µs per request: basic ${total(basic).toFixed(0)}, bare ${total(bare).toFixed(0)} (profiler on: slower than without)`,
    '',
    '  extra   basic    bare  function (file or package)',
  ];
  for (const r of rows.slice(0, top)) lines.push(`${f(r.a - r.b)} ${f(r.a)} ${f(r.b)}  ${r.k}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-prof-'));
  const dirs = { basic: path.join(root, 'basic'), bare: path.join(root, 'bare') };
  const result = await benchAck({
    connections: 10,
    durationS: Number(process.argv[2] ?? 10),
    rounds: 1,
    progress: (l) => process.stdout.write(`${l}\n`),
    // The two Node servers only: the profiler is Node's.
    peers: [basicPeer(['--cpu-prof', `--cpu-prof-dir=${dirs.basic}`]), barePeer(['--cpu-prof', `--cpu-prof-dir=${dirs.bare}`])],
  });
  const perReq: Record<string, Map<string, number>> = {};
  for (const [name, dir] of Object.entries(dirs)) {
    // tsx's loader thread writes a small profile of its own; the server's is the largest.
    const file = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .sort((a, b) => fs.statSync(path.join(dir, b)).size - fs.statSync(path.join(dir, a)).size)[0];
    if (!file) throw new Error(`no profile written in ${dir}`);
    const run = name === 'basic' ? result.basic.runs[0]! : result.bare_express.runs[0]!;
    const requests = run.requests_per_s * (result.duration_s + 1); // + the 1 s warm-up
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile;
    perReq[name] = perRequest(profile, requests);
    process.stdout.write(`\n=== ${name} (~${requests} requests)\n${summarise(profile, requests)}\n\nprofile: ${path.join(dir, file)}\n`);
  }
  process.stdout.write(`\n=== basic minus bare\n${compare(perReq.basic!, perReq.bare!)}\n`);
}

if (require.main === module) void main();
