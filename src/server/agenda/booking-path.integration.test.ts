import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';
import { clock } from '../platform/clock.js';

/**
 * The statement budget of the HTTP booking path (docs/benchmarks.md « Agenda — booking »): every statement the
 * process sends to PostgreSQL during one `POST /api/agenda/appointments` is recorded (pg.Client.query is
 * wrapped for this file only) and compared with the budget: session lookup, BEGIN, one read-and-insert (`agenda_book_optimistic`: context, guarded insert, history row), the audit entry, COMMIT, then
 * one pg_notify outside the transaction.
 */
let pivot: TestPivot;
let secretary: string;
const sent: { client: pg.Client; text: string }[] = [];
let recording = false;
const original = pg.Client.prototype.query;

beforeAll(async () => {
  pivot = await createTestPivot();
  secretary = await pivot.login('accueil@demo.pivot');
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    if (recording) sent.push({ client: this, text: typeof first === 'string' ? first : (first?.text ?? '') });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
}, 120_000);
afterAll(async () => {
  pg.Client.prototype.query = original;
  await pivot?.close();
});

describe('booking path statement budget', () => {
  it('books with 4 statements in the request plus one notification after commit', async () => {
    const slots = await pivot.app.inject({ method: 'GET', url: `/api/agenda/free-slots?limit=2&from=${encodeURIComponent(new Date(clock.nowMs() + 3 * 86_400_000).toISOString())}`, headers: bearer(secretary) });
    const slot = slots.json().slots[1] as { practitionerId: string; start: string };
    const patient = await pivot.database.db.selectFrom('patients').innerJoin('practices', 'practices.id', 'patients.practice_id').select('patients.id').where('practices.slug', '=', 'maison-de-sante-des-tilleuls').limit(1).executeTakeFirstOrThrow();
    recording = true;
    const res = await pivot.app.inject({ method: 'POST', url: '/api/agenda/appointments', headers: bearer(secretary), payload: { practitionerId: slot.practitionerId, patientId: patient.id, start: slot.start } });
    await new Promise((r) => setTimeout(r, 200)); // the after-commit notification is sent without delaying the answer
    recording = false;
    expect(res.statusCode, res.body).toBe(201);
    // The answer is complete without a re-read: names from the context read.
    expect(res.json().appointment).toMatchObject({ practitionerId: slot.practitionerId, patientId: patient.id, status: 'booked', version: 1 });
    expect(res.json().appointment.patientName).toMatch(/\S+ \S+/);
    expect(res.json().appointment.practitionerName).toMatch(/^Dr /);
    const kind = (t: string) =>
      /pivot_resolve_actor|FROM sessions/i.test(t) ? 'session'
      : /^begin/i.test(t) ? 'begin'
      : /agenda_book_optimistic/.test(t) ? 'book'
      : /agenda_booking_context/.test(t) ? 'context'
      : /agenda_insert_appointment/.test(t) ? 'insert'
      : /insert into "audit_log"/i.test(t) ? 'audit'
      : /^commit/i.test(t) ? 'commit'
      : /pg_notify/.test(t) ? 'notify'
      : `other: ${t.slice(0, 100)}`;
    // Cut each connection's statements into transactions (BEGIN … COMMIT) and standalone statements.
    const units: string[][] = [];
    const open = new Map<pg.Client, string[]>();
    const pendingTails = new Map<pg.Client, string[]>();
    for (const q of sent) {
      const k = kind(q.text);
      const cur = open.get(q.client);
      if (k === 'begin') open.set(q.client, [k]);
      else if (cur) {
        cur.push(k);
        if (k === 'commit' || /^other: rollback/i.test(k)) {
          units.push(cur);
          open.delete(q.client);
        }
      } else if (k === 'session' || k === 'notify') units.push([k]);
      // Anything else outside a recorded BEGIN is the tail of a transaction begun before the recording (the
      // audit sealer's, every 100 ms: its read of new entries, UPDATE … chain_seq, COMMIT): kept apart, dropped.
      else if (k !== 'commit') pendingTails.set(q.client, [...(pendingTails.get(q.client) ?? []), k]);
      else pendingTails.delete(q.client);
    }
    // The audit sealer's own transactions run in the background every 100 ms: not part of the request.
    const request = units.filter((u) => !u.some((k) => /pg_advisory_xact_lock|chain_seq/.test(k)));
    expect([...pendingTails.values()], 'statements outside any transaction that never committed').toEqual([]);
    expect(request).toEqual([['session'], ['begin', 'book', 'commit'], ['notify']]);
    // The audit entry was written by that statement: same row as the platform's, sealed into the chain.
    const id = res.json().appointment.id as string;
    const account = await pivot.database.db.selectFrom('accounts').select('id').where('email', '=', 'accueil@demo.pivot').executeTakeFirstOrThrow();
    const entries = await pivot.database.db.selectFrom('audit_log').selectAll().where('resource_id', '=', id).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'appointment.booked', resource_type: 'appointment', account_id: account.id, reason: null });
    expect(entries[0]!.ip).toBeTruthy();
    expect(entries[0]!.details).toEqual({ patientId: patient.id, practitionerId: slot.practitionerId, start: new Date(slot.start).toISOString(), channel: 'desk' });
    await expect.poll(async () => (await pivot.database.db.selectFrom('audit_log').select('hash').where('resource_id', '=', id).executeTakeFirstOrThrow()).hash, { timeout: 3000 }).toBeTruthy();
  });

  it('the optimistic insert of a refused booking is rolled back; an override keeps its reason', async () => {
    const practitioner = await pivot.database.db.selectFrom('practitioners').innerJoin('practices', 'practices.id', 'practitioners.practice_id').select(['practitioners.id', 'practices.id as practiceId']).where('practices.slug', '=', 'maison-de-sante-des-tilleuls').where('practitioners.active', '=', true).limit(1).executeTakeFirstOrThrow();
    const patient = await pivot.database.db.selectFrom('patients').select('id').where('practice_id', '=', practitioner.practiceId).limit(1).executeTakeFirstOrThrow();
    // 03:00 local, ten days ahead: outside every practitioner's hours.
    const night = new Date(clock.nowMs() + 10 * 86_400_000);
    night.setUTCHours(2, 0, 0, 0);
    const payload = { practitionerId: practitioner.id, patientId: patient.id, start: night.toISOString() };
    const jobCount = async () => Number((await pivot.database.db.selectFrom('jobs').select(({ fn }) => fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const jobsBefore = await jobCount();
    const refused = await pivot.app.inject({ method: 'POST', url: '/api/agenda/appointments', headers: bearer(secretary), payload });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error.details[0].reason).toBe('outside_hours');
    const left = await pivot.database.db.selectFrom('appointments').select('id').where('practitioner_id', '=', practitioner.id).where('starts_at', '=', night).execute();
    expect(left).toHaveLength(0);
    expect(await jobCount()).toBe(jobsBefore); // no confirmation or reminder queued for the rolled-back row
    const forced = await pivot.app.inject({ method: 'POST', url: '/api/agenda/appointments', headers: bearer(secretary), payload: { ...payload, overrideReason: 'Urgence vue par le médecin' } });
    expect(forced.statusCode, forced.body).toBe(201);
    expect(forced.json().appointment.overrideReason).toBe('Urgence vue par le médecin');
    const history = await pivot.app.inject({ method: 'GET', url: `/api/agenda/appointments/${forced.json().appointment.id}`, headers: bearer(secretary) });
    expect(history.json().history[0]).toMatchObject({ kind: 'created', reason: 'Urgence vue par le médecin' });
    const audited = await pivot.database.db.selectFrom('audit_log').select(['action', 'reason', 'details']).where('resource_id', '=', forced.json().appointment.id).where('action', '=', 'appointment.booked').execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ reason: 'Urgence vue par le médecin', details: expect.objectContaining({ overridden: 'outside_hours' }) });
    // The refused attempt left no audit entry of a booking (rolled back with it).
    expect(await pivot.database.db.selectFrom('audit_log').select('id').where('action', '=', 'appointment.booked').where(sql<boolean>`details ->> 'start' = ${night.toISOString()}`).execute()).toHaveLength(1);
  });
});
