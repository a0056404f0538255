/** Environment variables the servers and the simulator share: one rule and default each. */
export * from './env-fields';
