import type { FastifyReply, FastifyRequest } from 'fastify';
import { AGENDA_CHANNEL } from '../agenda/index.js';
import { EventStreams, type EventStreamOptions, type PgNotificationHub } from '../platform/live/index.js';
import { clock } from '../platform/clock.js';

/**
 * Live desk and waiting-room board: server-sent events fed by PostgreSQL LISTEN/NOTIFY through the process's
 * one LISTEN connection (`PgNotificationHub`, platform/live, shared with the agenda). Reception listens on
 * `pivot_reception` (visits, checklist ticks, delays, settings: migration 0040) and on the agenda's
 * `pivot_agenda` (a booking or status change of today changes the desk too). Events say only « something
 * changed in your practice »: the desk refetches what its session may read (audited); the board refetches its
 * public, name-free view. Bursts are coalesced per stream (one event per 150 ms at most).
 */
export const RECEPTION_CHANNEL = 'pivot_reception';
const CHANNELS = [RECEPTION_CHANNEL, AGENDA_CHANNEL];
const COALESCE_MS = 150;

type Listener = () => void;

export class ReceptionLive {
  private readonly streams: EventStreams;
  private closed = false;

  constructor(private readonly hub: PgNotificationHub, options: EventStreamOptions = {}) {
    this.streams = new EventStreams(options);
  }

  get heartbeatMs(): number {
    return this.streams.heartbeatMs;
  }

  listen(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('reception live updates closed'));
    return this.hub.listen(CHANNELS);
  }

  /** Any change of one practice; also called after a lost LISTEN connection is back (changes were missed). */
  subscribe(practiceId: string, fn: Listener): () => void {
    return this.hub.subscribe(CHANNELS, practiceId, () => fn(), fn);
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** Streams `reception.changed` events of one practice on this request (the caller checked who may see them). */
  async stream(practiceId: string, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.listen();
    const stream = this.streams.start(req, reply);
    let pending: NodeJS.Timeout | undefined;
    const unsubscribe = this.subscribe(practiceId, () => {
      pending ??= setTimeout(() => {
        pending = undefined;
        stream.send('reception.changed', { at: clock.now().toISOString() });
      }, COALESCE_MS);
    });
    stream.onClose(() => {
      if (pending) clearTimeout(pending);
      unsubscribe();
    });
    stream.send('ready', { heartbeatSeconds: this.heartbeatMs / 1000 });
  }

  /** Ends every stream (before the HTTP server closes). The shared LISTEN connection is the hub's to close. */
  async close(): Promise<void> {
    this.closed = true;
    this.streams.endAll();
  }
}
