/** The agenda capability: REST (/api/agenda/…) and FHIR R4 scheduling routes, the booking service, demo data. */
import type { RouteDef } from '../platform/http/route.js';
import { agendaFhirRoutes } from './fhir.js';
import { agendaRestRoutes } from './routes.js';

export function agendaRoutes(): RouteDef[] {
  return [...agendaRestRoutes(), ...agendaFhirRoutes()];
}

export { bookAppointment, moveAppointment, changeStatus, bookSeries, type BookingContext, type BookInput } from './booking.js';
export { seedAgendaDemo } from './demo.js';
