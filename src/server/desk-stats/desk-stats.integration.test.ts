import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, useTestPivot } from '../../../tests/helpers.js';
import { parseCsv } from './aggregate.js';

/**
 * Desk statistics on known data: two days in June 2024 (no demo data there), appointments, reception visits and
 * calls inserted directly, figures computed by hand (and the median cross-checked with PostgreSQL's percentile_cont).
 */
const t = useTestPivot({ admin: 'admin@demo.pivot', practitionerToken: 'medecin@demo.pivot', desk: 'accueil@demo.pivot' });
let practiceA: string;
let martin: string;
let lefevre: string;
let moreauPractitioner: string;
const ZONE = 'Europe/Paris';
const at = (day: string, time: string) => DateTime.fromISO(`${day}T${time}`, { zone: ZONE }).toJSDate();
const D1 = '2024-06-03';
const D2 = '2024-06-04';

beforeAll(async () => {
  const db = t.pivot.database.db;
  practiceA = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  const pr = async (name: string) => (await db.selectFrom('practitioners').select('id').where('display_name', '=', name).executeTakeFirstOrThrow()).id;
  martin = await pr('Dr Claire Martin');
  lefevre = await pr('Dr Paul Lefèvre');
  moreauPractitioner = await pr('Dr Jacques Moreau');
  const patients = (await db.selectFrom('patients').select('id').where('practice_id', '=', practiceA).orderBy('id').limit(10).execute()).map((p) => p.id);
  const deskId = (await db.selectFrom('accounts').select('id').where('email', '=', 'accueil@demo.pivot').executeTakeFirstOrThrow()).id;

  const appt = async (practitioner: string, patient: string, day: string, time: string, status: string) => {
    const start = at(day, time);
    const end = new Date(start.getTime() + 15 * 60_000);
    const row = await db
      .insertInto('appointments')
      .values({
        practice_id: practiceA, practitioner_id: practitioner, patient_id: patient, starts_at: start, ends_at: end, busy_until: end,
        status: status as 'done', channel: 'desk', ...(status.startsWith('cancelled') ? { cancelled_at: start } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const a1 = await appt(martin, patients[0]!, D1, '09:00', 'done');
  const a2 = await appt(martin, patients[1]!, D1, '09:15', 'done');
  await appt(martin, patients[2]!, D1, '09:30', 'no_show');
  await appt(martin, patients[3]!, D1, '09:45', 'cancelled_by_patient');
  const a5 = await appt(lefevre, patients[4]!, D1, '10:00', 'done');
  await appt(martin, patients[5]!, D2, '09:00', 'no_show');

  let ticket = 0;
  const visit = async (v: { appointmentId?: string; patient: string; practitioner: string | null; day: string; arrived: string; called?: string; started?: string; left?: string }) => {
    const done = v.started !== undefined;
    await db
      .insertInto('reception_visits')
      .values({
        practice_id: practiceA, appointment_id: v.appointmentId ?? null, patient_id: v.patient, practitioner_id: v.practitioner,
        kind: v.appointmentId ? 'appointment' : 'walk_in', ticket_number: ++ticket, service_date: v.day,
        status: v.left ? 'left' : done ? 'done' : 'called',
        arrived_at: at(v.day, v.arrived),
        called_at: v.called ? at(v.day, v.called) : null, called_to: v.called ? 'Cabinet 1' : null,
        started_at: v.started ? at(v.day, v.started) : null, ended_at: v.started ? at(v.day, '12:00') : null,
        left_at: v.left ? at(v.day, v.left) : null,
      })
      .execute();
  };
  await visit({ appointmentId: a1, patient: patients[0]!, practitioner: martin, day: D1, arrived: '09:00', called: '09:10', started: '09:11' }); // 10 min
  await visit({ appointmentId: a2, patient: patients[1]!, practitioner: martin, day: D1, arrived: '09:20', called: '09:50', started: '09:51' }); // 30 min
  await visit({ appointmentId: a5, patient: patients[4]!, practitioner: lefevre, day: D1, arrived: '10:00', started: '10:05' }); // 5 min, never called
  await visit({ patient: patients[6]!, practitioner: martin, day: D1, arrived: '11:00', called: '11:20', started: '11:21' }); // walk-in, 20 min
  await visit({ patient: patients[7]!, practitioner: null, day: D1, arrived: '11:30', left: '11:50' }); // walk-in, left unseen

  const call = (when: Date, reason: string, outcome: string) =>
    db.insertInto('phone_calls').values({ practice_id: practiceA, direction: 'in', occurred_at: when, caller_name: 'X', reason: reason as 'other', outcome: outcome as 'other', taken_by: deskId }).execute();
  await call(at(D1, '08:30'), 'appointment', 'booked');
  await call(at(D1, '08:40'), 'appointment', 'booked');
  await call(at(D1, '14:00'), 'practical_info', 'info_given');
  await call(at(D2, '23:30'), 'medical_question', 'advised_15'); // 21:30 UTC: still D2 in Paris
  await call(at('2024-06-05', '00:30'), 'other', 'other'); // 22:30 UTC on D2, but D3 in Paris: outside the period
}, 120_000);

const get = (token: string, url: string) => t.pivot.app.inject({ method: 'GET', url, headers: bearer(token) });

describe('desk statistics', () => {
  it('counts per day in the practice’s time zone, with waiting-time percentiles', async () => {
    const r = await get(t.admin, `/api/desk-stats?from=${D1}&to=${D2}`);
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s.period).toEqual({ from: D1, to: D2, granularity: 'day', timeZone: ZONE });
    expect(s.buckets).toEqual([
      { bucket: D1, appointments: 4, arrivals: 3, walkIns: 2, noShows: 1, leftUnseen: 1, waitCount: 4, waitMedian: 15, waitP90: 27, calls: 3 },
      { bucket: D2, appointments: 1, arrivals: 0, walkIns: 0, noShows: 1, leftUnseen: 0, waitCount: 0, waitMedian: null, waitP90: null, calls: 1 },
    ]);
    expect(s.totals).toMatchObject({ appointments: 5, noShows: 2, noShowRate: 40, arrivals: 3, walkIns: 2, waitMedian: 15 });
    expect(s.calls.total).toBe(4);
    expect(s.calls.byReason).toEqual([{ reason: 'appointment', count: 2 }, { reason: 'medical_question', count: 1 }, { reason: 'practical_info', count: 1 }]);
    expect(s.calls.byOutcome).toEqual([{ outcome: 'booked', count: 2 }, { outcome: 'advised_15', count: 1 }, { outcome: 'info_given', count: 1 }]);
  });

  it('splits per practitioner, walk-ins without one apart, and agrees with percentile_cont', async () => {
    const s = (await get(t.practitionerToken, `/api/desk-stats?from=${D1}&to=${D2}`)).json();
    const row = (id: string | null) => s.byPractitioner.find((p: { practitionerId: string | null }) => p.practitionerId === id);
    expect(row(martin)).toMatchObject({ appointments: 4, arrivals: 2, walkIns: 1, noShows: 2, noShowRate: 50, waitCount: 3, waitMedian: 20, waitP90: 28 });
    expect(row(lefevre)).toMatchObject({ appointments: 1, arrivals: 1, walkIns: 0, noShows: 0, noShowRate: 0, waitMedian: 5 });
    expect(row(null)).toMatchObject({ name: 'Non attribué', walkIns: 1, leftUnseen: 1, waitCount: 0 });
    const pg = await sql<{ median: number }>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM coalesce(called_at, started_at) - arrived_at)) / 60 AS median
        FROM reception_visits WHERE practice_id = ${practiceA} AND practitioner_id = ${martin} AND service_date BETWEEN ${D1}::date AND ${D2}::date`.execute(t.pivot.database.db);
    expect(Number(pg.rows[0]!.median)).toBeCloseTo(row(martin).waitMedian, 5);
  });

  it('filters by practitioner and buckets by week', async () => {
    const s = (await get(t.admin, `/api/desk-stats?from=${D1}&to=${D2}&granularity=week&practitionerId=${martin}`)).json();
    expect(s.buckets).toEqual([{ bucket: D1, appointments: 4, arrivals: 2, walkIns: 1, noShows: 2, leftUnseen: 0, waitCount: 3, waitMedian: 20, waitP90: 28, calls: 4 }]);
    expect(s.byPractitioner.map((p: { practitionerId: string }) => p.practitionerId)).toEqual([martin]);
    expect((await get(t.admin, `/api/desk-stats?practitionerId=${moreauPractitioner}`)).statusCode).toBe(404);
  });

  it('exports each table as CSV for French Excel', async () => {
    const r = await get(t.admin, `/api/desk-stats/export.csv?from=${D1}&to=${D2}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/csv; charset=utf-8/);
    expect(r.headers['content-disposition']).toContain(`statistiques-accueil-periods-${D1}-${D2}.csv`);
    expect(r.body.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(r.body);
    expect(rows[0]![0]).toBe('jour');
    expect(rows[1]).toEqual([D1, '4', '3', '2', '1', '1', '4', '15', '27', '3']);
    expect(rows[2]).toEqual([D2, '1', '0', '0', '1', '0', '0', '', '', '1']);
    const prac = parseCsv((await get(t.admin, `/api/desk-stats/export.csv?from=${D1}&to=${D2}&table=practitioners`)).body);
    expect(prac.find((x) => x[0] === 'Dr Claire Martin')).toEqual(['Dr Claire Martin', '4', '2', '1', '2', '50', '0', '3', '20', '28']);
    const calls = parseCsv((await get(t.admin, `/api/desk-stats/export.csv?from=${D1}&to=${D2}&table=calls`)).body);
    expect(calls).toContainEqual(['issue', 'Orienté vers le 15', '1']);
    // A raw reply is sent while its transaction commits: wait for the third audit entry.
    await expect.poll(async () => (await t.pivot.database.db.selectFrom('audit_log').select('action').where('action', '=', 'desk_stats.exported').execute()).length).toBe(3);
  });

  it('is for administrators and practitioners; validates the period', async () => {
    expect((await get(t.desk, '/api/desk-stats')).statusCode).toBe(403);
    expect((await get(t.admin, '/api/desk-stats')).statusCode).toBe(200); // default: last 30 days
    expect((await get(t.admin, `/api/desk-stats?from=${D2}&to=${D1}`)).statusCode).toBe(400);
    expect((await get(t.admin, '/api/desk-stats?from=2020-01-01&to=2024-01-01')).statusCode).toBe(400);
  });
});
