import { DateTime } from 'luxon';
import { route, PRACTITIONERS_AND_SECRETARIES, STAFF, type RouteDef } from '../../platform/http/route.js';
import { AppError } from '../../platform/http/errors.js';
import { clock } from '../../platform/clock.js';
import { appointmentHistory, getAppointment, listAppointments, toAppointmentDto } from '../appointments.js';
import { bookAppointmentWithView } from '../booking.js';
import { changeStatus, moveAppointment } from '../appointment-changes.js';
import { bookSeries } from '../series.js';
import { defaultMotif, engineChannel, findFreeSlots, holidaysOf, motifRule, practiceSettings, type MotifRow } from '../calendar.js';
import { activeMotif } from '../motifs.service.js';
import { slotId } from '../slot-id.js';
import {
  appointmentDetail, appointmentList, appointmentsQuery, bookBody, cancelBody, freeSlots, freeSlotsQuery, holidaysDto, holidaysQuery, idParam, moveBody,
  oneAppointment, seriesBody, seriesBooked, statusBody,
} from '../contract.js';
import { tags } from './schemas.js';
import { AGENDA_MESSAGES as M } from '../error-messages.js';

/**
 * The desk's agenda (`/api/agenda/free-slots`, holidays, appointments, series): secretaries and practitioners book
 * and see the whole practice's agenda. Every read or write of appointments is audited.
 */

/** Default listing window: the current local week (Monday to Monday). */
function defaultWindow(zone: string): { from: Date; to: Date } {
  const monday = DateTime.fromJSDate(clock.now()).setZone(zone).startOf('week');
  return { from: monday.toJSDate(), to: monday.plus({ weeks: 1 }).toJSDate() };
}

export function agendaAppointmentRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET', url: '/api/agenda/free-slots', summary: 'Créneaux libres (moteur de créneaux) pour un motif, un ou plusieurs praticiens', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      query: freeSlotsQuery,
      response: freeSlots,
      audit: 'none', // no patient data
      async handler({ ctx, tx, query }) {
        const now = clock.now();
        const from = query.from && query.from > now ? query.from : now;
        const to = query.to ?? new Date(from.getTime() + 14 * 86_400_000);
        if (to.getTime() - from.getTime() > 92 * 86_400_000) throw new AppError('validation_failed', [{ field: 'to', message: M.window92Days }]);
        let motif: MotifRow | undefined;
        if (query.motifId) motif = await activeMotif(tx, ctx.practiceId, query.motifId);
        const { slots } = await findFreeSlots(tx, ctx.practiceId, {
          practitionerIds: query.practitionerId, from, to, now, limit: query.limit, channel: engineChannel(query.channel),
          motifFor: (cal, pid) => {
            if (motif) return motif.practitioner_id === null || motif.practitioner_id === pid ? motifRule(motif) : motifRule(motif, { channels: [] });
            return motifRule(defaultMotif(cal.motifs, pid));
          },
        });
        return { slots: slots.map((s) => ({ practitionerId: s.practitionerId, start: s.start.toISOString(), end: s.end.toISOString(), urgent: s.urgent, remainingCapacity: s.remainingCapacity, slotId: slotId(s.practitionerId, s.start, s.end) })) };
      },
    }),

    route({
      method: 'GET', url: '/api/agenda/holidays', summary: 'Jours fériés du cabinet sur une période (région : métropole, Alsace-Moselle, outre-mer)', tags,
      access: STAFF,
      // Local dates of the practice; default: today and the next 31 days.
      query: holidaysQuery,
      response: holidaysDto,
      audit: 'none', // no patient data
      async handler({ ctx, tx, query }) {
        const { holidayRegion, timeZone } = await practiceSettings(tx, ctx.practiceId);
        const from = query.from ? DateTime.fromISO(query.from, { zone: 'UTC' }) : DateTime.fromISO(DateTime.fromJSDate(clock.now()).setZone(timeZone).toISODate()!, { zone: 'UTC' });
        const to = query.to ? DateTime.fromISO(query.to, { zone: 'UTC' }) : from.plus({ days: 31 });
        if (to < from || to.diff(from, 'days').days > 400) throw new AppError('validation_failed', [{ field: 'to', message: M.period400Days }]);
        const calendar = holidaysOf(holidayRegion);
        const holidays: { date: string; name: string }[] = [];
        for (let d = from; d <= to; d = d.plus({ days: 1 })) {
          const date = d.toISODate()!;
          const name = calendar.holidayName(date);
          if (name) holidays.push({ date, name });
        }
        return { region: holidayRegion, holidays };
      },
    }),

    route({
      method: 'GET', url: '/api/agenda/appointments', summary: 'Rendez-vous d’une période (jour, semaine), par praticien ou pour tout le cabinet', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      query: appointmentsQuery,
      response: appointmentList,
      audit: { action: 'appointment.listed', resourceType: 'appointment', details: (_p, r) => ({ from: r.from, to: r.to, results: r.appointments.length }) },
      async handler({ ctx, tx, query }) {
        const { timeZone } = await practiceSettings(tx, ctx.practiceId);
        const w = defaultWindow(timeZone);
        const from = query.from ?? w.from;
        const to = query.to ?? (query.from ? new Date(from.getTime() + 7 * 86_400_000) : w.to);
        if (to <= from || to.getTime() - from.getTime() > 62 * 86_400_000) throw new AppError('validation_failed', [{ field: 'to', message: M.period62Days }]);
        const appointments = await listAppointments(tx, ctx.practiceId, { from, to, practitionerIds: query.practitionerId, patientId: query.patientId, statuses: query.status });
        return { from: from.toISOString(), to: to.toISOString(), appointments };
      },
    }),
    route({
      method: 'GET', url: '/api/agenda/appointments/:id', summary: 'Un rendez-vous et son historique (qui, quand, quoi)', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      params: idParam,
      response: appointmentDetail,
      audit: { action: 'appointment.read', resourceType: 'appointment', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        const appointment = await getAppointment(tx, ctx.practiceId, params.id);
        if (!appointment) throw new AppError('not_found');
        return { appointment, history: await appointmentHistory(tx, ctx.practiceId, params.id) };
      },
    }),
    route({
      method: 'POST', url: '/api/agenda/appointments', summary: 'Prendre un rendez-vous au secrétariat (dérogation aux règles avec un motif)', tags,
      access: PRACTITIONERS_AND_SECRETARIES, status: 201,
      body: bookBody,
      response: oneAppointment,
      audit: 'none', // bookAppointment records it (with the override reason)
      async handler({ ctx, tx, body }) {
        // One statement reads and inserts (optimistic: any refusal throws and the platform rolls the request back);
        // the answer is built from what it returned, without a re-read. See docs/benchmarks.md « Agenda — booking ».
        const { row, view } = await bookAppointmentWithView(tx, ctx, { ...body, channel: 'desk' }, { optimistic: true });
        return { appointment: view ? toAppointmentDto(view) : (await getAppointment(tx, ctx.practiceId, row.id))! };
      },
    }),
    route({
      method: 'POST', url: '/api/agenda/appointments/:id/move', summary: 'Déplacer un rendez-vous (même contrôle qu’une prise de rendez-vous)', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      params: idParam,
      body: moveBody,
      response: oneAppointment,
      audit: 'none', // moveAppointment records it
      async handler({ ctx, tx, params, body }) {
        await moveAppointment(tx, ctx, params.id, { ...body, channel: 'desk', expectedVersion: body.version });
        return { appointment: (await getAppointment(tx, ctx.practiceId, params.id))! };
      },
    }),
    route({
      method: 'POST', url: '/api/agenda/appointments/:id/cancel', summary: 'Annuler un rendez-vous (par le patient ou par le cabinet, motif conservé)', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      params: idParam,
      body: cancelBody,
      response: oneAppointment,
      audit: 'none', // changeStatus records it
      async handler({ ctx, tx, params, body }) {
        await changeStatus(tx, ctx, params.id, body.by === 'patient' ? 'cancelled_by_patient' : 'cancelled_by_practice', { reason: body.reason, channel: 'desk', expectedVersion: body.version });
        return { appointment: (await getAppointment(tx, ctx.practiceId, params.id))! };
      },
    }),
    route({
      method: 'POST', url: '/api/agenda/appointments/:id/status', summary: 'Changer le statut (confirmé, arrivé, en consultation, terminé, absent…)', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      params: idParam,
      body: statusBody,
      response: oneAppointment,
      audit: 'none', // changeStatus records it
      async handler({ ctx, tx, params, body }) {
        await changeStatus(tx, ctx, params.id, body.status, { reason: body.reason, channel: 'desk', expectedVersion: body.version });
        return { appointment: (await getAppointment(tx, ctx.practiceId, params.id))! };
      },
    }),
    route({
      method: 'POST', url: '/api/agenda/series', summary: 'Réserver une série de séances (tout ou rien)', tags,
      access: PRACTITIONERS_AND_SECRETARIES, status: 201,
      body: seriesBody,
      response: seriesBooked,
      audit: 'none', // bookSeries records it
      async handler({ ctx, tx, body }) {
        const { seriesId, appointments } = await bookSeries(tx, ctx, { ...body, channel: 'desk' });
        const dtos = await listAppointments(tx, ctx.practiceId, { from: new Date(appointments[0]!.starts_at), to: new Date(new Date(appointments[appointments.length - 1]!.ends_at).getTime() + 1), patientId: body.patientId });
        return { seriesId, appointments: dtos.filter((d) => d.seriesId === seriesId) };
      },
    }),
  ];
}
