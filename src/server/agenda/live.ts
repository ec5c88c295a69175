import type { ServerResponse } from 'node:http';
import { DateTime } from 'luxon';
import pg from 'pg';
import type { Logger } from 'pino';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../platform/db/database.js';
import { route, type RouteDef } from '../platform/http/route.js';
import { practiceSettings } from './calendar.js';

/**
 * Live agenda: server-sent events fed by PostgreSQL LISTEN/NOTIFY.
 *
 * A trigger on `appointments` (migration 0021) NOTIFYs `pivot_agenda` on every insert, update and delete,
 * whatever the write path, with identifiers and instants only. Each app process holds ONE dedicated
 * connection (not from the request pool) that LISTENs on that channel, and fans the notifications out to the
 * open SSE streams of the same practice. Several app processes behind one PostgreSQL all see every change.
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

export interface AgendaLiveOptions {
  /** Comment line sent on every stream to keep proxies and the connection alive (default 15 s). */
  heartbeatMs?: number;
  /** A stream is closed after this long; EventSource reconnects, which re-checks the session (default 10 min). */
  maxStreamMs?: number;
  /** Delay before reconnecting the LISTEN connection after it was lost (default 1 s, doubled up to 30 s). */
  reconnectMs?: number;
}

const changeSchema = z.object({
  practiceId: z.uuid(),
  appointmentId: z.uuid(),
  practitionerId: z.uuid(),
  start: z.string(),
  op: z.enum(['insert', 'update', 'delete']),
  previousPractitionerId: z.uuid().nullable(),
  previousStart: z.string().nullable(),
});

export class AgendaLive {
  readonly heartbeatMs: number;
  readonly maxStreamMs: number;
  private readonly reconnectMs: number;
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay: number;
  private closed = false;
  private readonly byPractice = new Map<string, Set<Listener>>();
  private readonly resyncListeners = new Set<ResyncListener>();
  private readonly streams = new Set<ServerResponse>();

  constructor(private readonly connection: pg.ClientConfig, private readonly log: Logger, options: AgendaLiveOptions = {}) {
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.maxStreamMs = options.maxStreamMs ?? 10 * 60_000;
    this.reconnectMs = options.reconnectMs ?? 1000;
    this.retryDelay = this.reconnectMs;
  }

  /** Starts listening (once). Resolves when LISTEN is in effect, so no change committed afterwards is missed. */
  listen(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('agenda live updates closed'));
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.connection);
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', (msg) => {
      if (msg.channel === AGENDA_CHANNEL && msg.payload) this.dispatch(msg.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${AGENDA_CHANNEL}`);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryDelay = this.reconnectMs;
  }

  /** The LISTEN connection died (database restart…): reconnect, then ask every stream to resync (events were missed). */
  private lost(client: pg.Client, err?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    if (this.closed) return;
    this.log.warn({ err: err?.message }, 'agenda LISTEN connection lost; reconnecting');
    const retry = () => {
      this.retryTimer = undefined;
      this.listen().then(
        () => this.resyncListeners.forEach((fn) => fn()),
        () => {
          this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
          this.retryTimer = setTimeout(retry, this.retryDelay);
        },
      );
    };
    this.retryTimer = setTimeout(retry, this.retryDelay);
  }

  private dispatch(payload: string): void {
    let change: AgendaChange;
    try {
      change = changeSchema.parse(JSON.parse(payload)) as AgendaChange;
    } catch {
      this.log.warn('malformed agenda notification ignored');
      return;
    }
    const listeners = this.byPractice.get(change.practiceId);
    if (!listeners) return;
    for (const fn of listeners) fn(change);
  }

  /** Changes of one practice only. Returns the unsubscribe function. */
  subscribe(practiceId: string, fn: Listener, onResync?: ResyncListener): () => void {
    let set = this.byPractice.get(practiceId);
    if (!set) this.byPractice.set(practiceId, (set = new Set()));
    set.add(fn);
    if (onResync) this.resyncListeners.add(onResync);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.byPractice.delete(practiceId);
      if (onResync) this.resyncListeners.delete(onResync);
    };
  }

  /** Number of open streams (tests, health). */
  get openStreams(): number {
    return this.streams.size;
  }

  track(res: ServerResponse): () => void {
    this.streams.add(res);
    return () => this.streams.delete(res);
  }

  /** Ends every stream (before the HTTP server closes) and the LISTEN connection. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const res of this.streams) res.end();
    this.streams.clear();
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

/** One SSE message. `data` is JSON on one line. */
export function sseMessage(event: string, data: unknown, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
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
    access: { roles: ['secretary', 'practitioner'] },
    raw: true,
    audit: 'none', // identifiers only: what the client then reads is audited by the listing route
    async handler({ ctx, tx, req, reply }) {
      if (!String(req.headers.accept ?? '').includes('text/event-stream')) {
        reply.code(200).send({ stream: 'text/event-stream', events: ['ready', 'appointment.changed', 'resync'], heartbeatSeconds: live.heartbeatMs / 1000 });
        return;
      }
      const { timeZone } = await practiceSettings(tx, ctx.practiceId);
      await live.listen();
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no', // nginx: do not buffer the stream
      });
      let seq = 0;
      const send = (event: string, data: unknown) => {
        if (!res.writableEnded) res.write(sseMessage(event, data, ++seq));
      };
      res.write('retry: 3000\n\n');
      const unsubscribe = live.subscribe(
        ctx.practiceId,
        (change) => send('appointment.changed', changeEvent(change, timeZone)),
        () => send('resync', {}),
      );
      const untrack = live.track(res);
      const heartbeat = setInterval(() => {
        if (!res.writableEnded) res.write(': ping\n\n');
      }, live.heartbeatMs);
      const lifetime = setTimeout(() => res.end(), live.maxStreamMs);
      let cleaned = false;
      const cleanup = () => {
        if (cleaned) return;
        cleaned = true;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        unsubscribe();
        untrack();
      };
      res.on('close', cleanup);
      req.raw.on('close', cleanup);
      send('ready', { heartbeatSeconds: live.heartbeatMs / 1000 });
    },
  });
}
