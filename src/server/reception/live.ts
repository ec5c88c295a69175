import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pg from 'pg';
import type { Logger } from 'pino';
import { sseMessage } from '../agenda/live.js';

/**
 * Live desk and waiting-room board: server-sent events fed by PostgreSQL LISTEN/NOTIFY, the agenda's
 * pattern (src/server/agenda/live.ts). One dedicated connection per process LISTENs on `pivot_reception`
 * (visits, checklist ticks, delays, settings: migration 0040) and on the agenda's `pivot_agenda` (a booking
 * or status change of today changes the desk too). Events say only « something changed in your practice »:
 * the desk refetches what its session may read (audited); the board refetches its public, name-free view.
 * Bursts are coalesced per stream (one event per 150 ms at most).
 */
export const RECEPTION_CHANNEL = 'pivot_reception';
const CHANNELS = [RECEPTION_CHANNEL, 'pivot_agenda'];

type Listener = () => void;

export class ReceptionLive {
  readonly heartbeatMs: number;
  readonly maxStreamMs: number;
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay = 1000;
  private closed = false;
  private readonly byPractice = new Map<string, Set<Listener>>();
  private readonly resync = new Set<Listener>();
  private readonly streams = new Set<ServerResponse>();

  constructor(private readonly connection: pg.ClientConfig, private readonly log: Logger, options: { heartbeatMs?: number; maxStreamMs?: number } = {}) {
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.maxStreamMs = options.maxStreamMs ?? 10 * 60_000;
  }

  listen(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('reception live updates closed'));
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
      if (!msg.payload || !CHANNELS.includes(msg.channel)) return;
      try {
        const practiceId = (JSON.parse(msg.payload) as { practiceId?: unknown }).practiceId;
        if (typeof practiceId === 'string') this.byPractice.get(practiceId)?.forEach((fn) => fn());
      } catch {
        this.log.warn('malformed reception notification ignored');
      }
    });
    try {
      await client.connect();
      for (const c of CHANNELS) await client.query(`LISTEN ${c}`);
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
    this.retryDelay = 1000;
  }

  private lost(client: pg.Client, err?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    if (this.closed) return;
    this.log.warn({ err: err?.message }, 'reception LISTEN connection lost; reconnecting');
    const retry = () => {
      this.retryTimer = undefined;
      this.listen().then(
        () => this.resync.forEach((fn) => fn()),
        () => {
          this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
          this.retryTimer = setTimeout(retry, this.retryDelay);
        },
      );
    };
    this.retryTimer = setTimeout(retry, this.retryDelay);
  }

  subscribe(practiceId: string, fn: Listener): () => void {
    let set = this.byPractice.get(practiceId);
    if (!set) this.byPractice.set(practiceId, (set = new Set()));
    set.add(fn);
    this.resync.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.byPractice.delete(practiceId);
      this.resync.delete(fn);
    };
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** Streams `reception.changed` events of one practice on this request (the caller checked who may see them). */
  async stream(practiceId: string, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.listen();
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    let seq = 0;
    let pending: NodeJS.Timeout | undefined;
    const send = (event: string, data: unknown) => {
      if (!res.writableEnded) res.write(sseMessage(event, data, ++seq));
    };
    res.write('retry: 3000\n\n');
    const unsubscribe = this.subscribe(practiceId, () => {
      pending ??= setTimeout(() => {
        pending = undefined;
        send('reception.changed', { at: new Date().toISOString() });
      }, 150);
    });
    this.streams.add(res);
    const heartbeat = setInterval(() => {
      if (!res.writableEnded) res.write(': ping\n\n');
    }, this.heartbeatMs);
    const lifetime = setTimeout(() => res.end(), this.maxStreamMs);
    let cleaned = false;
    const cleanup = () => {
      if (cleaned) return;
      cleaned = true;
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      if (pending) clearTimeout(pending);
      unsubscribe();
      this.streams.delete(res);
    };
    res.on('close', cleanup);
    req.raw.on('close', cleanup);
    send('ready', { heartbeatSeconds: this.heartbeatMs / 1000 });
  }

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
