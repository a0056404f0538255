/**
 * Jest runs the TypeScript sources directly; `npm run typecheck` does the type checking.
 * Two projects of tests, both run by `npm test`: `unit` (modules on their own, in-process;
 * seconds) and `integration` (real servers, the simulator over SSH, child processes, browsers,
 * Redis). `npm run test:unit` runs the fast half alone. A third, `grade`, is the grader's rubric
 * as jest tests (`npm run grade:jest`, grader/README.md): under `npm test` it says it skipped.
 */
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ROOT = escapeRegex(__dirname);

/** Paths (from the project's root) of the tests that start real servers, processes or devices. */
const INTEGRATION = [
  'test/',
  'exercises/',
  'grader/(calibration|world|check-step|curl|roster/grade-roster|hooklab/hooklab-profile)',
  'simulator/[^/]+\\.test\\.ts$',
  'servers/[^/]+/app[^/]*\\.test\\.ts$',
  'servers/lib/(device-client/device-(pool|session)|redis/)',
  'servers/fake-apis/',
];

const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/common', '<rootDir>/servers', '<rootDir>/simulator', '<rootDir>/test', '<rootDir>/grader', '<rootDir>/exercises'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
};

module.exports = {
  // Two cores: keep one for the servers and simulators the tests start.
  maxWorkers: 2,
  // A global option: inside a project it would be ignored (and jest's 5 s would apply).
  testTimeout: 20000,
  // Every temp folder a test makes lands under one root, removed when the run ends.
  globalSetup: '<rootDir>/test/support/jest-global-setup.js',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.js',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...INTEGRATION.map((p) => `^${ROOT}/${p}`)],
    },
    {
      ...shared,
      displayName: 'grade',
      roots: ['<rootDir>/grader'],
      testMatch: ['<rootDir>/grader/jest/*.grade.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testRegex: INTEGRATION.map((p) => `^${ROOT}/${p}${p.endsWith('$') ? '' : '.*\\.test\\.ts$'}`),
    },
  ],
};
