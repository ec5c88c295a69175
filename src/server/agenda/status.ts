import type { AppointmentStatus } from './schema.js';
import { APPOINTMENT_STATUSES } from './contract.js';

/**
 * The appointment life cycle as a pure state machine. Every change is recorded in appointment_events
 * (who, when, from → to, reason); this module only says which changes are allowed.
 *
 *   booked ─┬─> confirmed ─┬─> arrived ─> in_consultation ─> done
 *           │              │      └──────────────────────────^
 *           ├──────────────┴─> no_show   (after the start; corrections: no_show → booked / arrived)
 *           └──────────────┴─> cancelled_by_patient | cancelled_by_practice   (final; book again instead)
 */
export const STATUSES: readonly AppointmentStatus[] = APPOINTMENT_STATUSES;

/** Statuses that hold the time (the exclusion constraints apply to them). */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = ['booked', 'confirmed', 'arrived', 'in_consultation', 'done'];
export const isActive = (s: AppointmentStatus): boolean => ACTIVE_STATUSES.includes(s);
export const isCancelled = (s: AppointmentStatus): boolean => s === 'cancelled_by_patient' || s === 'cancelled_by_practice';

const NEXT: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  booked: ['confirmed', 'arrived', 'no_show', 'cancelled_by_patient', 'cancelled_by_practice'],
  confirmed: ['booked', 'arrived', 'no_show', 'cancelled_by_patient', 'cancelled_by_practice'],
  arrived: ['booked', 'in_consultation', 'done', 'cancelled_by_patient'],
  in_consultation: ['arrived', 'done'],
  done: ['in_consultation'],
  no_show: ['booked', 'arrived'],
  cancelled_by_patient: [],
  cancelled_by_practice: [],
};

export type TransitionRefusal = 'same_status' | 'not_allowed' | 'too_early' | 'reason_required';

export interface TransitionContext {
  now: Date;
  startsAt: Date;
  reason?: string | null | undefined;
}

/** Allowed next statuses, whatever the time. */
export function nextStatuses(from: AppointmentStatus): readonly AppointmentStatus[] {
  return NEXT[from];
}

/**
 * Decides a status change. Time rules: a no-show cannot be recorded before the appointment's start, nor a
 * consultation finished without having started (an arrival can: patients come early, and one seen early may be
 * done before the booked time, from `in_consultation`); a cancellation keeps its reason (required).
 */
export function checkTransition(from: AppointmentStatus, to: AppointmentStatus, ctx: TransitionContext): { ok: true } | { ok: false; why: TransitionRefusal } {
  if (from === to) return { ok: false, why: 'same_status' };
  if (!NEXT[from].includes(to)) return { ok: false, why: 'not_allowed' };
  const early = ctx.now.getTime() < ctx.startsAt.getTime();
  if (early && (to === 'no_show' || (to === 'done' && from !== 'in_consultation'))) return { ok: false, why: 'too_early' };
  if (isCancelled(to) && !ctx.reason?.trim()) return { ok: false, why: 'reason_required' };
  return { ok: true };
}

/** Does the change take the time back (from free to held)? Then the exclusion constraint re-checks it. */
export function reclaimsTime(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return !isActive(from) && isActive(to);
}

export const STATUS_LABELS_FR: Record<AppointmentStatus, string> = {
  booked: 'Réservé',
  confirmed: 'Confirmé',
  arrived: 'Arrivé (salle d’attente)',
  in_consultation: 'En consultation',
  done: 'Terminé',
  no_show: 'Absent (non excusé)',
  cancelled_by_patient: 'Annulé par le patient',
  cancelled_by_practice: 'Annulé par le cabinet',
};

// FHIR R4 Appointment.status
export type FhirAppointmentStatus = 'booked' | 'arrived' | 'checked-in' | 'fulfilled' | 'noshow' | 'cancelled';

export function toFhirStatus(s: AppointmentStatus): FhirAppointmentStatus {
  switch (s) {
    case 'booked':
    case 'confirmed':
      return 'booked';
    case 'arrived':
      return 'arrived';
    case 'in_consultation':
      return 'checked-in';
    case 'done':
      return 'fulfilled';
    case 'no_show':
      return 'noshow';
    case 'cancelled_by_patient':
    case 'cancelled_by_practice':
      return 'cancelled';
  }
}

/**
 * Internal status for a FHIR status. `booked` keeps `confirmed` when the appointment already is;
 * `cancelled` is by the patient when the cancellation reason says so (code `pat`), else by the practice.
 */
export function fromFhirStatus(s: string, current: AppointmentStatus, cancelledBy: 'patient' | 'practice'): AppointmentStatus | undefined {
  switch (s) {
    case 'booked':
      return current === 'confirmed' ? 'confirmed' : 'booked';
    case 'arrived':
      return 'arrived';
    case 'checked-in':
      return 'in_consultation';
    case 'fulfilled':
      return 'done';
    case 'noshow':
      return 'no_show';
    case 'cancelled':
      return cancelledBy === 'patient' ? 'cancelled_by_patient' : 'cancelled_by_practice';
    default:
      return undefined;
  }
}
