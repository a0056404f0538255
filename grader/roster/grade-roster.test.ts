import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startWorld, type RunningWorld } from '../world/start-world';
import { startHooklabServers, type HooklabServers } from '../lab/start-hooklab-servers';
import { gradeRosterFile } from './grade-roster-file';

async function server(answer: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const s = http.createServer(answer);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    close: () => {
      s.closeAllConnections();
      return new Promise((r) => s.close(() => r()));
    },
  };
}

describe('npm run grade -- --roster FILE', () => {
  let world: RunningWorld;
  let good: HooklabServers;
  let dir: string;
  beforeAll(async () => {
    world = await startWorld();
    good = await startHooklabServers(world.env, { logDir: world.logDir }); // graded by URL: the grader reads the world's LOG_DIR
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-roster-'));
  });
  afterAll(async () => {
    await good?.close();
    await world?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('grades each student in turn, each within the time limit, and writes one CSV row per student', async () => {
    const html = await server((_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>'));
    const hung = await server(() => undefined);
    try {
      const s = good.targets.servers;
      const roster = path.join(dir, 'class.txt');
      fs.writeFileSync(
        roster,
        [
          '# name basic joke card network',
          `ada ${s.basic!.url} ${s.joke!.url} ${s.card!.url} ${s.network!.url}`,
          `ben ${html.url} ${html.url} ${html.url} -`,
          `cy ${hung.url} ${hung.url} ${hung.url} ${hung.url}`,
        ].join('\n'),
      );
      const csv = path.join(dir, 'class.grades.csv');
      const log: string[] = [];
      const started = Date.now();
      const table = await gradeRosterFile(
        roster,
        // Long enough for ada's complete grade (a device that hangs takes the server's own device timeout, ~10 s).
        { GRADE_WORLD_URL: world.url, GRADE_STUDENT_TIME_LIMIT_S: '25' },
        { csv, format: 'table', log: (l) => log.push(l) },
      );

      const rows = fs.readFileSync(csv, 'utf8').trim().split('\n');
      expect(rows[0]).toBe(
        'name,total,possible,webhook-servers,api-integrations,network-automation,curl-suite,security,lost,seconds,feedback',
      );
      // ada: everything but the curl suite (no suite in the roster line).
      expect(rows[1]).toMatch(
        /^ada,65,75,25,20,15,0,5,curl-passes \(-2\); curl-covers-events \(-2\); curl-catches-500 \(-2\); curl-catches-malformed \(-2\); curl-catches-no-token \(-2\),/,
      );
      expect(rows[2]).toMatch(/^ben,0,75,0,0,0,0,0,/);
      expect(rows[3]).toMatch(/^cy,0,75,/);
      expect(table).toMatch(/^ada +65\/75/m);
      expect(log).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^\[1\/3\] ada: 65\/75/),
          expect.stringMatching(/^CSV written to .*class\.grades\.csv; each student's feedback beside it \(class\.grades\.feedback\/\)$/),
        ]),
      );
      // cy's servers hang: the time limit, not the server, decides when the grader moves on.
      expect(Date.now() - started).toBeLessThan(120_000);
    } finally {
      await html.close();
      await hung.close();
    }
  }, 150_000);
});
