/** The webhook pipeline every server shares: the app factory, the handler contract, request bodies, dispatch, errors. */
export * from './admit-request';
export * from './assign-request-id';
export * from './create-webhook-app';
export * from './dispatch-event';
export * from './envelope-schema';
export * from './error-handler';
export * from './event-handler';
export * from './parse-json-body';
export * from './raw-error-response';
export * from './read-raw-json-body';
export * from './receive-webhook';
export * from './reply';
export * from './request-context';
export * from './security-headers';
