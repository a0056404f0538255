import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, writeHandout } from './handout';

/** Where the pristine tree goes inside the bundle (Gradescope unpacks the zip into /autograder/source). */
export const BUNDLE_TREE = 'hooklab';

const SETUP = `#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu):
# Node 20, bubblewrap (the sandbox for student code), curl and jq (curl suites), Python's
# FastAPI for students who write the lab in Python, then the grader's own packages.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq ca-certificates curl gnupg bubblewrap jq python3 python3-pip >/dev/null
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null; then
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash - >/dev/null
  apt-get install -y -qq nodejs >/dev/null
fi
apt-get install -y -qq python3-fastapi python3-uvicorn python3-requests >/dev/null 2>&1 || pip3 install -q fastapi uvicorn requests || true
cd /autograder/source/${BUNDLE_TREE}
npm ci --no-audit --no-fund
`;

const RUN = `#!/usr/bin/env bash
# Gradescope runs this for every submission (working directory /autograder). The student's files
# in submission/ are graded in the instructor's tree (source/${BUNDLE_TREE}): only exercises/stepN/,
# curl_tests/ (or a project with hooklab-start.json) are taken, never their grader, in the sandbox.
# AUTOGRADER_ROOT moves /autograder (the bundle's own test runs it in a scratch folder).
set -uo pipefail
ROOT="\${AUTOGRADER_ROOT:-/autograder}"
RESULTS="$ROOT/results/results.json"
mkdir -p "$ROOT/results"
cd "$ROOT/source/${BUNDLE_TREE}" || exit 1
node --import tsx grader/main.ts --submission "$ROOT/submission" --format gradescope --output "$RESULTS"
status=$?
if [ ! -s "$RESULTS" ]; then
  printf '{"score": 0, "output": "The autograder itself failed (exit %s): nothing was graded. Tell your instructor."}\\n' "$status" > "$RESULTS"
fi
`;

/**
 * \`npm run autograder -- gradescope --out DIR\`: the Gradescope autograder bundle in DIR:
 * setup.sh, run_autograder, the instructor's pristine tree (the handout: no answers) in
 * ${BUNDLE_TREE}/, and autograder.zip of the three (when \`zip\` is installed). Returns the files.
 */
export function writeGradescopeBundle(dir: string, root = REPO_ROOT): string[] {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  fs.mkdirSync(dir, { recursive: true });
  writeHandout(path.join(dir, BUNDLE_TREE), root);
  fs.writeFileSync(path.join(dir, 'setup.sh'), SETUP, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'run_autograder'), RUN, { mode: 0o755 });
  const written = ['setup.sh', 'run_autograder', `${BUNDLE_TREE}/`];
  try {
    execFileSync('zip', ['-q', '-r', 'autograder.zip', 'setup.sh', 'run_autograder', BUNDLE_TREE], { cwd: dir, stdio: 'ignore' });
    written.push('autograder.zip');
  } catch {
    // No zip here: the folder is the bundle; zip its three entries to upload it.
  }
  return written;
}
