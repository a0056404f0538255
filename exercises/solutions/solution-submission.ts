import fs from 'node:fs';
import path from 'node:path';
import { LAB_STEPS } from '../../grader/lab/lab-rubric';

/** The calibration's plain curl suite, a complete one a student could write (grader/calibration/express). */
const CURL_SUITE = path.join(__dirname, '..', '..', 'grader', 'calibration', 'express', 'curl-tests.sh');

/**
 * Writes a complete TypeScript submission into `dir` as a student hands it in: each solution as
 * `exercises/stepN/server.ts` (its kit imports one folder up, as in a student's tree) and a curl
 * suite as `curl_tests/test_webhooks.sh`. For the instructor's tests and bench (not in a handout).
 */
export function writeSolutionSubmission(dir: string): void {
  for (const step of LAB_STEPS) {
    const text = fs.readFileSync(path.join(__dirname, `step${step}`, 'server.ts'), 'utf8');
    fs.mkdirSync(path.join(dir, 'exercises', `step${step}`), { recursive: true });
    fs.writeFileSync(path.join(dir, 'exercises', `step${step}`, 'server.ts'), text.replaceAll("from '../../kit/", "from '../kit/"));
  }
  fs.mkdirSync(path.join(dir, 'curl_tests'), { recursive: true });
  fs.copyFileSync(CURL_SUITE, path.join(dir, 'curl_tests', 'test_webhooks.sh'));
}
