import type { Selectable } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { AppointmentEventsTable, AppointmentsTable, AppointmentStatus } from './schema.js';
import { identityName, identityParts } from '../platform/identity-display.js';

/** Reading appointments: one shape for the REST API (and the web app), with names for display. */
export type AppointmentRow = Selectable<AppointmentsTable>;

export function appointmentQuery(tx: Tx, practiceId: string) {
  return tx
    .selectFrom('appointments as a')
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'a.patient_id').onRef('p.practice_id', '=', 'a.practice_id'))
    .innerJoin('practitioners as pr', (j) => j.onRef('pr.id', '=', 'a.practitioner_id').onRef('pr.practice_id', '=', 'a.practice_id'))
    .leftJoin('appointment_types as t', (j) => j.onRef('t.id', '=', 'a.appointment_type_id').onRef('t.practice_id', '=', 'a.practice_id'))
    .selectAll('a')
    .select([
      'p.birth_name',
      'p.used_name',
      'p.first_name',
      'p.birth_date',
      'p.phone as patient_phone',
      'pr.display_name as practitioner_name',
      't.name as motif_name',
      't.colour as motif_colour',
    ])
    .where('a.practice_id', '=', practiceId);
}
type JoinedRow = Awaited<ReturnType<ReturnType<typeof appointmentQuery>['execute']>>[number];
/** An appointment with the names shown with it (patient, practitioner, motif). */
export type JoinedAppointment = JoinedRow;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function seatOf(seats: string): number | null {
  const m = /^\[(\d+),(\d+)\)$/.exec(seats);
  return m ? Number(m[1]) : null;
}

/** `patient_phone` is absent from a booking's own answer (read from `agenda_booking_context`, which has no phone). */
export function toAppointmentDto(r: Omit<JoinedRow, 'patient_phone'> & { patient_phone?: string | null }) {
  return {
    id: r.id,
    practitionerId: r.practitioner_id,
    practitionerName: r.practitioner_name,
    patientId: r.patient_id,
    patientName: identityName(identityParts(r)),
    patientIdentity: identityParts(r),
    patientBirthDate: r.birth_date,
    /** For the printed day list (call a patient when the practitioner is late); the desk sees it in the file anyway. */
    ...(r.patient_phone !== undefined ? { patientPhone: r.patient_phone } : {}),
    motifId: r.appointment_type_id,
    motifName: r.motif_name,
    colour: r.motif_colour,
    resourceId: r.resource_id,
    seriesId: r.series_id,
    start: iso(r.starts_at)!,
    end: iso(r.ends_at)!,
    busyUntil: iso(r.busy_until)!,
    seat: seatOf(r.seats),
    status: r.status as AppointmentStatus,
    channel: r.channel,
    teleconsultation: r.teleconsultation,
    note: r.note,
    overrideReason: r.override_reason,
    cancellationReason: r.cancellation_reason,
    cancelledAt: iso(r.cancelled_at),
    statusChangedAt: iso(r.status_changed_at)!,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    version: r.version,
  };
}
export type AppointmentDto = ReturnType<typeof toAppointmentDto>;

export async function getAppointment(tx: Tx, practiceId: string, id: string): Promise<AppointmentDto | undefined> {
  const row = await appointmentQuery(tx, practiceId).where('a.id', '=', id).executeTakeFirst();
  return row && toAppointmentDto(row);
}

export async function appointmentHistory(tx: Tx, practiceId: string, id: string) {
  const rows = await tx
    .selectFrom('appointment_events as e')
    .leftJoin('accounts as ac', 'ac.id', 'e.account_id')
    .selectAll('e')
    .select('ac.display_name as account_name')
    .where('e.practice_id', '=', practiceId)
    .where('e.appointment_id', '=', id)
    .orderBy('e.id')
    .execute();
  return rows.map((e: Selectable<AppointmentEventsTable> & { account_name: string | null }) => ({
    at: iso(e.at)!,
    kind: e.kind,
    by: e.account_name,
    accountId: e.account_id,
    channel: e.channel,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    fromStart: iso(e.from_starts_at),
    toStart: iso(e.to_starts_at),
    reason: e.reason,
  }));
}

export interface ListFilter {
  from: Date;
  to: Date;
  practitionerIds?: readonly string[] | undefined;
  patientId?: string | undefined;
  statuses?: readonly AppointmentStatus[] | undefined;
  limit?: number;
}

export async function listAppointments(tx: Tx, practiceId: string, f: ListFilter): Promise<AppointmentDto[]> {
  let q = appointmentQuery(tx, practiceId).where('a.starts_at', '<', f.to).where('a.ends_at', '>', f.from);
  if (f.practitionerIds) q = f.practitionerIds.length ? q.where('a.practitioner_id', 'in', f.practitionerIds) : q.where(({ lit }) => lit(false));
  if (f.patientId) q = q.where('a.patient_id', '=', f.patientId);
  if (f.statuses) q = f.statuses.length ? q.where('a.status', 'in', f.statuses) : q.where(({ lit }) => lit(false));
  const rows = await q.orderBy('a.starts_at').orderBy('pr.display_name').orderBy('a.id').limit(f.limit ?? 2000).execute();
  return rows.map(toAppointmentDto);
}
