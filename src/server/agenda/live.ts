import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../platform/db/database.js';
import { route, PRACTITIONERS_AND_SECRETARIES, type RouteDef } from '../platform/http/route.js';
import { EventStreams, type EventStreamOptions, type PgNotificationHub } from '../platform/live/index.js';
import { practiceSettings } from './calendar.js';

/**
 * Live agenda: server-sent events fed by PostgreSQL LISTEN/NOTIFY.
 *
 * A trigger on `appointments` (migration 0021) NOTIFYs `pivot_agenda` on every insert, update and delete,
 * whatever the write path, with identifiers and instants only. The process's one LISTEN connection
 * (`PgNotificationHub`, platform/live, shared with reception) receives them; they are fanned out to the open
 * SSE streams of the same practice. Several app processes behind one PostgreSQL all see every change.
 * Events carry no patient data: the browser refetches what its session may read (and that read is audited).
 */
export const AGENDA_CHANNEL = 'pivot_agenda';

export interface AgendaChange {
  practiceId: string;
  appointmentId: string;
  practitionerId: string;
  start: string;
  op: 'insert' | 'update' | 'delete';
  previousPractitionerId: string | null;
  previousStart: string | null;
}

/**
 * Notifications sent by the app after commit (bookings made through the API, see migration 0024): queued per
 * database handle and sent in batches — one `SELECT pg_notify(…) FROM unnest(…)` while the previous batch is in
 * flight collects the next ones —, outside any write transaction. A transaction that only notifies writes no
 * WAL of its own, so it commits without waiting for a disk flush and holds PostgreSQL's notify lock for
 * microseconds, instead of serialising the bookings' commits. Best effort like every live update: if the
 * process dies between a commit and its notification, open views catch up on their next refetch or resync.
 */
class AfterCommitNotifier {
  private pending: string[] = [];
  private flushing = false;
  private failures = 0;

  constructor(private readonly db: Db) {}

  push(change: AgendaChange): void {
    this.pending.push(JSON.stringify(change));
    if (!this.flushing) void this.flush();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, 500);
        await sql`SELECT pg_notify(${AGENDA_CHANNEL}, p) FROM unnest(${batch}::text[]) AS p`.execute(this.db).catch((err: unknown) => {
          // Ids only in the payload; logged once per burst so a closed pool at shutdown does not flood the logs.
          if (this.failures++ === 0) console.warn(`agenda: live notification after commit failed: ${(err as Error).message}`);
        });
      }
      this.failures = 0;
    } finally {
      this.flushing = false;
    }
  }
}

const notifiers = new WeakMap<Db, AfterCommitNotifier>();

/** Sends an agenda change to every LISTENing process, from outside any transaction (after the change committed). */
export function notifyAgendaChange(db: Db, change: AgendaChange): void {
  let n = notifiers.get(db);
  if (!n) notifiers.set(db, (n = new AfterCommitNotifier(db)));
  n.push(change);
}

type Listener = (change: AgendaChange) => void;
type ResyncListener = () => void;

export type AgendaLiveOptions = EventStreamOptions;

const changeSchema = z.object({
  practiceId: z.uuid(),
  appointmentId: z.uuid(),
  practitionerId: z.uuid(),
  start: z.string(),
  op: z.enum(['insert', 'update', 'delete']),
  previousPractitionerId: z.uuid().nullable(),
  previousStart: z.string().nullable(),
});

/** The hub hands the same parsed payload to every subscriber of a notification: validate it once. */
const decoded = new WeakMap<object, AgendaChange | null>();

/** The agenda's side of the process's live updates: its channel on the shared hub, and its SSE streams. */
export class AgendaLive {
  readonly streams: EventStreams;
  private closed = false;

  constructor(private readonly hub: PgNotificationHub, private readonly log: Logger, options: AgendaLiveOptions = {}) {
    this.streams = new EventStreams(options);
  }

  get heartbeatMs(): number {
    return this.streams.heartbeatMs;
  }

  /** Resolves when LISTEN is in effect on the agenda's channel, so no change committed afterwards is missed. */
  listen(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('agenda live updates closed'));
    return this.hub.listen([AGENDA_CHANNEL]);
  }

  /** Changes of one practice only; `onResync` after the LISTEN connection was lost and is back. Returns the unsubscribe function. */
  subscribe(practiceId: string, fn: Listener, onResync?: ResyncListener): () => void {
    return this.hub.subscribe([AGENDA_CHANNEL], practiceId, (payload) => {
      const change = this.decode(payload);
      if (change) fn(change);
    }, onResync);
  }

  private decode(payload: object): AgendaChange | null {
    let change = decoded.get(payload);
    if (change === undefined) {
      const parsed = changeSchema.safeParse(payload);
      change = parsed.success ? (parsed.data as AgendaChange) : null;
      if (!parsed.success) this.log.warn('malformed agenda notification ignored');
      decoded.set(payload, change);
    }
    return change;
  }

  /** Number of open streams (tests, health). */
  get openStreams(): number {
    return this.streams.size;
  }

  /** Ends every stream (before the HTTP server closes). The shared LISTEN connection is the hub's to close. */
  async close(): Promise<void> {
    this.closed = true;
    this.streams.endAll();
  }
}

/** What a client receives: ids, practitioner and local days to refresh; never patient data. */
export function changeEvent(change: AgendaChange, timeZone: string) {
  const day = (iso: string | null) => (iso ? DateTime.fromISO(iso, { setZone: true }).setZone(timeZone).toISODate() : null);
  return {
    appointmentId: change.appointmentId,
    practitionerId: change.practitionerId,
    start: new Date(change.start).toISOString(),
    day: day(change.start),
    op: change.op,
    previousPractitionerId: change.previousPractitionerId,
    previousStart: change.previousStart ? new Date(change.previousStart).toISOString() : null,
    previousDay: day(change.previousStart),
  };
}

/**
 * GET /api/agenda/events — the practice's agenda changes as server-sent events (`appointment.changed`),
 * for the desk. Streams only when the client asks for `text/event-stream` (EventSource always does); a plain
 * GET gets a short JSON description, so generic HTTP tooling never hangs on it.
 */
export function agendaEventsRoute(live: AgendaLive): RouteDef {
  return route({
    method: 'GET', url: '/api/agenda/events', summary: 'Changements de l’agenda du cabinet en direct (server-sent events, identifiants seulement)', tags: ['agenda'],
    access: PRACTITIONERS_AND_SECRETARIES,
    raw: true,
    audit: 'none', // identifiers only: what the client then reads is audited by the listing route
    async handler({ ctx, tx, req, reply }) {
      if (!String(req.headers.accept ?? '').includes('text/event-stream')) {
        reply.code(200).send({ stream: 'text/event-stream', events: ['ready', 'appointment.changed', 'resync'], heartbeatSeconds: live.heartbeatMs / 1000 });
        return;
      }
      const { timeZone } = await practiceSettings(tx, ctx.practiceId);
      await live.listen();
      const stream = live.streams.start(req, reply);
      stream.onClose(live.subscribe(
        ctx.practiceId,
        (change) => stream.send('appointment.changed', changeEvent(change, timeZone)),
        () => stream.send('resync', {}),
      ));
      stream.send('ready', { heartbeatSeconds: live.heartbeatMs / 1000 });
    },
  });
}
