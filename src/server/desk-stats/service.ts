import { PERIOD_MESSAGES, periodLimited } from '../platform/http/period-messages.js';
import { DateTime } from 'luxon';
import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import { bucketStart, bucketsOf, rate, summariseWaits, type Granularity } from './aggregate.js';
import { clock } from '../platform/clock.js';

/**
 * Desk statistics over a period of local days: appointments and no-shows (agenda), arrivals, walk-ins, people who
 * left unseen and waiting times (reception visits: arrival → call, or → start when never called), calls (phone
 * log). SQL counts per local day and practitioner; ./aggregate.ts buckets and computes percentiles.
 */
export interface StatsQuery {
  from: string;
  to: string;
  granularity: Granularity;
  practitionerId?: string | undefined;
}

export interface BucketRow {
  bucket: string;
  appointments: number;
  arrivals: number;
  walkIns: number;
  noShows: number;
  leftUnseen: number;
  waitCount: number;
  waitMedian: number | null;
  waitP90: number | null;
  calls: number;
}

export interface PractitionerRow {
  practitionerId: string | null;
  name: string;
  appointments: number;
  arrivals: number;
  walkIns: number;
  noShows: number;
  noShowRate: number | null;
  leftUnseen: number;
  waitCount: number;
  waitMedian: number | null;
  waitP90: number | null;
}

export interface DeskStats {
  period: { from: string; to: string; granularity: Granularity; timeZone: string };
  practitioners: { id: string; name: string }[];
  buckets: BucketRow[];
  byPractitioner: PractitionerRow[];
  calls: { byReason: { reason: string; count: number }[]; byOutcome: { outcome: string; count: number }[]; total: number };
  totals: Omit<PractitionerRow, 'practitionerId' | 'name'>;
}

const MAX_DAYS = 400;

/** Default: the last 30 days up to today (local). */
export function resolvePeriod(zone: string, from?: string, to?: string): { from: string; to: string } {
  const today = DateTime.fromJSDate(clock.now()).setZone(zone).toISODate()!;
  const end = to ?? today;
  const start = from ?? DateTime.fromISO(end).minus({ days: 29 }).toISODate()!;
  const s = DateTime.fromISO(start);
  const e = DateTime.fromISO(end);
  if (!s.isValid || !e.isValid) throw new AppError('validation_failed', [{ field: 'from', message: PERIOD_MESSAGES.invalidDate }]);
  if (e < s) throw new AppError('validation_failed', [{ field: 'to', message: PERIOD_MESSAGES.periodReversed }]);
  if (e.diff(s, 'days').days > MAX_DAYS) throw new AppError('validation_failed', [{ field: 'from', message: periodLimited(`${MAX_DAYS} jours`, `${MAX_DAYS} days`) }]);
  return { from: start, to: end };
}

const n = (v: unknown) => Number(v ?? 0);
const isoDate = (v: unknown) => (v instanceof Date ? DateTime.fromJSDate(v, { zone: 'UTC' }).toISODate()! : String(v).slice(0, 10));

export async function deskStats(tx: Tx, practiceId: string, q: { from?: string | undefined; to?: string | undefined; granularity: Granularity; practitionerId?: string | undefined }): Promise<DeskStats> {
  const practice = await tx.selectFrom('practices').select('timezone').where('id', '=', practiceId).executeTakeFirstOrThrow();
  const zone = practice.timezone;
  const { from, to } = resolvePeriod(zone, q.from, q.to);
  const practitioners = await tx
    .selectFrom('practitioners')
    .select(['id', 'display_name'])
    .where('practice_id', '=', practiceId)
    .orderBy('display_name')
    .execute();
  if (q.practitionerId && !practitioners.some((p) => p.id === q.practitionerId)) throw new AppError('not_found');
  const pFilter = q.practitionerId ?? null;
  const startTs = DateTime.fromISO(from, { zone }).startOf('day').toJSDate();
  const endTs = DateTime.fromISO(to, { zone }).plus({ days: 1 }).startOf('day').toJSDate();

  // Appointments per local day and practitioner: booked (not cancelled) and no-shows.
  const appts = await sql<{ day: Date | string; practitioner_id: string; appointments: string; no_shows: string }>`
    SELECT (a.starts_at AT TIME ZONE ${zone})::date AS day, a.practitioner_id,
           count(*) FILTER (WHERE a.status NOT LIKE 'cancelled_%') AS appointments,
           count(*) FILTER (WHERE a.status = 'no_show') AS no_shows
      FROM appointments a
     WHERE a.practice_id = ${practiceId} AND a.starts_at >= ${startTs} AND a.starts_at < ${endTs}
       AND (${pFilter}::uuid IS NULL OR a.practitioner_id = ${pFilter}::uuid)
     GROUP BY 1, 2`.execute(tx);

  // Visits per service day and practitioner (NULL: a walk-in still waiting for the first free practitioner).
  const visits = await sql<{ day: Date | string; practitioner_id: string | null; arrivals: string; walk_ins: string; left_unseen: string }>`
    SELECT v.service_date AS day, v.practitioner_id,
           count(*) FILTER (WHERE v.kind = 'appointment') AS arrivals,
           count(*) FILTER (WHERE v.kind = 'walk_in') AS walk_ins,
           count(*) FILTER (WHERE v.status = 'left') AS left_unseen
      FROM reception_visits v
     WHERE v.practice_id = ${practiceId} AND v.service_date BETWEEN ${from}::date AND ${to}::date
       AND (${pFilter}::uuid IS NULL OR v.practitioner_id = ${pFilter}::uuid)
     GROUP BY 1, 2`.execute(tx);

  // Waiting time of each visit that was called or started: arrival → first call (or start when never called).
  const waits = await sql<{ day: Date | string; practitioner_id: string | null; seconds: number }>`
    SELECT v.service_date AS day, v.practitioner_id,
           extract(epoch FROM coalesce(v.called_at, v.started_at) - v.arrived_at)::float8 AS seconds
      FROM reception_visits v
     WHERE v.practice_id = ${practiceId} AND v.service_date BETWEEN ${from}::date AND ${to}::date
       AND coalesce(v.called_at, v.started_at) IS NOT NULL
       AND (${pFilter}::uuid IS NULL OR v.practitioner_id = ${pFilter}::uuid)`.execute(tx);

  // Calls per local day, reason and outcome (the phone log has no practitioner: not filtered by one).
  const calls = await sql<{ day: Date | string; reason: string; outcome: string; count: string }>`
    SELECT (c.occurred_at AT TIME ZONE ${zone})::date AS day, c.reason, c.outcome, count(*) AS count
      FROM phone_calls c
     WHERE c.practice_id = ${practiceId} AND c.occurred_at >= ${startTs} AND c.occurred_at < ${endTs}
     GROUP BY 1, 2, 3`.execute(tx);

  const g = q.granularity;
  const keys = bucketsOf(from, to, g);
  const byBucket = new Map(keys.map((k) => [k, { appointments: 0, arrivals: 0, walkIns: 0, noShows: 0, leftUnseen: 0, waits: [] as number[], calls: 0 }]));
  const pKey = (id: string | null) => id ?? '';
  const byPract = new Map<string, { appointments: number; arrivals: number; walkIns: number; noShows: number; leftUnseen: number; waits: number[] }>();
  const pract = (id: string | null) => {
    let e = byPract.get(pKey(id));
    if (!e) byPract.set(pKey(id), (e = { appointments: 0, arrivals: 0, walkIns: 0, noShows: 0, leftUnseen: 0, waits: [] }));
    return e;
  };
  // Thousands of rows share a few hundred days: compute each day's bucket once (luxon is not free).
  const bucketOfDay = new Map<string, ReturnType<typeof byBucket.get>>();
  const bucket = (day: unknown) => {
    const key = isoDate(day);
    let b = bucketOfDay.get(key);
    if (!b) bucketOfDay.set(key, (b = byBucket.get(bucketStart(key, g))!));
    return b!;
  };

  for (const r of appts.rows) {
    const b = bucket(r.day);
    const p = pract(r.practitioner_id);
    b.appointments += n(r.appointments); p.appointments += n(r.appointments);
    b.noShows += n(r.no_shows); p.noShows += n(r.no_shows);
  }
  for (const r of visits.rows) {
    const b = bucket(r.day);
    const p = pract(r.practitioner_id);
    b.arrivals += n(r.arrivals); p.arrivals += n(r.arrivals);
    b.walkIns += n(r.walk_ins); p.walkIns += n(r.walk_ins);
    b.leftUnseen += n(r.left_unseen); p.leftUnseen += n(r.left_unseen);
  }
  for (const r of waits.rows) {
    bucket(r.day).waits.push(Number(r.seconds));
    pract(r.practitioner_id).waits.push(Number(r.seconds));
  }
  const reasons = new Map<string, number>();
  const outcomes = new Map<string, number>();
  let totalCalls = 0;
  for (const r of calls.rows) {
    const c = n(r.count);
    bucket(r.day).calls += c;
    reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + c);
    outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + c);
    totalCalls += c;
  }

  const buckets: BucketRow[] = keys.map((k) => {
    const b = byBucket.get(k)!;
    const w = summariseWaits(b.waits);
    return { bucket: k, appointments: b.appointments, arrivals: b.arrivals, walkIns: b.walkIns, noShows: b.noShows, leftUnseen: b.leftUnseen, waitCount: w.count, waitMedian: w.median, waitP90: w.p90, calls: b.calls };
  });
  const row = (e: { appointments: number; arrivals: number; walkIns: number; noShows: number; leftUnseen: number; waits: number[] }) => {
    const w = summariseWaits(e.waits);
    return { appointments: e.appointments, arrivals: e.arrivals, walkIns: e.walkIns, noShows: e.noShows, noShowRate: rate(e.noShows, e.appointments), leftUnseen: e.leftUnseen, waitCount: w.count, waitMedian: w.median, waitP90: w.p90 };
  };
  const listed = q.practitionerId ? practitioners.filter((p) => p.id === q.practitionerId) : practitioners;
  const byPractitioner: PractitionerRow[] = listed.map((p) => ({ practitionerId: p.id, name: p.display_name, ...row(pract(p.id)) }));
  if (!q.practitionerId && byPract.has('')) byPractitioner.push({ practitionerId: null, name: 'Non attribué', ...row(byPract.get('')!) });
  const all = { appointments: 0, arrivals: 0, walkIns: 0, noShows: 0, leftUnseen: 0, waits: [] as number[] };
  for (const e of byPract.values()) {
    all.appointments += e.appointments; all.arrivals += e.arrivals; all.walkIns += e.walkIns; all.noShows += e.noShows; all.leftUnseen += e.leftUnseen;
    all.waits.push(...e.waits);
  }
  return {
    period: { from, to, granularity: g, timeZone: zone },
    practitioners: practitioners.map((p) => ({ id: p.id, name: p.display_name })),
    buckets,
    byPractitioner,
    calls: {
      byReason: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      byOutcome: [...outcomes].map(([outcome, count]) => ({ outcome, count })).sort((a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome)),
      total: totalCalls,
    },
    totals: row(all),
  };
}
