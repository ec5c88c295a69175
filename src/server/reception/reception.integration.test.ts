import http from 'node:http';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, useTestPivot, zoneWithRoomToday } from '../../../tests/helpers.js';
import { JobWorker } from '../jobs/index.js';
import { sendJob } from '../messaging/index.js';
import { SmsSimulator } from '../platform/sms/index.js';
import { clock } from '../platform/clock.js';

/**
 * The reception desk through HTTP on a fresh demo database: a practitioner of our own with appointments
 * around « now » (inserted directly, so the agenda's opening-hours rules do not depend on the clock), check-in
 * and FHIR `arrived`, checklist (expired mutuelle), no-show, walk-ins, calls, consultations, the board (no
 * names), delays by SMS through the agenda's outbox, the carte Vitale simulator, roles, isolation and audit.
 *
 * Appointments are placed around « now » on the practice's local day. Near midnight in Paris the day has no
 * room for them, so the demo practice is moved to the first French zone (metropole or overseas) whose day has
 * room: the tests run whatever the hour (`PIVOT_TEST_RECEPTION_ZONE` forces a zone).
 */
const ZONE = process.env.PIVOT_TEST_RECEPTION_ZONE ?? zoneWithRoomToday(65, 95);
const local = DateTime.fromJSDate(clock.now()).setZone(ZONE);

const t = useTestPivot({ secretary: 'accueil@demo.pivot', doctor: 'medecin@demo.pivot', admin: 'admin@demo.pivot', moreau: 'moreau@demo.pivot' });
let practiceId: string;
let practitionerId: string;
const appt: Record<'noShow' | 'late' | 'onTime' | 'mutuelle' | 'next1' | 'next2' | 'next3', string> = {} as never;
const patientOf: Record<string, { id: string; birth_name: string; first_name: string }> = {};
const today = local.toISODate()!;

async function api(token: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  const res = await t.pivot.app.inject({ method, url, headers: bearer(token), payload: payload as never });
  return { status: res.statusCode, body: res.body ? (res.json() as Record<string, any>) : {} };
}

beforeAll(async () => {
  const db = t.pivot.database.db;
  practiceId = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  await db.updateTable('practices').set({ timezone: ZONE }).where('id', '=', practiceId).execute();
  practitionerId = (await db.insertInto('practitioners').values({ practice_id: practiceId, account_id: null, display_name: 'Dr Test Accueil', rpps: null, updated_at: clock.now() }).returning('id').executeTakeFirstOrThrow()).id;
  const patients = await db.selectFrom('patients').select(['id', 'birth_name', 'first_name', 'amc']).where('practice_id', '=', practiceId).where('merged_into_id', 'is', null).orderBy('birth_name').limit(7).execute();
  const now = clock.nowMs();
  const offsets: [keyof typeof appt, number][] = [['noShow', -60], ['late', -20], ['onTime', -10], ['mutuelle', -5], ['next1', 30], ['next2', 50], ['next3', 70]];
  for (const [i, [key, offset]] of offsets.entries()) {
    const p = patients[i]!;
    patientOf[key] = p;
    const start = new Date(now + offset * 60_000);
    // Consent and a mobile number for the first two « next » patients; none for the third.
    await db.updateTable('patients').set({ sms_consent: key !== 'next3', email_consent: false, phone: '06 12 34 56 7' + i, preferred_language: key === 'next2' ? 'en' : 'fr' }).where('id', '=', p.id).execute();
    const row = await db
      .insertInto('appointments')
      .values({ practice_id: practiceId, practitioner_id: practitionerId, patient_id: p.id, starts_at: start, ends_at: new Date(start.getTime() + 5 * 60_000), busy_until: new Date(start.getTime() + 5 * 60_000), channel: 'desk', updated_at: clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    appt[key] = row.id;
  }
  // The « mutuelle » patient's card expired last month.
  await db.updateTable('patients').set({ amc: JSON.stringify({ organisme: 'Mutuelle Test', organismeNumber: null, memberNumber: null, validFrom: null, validUntil: local.minus({ months: 1 }).toISODate(), tiersPayant: true }) }).where('id', '=', patientOf.mutuelle!.id).execute();
}, 120_000);

const rowOf = (day: Record<string, any>, appointmentId: string) => (day.rows as any[]).find((r) => r.appointmentId === appointmentId);

describe('the morning at the desk', () => {
  let visitLate = '';
  let visitOnTime = '';
  let visitMutuelle = '';

  it('lists the day with lateness from the grace periods, accessibility and language', async () => {
    const day = await api(t.secretary, 'GET', '/api/reception/today');
    expect(day.status).toBe(200);
    expect(day.body.date).toBe(today);
    expect(rowOf(day.body, appt.noShow).state).toBe('no_show_suggested');
    expect(rowOf(day.body, appt.late).state).toBe('late');
    expect(rowOf(day.body, appt.onTime).state).toBe('late');
    expect(rowOf(day.body, appt.mutuelle).state).toBe('expected');
    expect(rowOf(day.body, appt.next1).patient).toMatchObject({ preferredLanguage: 'fr', accessibilityNeeds: expect.any(Array) });
    // A shorter grace period changes what is late.
    expect((await api(t.admin, 'PUT', '/api/reception/settings', { lateGraceMinutes: 3, noShowGraceMinutes: 20, boardDisplay: 'ticket', boardShowAverageWait: true })).status).toBe(200);
    const after = await api(t.secretary, 'GET', '/api/reception/today');
    expect(rowOf(after.body, appt.mutuelle).state).toBe('late');
    expect(rowOf(after.body, appt.late).state).toBe('no_show_suggested');
    expect((await api(t.admin, 'PUT', '/api/reception/settings', { lateGraceMinutes: 10, noShowGraceMinutes: 5, boardDisplay: 'ticket', boardShowAverageWait: true })).status).toBe(400);
    await api(t.admin, 'PUT', '/api/reception/settings', { lateGraceMinutes: 10, noShowGraceMinutes: 45, boardDisplay: 'ticket', boardShowAverageWait: true });
  });

  it('checks in: appointment arrived (FHIR lists the waiting room), ticket numbers in order, never twice', async () => {
    const c1 = await api(t.secretary, 'POST', '/api/reception/check-in', { appointmentId: appt.late, ticks: ['vitale'] });
    expect(c1.status).toBe(201);
    expect(c1.body).toMatchObject({ ticketNumber: 1, status: 'waiting', kind: 'appointment', practitionerId });
    visitLate = c1.body.id;
    const c2 = await api(t.secretary, 'POST', '/api/reception/check-in', { appointmentId: appt.onTime });
    expect(c2.body.ticketNumber).toBe(2);
    visitOnTime = c2.body.id;
    expect((await api(t.secretary, 'POST', '/api/reception/check-in', { appointmentId: appt.late })).status).toBe(409);
    const a = await t.pivot.database.db.selectFrom('appointments').select('status').where('id', '=', appt.late).executeTakeFirstOrThrow();
    expect(a.status).toBe('arrived');
    const fhir = await t.pivot.app.inject({ method: 'GET', url: `/fhir/R4/Appointment?date=${today}&status=arrived`, headers: bearer(t.secretary) });
    expect(fhir.statusCode).toBe(200);
    const ids = (fhir.json().entry ?? []).map((e: { resource: { id: string } }) => e.resource.id);
    expect(ids).toContain(appt.late);
    expect(ids).toContain(appt.onTime);
    expect(ids).not.toContain(appt.mutuelle);
    // A check-in is audited on the patient.
    const audit = await t.pivot.database.db.selectFrom('audit_log').select(['action', 'resource_id']).where('action', '=', 'reception.checked_in').execute();
    expect(audit.map((x) => x.resource_id)).toContain(patientOf.late!.id);
  });

  it('flags the expired mutuelle in the checklist; missing items are visible to the practitioner', async () => {
    const pre = await api(t.secretary, 'GET', `/api/reception/appointments/${appt.mutuelle}/checklist`);
    expect(pre.status).toBe(200);
    expect(pre.body.items.find((i: any) => i.key === 'mutuelle')).toMatchObject({ state: 'warning', reason: 'expired' });
    const c = await api(t.secretary, 'POST', '/api/reception/check-in', { appointmentId: appt.mutuelle, ticks: ['vitale', 'contact'] });
    visitMutuelle = c.body.id;
    const seen = await api(t.doctor, 'GET', `/api/reception/visits/${visitMutuelle}/checklist`);
    expect(seen.status).toBe(200);
    expect(seen.body.missing).toContain('mutuelle');
    expect(seen.body.missing).not.toContain('vitale');
    const day = await api(t.doctor, 'GET', '/api/reception/today');
    expect(rowOf(day.body, appt.mutuelle).missing).toContain('mutuelle');
    const ticked = await api(t.secretary, 'PUT', `/api/reception/visits/${visitMutuelle}/checklist/mutuelle`, { ticked: true });
    expect(ticked.body.missing).not.toContain('mutuelle');
    const audit = await t.pivot.database.db.selectFrom('audit_log').select('resource_id').where('action', '=', 'reception.checklist_read').execute();
    expect(audit.map((x) => x.resource_id)).toContain(patientOf.mutuelle!.id);
  });

  it('records a no-show only when the secretary asks, never before the appointment', async () => {
    expect((await api(t.secretary, 'POST', `/api/reception/appointments/${appt.next3}/no-show`)).status).toBe(422);
    const r = await api(t.secretary, 'POST', `/api/reception/appointments/${appt.noShow}/no-show`);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('no_show');
    const day = await api(t.secretary, 'GET', '/api/reception/today');
    expect(rowOf(day.body, appt.noShow).state).toBe('no_show');
  });

  let walkInUrgent = '';
  let walkInNew = '';
  it('adds walk-ins: an existing patient, urgent, and a new patient with a provisional identity for the first free practitioner', async () => {
    const someone = await t.pivot.database.db.selectFrom('patients').select('id').where('practice_id', '=', practiceId).orderBy('birth_name', 'desc').executeTakeFirstOrThrow();
    const w1 = await api(t.secretary, 'POST', '/api/reception/walk-ins', { patientId: someone.id, practitionerId, urgent: true, urgentReason: 'Plaie qui saigne' });
    expect(w1.status).toBe(201);
    expect(w1.body.visit).toMatchObject({ kind: 'walk_in', urgent: true, ticketNumber: 4 });
    walkInUrgent = w1.body.visit.id;
    expect((await api(t.secretary, 'POST', '/api/reception/walk-ins', { patientId: someone.id, practitionerId: null })).status).toBe(409);
    const w2 = await api(t.secretary, 'POST', '/api/reception/walk-ins', { patient: { birthName: 'Zarkozi', firstName: 'Ilona', birthDate: '1991-07-14', sex: 'F' }, practitionerId: null });
    expect(w2.status).toBe(201);
    expect(w2.body.patientCreated).toBe(true);
    walkInNew = w2.body.visit.id;
    const p = await t.pivot.database.db.selectFrom('patients').select('identity_status').where('id', '=', w2.body.visit.patientId).executeTakeFirstOrThrow();
    expect(p.identity_status).toBe('provisoire');
    const list = await api(t.secretary, 'GET', `/api/reception/visits/${walkInNew}/checklist`);
    expect(list.body.items.map((i: any) => i.key)).toContain('id_document');
    // Validating the identity at the desk moves the status (identitovigilance) and ticks the item.
    const v = await api(t.secretary, 'POST', `/api/reception/patients/${w2.body.visit.patientId}/identity-validation`, { documentType: 'national_id_card', documentNumber: 'X12345AB', traitsConfirmed: true });
    expect(v.status).toBe(200);
    expect(v.body.statusChange).toEqual({ from: 'provisoire', to: 'validee' });
    expect((await api(t.secretary, 'GET', `/api/reception/visits/${walkInNew}/checklist`)).body.items.map((i: any) => i.key)).not.toContain('id_document');
  });

  it('calls the next patient: urgent first, then by appointment time; start and end move the appointment', async () => {
    const first = await api(t.doctor, 'POST', `/api/reception/practitioners/${practitionerId}/call-next`, { calledTo: 'Cabinet 2' });
    expect(first.status).toBe(200);
    expect(first.body.visit).toMatchObject({ id: walkInUrgent, status: 'called', calledTo: 'Cabinet 2' });
    const start = await api(t.doctor, 'POST', `/api/reception/visits/${walkInUrgent}/start`);
    expect(start.body.status).toBe('in_consultation');
    expect((await api(t.doctor, 'POST', `/api/reception/visits/${walkInUrgent}/end`)).body.status).toBe('done');
    const second = await api(t.doctor, 'POST', `/api/reception/practitioners/${practitionerId}/call-next`, {});
    // Both arrived after their appointment time: their due time is their arrival, the first arrived goes first.
    expect(second.body.visit.id).toBe(visitLate);
    expect(second.body.visit.calledTo).toBe('Dr Test Accueil');
    await api(t.doctor, 'POST', `/api/reception/visits/${visitLate}/start`);
    expect((await t.pivot.database.db.selectFrom('appointments').select('status').where('id', '=', appt.late).executeTakeFirstOrThrow()).status).toBe('in_consultation');
    await api(t.doctor, 'POST', `/api/reception/visits/${visitLate}/end`);
    expect((await t.pivot.database.db.selectFrom('appointments').select('status').where('id', '=', appt.late).executeTakeFirstOrThrow()).status).toBe('done');
    // Left without being seen: the appointment is cancelled by the patient with that reason.
    const left = await api(t.secretary, 'POST', `/api/reception/visits/${visitOnTime}/left`);
    expect(left.body.status).toBe('left');
    const a = await t.pivot.database.db.selectFrom('appointments').select(['status', 'cancellation_reason']).where('id', '=', appt.onTime).executeTakeFirstOrThrow();
    expect(a).toMatchObject({ status: 'cancelled_by_patient', cancellation_reason: 'Parti sans être vu (salle d’attente)' });
    expect(rowOf((await api(t.secretary, 'GET', '/api/reception/today')).body, appt.onTime).state).toBe('left');
  });

  it('shows the board by its secret link: tickets and calls, never a name; a revoked link stops working', async () => {
    expect((await api(t.secretary, 'POST', '/api/reception/board-link')).status).toBe(403);
    const link = await api(t.admin, 'POST', '/api/reception/board-link');
    expect(link.status).toBe(201);
    expect(link.body.path).toBe(`/#/salle-attente/${link.body.token}`);
    await api(t.secretary, 'POST', `/api/reception/visits/${visitMutuelle}/call`, { calledTo: 'Cabinet 3' });
    const board = await t.pivot.app.inject({ method: 'GET', url: `/api/reception/board/${link.body.token}` });
    expect(board.statusCode).toBe(200);
    const b = board.json();
    expect(b.calls[0]).toMatchObject({ label: 'Ticket 3', to: 'Cabinet 3', count: 1 });
    expect(b.waiting.map((w: any) => w.label)).toContain(`Ticket 5`);
    expect(b.averageWaitMinutes).toEqual(expect.any(Number));
    const names = await t.pivot.database.db.selectFrom('patients').select(['birth_name', 'first_name']).where('practice_id', '=', practiceId).execute();
    for (const n of names) expect(board.body.includes(n.birth_name)).toBe(false);
    await api(t.admin, 'PUT', '/api/reception/settings', { lateGraceMinutes: 10, noShowGraceMinutes: 45, boardDisplay: 'initials', boardShowAverageWait: false });
    const initials = (await t.pivot.app.inject({ method: 'GET', url: `/api/reception/board/${link.body.token}` })).json();
    expect(initials.calls[0].label).toMatch(/^[A-Z]\. [A-Z]\. \(3\)$/);
    expect(initials.averageWaitMinutes).toBeNull();
    expect((await t.pivot.app.inject({ method: 'GET', url: '/api/reception/board/not-a-real-token-0000000000' })).statusCode).toBe(404);
    await api(t.admin, 'DELETE', '/api/reception/board-link');
    expect((await t.pivot.app.inject({ method: 'GET', url: `/api/reception/board/${link.body.token}` })).statusCode).toBe(404);
  });

  it('announces a delay to the next two patients by SMS (consent, language) through the agenda outbox', async () => {
    expect((await api(t.secretary, 'PUT', `/api/reception/practitioners/${practitionerId}/delay`, { minutes: 25 })).status).toBe(204);
    const day = await api(t.secretary, 'GET', '/api/reception/today');
    expect(day.body.practitioners.find((p: any) => p.id === practitionerId).delay).toEqual({ minutes: 25, source: 'declared' });
    const r = await api(t.secretary, 'POST', `/api/reception/practitioners/${practitionerId}/delay/notify`, { count: 2 });
    expect(r.status).toBe(200);
    expect(r.body.patients.map((p: any) => p.appointmentId)).toEqual([appt.next1, appt.next2]);
    expect(r.body.messages).toBe(2);
    // Only the sending jobs: the demo agenda's reminders are not this test's business.
    const send = sendJob({ db: t.pivot.database.db, mail: undefined, mailFrom: 'Pivot <no-reply@pivot.test>', sms: new SmsSimulator() });
    const worker = new JobWorker(t.pivot.database.db, { handlers: { 'messaging.send': send }, backoffBaseMs: 10 });
    for (let i = 0; i < 5; i++) if ((await worker.drain()) === 0) break;
    const sent = await t.pivot.database.db.selectFrom('outgoing_messages').select(['kind', 'channel', 'status', 'body', 'appointment_id']).where('kind', '=', 'delay' as never).orderBy('body').execute();
    expect(sent.map((m) => m.appointment_id).sort()).toEqual([appt.next1, appt.next2].sort());
    expect(sent.every((m) => m.channel === 'sms' && m.status === 'simulated')).toBe(true);
    expect(sent.find((m) => m.appointment_id === appt.next1)!.body).toMatch(/Dr Test Accueil a environ 25 min de retard/);
    expect(sent.find((m) => m.appointment_id === appt.next2)!.body).toMatch(/running about 25 min late/);
    // The third one has no SMS consent: listed, nothing sent.
    const three = await api(t.secretary, 'POST', `/api/reception/practitioners/${practitionerId}/delay/notify`, { count: 3 });
    expect(three.body.patients.find((p: any) => p.appointmentId === appt.next3).channels).toEqual([]);
    // The practice's outbox (agenda) lists them for the admins.
    const outbox = await api(t.admin, 'GET', '/api/agenda/outbox');
    expect(outbox.body.messages.filter((m: any) => m.kind === 'delay' && m.channel === 'sms')).toHaveLength(2);
  });

  it('reads the carte Vitale (simulator), proposes the rights, and writes only what the secretary confirms', async () => {
    const pid = patientOf.next1!.id;
    await t.pivot.database.db.updateTable('patients').set({ amo: null }).where('id', '=', pid).execute();
    const read = await api(t.secretary, 'POST', '/api/reception/vitale/read', { patientId: pid, support: 'card', scenario: 'patient' });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ simulated: true, ok: true, matchedRank: 1 });
    expect(read.body.proposal.amoChanges).toEqual(['amo']);
    expect((await t.pivot.database.db.selectFrom('patients').select('amo').where('id', '=', pid).executeTakeFirstOrThrow()).amo).toBeNull();
    const apply = await api(t.secretary, 'POST', `/api/reception/patients/${pid}/vitale/apply`, { source: 'card', amo: read.body.proposal.amo });
    expect(apply.body.updated).toEqual(['amo']);
    expect((await t.pivot.database.db.selectFrom('patients').select('amo').where('id', '=', pid).executeTakeFirstOrThrow()).amo).toMatchObject({ regime: 'general' });
    const error = await api(t.secretary, 'POST', '/api/reception/vitale/read', { patientId: pid, support: 'card', scenario: 'read_error' });
    expect(error.body).toMatchObject({ ok: false, error: { code: 'card_unreadable' } });
    const apcv = await api(t.secretary, 'POST', '/api/reception/vitale/read', { support: 'apcv', scenario: 'family' });
    expect(apcv.body.card.support).toBe('apcv');
    const audit = await t.pivot.database.db.selectFrom('audit_log').select('resource_id').where('action', '=', 'reception.vitale_read').execute();
    expect(audit.map((a) => a.resource_id)).toContain(pid);
  });

  it('fills a missing birth place from the card read, when the secretary confirms; never overwrites another one', async () => {
    const pid = patientOf.next2!.id;
    const db = t.pivot.database.db;
    await db.updateTable('patients').set({ birth_place_code: null, nir: null }).where('id', '=', pid).execute();
    const read = await api(t.secretary, 'POST', '/api/reception/vitale/read', { patientId: pid, support: 'card', scenario: 'patient' });
    const place = read.body.card.beneficiaries[0].birthPlace;
    expect(place).toMatchObject({ code: expect.stringMatching(/^[0-9AB]{5}$/), name: expect.any(String) });
    expect(read.body.proposal.birthPlace).toEqual(place);
    expect((await db.selectFrom('patients').select('birth_place_code').where('id', '=', pid).executeTakeFirstOrThrow()).birth_place_code).toBeNull();
    const apply = await api(t.secretary, 'POST', `/api/reception/patients/${pid}/vitale/apply`, { source: 'card', birthPlaceCode: place.code });
    expect(apply.status).toBe(200);
    expect(apply.body.updated).toEqual(['birthPlace']);
    expect((await db.selectFrom('patients').select('birth_place_code').where('id', '=', pid).executeTakeFirstOrThrow()).birth_place_code).toBe(place.code);
    const again = await api(t.secretary, 'POST', '/api/reception/vitale/read', { patientId: pid, support: 'card', scenario: 'patient' });
    expect(again.body.proposal.birthPlace).toBeNull();
    const other = await api(t.secretary, 'POST', `/api/reception/patients/${pid}/vitale/apply`, { source: 'card', birthPlaceCode: place.code === '33063' ? '69123' : '33063' });
    expect(other.status).toBe(409);
    expect(other.body.message ?? JSON.stringify(other.body)).toMatch(/onglet Identité/);
    expect((await db.selectFrom('patients').select('birth_place_code').where('id', '=', pid).executeTakeFirstOrThrow()).birth_place_code).toBe(place.code);
  });

  it('confirms or corrects contact details on the spot (administrative service, audited)', async () => {
    const pid = patientOf.mutuelle!.id;
    const r = await api(t.secretary, 'PUT', `/api/reception/patients/${pid}/contact`, { phones: [{ number: '06 99 88 77 66', kind: 'mobile' }], email: 'nouvelle@example.test', address: null, smsConsent: true, emailConsent: true, preferredLanguage: 'fr' });
    expect(r.status).toBe(200);
    expect(r.body.changedSections).toEqual(['contact']);
    const p = await t.pivot.database.db.selectFrom('patients').select(['email', 'phone']).where('id', '=', pid).executeTakeFirstOrThrow();
    expect(p).toEqual({ email: 'nouvelle@example.test', phone: '06 99 88 77 66' });
    const audit = await t.pivot.database.db.selectFrom('audit_log').select('action').where('resource_id', '=', pid).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['patient.administrative.updated', 'reception.contact_confirmed']));
  });
});

describe('roles and isolation', () => {
  it('keeps the desk to secretaries and practitioners, the settings to admins', async () => {
    expect((await api(t.admin, 'GET', '/api/reception/today')).status).toBe(403);
    expect((await api(t.secretary, 'PUT', '/api/reception/settings', { lateGraceMinutes: 5, noShowGraceMinutes: 20, boardDisplay: 'ticket', boardShowAverageWait: false })).status).toBe(403);
    expect((await api(t.admin, 'GET', '/api/reception/settings')).status).toBe(200);
  });

  it('another practice sees none of our visits and cannot act on them (404)', async () => {
    const visit = await t.pivot.database.db.selectFrom('reception_visits').select(['id', 'patient_id']).where('practice_id', '=', practiceId).executeTakeFirst();
    const day = await api(t.moreau, 'GET', '/api/reception/today');
    expect(day.status).toBe(200);
    expect(JSON.stringify(day.body)).not.toContain(practitionerId);
    if (visit) {
      expect((await api(t.moreau, 'GET', `/api/reception/visits/${visit.id}/checklist`)).status).toBe(404);
      expect((await api(t.moreau, 'POST', `/api/reception/visits/${visit.id}/call`, {})).status).toBe(404);
      expect((await api(t.moreau, 'PUT', `/api/reception/patients/${visit.patient_id}/contact`, { phones: [], email: null, address: null, smsConsent: false, emailConsent: false, preferredLanguage: 'fr' })).status).toBe(404);
    }
    expect((await api(t.moreau, 'POST', `/api/reception/check-in`, { appointmentId: appt.next3 ?? '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await api(t.moreau, 'POST', `/api/reception/practitioners/${practitionerId}/call-next`, {})).status).toBe(404);
    // Confirming a card read with nothing to change still names a patient: ours, or one that exists nowhere, is a 404
    // for another practice, and no audit entry names it (it used to answer 200 and audit the foreign id).
    const ours = (await t.pivot.database.db.selectFrom('patients').select('id').where('practice_id', '=', practiceId).executeTakeFirstOrThrow()).id;
    for (const pid of [ours, '6f1c1c52-3b7e-4d0c-9a51-2b8f4f0e9d11']) {
      expect((await api(t.moreau, 'POST', `/api/reception/patients/${pid}/vitale/apply`, { source: 'card' })).status).toBe(404);
      const audited = await t.pivot.database.db.selectFrom('audit_log').select('id').where('action', '=', 'reception.vitale_applied').where('resource_id', '=', pid).execute();
      expect(audited).toHaveLength(0);
    }
  });
});

describe('live', () => {
  it('streams reception.changed to the desk of the practice when a visit changes', async () => {
    await t.pivot.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.pivot.app.server.address() as { port: number }).port;
    const events: string[] = [];
    let req: http.ClientRequest | undefined;
    const ready = new Promise<void>((resolve) => {
      req = http.get(`http://127.0.0.1:${port}/api/reception/events`, { headers: { ...bearer(t.secretary), accept: 'text/event-stream' } }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          for (const m of chunk.matchAll(/event: ([\w.]+)/g)) events.push(m[1]!);
          if (events.includes('ready')) resolve();
        });
      });
    });
    await ready;
    const someone = await t.pivot.database.db.selectFrom('patients').select('id').where('practice_id', '=', practiceId).orderBy('birth_name').offset(20).executeTakeFirstOrThrow();
    expect((await api(t.secretary, 'POST', '/api/reception/walk-ins', { patientId: someone.id, practitionerId: null })).status).toBe(201);
    await expect.poll(() => events.includes('reception.changed'), { timeout: 5000 }).toBe(true);
    req?.destroy();
  });
});
