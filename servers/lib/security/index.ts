/** Who may call a server: authentication, the read rule, rate and connection limits, address and Host checks. */
export * from './allow-addresses';
export * from './allow-hosts';
export * from './authenticate-webhook';
export * from './bearer-token';
export * from './check-exposure';
export * from './guard-open-server';
export * from './is-local-client';
export * from './limit-connections';
export * from './limit-rate';
export * from './refusal-log';
export * from './request-check';
export * from './require-read-access';
