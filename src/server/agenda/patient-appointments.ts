import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { clock } from '../platform/clock.js';
import { appointmentQuery, toAppointmentDto, type AppointmentDto } from './appointments.js';

/**
 * One patient's appointments for the patient file (issue 12, item 5): the next ones, the last ones and how many
 * times they did not come. Practice-scoped by `appointmentQuery`; the read is audited here.
 */
export async function patientAppointments(
  tx: Tx, ctx: Pick<RequestContext, 'practiceId' | 'audit'>, patientId: string, limit = 30,
): Promise<{ upcoming: AppointmentDto[]; past: AppointmentDto[]; noShows: number }> {
  const now = clock.now();
  const mine = () => appointmentQuery(tx, ctx.practiceId).where('a.patient_id', '=', patientId);
  const [upcoming, past, counted] = await Promise.all([
    mine().where('a.starts_at', '>=', now).orderBy('a.starts_at').orderBy('a.id').limit(limit).execute(),
    mine().where('a.starts_at', '<', now).orderBy('a.starts_at', 'desc').orderBy('a.id').limit(limit).execute(),
    tx.selectFrom('appointments').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('practice_id', '=', ctx.practiceId).where('patient_id', '=', patientId).where('status', '=', 'no_show').executeTakeFirstOrThrow(),
  ]);
  ctx.audit({ action: 'appointment.patient_listed', resourceType: 'patient', resourceId: patientId, details: { upcoming: upcoming.length, past: past.length } });
  return { upcoming: upcoming.map(toAppointmentDto), past: past.map(toAppointmentDto), noShows: Number(counted.n) };
}
