// One temporary root for a whole `npm test` run. Every test (and every process a test starts)
// makes its temp folders with os.tmpdir(), which reads TMPDIR; pointing TMPDIR at a root made
// here, before the workers start, lets teardown remove everything the run made in one go.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT_VAR = 'HOOKLAB_TEST_TMP_ROOT';

async function setup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-jest-'));
  process.env[ROOT_VAR] = root;
  process.env.TMPDIR = root;
}

async function teardown() {
  const root = process.env[ROOT_VAR];
  if (root && path.basename(root).startsWith('hooklab-jest-')) fs.rmSync(root, { recursive: true, force: true });
}

module.exports = { setup, teardown };
