import { route, PRACTITIONERS_AND_SECRETARIES, type RouteDef } from '../platform/http/route.js';
import { createPatient, phoneSchema } from '../patients/index.js';
import { bookAppointmentWithView } from './booking.js';
import { newPatientBooked, newPatientBookingBody } from './contract.js';

/**
 * Booking for a patient the search did not find (issue 12, item 6): the agenda's dialog creates the patient and
 * books in one transaction, so a slot taken meanwhile leaves no half-created file behind. The creation is the
 * patients capability's own (provisional identity, the same duplicate check: a 409 with `possibleDuplicates`
 * unless the desk confirms it is another person); the booking is the desk's (its rules, its 409 with proposals).
 */
export function newPatientBookingRoutes(): RouteDef[] {
  return [
    route({
      method: 'POST', url: '/api/agenda/appointments/new-patient',
      summary: 'Créer le patient (contrôle des doublons) et prendre son rendez-vous, en une fois (secrétariat)', tags: ['agenda'],
      access: PRACTITIONERS_AND_SECRETARIES, status: 201,
      body: newPatientBookingBody,
      response: newPatientBooked,
      audit: 'none', // createPatient records patient.created, the booking appointment.booked
      async handler({ ctx, tx, body }) {
        const { patient, ...booking } = body;
        const { row } = await createPatient(tx, ctx, {
          identity: patient,
          phones: patient.phone ? [phoneSchema.parse({ number: patient.phone })] : [],
          confirmNotDuplicate: patient.confirmNotDuplicate,
          checkDuplicates: true,
        });
        const booked = await bookAppointmentWithView(tx, ctx, { ...booking, patientId: row.id, channel: 'desk' });
        return { patientId: row.id, appointmentId: booked.row.id };
      },
    }),
  ];
}
