/** The agenda capability: REST (/api/agenda/…) and FHIR R4 scheduling routes, the booking service, demo data. */
import type { RouteDef } from '../platform/http/route.js';
import { agendaFhirRoutes } from './fhir/routes.js';
import { agendaRestRoutes } from './routes.js';
import type { Keyring } from '../platform/security/keyring.js';
import { notificationRoutes } from './notification-routes.js';
import { publicAgendaRoutes } from './routes/public.js';
import { newPatientBookingRoutes } from './new-patient-booking.js';

/** `publicUrl`: base of e-mailed links; `keyring`: seals the key of signed links. */
export function agendaRoutes(deps: { publicUrl: string; keyring: Keyring }): RouteDef[] {
  return [...agendaRestRoutes(), ...agendaFhirRoutes(), ...notificationRoutes({ publicUrl: deps.publicUrl }), ...publicAgendaRoutes(deps), ...newPatientBookingRoutes()];
}

export { bookAppointment, type BookingContext, type BookInput } from './booking.js';
export { moveAppointment, changeStatus } from './appointment-changes.js';
export { bookSeries } from './series.js';
export { seedAgendaDemo } from './demo.js';
export { agendaJobHandlers, type NotifyDeps } from './notifications.js';
export { patientAppointments } from './patient-appointments.js';
