/** Live updates: one LISTEN connection per process (hub) and server-sent event streams. */
export { PgNotificationHub, type PgNotificationHubOptions, type NotificationListener, type NotificationPayload } from './hub.js';
export { EventStreams, openEventStream, sseMessage, type EventStream, type EventStreamOptions } from './sse.js';
