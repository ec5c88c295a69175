import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { route, PRACTITIONERS_AND_SECRETARIES, STAFF, type RouteDef } from '../../platform/http/route.js';
import { bookAppointment } from '../booking.js';
import { defaultMotif, findFreeSlots, loadCalendar, motifRule, practiceSettings, type MotifRow } from '../calendar.js';
import { applyJsonPatch, type PatchOp } from '../json-patch.js';
import { isSlotBookable } from '../slots/index.js';
import { parseSlotId, slotId } from '../slot-id.js';
import { toFhirStatus } from '../status.js';
import { clock } from '../../platform/clock.js';
import { appointmentIn, applyUpdate, bad, motifIdOf, participantId } from './appointment-input.js';
import { motifForSlot, practitionerOr404, readFhirAppointment, schedulePractitioners, searchAppointments, searchPractitioners, type AppointmentSearch } from './fhir.service.js';
import { fhirAppointment, fhirPractitioner, fhirSchedule, ifMatch, motifConcept, searchset, setVersionHeaders } from './resources.js';
import { dateBounds, refId, UUID_RE } from './search-params.js';
import { AGENDA_MESSAGES as M } from '../error-messages.js';

/**
 * FHIR R4 scheduling: Practitioner, Schedule (one per practitioner, same id), Slot (computed by the slot
 * engine; the id encodes practitioner, start and duration) and Appointment (read, search, create, update, patch).
 * Resources: resources.ts; incoming Appointments: appointment-input.ts; database work: fhir.service.ts.
 */
const tags = ['fhir'];

const resource = (type: string) => z.looseObject({ resourceType: z.literal(type) });
const bundle = z.looseObject({ resourceType: z.literal('Bundle') });
const many = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const count = (max: number, def: number) => z.coerce.number().int().min(0).max(max).default(def);

export function agendaFhirRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET', url: '/fhir/R4/Practitioner', summary: 'FHIR : rechercher les praticiens (name, identifier)', tags,
      access: STAFF,
      query: z.object({ name: z.string().max(100).optional(), identifier: z.string().max(100).optional(), _count: count(500, 100) }),
      response: bundle,
      audit: 'none',
      async handler({ ctx, tx, query, req }) {
        const rows = await searchPractitioners(tx, ctx.practiceId, { name: query.name, identifier: query.identifier, count: query._count });
        return searchset(req, 'Practitioner', rows.map(fhirPractitioner));
      },
    }),
    route({
      method: 'GET', url: '/fhir/R4/Practitioner/:id', summary: 'FHIR : lire un praticien', tags,
      access: STAFF,
      params: z.object({ id: z.string().max(64) }),
      response: resource('Practitioner'),
      audit: 'none',
      async handler({ ctx, tx, params }) {
        return fhirPractitioner(await practitionerOr404(tx, ctx.practiceId, params.id));
      },
    }),
    route({
      method: 'GET', url: '/fhir/R4/Schedule', summary: 'FHIR : rechercher les agendas (actor)', tags,
      access: STAFF,
      query: z.object({ actor: z.string().max(200).optional(), active: z.enum(['true', 'false']).optional(), _count: count(500, 100) }),
      response: bundle,
      audit: 'none',
      async handler({ ctx, tx, query, req }) {
        const { timeZone } = await practiceSettings(tx, ctx.practiceId);
        let id: string | undefined;
        if (query.actor !== undefined) {
          id = refId(query.actor, 'Practitioner');
          if (!id) return searchset(req, 'Schedule', []);
        }
        const rows = await schedulePractitioners(tx, ctx.practiceId, { id, active: query.active !== 'false', count: query._count });
        return searchset(req, 'Schedule', rows.map((p) => fhirSchedule(p, timeZone)));
      },
    }),
    route({
      method: 'GET', url: '/fhir/R4/Schedule/:id', summary: 'FHIR : lire l’agenda d’un praticien', tags,
      access: STAFF,
      params: z.object({ id: z.string().max(64) }),
      response: resource('Schedule'),
      audit: 'none',
      async handler({ ctx, tx, params }) {
        const p = await practitionerOr404(tx, ctx.practiceId, params.id);
        return fhirSchedule(p, (await practiceSettings(tx, ctx.practiceId)).timeZone);
      },
    }),
    route({
      method: 'GET', url: '/fhir/R4/Slot', summary: 'FHIR : créneaux libres (schedule, start avec ge/gt/lt/le, status=free, service-type)', tags,
      access: STAFF,
      query: z.object({
        schedule: z.string().max(200).optional(),
        start: many.optional(),
        status: z.string().max(50).optional(),
        'service-type': z.string().max(300).optional(),
        _count: count(1000, 100),
      }),
      response: bundle,
      audit: 'none', // no patient data
      async handler({ ctx, tx, query, req }) {
        if (query.status !== undefined && !query.status.split(',').includes('free')) return searchset(req, 'Slot', []);
        const { timeZone } = await practiceSettings(tx, ctx.practiceId);
        const bounds = dateBounds(query.start ?? [], timeZone);
        if (bounds === 'invalid') throw new AppError('validation_failed', [{ field: 'start', message: M.invalidSearchDate }]);
        const now = clock.now();
        const from = bounds.from && bounds.from > now ? bounds.from : now;
        const to = bounds.to ?? new Date(from.getTime() + 14 * 86_400_000);
        if (to <= from) return searchset(req, 'Slot', []);
        if (to.getTime() - from.getTime() > 92 * 86_400_000) throw new AppError('validation_failed', [{ field: 'start', message: M.window92Days }]);
        let practitionerIds: string[] | undefined;
        if (query.schedule !== undefined) {
          const id = refId(query.schedule, 'Schedule');
          if (!id) return searchset(req, 'Slot', []);
          practitionerIds = [id];
        }
        const wanted = query['service-type']?.split('|').pop();
        const motifOf = (motifs: readonly MotifRow[], pid: string): MotifRow | undefined =>
          wanted ? motifs.find((m) => m.id === wanted && (m.practitioner_id === null || m.practitioner_id === pid)) : defaultMotif(motifs, pid);
        const { slots, calendar } = await findFreeSlots(tx, ctx.practiceId, {
          practitionerIds, from, to, now, limit: query._count, channel: 'desk',
          motifFor: (cal, pid) => {
            const m = motifOf(cal.motifs, pid);
            return wanted && !m ? motifRule(undefined, { channels: [] }) : motifRule(m);
          },
        });
        const motifFor = (pid: string) => motifOf(calendar?.motifs ?? [], pid);
        return searchset(req, 'Slot', slots.map((s) => {
          const m = motifFor(s.practitionerId);
          return {
            resourceType: 'Slot',
            id: slotId(s.practitionerId, s.start, s.end),
            ...(m ? { serviceType: motifConcept(m) } : {}),
            schedule: { reference: `Schedule/${s.practitionerId}` },
            status: 'free',
            start: s.start.toISOString(),
            end: s.end.toISOString(),
            ...(s.remainingCapacity > 1 ? { overbooked: false, comment: `${s.remainingCapacity} places` } : {}),
            ...(s.urgent ? { comment: 'Créneau réservé aux urgences du jour' } : {}),
          };
        }));
      },
    }),
    route({
      method: 'GET', url: '/fhir/R4/Slot/:id', summary: 'FHIR : lire un créneau (libre ou occupé à présent)', tags,
      access: STAFF,
      params: z.object({ id: z.string().max(64) }),
      response: resource('Slot'),
      audit: 'none',
      async handler({ ctx, tx, params }) {
        const s = parseSlotId(params.id);
        if (!s) throw new AppError('not_found');
        const cal = await loadCalendar(tx, ctx.practiceId, { practitionerIds: [s.practitionerId], from: s.start, to: s.end });
        if (!cal.practitioners.length) throw new AppError('not_found');
        const minutes = (s.end.getTime() - s.start.getTime()) / 60_000;
        const r = isSlotBookable(cal.input, { motif: motifRule(defaultMotif(cal.motifs, s.practitionerId), { durationMinutes: minutes, stepMinutes: 1 }), channel: 'desk', now: clock.now() }, { practitionerId: s.practitionerId, start: s.start });
        return {
          resourceType: 'Slot',
          id: params.id,
          schedule: { reference: `Schedule/${s.practitionerId}` },
          status: r.ok ? 'free' : r.reason === 'taken' || r.reason === 'resource_taken' ? 'busy' : 'busy-unavailable',
          start: s.start.toISOString(),
          end: s.end.toISOString(),
        };
      },
    }),
    route({
      method: 'GET', url: '/fhir/R4/Appointment', summary: 'FHIR : rechercher des rendez-vous (date, patient, practitioner, status)', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      query: z.object({
        date: many.optional(),
        patient: z.string().max(200).optional(),
        practitioner: z.string().max(200).optional(),
        actor: z.string().max(200).optional(),
        status: z.string().max(200).optional(),
        _count: count(1000, 100),
      }),
      response: bundle,
      audit: { action: 'appointment.searched', resourceType: 'appointment', details: (_p, r) => ({ results: (r as { total?: number }).total ?? 0, fhir: true }) },
      async handler({ ctx, tx, query, req }) {
        const { timeZone } = await practiceSettings(tx, ctx.practiceId);
        const search: AppointmentSearch = { count: query._count };
        if (query.date) {
          const b = dateBounds(query.date, timeZone);
          if (b === 'invalid') throw new AppError('validation_failed', [{ field: 'date', message: M.invalidSearchDate }]);
          search.from = b.from;
          search.to = b.to;
        }
        const empty = () => searchset(req, 'Appointment', []);
        for (const [param, type] of [['patient', 'Patient'], ['practitioner', 'Practitioner']] as const) {
          if (query[param] === undefined) continue;
          const id = refId(query[param]!, type);
          if (!id) return empty();
          search[param === 'patient' ? 'patientId' : 'practitionerId'] = id;
        }
        if (query.actor !== undefined) {
          const pid = refId(query.actor, 'Patient') ?? refId(query.actor, 'Practitioner');
          if (!pid) return empty();
          search.actorId = pid;
        }
        if (query.status !== undefined) {
          const wanted = new Set(query.status.split(','));
          const internal = (['booked', 'confirmed', 'arrived', 'in_consultation', 'done', 'no_show', 'cancelled_by_patient', 'cancelled_by_practice'] as const).filter((s) => wanted.has(toFhirStatus(s)));
          if (!internal.length) return empty();
          search.statuses = [...internal];
        }
        const rows = await searchAppointments(tx, ctx.practiceId, search);
        return searchset(req, 'Appointment', rows.map(fhirAppointment));
      },
    }),
    route({
      method: 'GET', url: '/fhir/R4/Appointment/:id', summary: 'FHIR : lire un rendez-vous', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      params: z.object({ id: z.string().max(64) }),
      response: resource('Appointment'),
      audit: { action: 'appointment.read', resourceType: 'appointment', resourceId: (p) => p.id },
      async handler({ ctx, tx, params, reply, req }) {
        if (!UUID_RE.test(params.id)) throw new AppError('not_found');
        const a = await readFhirAppointment(tx, ctx.practiceId, params.id);
        setVersionHeaders(reply, req, a);
        return fhirAppointment(a);
      },
    }),
    route({
      method: 'POST', url: '/fhir/R4/Appointment', summary: 'FHIR : prendre un rendez-vous (status booked, slot ou start/end + participants) ; 409 si le créneau est pris', tags,
      access: PRACTITIONERS_AND_SECRETARIES, status: 201,
      body: appointmentIn,
      response: resource('Appointment'),
      audit: 'none', // bookAppointment records it
      async handler({ ctx, tx, body, reply, req }) {
        if (body.status !== 'booked') throw bad('status', 'Un rendez-vous se crée avec le statut « booked ».');
        const patientId = participantId(body, 'Patient');
        if (!patientId) throw bad('participant', 'Indiquez le patient (participant Patient/…).');
        let practitionerId = participantId(body, 'Practitioner');
        let start = body.start ? new Date(body.start) : undefined;
        let end = body.end ? new Date(body.end) : undefined;
        const slotRef = body.slot?.find((s) => s.reference)?.reference;
        if (slotRef) {
          const s = parseSlotId(slotRef.replace(/^Slot\//, ''));
          if (!s) throw bad('slot', 'Créneau (Slot) inconnu.');
          if (practitionerId && practitionerId !== s.practitionerId) throw bad('participant', 'Le praticien ne correspond pas au créneau.');
          if ((start && start.getTime() !== s.start.getTime()) || (end && end.getTime() !== s.end.getTime())) throw bad('start', 'Début ou fin différents du créneau.');
          practitionerId = s.practitionerId;
          start = s.start;
          end = s.end;
        }
        if (!practitionerId) throw bad('participant', 'Indiquez le praticien (participant Practitioner/…) ou un créneau.');
        if (!start || !end) throw bad('start', 'Indiquez un créneau (slot) ou le début et la fin.');
        let motifId = motifIdOf(body);
        if (!motifId) {
          motifId = await motifForSlot(tx, ctx.practiceId, practitionerId, (end.getTime() - start.getTime()) / 60_000);
        }
        const row = await bookAppointment(tx, ctx, { practitionerId, patientId, motifId, start, end, channel: 'api', note: body.comment ?? null });
        const a = await readFhirAppointment(tx, ctx.practiceId, row.id);
        setVersionHeaders(reply, req, a, true);
        return fhirAppointment(a);
      },
    }),
    route({
      method: 'PUT', url: '/fhir/R4/Appointment/:id', summary: 'FHIR : mettre à jour un rendez-vous (statut, annulation, déplacement)', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      params: z.object({ id: z.string().max(64) }),
      body: appointmentIn,
      response: resource('Appointment'),
      audit: 'none', // the booking service records each change
      async handler({ ctx, tx, params, body, reply, req }) {
        if (!UUID_RE.test(params.id)) throw new AppError('not_found');
        const current = await readFhirAppointment(tx, ctx.practiceId, params.id);
        await applyUpdate(tx, ctx, current, body, ifMatch(req));
        const a = await readFhirAppointment(tx, ctx.practiceId, params.id);
        setVersionHeaders(reply, req, a);
        return fhirAppointment(a);
      },
    }),
    route({
      method: 'PATCH', url: '/fhir/R4/Appointment/:id', summary: 'FHIR : corriger un rendez-vous par JSON Patch (ex. status → arrived)', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      params: z.object({ id: z.string().max(64) }),
      body: z
        .array(
          z.object({
            op: z.enum(['add', 'remove', 'replace', 'test', 'copy', 'move']),
            path: z.string().max(300),
            from: z.string().max(300).optional(),
            value: z.unknown().optional(),
          }),
        )
        .min(1)
        .max(50),
      response: resource('Appointment'),
      audit: 'none', // the booking service records each change
      async handler({ ctx, tx, params, body, reply, req }) {
        if (!UUID_RE.test(params.id)) throw new AppError('not_found');
        const current = await readFhirAppointment(tx, ctx.practiceId, params.id);
        for (const op of body) if ((op.op === 'copy' || op.op === 'move') && op.from === undefined) throw bad('patch', '« from » manquant.');
        const patched = applyJsonPatch(fhirAppointment(current) as unknown, body as PatchOp[]);
        const parsed = appointmentIn.safeParse(patched);
        if (!parsed.success) throw new AppError('unprocessable', parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
        await applyUpdate(tx, ctx, current, parsed.data, ifMatch(req));
        const a = await readFhirAppointment(tx, ctx.practiceId, params.id);
        setVersionHeaders(reply, req, a);
        return fhirAppointment(a);
      },
    }),
  ];
}

