/** The agenda capability: REST (/api/agenda/…) and FHIR R4 scheduling routes, the booking service, demo data. */
import type { RouteDef } from '../platform/http/route.js';
import { agendaFhirRoutes } from './fhir.js';
import { agendaRestRoutes } from './routes.js';
import { loadConfig } from '../platform/config.js';
import type { Keyring } from '../platform/security/keyring.js';
import { notificationRoutes } from './notification-routes.js';
import { publicAgendaRoutes } from './online-booking.js';

/**
 * `deps` (optional until compose.ts passes them): the public base URL of e-mailed links and the platform keyring,
 * which seals the key of signed links. Without them: PIVOT_PUBLIC_URL and an unsealed key.
 */
export function agendaRoutes(deps: { publicUrl?: string; keyring?: Keyring } = {}): RouteDef[] {
  const publicUrl = deps.publicUrl ?? loadConfig(process.env).publicUrl;
  return [...agendaRestRoutes(), ...agendaFhirRoutes(), ...notificationRoutes({ publicUrl }), ...publicAgendaRoutes({ publicUrl, keyring: deps.keyring })];
}

export { bookAppointment, moveAppointment, changeStatus, bookSeries, type BookingContext, type BookInput } from './booking.js';
export { seedAgendaDemo } from './demo.js';
export { startAgendaWorker, agendaJobHandlers, type AgendaWorkerOptions } from './notifications.js';
