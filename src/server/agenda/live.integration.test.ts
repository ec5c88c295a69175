import http from 'node:http';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, useTestPivot } from '../../../tests/helpers.js';
import { PgNotificationHub } from '../platform/live/index.js';
import { AgendaLive, type AgendaChange } from './live.js';
import { clock } from '../platform/clock.js';

/**
 * Live agenda over a real socket: the SSE stream of /api/agenda/events, fed by PostgreSQL LISTEN/NOTIFY
 * (trigger of migration 0021). A booking by another request reaches the stream; another practice's does not.
 */
const t = useTestPivot({
  secretary: 'accueil@demo.pivot', // Les Tilleuls
  moreau: 'moreau@demo.pivot', // admin + practitioner of Cabinet du Dr Moreau
});
let baseUrl: string;
let practiceA: string;

interface SseEvent { event: string; data: Record<string, unknown>; id?: string }

/** Opens the stream and collects its events; `next(pred)` waits for a matching one. */
function openStream(token: string, headers: Record<string, string> = {}) {
  const events: SseEvent[] = [];
  const waiters: { pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  let raw = '';
  let status = 0;
  let contentType = '';
  let closed = false;
  let destroy = () => undefined as void;
  const ready = new Promise<void>((resolve, reject) => {
    const req = http.get(`${baseUrl}/api/agenda/events`, { headers: { ...bearer(token), accept: 'text/event-stream', ...headers } }, (res) => {
      status = res.statusCode ?? 0;
      contentType = String(res.headers['content-type'] ?? '');
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = Object.fromEntries(block.split('\n').filter((l) => l && !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
          if (!fields.event) continue;
          const e: SseEvent = { event: fields.event, data: JSON.parse(fields.data ?? '{}'), id: fields.id };
          events.push(e);
          if (e.event === 'ready') resolve();
          for (const w of [...waiters]) if (w.pred(e)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(e); }
        }
      });
      res.on('close', () => { closed = true; });
      if (status !== 200) { res.resume(); resolve(); }
    });
    req.on('error', reject);
    destroy = () => void req.destroy();
  });
  const stream = {
    events,
    ready,
    get status() { return status; },
    get contentType() { return contentType; },
    get raw() { return raw; },
    get closed() { return closed; },
    close: () => destroy(),
    next(pred: (e: SseEvent) => boolean, timeoutMs = 5000): Promise<SseEvent> {
      const found = events.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`)), timeoutMs);
        waiters.push({ pred, resolve: (e) => { clearTimeout(timer); resolve(e); } });
      });
    },
  };
  return stream;
}

async function freeSlot(token: string, practitionerId?: string, offsetDays = 2) {
  const from = new Date(clock.nowMs() + offsetDays * 86_400_000).toISOString();
  const q = `from=${encodeURIComponent(from)}&limit=1${practitionerId ? `&practitionerId=${practitionerId}` : ''}`;
  const res = await t.pivot.app.inject({ method: 'GET', url: `/api/agenda/free-slots?${q}`, headers: bearer(token) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().slots[0] as { practitionerId: string; start: string };
}

async function book(token: string, practiceId: string, slot: { practitionerId: string; start: string }) {
  const patient = await t.pivot.database.db.selectFrom('patients').select('id').where('practice_id', '=', practiceId).limit(1).executeTakeFirstOrThrow();
  const res = await t.pivot.app.inject({ method: 'POST', url: '/api/agenda/appointments', headers: bearer(token), payload: { practitionerId: slot.practitionerId, patientId: patient.id, start: slot.start } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().appointment as { id: string; practitionerId: string; patientName: string; version: number };
}

beforeAll(async () => {
  await t.pivot.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.pivot.app.server.address() as { port: number }).port}`;
  practiceA = (await t.pivot.database.db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
}, 120_000);

describe('live agenda (SSE fed by LISTEN/NOTIFY)', () => {
  it('streams a booking made by another request, with ids only, and not another practice’s booking', async () => {
    const stream = openStream(t.secretary);
    await stream.ready;
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    expect(stream.raw).toMatch(/^retry: \d+/);

    // Practice B books first, then practice A: the first change A's stream sees must be its own.
    const bPractice = (await t.pivot.database.db.selectFrom('practices').select('id').where('slug', '=', 'cabinet-du-dr-moreau').executeTakeFirstOrThrow()).id;
    const foreign = await book(t.moreau, bPractice, await freeSlot(t.moreau));
    const slot = await freeSlot(t.secretary);
    const own = await book(t.secretary, practiceA, slot);

    const e = await stream.next((x) => x.event === 'appointment.changed');
    expect(e.data.appointmentId).toBe(own.id);
    expect(e.data).toMatchObject({ practitionerId: slot.practitionerId, start: new Date(slot.start).toISOString(), op: 'insert' });
    expect(e.data.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Never patient data in the event itself.
    expect(stream.raw).not.toContain(own.patientName.split(' ')[0]!);
    expect(stream.raw).not.toContain('patient');
    expect(stream.events.some((x) => x.data.appointmentId === foreign.id)).toBe(false);

    // A move reports where it came from, so that the old day refreshes too.
    const later = new Date(new Date(slot.start).getTime() + 7 * 86_400_000);
    const target = await freeSlot(t.secretary, slot.practitionerId, Math.ceil((later.getTime() - clock.nowMs()) / 86_400_000));
    const moved = await t.pivot.app.inject({ method: 'POST', url: `/api/agenda/appointments/${own.id}/move`, headers: bearer(t.secretary), payload: { start: target.start, version: own.version } });
    expect(moved.statusCode, moved.body).toBe(200);
    const m = await stream.next((x) => x.event === 'appointment.changed' && x.data.op === 'update');
    expect(m.data).toMatchObject({ appointmentId: own.id, start: new Date(target.start).toISOString(), previousStart: new Date(slot.start).toISOString() });
    expect(stream.events.some((x) => x.data.appointmentId === foreign.id)).toBe(false);
    stream.close();
  });

  it('answers a plain GET without streaming, and refuses anonymous and pure-admin callers', async () => {
    const plain = await t.pivot.app.inject({ method: 'GET', url: '/api/agenda/events', headers: bearer(t.secretary) });
    expect(plain.statusCode).toBe(200);
    expect(plain.json().stream).toBe('text/event-stream');
    const anonymous = await t.pivot.app.inject({ method: 'GET', url: '/api/agenda/events', headers: { accept: 'text/event-stream' } });
    expect(anonymous.statusCode).toBe(401);
    const admin = await t.pivot.login('admin@demo.pivot');
    const forbidden = await t.pivot.app.inject({ method: 'GET', url: '/api/agenda/events', headers: { ...bearer(admin), accept: 'text/event-stream' } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('works across processes: a second listener (another app process) sees a raw SQL change of its practice only', async () => {
    const otherHub = new PgNotificationHub(t.pivot.database.pool.options, pino({ level: 'silent' }));
    const other = new AgendaLive(otherHub, pino({ level: 'silent' }));
    const seen: AgendaChange[] = [];
    other.subscribe(practiceA, (c) => seen.push(c));
    await other.listen();
    const row = await t.pivot.database.db.selectFrom('appointments').select(['id', 'practice_id']).where('practice_id', '!=', practiceA).limit(1).executeTakeFirstOrThrow();
    const mine = await t.pivot.database.db.selectFrom('appointments').select(['id']).where('practice_id', '=', practiceA).limit(1).executeTakeFirstOrThrow();
    await t.pivot.database.db.updateTable('appointments').set({ note: 'changed by another process' }).where('id', '=', row.id).execute();
    await t.pivot.database.db.updateTable('appointments').set({ note: 'changed by another process' }).where('id', '=', mine.id).execute();
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(1);
    expect(seen[0]).toMatchObject({ practiceId: practiceA, appointmentId: mine.id, op: 'update', previousStart: null });
    await other.close();
    await otherHub.close();
  });

  it('a booking through the API is notified once, after commit, to another process; a refused booking is not', async () => {
    // Migration 0024: the REST booking's transaction does not NOTIFY (the trigger skips its row); the app sends
    // the same payload after commit. Another process must still see it, exactly once.
    const otherHub = new PgNotificationHub(t.pivot.database.pool.options, pino({ level: 'silent' }));
    const other = new AgendaLive(otherHub, pino({ level: 'silent' }));
    const seen: AgendaChange[] = [];
    other.subscribe(practiceA, (c) => seen.push(c));
    await other.listen();
    const slot = await freeSlot(t.secretary, undefined, 9);
    const own = await book(t.secretary, practiceA, slot);
    await expect.poll(() => seen.filter((c) => c.appointmentId === own.id).length, { timeout: 5000 }).toBe(1);
    expect(seen.find((c) => c.appointmentId === own.id)).toMatchObject({ practiceId: practiceA, practitionerId: slot.practitionerId, op: 'insert', previousStart: null, previousPractitionerId: null });
    expect(new Date(seen.find((c) => c.appointmentId === own.id)!.start).toISOString()).toBe(new Date(slot.start).toISOString());
    // The same time again: 409, nothing committed, nothing notified.
    const patient = await t.pivot.database.db.selectFrom('patients').select('id').where('practice_id', '=', practiceA).limit(1).executeTakeFirstOrThrow();
    const again = await t.pivot.app.inject({ method: 'POST', url: '/api/agenda/appointments', headers: bearer(t.secretary), payload: { practitionerId: slot.practitionerId, patientId: patient.id, start: slot.start } });
    expect(again.statusCode).toBe(409);
    // A raw SQL insert (another writer) still notifies from the trigger.
    const raw = await t.pivot.database.db.insertInto('appointments').values({
      practice_id: practiceA, practitioner_id: slot.practitionerId, patient_id: patient.id, channel: 'desk',
      starts_at: new Date(new Date(slot.start).getTime() + 3 * 3_600_000), ends_at: new Date(new Date(slot.start).getTime() + 3 * 3_600_000 + 900_000),
      busy_until: new Date(new Date(slot.start).getTime() + 3 * 3_600_000 + 900_000),
    }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    if (raw) await expect.poll(() => seen.some((c) => c.appointmentId === raw.id), { timeout: 5000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.filter((c) => c.appointmentId === own.id)).toHaveLength(1);
    expect(seen.filter((c) => c.op === 'insert' && c.appointmentId !== own.id && c.appointmentId !== raw?.id)).toHaveLength(0);
    await other.close();
    await otherHub.close();
  });

  it('sends heartbeats, ends streams when the server closes, and cleans up', async () => {
    const hub = new PgNotificationHub(t.pivot.database.pool.options, pino({ level: 'silent' }));
    const live = new AgendaLive(hub, pino({ level: 'silent' }), { heartbeatMs: 50 });
    // Reuse the route on a tiny server of its own to observe the heartbeat quickly.
    const { agendaEventsRoute } = await import('./live.js');
    const { buildHttpServer } = await import('../platform/http/app.js');
    const app = await buildHttpServer({
      db: t.pivot.database.db,
      log: pino({ level: 'silent' }),
      routes: [agendaEventsRoute(live)],
      appendAudit: (await import('../audit/index.js')).appendAudit,
      resolveActor: async () => ({ sessionId: 's', accountId: 'a', email: 'x@test', practiceId: practiceA, roles: ['secretary'], language: 'fr', mfaEnrollmentRequired: false }),
    });
    app.addHook('preClose', async () => live.close());
    app.addHook('preClose', async () => hub.close());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const saved = baseUrl;
    baseUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const stream = openStream('ignored');
    const leaving = openStream('ignored');
    baseUrl = saved;
    await Promise.all([stream.ready, leaving.ready]);
    await expect.poll(() => (stream.raw.match(/: ping/g) ?? []).length, { timeout: 3000 }).toBeGreaterThanOrEqual(2);
    expect(live.openStreams).toBe(2);
    leaving.close(); // the browser tab goes away
    await expect.poll(() => live.openStreams, { timeout: 3000 }).toBe(1);
    await app.close();
    await expect.poll(() => stream.closed, { timeout: 3000 }).toBe(true);
    expect(live.openStreams).toBe(0);
  });
});
