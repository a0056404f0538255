/** Calling an external API: the HTTP client, its circuit breaker, its errors as the lab's. */
export * from './circuit-breaker';
export * from './create-api-client';
export * from './translate-api-error';
