import type { RouteDef } from '../platform/http/route.js';
import { agendaAppointmentRoutes } from './routes/appointments.js';
import { agendaConfigurationRoutes } from './routes/configuration.js';

/**
 * REST API of the agenda (`/api/agenda/…`). Roles: the admin configures (practitioners, motifs, hours,
 * absences, settings: routes/configuration.ts); secretaries and practitioners book and see the whole practice's
 * agenda (a practitioner covers for a colleague, answers the phone at lunch: routes/appointments.ts). Every read or
 * write of appointments is audited. Schemas: contract.ts; roles: routes/schemas.ts.
 */
export function agendaRestRoutes(): RouteDef[] {
  return [...agendaConfigurationRoutes(), ...agendaAppointmentRoutes()];
}
