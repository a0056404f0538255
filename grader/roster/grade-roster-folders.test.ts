import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSolutionSubmission } from '../../exercises/solutions/solution-submission';
import { gradeRosterFile } from './grade-roster-file';
import { processesWith } from '../../test/support/processes-with';

describe('npm run grade -- --roster FILE with folders and repositories', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-roster-folders-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("starts each student's servers itself, several students at once, and writes each one's feedback beside the CSV", async () => {
    writeSolutionSubmission(path.join(dir, 'ada'));
    // ben hands in a git repository: the starters as handed out.
    const work = path.join(dir, 'ben-work');
    fs.cpSync(path.join(__dirname, '..', '..', 'exercises', 'step1'), path.join(work, 'exercises', 'step1'), { recursive: true });
    const git = (...args: string[]): string =>
      execFileSync('git', ['-c', 'user.name=ben', '-c', 'user.email=ben@example.com', ...args], { cwd: work, encoding: 'utf8' });
    git('init', '--quiet');
    git('add', '.');
    git('commit', '--quiet', '-m', 'step 1');
    execFileSync('git', ['clone', '--quiet', '--bare', work, path.join(dir, 'ben.git')]);
    // cy leaves a process behind that breaks the stand-ins for whoever is graded next.
    const marker = `cy-leftover-${crypto.randomBytes(4).toString('hex')}`;
    fs.mkdirSync(path.join(dir, 'cy', 'exercises', 'step1'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'cy', 'exercises', 'step1', 'server.ts'),
      `import http from 'node:http';
import { spawn } from 'node:child_process';
spawn('setsid', ['bash', '-c', 'while true; do curl -s -o /dev/null -X POST "$JOKE_API_URL/__mode/fail"; sleep 0.2; done', '${marker}'], { detached: true, stdio: 'ignore' }).unref();
http.createServer((_q, r) => void r.writeHead(500).end()).listen(Number(process.env.PORT), '127.0.0.1');
`,
    );
    const roster = path.join(dir, 'class.txt');
    fs.writeFileSync(roster, ['# name folder-or-repository', 'ada ada', `ben file://${path.join(dir, 'ben.git')}`, 'cy cy'].join('\n'));
    const csv = path.join(dir, 'class.grades.csv');
    const log: string[] = [];
    const out = await gradeRosterFile(
      roster,
      { GRADE_STUDENT_TIME_LIMIT_S: '150' },
      { csv, format: 'gradescope', jobs: 2, log: (l) => log.push(l) },
    );
    const rows = fs.readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe(
      'name,total,possible,webhook-servers,api-integrations,network-automation,curl-suite,security,lost,seconds,feedback',
    );
    expect(rows[1]).toMatch(/^ada,75,75,25,20,15,10,5,,[\d.]+,class\.grades\.feedback\/ada\.txt$/);
    expect(rows[2]).toMatch(/^ben,0,75,/);
    expect(rows[3]).toMatch(/^cy,0,75,/);
    expect(out).toMatch(/^ada +75\/75/m);
    // Every lost point with its reason and hint, and the report in the format asked for.
    const ben = fs.readFileSync(path.join(dir, 'class.grades.feedback', 'ben.txt'), 'utf8');
    expect(ben).toMatch(/basic-acknowledges: [\s\S]+?hint: /);
    expect(ben).toMatch(/joke-answers: the submission has no exercises\/step2\/server\.ts/);
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'class.grades.feedback', 'cy.results.json'), 'utf8')) as { score: number };
    expect(results.score).toBe(0);
    expect(processesWith(marker)).toEqual([]);
  }, 240_000);
});
