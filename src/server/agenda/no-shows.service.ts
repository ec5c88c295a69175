import type { Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import { notificationSettings } from './notifications.js';

/** Missed appointments: the practice's rates per practitioner and motif, and one patient's attendance against the policy. */

/** Appointments due and missed over [from, to), per practitioner and motif; with the practice's policy. */
export async function noShowStats(tx: Tx, practiceId: string, from: Date, to: Date) {
  // Due = appointments whose time has come and that were not cancelled (honoured, in progress or missed).
  const rows = await tx
    .selectFrom('appointments as a')
    .innerJoin('practitioners as p', (j) => j.onRef('p.id', '=', 'a.practitioner_id').onRef('p.practice_id', '=', 'a.practice_id'))
    .leftJoin('appointment_types as m', (j) => j.onRef('m.id', '=', 'a.appointment_type_id').onRef('m.practice_id', '=', 'a.practice_id'))
    .select((eb) => [
      'a.practitioner_id', 'p.display_name', 'a.appointment_type_id', 'm.name',
      eb.fn.countAll<string>().as('due'),
      eb.fn.count<string>(eb.case().when('a.status', '=', 'no_show').then(1).end()).as('no_shows'),
    ])
    .where('a.practice_id', '=', practiceId)
    .where('a.starts_at', '>=', from)
    .where('a.starts_at', '<', to)
    .where('a.status', 'not in', ['cancelled_by_patient', 'cancelled_by_practice'])
    .groupBy(['a.practitioner_id', 'p.display_name', 'a.appointment_type_id', 'm.name'])
    .orderBy('p.display_name')
    .orderBy('m.name')
    .execute();
  const rate = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 10 : 0);
  const out = rows.map((r) => ({
    practitionerId: r.practitioner_id, practitionerName: r.display_name, motifId: r.appointment_type_id, motifName: r.name,
    due: Number(r.due), noShows: Number(r.no_shows), rate: rate(Number(r.no_shows), Number(r.due)),
  }));
  const due = out.reduce((a, r) => a + r.due, 0);
  const noShows = out.reduce((a, r) => a + r.noShows, 0);
  const s = await notificationSettings(tx, practiceId);
  return {
    from: from.toISOString(), to: to.toISOString(),
    policy: { warnAfter: s.noShowWarnAfter, blockOnlineAfter: s.noShowBlockOnlineAfter },
    rows: out, total: { due, noShows, rate: rate(noShows, due) },
  };
}

/** A patient's missed and honoured appointments, and whether the policy warns or blocks online booking. */
export async function patientAttendance(tx: Tx, practiceId: string, patientId: string) {
  const p = await tx.selectFrom('patients').select('id').where('practice_id', '=', practiceId).where('id', '=', patientId).executeTakeFirst();
  if (!p) throw new AppError('not_found');
  const r = await tx
    .selectFrom('appointments')
    .select((eb) => [
      eb.fn.count<string>('id').filterWhere('status', '=', 'no_show').as('no_shows'),
      eb.fn.max('starts_at').filterWhere('status', '=', 'no_show').as('last_no_show'),
      eb.fn.count<string>('id').filterWhere('status', '=', 'done').as('honoured'),
    ])
    .where('practice_id', '=', practiceId)
    .where('patient_id', '=', patientId)
    .executeTakeFirstOrThrow();
  const s = await notificationSettings(tx, practiceId);
  const n = Number(r.no_shows);
  return {
    patientId, noShows: n, lastNoShowAt: r.last_no_show ? new Date(r.last_no_show as Date).toISOString() : null, honoured: Number(r.honoured),
    warn: n >= s.noShowWarnAfter, onlineBookingBlocked: n >= s.noShowBlockOnlineAfter, policy: { warnAfter: s.noShowWarnAfter, blockOnlineAfter: s.noShowBlockOnlineAfter },
  };
}
