import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';
import { seedAgendaDemo } from './demo.js';
import { validateR4 } from '../../../tests/fhir-r4.js';
import { nextWorkingWeekday } from '../../../tests/dates.js';
import { clock } from '../platform/clock.js';

/** The agenda through HTTP (REST and FHIR) on a fresh database with the demo practices and the demo agenda. */
let pivot: TestPivot;
let secretary: string; // accueil@ — Les Tilleuls
let admin: string; // admin@ — Les Tilleuls (configures, does not book)
let moreau: string; // admin + practitioner of the other practice
let practiceA: string;
let martin: string; // Dr Claire Martin's practitioner id
let patients: string[]; // Les Tilleuls patients
let patientB: string; // a patient of Dr Moreau's practice
const ZONE = 'Europe/Paris';
const fhirJson = { 'content-type': 'application/fhir+json' };

const inject = (token: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  pivot.app.inject({ method, url, headers: { ...bearer(token), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

/** A future local time, e.g. next Tuesday 10:00 in Paris, n weeks ahead. */
function localNext(weekday: number, time: string, weeksAhead = 1): DateTime {
  const [h, m] = time.split(':').map(Number);
  return nextWorkingWeekday(weekday, weeksAhead, ZONE).set({ hour: h!, minute: m!, second: 0, millisecond: 0 });
}

async function freshPractitioner(name: string, hours: { weekday: number; start: string; end: string }[], motifs: { name: string; durationMinutes: number; capacity?: number }[] = []) {
  const p = await inject(admin, 'POST', '/api/agenda/practitioners', { displayName: name });
  expect(p.statusCode, p.body).toBe(201);
  const id = p.json().practitioner.id as string;
  const h = await inject(admin, 'PUT', `/api/agenda/practitioners/${id}/hours`, { weekly: hours, urgent: [] });
  expect(h.statusCode, h.body).toBe(200);
  const motifIds: string[] = [];
  for (const m of motifs) {
    const r = await inject(admin, 'POST', '/api/agenda/motifs', { practitionerId: id, ...m });
    expect(r.statusCode, r.body).toBe(201);
    motifIds.push(r.json().motif.id);
  }
  return { id, motifIds };
}

beforeAll(async () => {
  pivot = await createTestPivot();
  const db = pivot.database.db;
  await seedAgendaDemo(db); // (a no-op once the demo seed calls it itself)
  expect((await seedAgendaDemo(db)).appointments).toBe(0); // idempotent
  const seeded = await db.selectFrom('appointments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  expect(Number(seeded.n)).toBeGreaterThan(200);
  secretary = await pivot.login('accueil@demo.pivot');
  admin = await pivot.login('admin@demo.pivot');
  moreau = await pivot.login('moreau@demo.pivot');
  practiceA = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  martin = (await db.selectFrom('practitioners').select('id').where('display_name', '=', 'Dr Claire Martin').executeTakeFirstOrThrow()).id;
  patients = (await db.selectFrom('patients').select('id').where('practice_id', '=', practiceA).orderBy('id').limit(50).execute()).map((p) => p.id);
  patientB = (await db.selectFrom('patients').select('id').where('practice_id', '!=', practiceA).limit(1).executeTakeFirstOrThrow()).id;
}, 120_000);
afterAll(async () => pivot?.close());

describe('demo agenda', () => {
  it('has five practitioners linked to the demo accounts, motifs, urgent ranges and appointments', async () => {
    const r = await inject(secretary, 'GET', '/api/agenda/practitioners');
    const list = r.json().practitioners as { displayName: string; accountId: string | null; rpps: string }[];
    expect(list).toHaveLength(5);
    expect(list.every((p) => p.accountId && /^\d{11}$/.test(p.rpps))).toBe(true);
    const week = await inject(secretary, 'GET', '/api/agenda/appointments');
    expect(week.statusCode).toBe(200);
    expect(week.json().appointments.length).toBeGreaterThan(20);
    const mine = await inject(moreau, 'GET', '/api/agenda/practitioners');
    expect(mine.json().practitioners.map((p: { displayName: string }) => p.displayName)).toEqual(['Dr Jacques Moreau']);
  });

  it('refuses an invalid RPPS (Luhn) in the API and in the database', async () => {
    const r = await inject(admin, 'POST', '/api/agenda/practitioners', { displayName: 'Dr Test', rpps: '10001000011' });
    expect(r.statusCode).toBe(400);
    await expect(sql`INSERT INTO practitioners (practice_id, display_name, rpps) VALUES (${practiceA}, 'x', '12345678901')`.execute(pivot.database.db)).rejects.toThrow(/check/);
  });
});

describe('booking races', () => {
  it('50 concurrent FHIR bookings of one free Slot: exactly one 201, 49 × 409 with the next proposals', async () => {
    const schedules = (await inject(secretary, 'GET', `/fhir/R4/Schedule?actor=Practitioner/${martin}`)).json();
    validateR4(schedules);
    const from = DateTime.fromJSDate(clock.now()).plus({ days: 1 }).toISODate();
    const slots = (await inject(secretary, 'GET', `/fhir/R4/Slot?schedule=Schedule/${martin}&status=free&start=ge${from}`)).json();
    validateR4(slots);
    const slot = slots.entry[0].resource;
    const body = {
      resourceType: 'Appointment', status: 'booked', start: slot.start, end: slot.end, slot: [{ reference: `Slot/${slot.id}` }],
      participant: [{ actor: { reference: `Patient/${patients[0]}` }, status: 'accepted' }, { actor: { reference: `Practitioner/${martin}` }, status: 'accepted' }],
    };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        inject(secretary, 'POST', '/fhir/R4/Appointment', { ...body, participant: [{ actor: { reference: `Patient/${patients[i % patients.length]}` }, status: 'accepted' }, body.participant[1]] }, { ...fhirJson, prefer: 'return=representation' }),
      ),
    );
    const won = results.filter((r) => r.statusCode === 201);
    const lost = results.filter((r) => r.statusCode === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    const created = won[0]!.json();
    validateR4(created);
    expect(created.status).toBe('booked');
    expect(won[0]!.headers.location).toMatch(new RegExp(`/fhir/R4/Appointment/${created.id}/_history/1$`));
    const outcome = lost[0]!.json();
    expect(outcome.resourceType).toBe('OperationOutcome');
    validateR4(outcome);
    expect(outcome.issue[0].code).toBe('conflict');
    expect(outcome.issue[0].details.text).toMatch(/Ce créneau vient d’être pris/);
    expect(outcome.issue.length).toBeGreaterThan(1); // the next free slots
    expect(outcome.issue[1].diagnostics).toMatch(/Prochain créneau libre/);
    const read = await inject(secretary, 'GET', `/fhir/R4/Appointment/${created.id}`);
    expect(read.statusCode).toBe(200);
    validateR4(read.json());
  });

  it('50 concurrent desk bookings at one time: one 201, the others 409 « Ce créneau vient d’être pris » with proposals in details', async () => {
    const { id } = await freshPractitioner('Dr Course', [{ weekday: 2, start: '09:00', end: '12:00' }]);
    const start = localNext(2, '10:00').toUTC().toISO()!;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => inject(secretary, 'POST', '/api/agenda/appointments', { practitionerId: id, patientId: patients[i % patients.length], start })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const lost = results.filter((r) => r.statusCode === 409);
    expect(lost).toHaveLength(49);
    const err = lost[0]!.json().error;
    expect(err.message).toMatch(/^Ce créneau vient d’être pris/);
    expect(err.details.length).toBe(3);
    expect(err.details[0]).toMatchObject({ practitionerId: id, start: localNext(2, '10:15').toUTC().toISO({ suppressMilliseconds: false }) });
    const count = await pivot.database.db.selectFrom('appointments').select((eb) => eb.fn.countAll<string>().as('n')).where('practitioner_id', '=', id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('a capacity-2 motif gets exactly 2 places, and an exclusive appointment cannot join them', async () => {
    const { id, motifIds } = await freshPractitioner('Dr Groupe', [{ weekday: 3, start: '09:00', end: '12:00' }], [{ name: 'Atelier', durationMinutes: 30, capacity: 2 }]);
    const start = localNext(3, '09:30').toUTC().toISO()!;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => inject(secretary, 'POST', '/api/agenda/appointments', { practitionerId: id, patientId: patients[i], motifId: motifIds[0], start })),
    );
    const ok = results.filter((r) => r.statusCode === 201).map((r) => r.json().appointment.seat).sort();
    expect(ok).toEqual([1, 2]);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(8);
    const solo = await inject(secretary, 'POST', '/api/agenda/appointments', { practitionerId: id, patientId: patients[20], start: localNext(3, '09:45').toUTC().toISO() });
    expect(solo.statusCode).toBe(409);
  });
});

describe('rules, override, move, cancel, status', () => {
  it('refuses outside hours unless the desk gives a reason, which is audited', async () => {
    const { id } = await freshPractitioner('Dr Horaires', [{ weekday: 4, start: '09:00', end: '12:00' }]);
    const start = localNext(4, '13:00').toUTC().toISO()!;
    const refused = await inject(secretary, 'POST', '/api/agenda/appointments', { practitionerId: id, patientId: patients[1], start });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details[0].reason).toBe('outside_hours');
    const forced = await inject(secretary, 'POST', '/api/agenda/appointments', { practitionerId: id, patientId: patients[1], start, overrideReason: 'Urgence vue avec le médecin' });
    expect(forced.statusCode, forced.body).toBe(201);
    expect(forced.json().appointment.overrideReason).toBe('Urgence vue avec le médecin');
    const audit = await pivot.database.db.selectFrom('audit_log').selectAll().where('resource_id', '=', forced.json().appointment.id).executeTakeFirstOrThrow();
    expect(audit.reason).toBe('Urgence vue avec le médecin');
    expect(audit.action).toBe('appointment.booked');
    // A pure admin configures but does not book.
    expect((await inject(admin, 'POST', '/api/agenda/appointments', { practitionerId: id, patientId: patients[1], start })).statusCode).toBe(403);
  });

  it('moves (409 with proposals on a taken time), cancels with its reason, and keeps the history', async () => {
    const { id } = await freshPractitioner('Dr Agenda', [{ weekday: 1, start: '09:00', end: '12:00' }]);
    const book = (t: string, p: string) => inject(secretary, 'POST', '/api/agenda/appointments', { practitionerId: id, patientId: p, start: localNext(1, t).toUTC().toISO() });
    const a = (await book('09:00', patients[2]!)).json().appointment;
    await book('09:15', patients[3]!);
    const clash = await inject(secretary, 'POST', `/api/agenda/appointments/${a.id}/move`, { start: localNext(1, '09:15').toUTC().toISO() });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.details[0].start).toBe(localNext(1, '09:30').toUTC().toISO());
    const moved = await inject(secretary, 'POST', `/api/agenda/appointments/${a.id}/move`, { start: localNext(1, '10:00').toUTC().toISO(), version: 1 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().appointment.version).toBe(2);
    const stale = await inject(secretary, 'POST', `/api/agenda/appointments/${a.id}/status`, { status: 'confirmed', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await inject(secretary, 'POST', `/api/agenda/appointments/${a.id}/cancel`, { by: 'patient', reason: '' })).statusCode).toBe(400);
    const cancelled = await inject(secretary, 'POST', `/api/agenda/appointments/${a.id}/cancel`, { by: 'patient', reason: 'Empêchement professionnel' });
    expect(cancelled.json().appointment).toMatchObject({ status: 'cancelled_by_patient', cancellationReason: 'Empêchement professionnel' });
    // The freed time can be booked again.
    expect((await book('10:00', patients[4]!)).statusCode).toBe(201);
    const detail = (await inject(secretary, 'GET', `/api/agenda/appointments/${a.id}`)).json();
    expect(detail.history.map((h: { kind: string }) => h.kind)).toEqual(['created', 'moved', 'status']);
    expect(detail.history[2]).toMatchObject({ by: 'Karim Accueil', fromStatus: 'booked', toStatus: 'cancelled_by_patient', reason: 'Empêchement professionnel' });
  });

  it('changes status through FHIR PATCH (arrived) and PUT (cancelled by the patient)', async () => {
    const { id } = await freshPractitioner('Dr Fhir', [{ weekday: 5, start: '09:00', end: '12:00' }]);
    const booked = await inject(secretary, 'POST', '/api/agenda/appointments', { practitionerId: id, patientId: patients[5], start: localNext(5, '09:00').toUTC().toISO() });
    const aid = booked.json().appointment.id;
    const patched = await inject(secretary, 'PATCH', `/fhir/R4/Appointment/${aid}`, [{ op: 'replace', path: '/status', value: 'arrived' }], { 'content-type': 'application/json-patch+json' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().status).toBe('arrived');
    validateR4(patched.json());
    const back = await inject(secretary, 'PATCH', `/fhir/R4/Appointment/${aid}`, [{ op: 'replace', path: '/status', value: 'booked' }], { 'content-type': 'application/json-patch+json' });
    expect(back.json().status).toBe('booked');
    const current = back.json();
    const put = await inject(secretary, 'PUT', `/fhir/R4/Appointment/${aid}`, { ...current, status: 'cancelled', cancelationReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason', code: 'pat' }], text: 'Patient malade' } }, fhirJson);
    expect(put.statusCode, put.body).toBe(200);
    validateR4(put.json());
    const rest = (await inject(secretary, 'GET', `/api/agenda/appointments/${aid}`)).json().appointment;
    expect(rest).toMatchObject({ status: 'cancelled_by_patient', cancellationReason: 'Patient malade' });
    const search = await inject(secretary, 'GET', `/fhir/R4/Appointment?practitioner=Practitioner/${id}&status=cancelled&date=ge${localNext(5, '00:00').toISODate()}`);
    expect(search.json().entry).toHaveLength(1);
    validateR4(search.json());
    const byPatient = await inject(secretary, 'GET', `/fhir/R4/Appointment?patient=Patient/${patients[5]}`);
    expect(byPatient.json().entry.length).toBeGreaterThan(0);
    validateR4((await inject(secretary, 'GET', `/fhir/R4/Practitioner/${id}`)).json());
    validateR4((await inject(secretary, 'GET', '/fhir/R4/Practitioner')).json());
  });
});

/** The last Sunday of March (3) or October (10) in Paris, the first one at least three weeks after today. */
function nextDstSunday(month: 3 | 10): DateTime {
  const soon = DateTime.fromJSDate(clock.now()).setZone(ZONE).plus({ weeks: 3 });
  for (let year = soon.year; ; year++) {
    const end = DateTime.fromObject({ year, month, day: 31 }, { zone: ZONE });
    const sunday = end.minus({ days: end.weekday % 7 }).startOf('day');
    if (sunday > soon) return sunday;
  }
}

describe('recurring series', () => {
  it('is booked all or nothing, keeping the local time across the daylight-saving change', async () => {
    const { id } = await freshPractitioner('Dr Kiné', [{ weekday: 2, start: '08:00', end: '19:00' }]);
    // Ten weekly sessions from a Tuesday of March, across the last Sunday of March (the next one to come).
    const first = nextDstSunday(3).minus({ days: 19 }).set({ hour: 10 });
    const blocker = await inject(secretary, 'POST', '/api/agenda/appointments', { practitionerId: id, patientId: patients[7], start: first.plus({ weeks: 4 }).toUTC().toISO() });
    expect(blocker.statusCode).toBe(201);
    const series = { practitionerId: id, patientId: patients[6], firstStart: first.toUTC().toISO(), occurrences: 10, intervalDays: 7 };
    const refused = await inject(secretary, 'POST', '/api/agenda/series', series);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toHaveLength(1);
    expect(refused.json().error.details[0].index).toBe(4);
    const none = await pivot.database.db.selectFrom('appointments').select('id').where('practitioner_id', '=', id).where('patient_id', '=', patients[6]!).execute();
    expect(none).toHaveLength(0);
    await inject(secretary, 'POST', `/api/agenda/appointments/${blocker.json().appointment.id}/cancel`, { by: 'practice', reason: 'Place libérée pour la série' });
    const ok = await inject(secretary, 'POST', '/api/agenda/series', series);
    expect(ok.statusCode, ok.body).toBe(201);
    const starts = ok.json().appointments.map((a: { start: string }) => DateTime.fromISO(a.start, { zone: ZONE }));
    expect(starts).toHaveLength(10);
    expect(starts.every((d: DateTime) => d.toFormat('HH:mm') === '10:00' && d.weekday === 2)).toBe(true);
    // 10:00 in Paris is 09:00 UTC before the change (UTC+1) and 08:00 UTC after it (UTC+2).
    const utc = (i: number) => DateTime.fromISO(ok.json().appointments[i].start, { zone: 'UTC' });
    expect([utc(0).toISODate(), utc(0).hour]).toEqual([first.toISODate(), 9]);
    expect([utc(3).toISODate(), utc(3).hour]).toEqual([first.plus({ weeks: 3 }).toISODate(), 8]);
  });
});

describe('daylight-saving days', () => {
  it('offers and books real 20-minute slots on the Sundays of the March and October changes', async () => {
    const { id, motifIds } = await freshPractitioner('Dr Garde', [], [{ name: 'Garde', durationMinutes: 20 }]);
    for (const [date, hours] of [[nextDstSunday(3).toISODate()!, 2], [nextDstSunday(10).toISODate()!, 4]] as const) {
      const open = await inject(admin, 'POST', `/api/agenda/practitioners/${id}/exceptions`, {
        kind: 'opening', start: DateTime.fromISO(`${date}T01:00`, { zone: ZONE }).toUTC().toISO(), end: DateTime.fromISO(`${date}T04:00`, { zone: ZONE }).toUTC().toISO(),
      });
      expect(open.statusCode, open.body).toBe(201);
      const from = DateTime.fromISO(`${date}T00:00`, { zone: ZONE }).toUTC().toISO()!;
      const to = DateTime.fromISO(`${date}T12:00`, { zone: ZONE }).toUTC().toISO()!;
      const slots = (await inject(secretary, 'GET', `/api/agenda/free-slots?practitionerId=${id}&motifId=${motifIds[0]}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).json().slots as { start: string; end: string }[];
      expect(slots).toHaveLength(hours * 3); // 01:00–04:00 local: 2 real hours in March (02:00 is skipped), 4 in October
      for (const s of slots) expect(Date.parse(s.end) - Date.parse(s.start)).toBe(20 * 60_000);
      // Book every slot: no overlap, every one accepted.
      for (const [i, s] of slots.entries()) {
        const r = await inject(secretary, 'POST', '/api/agenda/appointments', { practitionerId: id, patientId: patients[i % patients.length], motifId: motifIds[0], start: s.start });
        expect(r.statusCode, r.body).toBe(201);
      }
    }
  });
});

describe('isolation between practices', () => {
  it('never reads, books or points across practices', async () => {
    const a = (await inject(secretary, 'GET', '/api/agenda/appointments')).json().appointments[0];
    expect((await inject(moreau, 'GET', `/fhir/R4/Appointment/${a.id}`)).statusCode).toBe(404);
    expect((await inject(moreau, 'GET', `/api/agenda/appointments/${a.id}`)).statusCode).toBe(404);
    expect((await inject(moreau, 'POST', `/api/agenda/appointments/${a.id}/cancel`, { by: 'practice', reason: 'x' })).statusCode).toBe(404);
    const moreauId = (await inject(moreau, 'GET', '/api/agenda/practitioners')).json().practitioners[0].id;
    // A patient of practice A cannot be booked in practice B, and A's secretary cannot use B's practitioner.
    expect((await inject(moreau, 'POST', '/api/agenda/appointments', { practitionerId: moreauId, patientId: patients[0], start: localNext(1, '09:00', 2).toUTC().toISO() })).statusCode).toBe(422);
    expect((await inject(secretary, 'POST', '/api/agenda/appointments', { practitionerId: moreauId, patientId: patients[0], start: localNext(1, '09:00', 2).toUTC().toISO() })).statusCode).toBe(422);
    expect((await inject(secretary, 'GET', `/fhir/R4/Slot?schedule=Schedule/${moreauId}`)).json().entry).toHaveLength(0);
    // The database itself refuses a row pointing across practices (composite foreign keys).
    const start = localNext(7, '03:00', 3).toJSDate(); // a Sunday night: no appointment there
    await expect(
      sql`INSERT INTO appointments (practice_id, practitioner_id, patient_id, starts_at, ends_at, busy_until, channel)
          VALUES (${practiceA}, ${martin}, ${patientB}, ${start}, ${new Date(start.getTime() + 900_000)}, ${new Date(start.getTime() + 900_000)}, 'desk')`.execute(pivot.database.db),
    ).rejects.toThrow(/foreign key/);
  });
});
