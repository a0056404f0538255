/** The event journal: accepted events recorded before the answer, duplicate deliveries, GET /events. */
export * from './create-journal';
export * from './event-journal';
export * from './journal-file';
export * from './journal-routes';
export * from './journal-store';
