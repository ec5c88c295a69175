import { describe, expect, it } from 'vitest';
import { bearer, useTestPivot } from '../../../tests/helpers.js';
import { clock } from '../platform/clock.js';

/** Moving an appointment to another practitioner: their motif of the same name, or a desk override with a reason. */
const t = useTestPivot({ admin: 'admin@demo.pivot', secretary: 'accueil@demo.pivot' });

const inject = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.pivot.app.inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload: payload as object }) });

async function practitioner(name: string) {
  const p = (await inject(t.admin, 'POST', '/api/agenda/practitioners', { displayName: name })).json().practitioner;
  const weekly = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '08:00', end: '19:00' }));
  expect((await inject(t.admin, 'PUT', `/api/agenda/practitioners/${p.id}/hours`, { weekly, urgent: [] })).statusCode).toBe(200);
  return p.id as string;
}
async function motif(practitionerId: string, name: string) {
  const r = await inject(t.admin, 'POST', '/api/agenda/motifs', { practitionerId, name, durationMinutes: 20 });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().motif.id as string;
}

describe('move to another practitioner', () => {
  it('takes the new practitioner’s motif of the same name; without one, only with an audited override', async () => {
    const a = await practitioner('Dr Départ Test');
    const b = await practitioner('Dr Arrivée Test');
    const consultA = await motif(a, 'Consultation longue');
    const consultB = await motif(b, ' consultation LONGUE ');
    const onlyA = await motif(a, 'Infiltration');
    const practiceId = (await t.pivot.database.db.selectFrom('practitioners').select('practice_id').where('id', '=', a).executeTakeFirstOrThrow()).practice_id;
    const patient = (await t.pivot.database.db.selectFrom('patients').select('id').where('practice_id', '=', practiceId).limit(1).executeTakeFirstOrThrow()).id;
    const free = async (pid: string, motifId: string, days: number) =>
      (await inject(t.secretary, 'GET', `/api/agenda/free-slots?practitionerId=${pid}&motifId=${motifId}&limit=1&from=${encodeURIComponent(new Date(clock.nowMs() + days * 86_400_000).toISOString())}`)).json().slots[0] as { start: string };

    const first = (await inject(t.secretary, 'POST', '/api/agenda/appointments', { practitionerId: a, patientId: patient, motifId: consultA, start: (await free(a, consultA, 3)).start })).json().appointment;
    const target = await free(b, consultB, 4);
    const moved = await inject(t.secretary, 'POST', `/api/agenda/appointments/${first.id}/move`, { start: target.start, practitionerId: b, version: first.version });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().appointment).toMatchObject({ practitionerId: b, motifId: consultB, overrideReason: null });

    const second = (await inject(t.secretary, 'POST', '/api/agenda/appointments', { practitionerId: a, patientId: patient, motifId: onlyA, start: (await free(a, onlyA, 5)).start })).json().appointment;
    const slot = await free(b, consultB, 6);
    const refused = await inject(t.secretary, 'POST', `/api/agenda/appointments/${second.id}/move`, { start: slot.start, practitionerId: b, version: second.version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details[0].reason).toBe('motif_practitioner');
    expect(refused.json().error.message).toContain('motif de dérogation');
    const forced = await inject(t.secretary, 'POST', `/api/agenda/appointments/${second.id}/move`, { start: slot.start, practitionerId: b, version: second.version, overrideReason: 'Dr Départ absent, vu avec Dr Arrivée' });
    expect(forced.statusCode, forced.body).toBe(200);
    expect(forced.json().appointment).toMatchObject({ practitionerId: b, motifId: onlyA, overrideReason: 'Dr Départ absent, vu avec Dr Arrivée' });
    const audit = await t.pivot.database.db.selectFrom('audit_log').select(['reason', 'details']).where('action', '=', 'appointment.moved').where('resource_id', '=', second.id).executeTakeFirstOrThrow();
    expect(audit.reason).toBe('Dr Départ absent, vu avec Dr Arrivée');
    expect(audit.details).toMatchObject({ overridden: 'motif_practitioner', fromPractitionerId: a, practitionerId: b });
  });
});

describe('holidays and no-show statistics', () => {
  it('lists the practice region’s public holidays: Alsace-Moselle adds Good Friday and 26 December', async () => {
    const metro = (await inject(t.secretary, 'GET', '/api/agenda/holidays?from=2027-03-20&to=2027-12-31')).json();
    expect(metro.region).toBe('metropole');
    const dates = metro.holidays.map((h: { date: string }) => h.date);
    expect(dates).toContain('2027-12-25');
    expect(dates).not.toContain('2027-03-26'); // Good Friday 2027
    expect(dates).not.toContain('2027-12-26');
    const settings = (await inject(t.admin, 'GET', '/api/agenda/settings')).json();
    expect((await inject(t.admin, 'PUT', '/api/agenda/settings', { holidayRegion: '67', urgentReleaseMinutes: settings.urgentReleaseMinutes })).statusCode).toBe(200);
    const alsace = (await inject(t.secretary, 'GET', '/api/agenda/holidays?from=2027-03-20&to=2027-12-31')).json();
    expect(alsace.holidays.map((h: { date: string }) => h.date)).toEqual(expect.arrayContaining(['2027-03-26', '2027-12-25', '2027-12-26']));
    expect(alsace.holidays.find((h: { date: string }) => h.date === '2027-12-25').name).toMatch(/No[eë]l/);
    expect((await inject(t.admin, 'PUT', '/api/agenda/settings', { holidayRegion: 'metropole', urgentReleaseMinutes: settings.urgentReleaseMinutes })).statusCode).toBe(200);
    expect((await inject(t.secretary, 'GET', '/api/agenda/holidays?from=2027-01-01&to=2029-01-01')).statusCode).toBe(400);
  });

  it('counts missed appointments per practitioner and motif against the past, non-cancelled ones', async () => {
    const db = t.pivot.database.db;
    const res = await inject(t.secretary, 'GET', '/api/agenda/no-show-stats');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.policy).toEqual({ warnAfter: 2, blockOnlineAfter: 3 });
    const practiceId = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
    const expected = await db.selectFrom('appointments').select((eb) => [eb.fn.countAll<string>().as('due'), eb.fn.count<string>(eb.case().when('status', '=', 'no_show').then(1).end()).as('no_shows')])
      .where('practice_id', '=', practiceId).where('starts_at', '>=', new Date(body.from)).where('starts_at', '<', new Date(body.to))
      .where('status', 'not in', ['cancelled_by_patient', 'cancelled_by_practice']).executeTakeFirstOrThrow();
    expect(body.total.due).toBe(Number(expected.due));
    expect(body.total.noShows).toBe(Number(expected.no_shows));
    expect(body.total.noShows).toBeGreaterThan(0); // the demo has some
    expect(body.rows.reduce((a: number, r: { noShows: number }) => a + r.noShows, 0)).toBe(body.total.noShows);
    for (const r of body.rows) expect(r.rate).toBeCloseTo(r.due ? (100 * r.noShows) / r.due : 0, 0);
    expect(res.body).not.toMatch(/factur|billing/i);
  });
});
