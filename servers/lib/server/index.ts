/** Running a server: listening, stopping cleanly, what every main.ts does. */
export * from './run-server';
export * from './start-server';
