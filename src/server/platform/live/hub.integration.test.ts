import pino from 'pino';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/helpers.js';
import type { Database } from '../db/database.js';
import { PgNotificationHub, type NotificationPayload } from './hub.js';

/** The process's one LISTEN connection, against a real PostgreSQL. */
let database: Database;
let drop: () => Promise<void>;
const silent = pino({ level: 'silent' });
const practiceA = 'practice-a';
const practiceB = 'practice-b';

beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
}, 120_000);
afterAll(async () => drop?.());

const notify = (channel: string, payload: unknown) =>
  sql`SELECT pg_notify(${channel}, ${typeof payload === 'string' ? payload : JSON.stringify(payload)})`.execute(database.db);

/** LISTEN connections of hubs created with this application name. */
async function listenConnections(applicationName: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${applicationName}`.execute(database.db);
  return r.rows[0]!.n;
}

describe('PgNotificationHub', () => {
  it('listens on two channels, one registered after connecting, over ONE connection, and fans out per channel and practice', async () => {
    const hub = new PgNotificationHub({ ...database.pool.options, application_name: 'hub_two_channels' }, silent);
    const seen: { who: string; channel: string; payload: NotificationPayload }[] = [];
    hub.subscribe(['hub_one'], practiceA, (payload, channel) => seen.push({ who: 'a-one', channel, payload }));
    await hub.listen();
    expect(hub.connected).toBe(true);
    // A channel asked for once the connection is up (another capability's first stream).
    hub.subscribe(['hub_two'], practiceA, (payload, channel) => seen.push({ who: 'a-two', channel, payload }));
    hub.subscribe(['hub_one', 'hub_two'], practiceB, (payload, channel) => seen.push({ who: 'b-both', channel, payload }));
    await hub.listen(['hub_two']);
    expect(await listenConnections('hub_two_channels')).toBe(1);

    await notify('hub_one', { practiceId: practiceA, n: 1 });
    await notify('hub_two', { practiceId: practiceA, n: 2 });
    await notify('hub_two', { practiceId: practiceB, n: 3 });
    await notify('hub_one', 'not json');
    await notify('hub_one', { n: 4 }); // no practice: nobody
    await notify('hub_one', { practiceId: 'practice-c', n: 5 }); // nobody subscribed
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(3);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.map((s) => [s.who, s.channel, s.payload.n])).toEqual([
      ['a-one', 'hub_one', 1],
      ['a-two', 'hub_two', 2],
      ['b-both', 'hub_two', 3],
    ]);
    await hub.close();
    await expect.poll(() => listenConnections('hub_two_channels'), { timeout: 5000 }).toBe(0);
  });

  it('stops delivering after unsubscribe', async () => {
    const hub = new PgNotificationHub(database.pool.options, silent);
    const seen: unknown[] = [];
    const unsubscribe = hub.subscribe(['hub_unsub'], practiceA, (p) => seen.push(p));
    await hub.listen();
    await notify('hub_unsub', { practiceId: practiceA });
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(1);
    unsubscribe();
    await notify('hub_unsub', { practiceId: practiceA });
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toHaveLength(1);
    await hub.close();
    await expect(hub.listen()).rejects.toThrow();
  });

  it('reconnects after its connection is killed, LISTENs again on every channel, and asks subscribers to resync', async () => {
    const hub = new PgNotificationHub({ ...database.pool.options, application_name: 'hub_reconnect' }, silent, { reconnectMs: 50 });
    const seen: string[] = [];
    let resyncs = 0;
    hub.subscribe(['hub_x'], practiceA, (_p, channel) => seen.push(channel), () => resyncs++);
    hub.subscribe(['hub_y'], practiceA, (_p, channel) => seen.push(channel));
    await hub.listen();
    const pid = hub.backendPid;
    expect(pid).toBeTypeOf('number');

    await sql`SELECT pg_terminate_backend(${pid}::int)`.execute(database.db);
    await expect.poll(() => resyncs, { timeout: 10_000 }).toBe(1);
    expect(hub.connected).toBe(true);
    expect(hub.backendPid).not.toBe(pid);
    expect(await listenConnections('hub_reconnect')).toBe(1);

    await notify('hub_x', { practiceId: practiceA });
    await notify('hub_y', { practiceId: practiceA });
    await expect.poll(() => [...seen].sort(), { timeout: 5000 }).toEqual(['hub_x', 'hub_y']);
    await hub.close();
  });

  it('refuses channel names that are not plain identifiers (LISTEN takes no parameters)', () => {
    const hub = new PgNotificationHub(database.pool.options, silent);
    expect(() => hub.subscribe(['x; DROP TABLE patients'], practiceA, () => undefined)).toThrow(/invalid notification channel/);
  });
});
