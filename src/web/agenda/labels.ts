import type { TFunction } from 'i18next';
import type { Appointment, AppointmentStatus } from './api';
import { formatIdentity } from '../ui/format';

/** Status changes offered at the desk (the server's state machine decides; cancellations have their own form). */
export const NEXT_STATUSES: Record<AppointmentStatus, AppointmentStatus[]> = {
  booked: ['confirmed', 'arrived', 'no_show'],
  confirmed: ['arrived', 'no_show'],
  arrived: ['in_consultation', 'done'],
  in_consultation: ['done'],
  done: ['in_consultation'],
  no_show: ['booked', 'arrived'],
  cancelled_by_patient: [],
  cancelled_by_practice: [],
};

export const canMove = (a: Appointment) => a.status === 'booked' || a.status === 'confirmed';
export const canCancel = (a: Appointment) => a.status === 'booked' || a.status === 'confirmed' || a.status === 'arrived';

export function statusLabel(t: TFunction, status: string): string {
  return t(`agenda.status.${status}`, { defaultValue: status });
}

/** The patient of an appointment, by the identity rule (ui/format.ts), in the interface's language. */
export function patientNameOf(a: Pick<Appointment, 'patientName' | 'patientIdentity'>): string {
  return a.patientIdentity ? formatIdentity(a.patientIdentity) : a.patientName;
}
