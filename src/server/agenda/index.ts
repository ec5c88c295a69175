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

export { engineChannel, findFreeSlots, motifRule, practiceSettings, type MotifRow } from './calendar.js';
export { formatWhen, langOf, type Lang } from './messages.js';
export { notificationSettings } from './notifications.js';
export { AGENDA_CHANNEL } from './live.js';
import type { Capability, PlatformDeps } from '../platform/capability.js';
import type { JobHandlers } from '../jobs/index.js';
import { AgendaLive, agendaEventsRoute } from './live.js';
import { agendaJobHandlers } from './notifications.js';

/** Routes, the live stream of the agenda (on the shared LISTEN hub), reminders and waiting-list jobs. */
export const agendaCapability: Capability<PlatformDeps, JobHandlers> = {
  name: 'agenda',
  migrations: new URL('./migrations/', import.meta.url),
  mount: (d) => {
    const live = new AgendaLive(d.liveHub, d.log);
    return {
      routes: [...agendaRoutes({ publicUrl: d.config.publicUrl, keyring: d.keyring }), agendaEventsRoute(live)],
      jobHandlers: agendaJobHandlers({ db: d.db, publicUrl: d.config.publicUrl, keyring: d.keyring, log: d.log }),
      preClose: async () => live.close(),
    };
  },
};
