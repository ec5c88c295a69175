import pg from 'pg';
import type { Logger } from 'pino';

/**
 * One PostgreSQL LISTEN connection per process, shared by every capability that streams live updates.
 *
 * Capabilities NOTIFY on their own channels (triggers, or the app after commit) with a JSON payload that
 * carries at least `practiceId`. The hub holds ONE dedicated connection (not from the request pool, which it
 * would pin forever), LISTENs on every channel asked for — before or after it connected —, and fans each
 * notification out to the subscribers of that channel and practice only. When the connection is lost
 * (database restart…) it reconnects with a growing delay (1 s doubled up to 30 s), LISTENs again, then tells
 * every subscriber to resync: notifications sent meanwhile were missed.
 */
export interface PgNotificationHubOptions {
  /** First delay before reconnecting a lost LISTEN connection (default 1 s, doubled up to `maxReconnectMs`). */
  reconnectMs?: number;
  /** Longest delay between two reconnection attempts (default 30 s). */
  maxReconnectMs?: number;
}

/** A notification's payload, parsed: a JSON object whose `practiceId` is a string. */
export type NotificationPayload = Record<string, unknown> & { practiceId: string };
export type NotificationListener = (payload: NotificationPayload, channel: string) => void;

interface Subscription {
  fn: NotificationListener;
  onResync?: () => void;
}

/** Channel names are interpolated into LISTEN (it takes no parameters): plain lower-case identifiers only. */
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export class PgNotificationHub {
  private readonly reconnectMs: number;
  private readonly maxReconnectMs: number;
  private client: pg.Client | undefined;
  /** Channels LISTENed on the current client. */
  private listening = new Set<string>();
  private connecting: Promise<void> | undefined;
  private listenQueue: Promise<void> = Promise.resolve();
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay: number;
  private closed = false;
  private readonly channels = new Set<string>();
  /** channel → practiceId → subscriptions. */
  private readonly subscribers = new Map<string, Map<string, Set<Subscription>>>();
  private readonly resyncs = new Set<Subscription>();

  constructor(private readonly connection: pg.ClientConfig, private readonly log: Logger, options: PgNotificationHubOptions = {}) {
    this.reconnectMs = options.reconnectMs ?? 1000;
    this.maxReconnectMs = options.maxReconnectMs ?? 30_000;
    this.retryDelay = this.reconnectMs;
  }

  /**
   * Connects (once) and LISTENs on `channels` in addition to those already asked for. Resolves when LISTEN is in
   * effect on all of them, so that no change committed afterwards is missed.
   */
  async listen(channels: readonly string[] = []): Promise<void> {
    for (const c of channels) this.addChannel(c);
    if (this.closed) throw new Error('live updates closed');
    if (!this.client) {
      this.connecting ??= this.connect().finally(() => {
        this.connecting = undefined;
      });
      await this.connecting;
    }
    await this.listenAll();
  }

  /** Notifications of `channels` for one practice; `onResync` runs after a lost connection is back. Returns the unsubscribe function. */
  subscribe(channels: readonly string[], practiceId: string, fn: NotificationListener, onResync?: () => void): () => void {
    const sub: Subscription = { fn, onResync };
    for (const channel of channels) {
      this.addChannel(channel);
      let byPractice = this.subscribers.get(channel);
      if (!byPractice) this.subscribers.set(channel, (byPractice = new Map()));
      let set = byPractice.get(practiceId);
      if (!set) byPractice.set(practiceId, (set = new Set()));
      set.add(sub);
    }
    if (onResync) this.resyncs.add(sub);
    // A channel new to a live connection: LISTEN now (callers that must not miss anything await listen()).
    if (this.client) this.listenAll().catch((err: unknown) => this.log.warn({ err: (err as Error).message }, 'LISTEN on a new channel failed'));
    return () => {
      for (const channel of channels) {
        const byPractice = this.subscribers.get(channel);
        const set = byPractice?.get(practiceId);
        set?.delete(sub);
        if (set?.size === 0) byPractice!.delete(practiceId);
      }
      this.resyncs.delete(sub);
    };
  }

  /** True while the LISTEN connection is up (health, tests). */
  get connected(): boolean {
    return this.client !== undefined;
  }

  /** Process id of the LISTEN connection's backend, if connected (tests: `pg_terminate_backend`). */
  get backendPid(): number | undefined {
    return (this.client as (pg.Client & { processID?: number }) | undefined)?.processID;
  }

  /** Ends the LISTEN connection; no reconnection afterwards. Capabilities end their streams before (preClose). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private addChannel(channel: string): void {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`invalid notification channel name: ${channel}`);
    this.channels.add(channel);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.connection);
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', (msg) => {
      if (msg.payload && this.channels.has(msg.channel)) this.dispatch(msg.channel, msg.payload);
    });
    const listening = new Set<string>();
    try {
      await client.connect();
      // Iterating the live set also LISTENs on channels asked for while this loop awaits.
      for (const c of this.channels) {
        await client.query(`LISTEN ${c}`);
        listening.add(c);
      }
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
    this.listening = listening;
    this.retryDelay = this.reconnectMs;
  }

  /** LISTENs on the channels asked for since the current connection was opened; one caller at a time on the client. */
  private listenAll(): Promise<void> {
    const run = this.listenQueue.then(async () => {
      const client = this.client;
      if (!client) return;
      for (const c of this.channels) {
        if (this.listening.has(c)) continue;
        await client.query(`LISTEN ${c}`);
        if (this.client === client) this.listening.add(c);
      }
    });
    this.listenQueue = run.catch(() => undefined);
    return run;
  }

  /** The LISTEN connection died: reconnect with backoff, then ask every subscriber to resync (notifications were missed). */
  private lost(client: pg.Client, err?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    if (this.closed) return;
    this.log.warn({ err: err?.message }, 'LISTEN connection lost; reconnecting');
    const retry = () => {
      this.retryTimer = undefined;
      this.listen().then(
        () => {
          for (const sub of this.resyncs) this.call(() => sub.onResync?.());
        },
        () => {
          if (this.closed) return;
          this.retryDelay = Math.min(this.retryDelay * 2, this.maxReconnectMs);
          this.retryTimer = setTimeout(retry, this.retryDelay);
        },
      );
    };
    this.retryTimer = setTimeout(retry, this.retryDelay);
  }

  private dispatch(channel: string, raw: string): void {
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      payload = undefined;
    }
    const practiceId = (payload as { practiceId?: unknown } | null | undefined)?.practiceId;
    if (typeof payload !== 'object' || payload === null || typeof practiceId !== 'string') {
      this.log.warn({ channel }, 'malformed notification ignored');
      return;
    }
    const subs = this.subscribers.get(channel)?.get(practiceId);
    if (!subs) return;
    for (const sub of [...subs]) this.call(() => sub.fn(payload as NotificationPayload, channel));
  }

  /** A subscriber's failure must not break the fan-out to the others (nor the pg client's message loop). */
  private call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'live update subscriber failed');
    }
  }
}
