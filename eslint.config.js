// Lint rules: typescript-eslint's recommended set, plus the house rule that library and
// simulator code logs through the logger, never console.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'logs/**', '.hooklab/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Matching control characters on purpose is this project's job (log escaping, terminals).
      'no-control-regex': 'off',
    },
  },
  {
    // The exercise starters hand students values (log, env, a validated payload) to use in their TODOs.
    files: ['exercises/step*/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    files: ['common/**/*.ts', 'servers/lib/**/*.ts', 'simulator/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['**/*.js'],
    ignores: ['**/public/**'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The grader's calibration servers: plain Node.js programs, as a student writes them.
    files: ['grader/calibration/**/*.js'],
    languageOptions: { globals: { console: 'readonly', Buffer: 'readonly' } },
  },
  {
    // The live view and the lab dashboard: plain ES modules served to the browser as they are.
    files: ['**/public/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'location',
          'sessionStorage',
          'fetch',
          'Node',
          'TextEncoder',
          'TextDecoderStream',
          'AbortController',
          'crypto',
          'setTimeout',
          'clearTimeout',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
);
