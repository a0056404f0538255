/** Jest runs the TypeScript sources directly; `npm run typecheck` does the type checking. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/common', '<rootDir>/servers', '<rootDir>/simulator', '<rootDir>/test', '<rootDir>/grader', '<rootDir>/exercises'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  // Two cores: keep one for the servers and simulators the tests start.
  maxWorkers: 2,
  testTimeout: 20000,
  // Every temp folder a test makes lands under one root, removed when the run ends.
  globalSetup: '<rootDir>/test/support/jest-global-setup.js',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.js',
};
