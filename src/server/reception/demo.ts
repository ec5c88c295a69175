import { sql, type Insertable } from 'kysely';
import { DateTime } from 'luxon';
import type { Db } from '../platform/db/database.js';
import type { ReceptionVisitsTable } from './schema.js';
import { clock } from '../platform/clock.js';

/**
 * Today's desk for the demo practice, so that `npm start` shows a living reception: patients seen this
 * morning, one in consultation per practitioner, others waiting, a walk-in for the first free practitioner
 * and an urgent one. Runs at every start in demo mode and does nothing once today has visits (idempotent).
 * Demo data only: statuses are written directly, with a 'system' history entry like the agenda's demo.
 */
export async function seedReceptionDemo(db: Db, now = clock.now(), slug = 'maison-de-sante-des-tilleuls'): Promise<{ visits: number }> {
  return db.transaction().execute(async (tx) => {
    const practice = await tx.selectFrom('practices').select(['id', 'timezone']).where('slug', '=', slug).executeTakeFirst();
    if (!practice) return { visits: 0 };
    const date = DateTime.fromJSDate(now, { zone: practice.timezone }).toISODate()!;
    // One starter per day, even with several app processes starting together.
    await sql`SELECT pg_advisory_xact_lock(hashtext('reception-demo'), hashtext(${practice.id + date}))`.execute(tx);
    const already = await tx.selectFrom('reception_visits').select('id').where('practice_id', '=', practice.id).where('service_date', '=', date).limit(1).executeTakeFirst();
    if (already) return { visits: 0 };
    const dayStart = DateTime.fromISO(date, { zone: practice.timezone }).startOf('day').toJSDate();
    const appts = await tx
      .selectFrom('appointments')
      .select(['id', 'patient_id', 'practitioner_id', 'starts_at', 'ends_at', 'status'])
      .where('practice_id', '=', practice.id)
      .where('starts_at', '>=', dayStart)
      .where('starts_at', '<', new Date(now.getTime() + 20 * 60_000))
      .where('status', 'in', ['booked', 'confirmed', 'done', 'no_show'])
      .orderBy('starts_at')
      .execute();
    let ticket = 0;
    const visits: Insertable<ReceptionVisitsTable>[] = [];
    const names = new Map((await tx.selectFrom('practitioners').select(['id', 'display_name']).where('practice_id', '=', practice.id).execute()).map((p) => [p.id, p.display_name.slice(0, 60)]));
    const statusChanges: { id: string; to: 'done' | 'in_consultation' | 'arrived' | 'no_show'; from: string }[] = [];
    const inConsultation = new Set<string>();
    const minutes = (n: number) => n * 60_000;
    // Latest first, so that the appointment in progress per practitioner is the most recent one.
    for (const a of [...appts].reverse()) {
      const start = new Date(a.starts_at).getTime();
      const end = new Date(a.ends_at).getTime();
      const base = { practice_id: practice.id, appointment_id: a.id, patient_id: a.patient_id, practitioner_id: a.practitioner_id, kind: 'appointment' as const, urgent: false, urgent_reason: null, service_date: date, waiting_room_id: null, created_by: null, note: null, updated_at: now };
      if (start > now.getTime()) {
        // Early for an appointment in the next 20 minutes: waiting.
        if (Math.random() < 0.6) {
          visits.push({ ...base, ticket_number: 0, status: 'waiting', arrived_at: new Date(now.getTime() - minutes(3 + Math.floor(Math.random() * 6))) });
          statusChanges.push({ id: a.id, to: 'arrived', from: a.status });
        }
        continue;
      }
      if (end > now.getTime() && !inConsultation.has(a.practitioner_id)) {
        inConsultation.add(a.practitioner_id);
        const arrived = new Date(Math.min(start - minutes(8), now.getTime() - minutes(12)));
        visits.push({ ...base, ticket_number: 0, status: 'in_consultation', arrived_at: arrived, called_at: new Date(arrived.getTime() + minutes(9)), called_to: names.get(a.practitioner_id) ?? 'Cabinet', started_at: new Date(arrived.getTime() + minutes(10)) });
        statusChanges.push({ id: a.id, to: 'in_consultation', from: a.status });
        continue;
      }
      if (end > now.getTime() || now.getTime() - start < minutes(25)) {
        // Should have been seen by now: waiting (the practitioner runs late).
        visits.push({ ...base, ticket_number: 0, status: 'waiting', arrived_at: new Date(start - minutes(5)) });
        statusChanges.push({ id: a.id, to: 'arrived', from: a.status });
        continue;
      }
      if (a.status === 'no_show') continue;
      const arrived = new Date(start - minutes(6));
      visits.push({ ...base, ticket_number: 0, status: 'done', arrived_at: arrived, called_at: new Date(start + minutes(3)), called_to: names.get(a.practitioner_id) ?? 'Cabinet', started_at: new Date(start + minutes(4)), ended_at: new Date(Math.min(end + minutes(4), now.getTime())) });
      if (a.status !== 'done') statusChanges.push({ id: a.id, to: 'done', from: a.status });
    }
    // Walk-ins: one for the first free practitioner, one urgent for the first practitioner.
    const patients = await tx.selectFrom('patients').select('id').where('practice_id', '=', practice.id).orderBy('created_at', 'desc').orderBy('id').limit(2).execute();
    const firstPractitioner = await tx.selectFrom('practitioners').select('id').where('practice_id', '=', practice.id).orderBy('display_name').executeTakeFirst();
    const busy = new Set(visits.map((v) => v.patient_id));
    const walk = (patientId: string, practitionerId: string | null, urgent: boolean, ago: number) => ({
      practice_id: practice.id, appointment_id: null, patient_id: patientId, practitioner_id: practitionerId, kind: 'walk_in' as const, urgent,
      urgent_reason: urgent ? 'Douleur thoracique modérée depuis ce matin, demande à être vu rapidement' : null,
      ticket_number: 0, service_date: date, waiting_room_id: null, status: 'waiting' as const, arrived_at: new Date(now.getTime() - minutes(ago)), created_by: null, note: null, updated_at: now,
    });
    if (patients[0] && !busy.has(patients[0].id)) visits.push(walk(patients[0].id, null, false, 7));
    if (patients[1] && firstPractitioner && !busy.has(patients[1].id)) visits.push(walk(patients[1].id, firstPractitioner.id, true, 2));
    if (!visits.length) return { visits: 0 };
    visits.sort((a, b) => new Date(a.arrived_at as Date).getTime() - new Date(b.arrived_at as Date).getTime());
    for (const v of visits) v.ticket_number = ++ticket;
    for (const c of statusChanges) {
      await tx.updateTable('appointments').set({ status: c.to, status_changed_at: now, updated_at: now, version: sql`version + 1` }).where('id', '=', c.id).execute();
    }
    if (statusChanges.length) {
      await tx
        .insertInto('appointment_events')
        .values(statusChanges.map((c) => ({ practice_id: practice.id, appointment_id: c.id, account_id: null, channel: 'system' as const, kind: 'status' as const, from_status: c.from as 'booked', to_status: c.to, reason: 'Données de démonstration (accueil du jour)' })))
        .execute();
    }
    await tx.insertInto('reception_visits').values(visits).execute();
    await tx.insertInto('reception_ticket_counters').values({ practice_id: practice.id, service_date: date, last_number: ticket }).execute();
    return { visits: visits.length };
  });
}
