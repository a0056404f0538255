/** The servers' configuration, read once from the environment and validated. */
export * from './load-config';
