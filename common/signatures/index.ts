/** HMAC-SHA256 webhook signatures (GitHub and Standard Webhooks) and the rules for a usable secret. */
export * from './webhook-secret';
export * from './webhook-signatures';
