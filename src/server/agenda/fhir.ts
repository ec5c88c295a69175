import type { FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import { route, type RouteDef } from '../platform/http/route.js';
import { appointmentQuery, getAppointment, toAppointmentDto, type AppointmentDto } from './appointments.js';
import { bookAppointment, changeStatus, moveAppointment, type BookingContext } from './booking.js';
import { defaultMotif, findFreeSlots, loadCalendar, motifRule, practiceSettings, type MotifRow } from './calendar.js';
import { applyJsonPatch, type PatchOp } from './json-patch.js';
import type { AppointmentStatus } from './schema.js';
import { isSlotBookable } from './slots/index.js';
import { parseSlotId, slotId } from './slot-id.js';
import { fromFhirStatus, isCancelled, toFhirStatus } from './status.js';
import { clock } from '../platform/clock.js';

/**
 * FHIR R4 scheduling: Practitioner, Schedule (one per practitioner, same id), Slot (computed by the slot
 * engine; the id encodes practitioner, start and duration) and Appointment (read, search, create, update, patch).
 */
const STAFF = { roles: ['admin', 'practitioner', 'secretary'] } as const;
const DESK = { roles: ['secretary', 'practitioner'] } as const;
const tags = ['fhir'];
const RPPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1'; // IDNPS: '8' + RPPS
const MOTIF_SYSTEM = 'urn:pivot:motif';
const CANCEL_SYSTEM = 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const resource = (type: string) => z.looseObject({ resourceType: z.literal(type) });
const bundle = z.looseObject({ resourceType: z.literal('Bundle') });
const many = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const count = (max: number, def: number) => z.coerce.number().int().min(0).max(max).default(def);

const base = (req: FastifyRequest) => `${req.protocol}://${req.headers.host ?? 'localhost'}/fhir/R4`;

function searchset(req: FastifyRequest, type: string, resources: object[], total?: number) {
  const b = base(req);
  return {
    resourceType: 'Bundle' as const,
    type: 'searchset',
    total: total ?? resources.length,
    link: [{ relation: 'self', url: `${b}${req.url.replace(/^\/fhir\/R4/, '')}` }],
    entry: resources.map((r) => ({ fullUrl: `${b}/${type}/${(r as { id: string }).id}`, resource: r, search: { mode: 'match' } })),
  };
}

/** Reference value of a search parameter: `Type/id` or `id`; undefined when it cannot be one of ours. */
function refId(value: string, type: string): string | undefined {
  const v = value.startsWith(`${type}/`) ? value.slice(type.length + 1) : value.includes('/') ? '' : value;
  return UUID_RE.test(v) ? v.toLowerCase() : undefined;
}

/** FHIR date search value with prefix → half-open bounds on the searched instant. */
export function dateBounds(values: readonly string[], zone: string): { from?: Date; to?: Date } | 'invalid' {
  let from: number | undefined;
  let to: number | undefined;
  for (const raw of values) {
    const m = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?)$/.exec(raw);
    if (!m) return 'invalid';
    const prefix = m[1] ?? 'eq';
    const text = m[2]!;
    const dt = DateTime.fromISO(text, { zone, setZone: false });
    if (!dt.isValid) return 'invalid';
    const unit = text.length === 4 ? 'year' : text.length === 7 ? 'month' : text.length === 10 ? 'day' : m[6] ? 'second' : 'minute';
    const lo = dt.startOf(unit).toMillis();
    const hi = dt.startOf(unit).plus({ [unit]: 1 }).toMillis();
    const lower = (x: number) => (from = from === undefined ? x : Math.max(from, x));
    const upper = (x: number) => (to = to === undefined ? x : Math.min(to, x));
    switch (prefix) {
      case 'eq': case 'ap': lower(lo); upper(hi); break;
      case 'ge': case 'sa': lower(prefix === 'sa' ? hi : lo); break;
      case 'gt': lower(hi); break;
      case 'lt': case 'eb': upper(lo); break;
      case 'le': upper(hi); break;
      default: return 'invalid';
    }
  }
  return { ...(from !== undefined ? { from: new Date(from) } : {}), ...(to !== undefined ? { to: new Date(to) } : {}) };
}

type PractitionerRow = { id: string; display_name: string; rpps: string | null; specialty: string; active: boolean; updated_at: Date | string };

function fhirPractitioner(p: PractitionerRow) {
  return {
    resourceType: 'Practitioner' as const,
    id: p.id,
    meta: { lastUpdated: new Date(p.updated_at).toISOString() },
    active: p.active,
    ...(p.rpps ? { identifier: [{ system: RPPS_SYSTEM, value: `8${p.rpps}` }] } : {}),
    name: [{ text: p.display_name }],
    qualification: [{ code: { text: p.specialty } }],
  };
}

function fhirSchedule(p: PractitionerRow, timeZone: string) {
  return {
    resourceType: 'Schedule' as const,
    id: p.id,
    meta: { lastUpdated: new Date(p.updated_at).toISOString() },
    active: p.active,
    actor: [{ reference: `Practitioner/${p.id}`, display: p.display_name }],
    comment: `Agenda de ${p.display_name} (${timeZone})`,
  };
}

function motifConcept(m: { id: string; name: string } | undefined) {
  return m ? [{ coding: [{ system: MOTIF_SYSTEM, code: m.id, display: m.name }], text: m.name }] : undefined;
}

export function fhirAppointment(a: AppointmentDto) {
  const cancelled = isCancelled(a.status);
  return {
    resourceType: 'Appointment' as const,
    id: a.id,
    meta: { versionId: String(a.version), lastUpdated: a.updatedAt },
    status: toFhirStatus(a.status),
    ...(cancelled
      ? {
          cancelationReason: {
            coding: [{ system: CANCEL_SYSTEM, code: a.status === 'cancelled_by_patient' ? 'pat' : 'prov' }],
            ...(a.cancellationReason ? { text: a.cancellationReason } : {}),
          },
        }
      : {}),
    ...(a.motifId ? { serviceType: motifConcept({ id: a.motifId, name: a.motifName ?? 'Motif' }) } : {}),
    ...(a.motifName ? { description: a.motifName } : {}),
    start: a.start,
    end: a.end,
    minutesDuration: Math.round((Date.parse(a.end) - Date.parse(a.start)) / 60_000),
    slot: [{ reference: `Slot/${slotId(a.practitionerId, new Date(a.start), new Date(a.end))}` }],
    created: a.createdAt,
    ...(a.note ? { comment: a.note } : {}),
    participant: [
      { actor: { reference: `Patient/${a.patientId}`, display: a.patientName }, required: 'required', status: 'accepted' },
      { actor: { reference: `Practitioner/${a.practitionerId}`, display: a.practitionerName }, required: 'required', status: 'accepted' },
    ],
  };
}

// What we read from an incoming Appointment (create, update, patched): everything else is ignored.
const coding = z.looseObject({ system: z.string().max(300).optional(), code: z.string().max(100).optional() });
const concept = z.looseObject({ coding: z.array(coding).max(20).optional(), text: z.string().max(500).optional() });
const appointmentIn = z.looseObject({
  resourceType: z.literal('Appointment'),
  id: z.string().max(64).optional(),
  status: z.string().max(30),
  start: z.iso.datetime({ offset: true }).optional(),
  end: z.iso.datetime({ offset: true }).optional(),
  slot: z.array(z.looseObject({ reference: z.string().max(200).optional() })).max(5).optional(),
  serviceType: z.array(concept).max(5).optional(),
  cancelationReason: concept.optional(),
  comment: z.string().max(2000).optional(),
  participant: z
    .array(z.looseObject({ actor: z.looseObject({ reference: z.string().max(200).optional() }).optional(), status: z.string().max(30).optional() }))
    .min(1)
    .max(20),
});
type AppointmentIn = z.infer<typeof appointmentIn>;

function bad(field: string, message: string): AppError {
  return new AppError('unprocessable', [{ field, message }]);
}

function participantId(a: AppointmentIn, type: string): string | undefined {
  const refs = a.participant.map((p) => p.actor?.reference).filter((r): r is string => !!r && r.startsWith(`${type}/`));
  if (refs.length > 1) throw bad('participant', `Un seul participant ${type} est pris en charge.`);
  if (!refs.length) return undefined;
  const id = refId(refs[0]!, type);
  if (!id) throw bad('participant', `Référence ${type} invalide.`);
  return id;
}

function motifIdOf(a: AppointmentIn): string | undefined {
  const code = a.serviceType?.flatMap((s) => s.coding ?? []).find((c) => c.system === MOTIF_SYSTEM)?.code;
  if (code === undefined) return undefined;
  if (!UUID_RE.test(code)) throw bad('serviceType', 'Motif inconnu.');
  return code;
}

async function readFhirAppointment(tx: Tx, practiceId: string, id: string) {
  const dto = await getAppointment(tx, practiceId, id);
  if (!dto) throw new AppError('not_found');
  return dto;
}

function setVersionHeaders(reply: FastifyReply, req: FastifyRequest, a: AppointmentDto, created = false) {
  reply.header('etag', `W/"${a.version}"`);
  reply.header('last-modified', new Date(a.updatedAt).toUTCString());
  if (created) reply.header('location', `${base(req)}/Appointment/${a.id}/_history/${a.version}`);
}

function ifMatch(req: FastifyRequest): number | undefined {
  const h = req.headers['if-match'];
  const m = typeof h === 'string' ? /^(?:W\/)?"(\d+)"$/.exec(h.trim()) : null;
  return m ? Number(m[1]) : undefined;
}

/** Applies an updated Appointment (PUT or patched): status change, move, note. */
async function applyUpdate(tx: Tx, ctx: BookingContext, current: AppointmentDto, next: AppointmentIn, expectedVersion: number | undefined): Promise<void> {
  // A UUID in another case is the same id (the URL's arrives lowered by the route layer).
  if (next.id !== undefined && next.id.toLowerCase() !== current.id) throw new AppError('bad_request', [{ field: 'id', message: 'L’id de la ressource ne correspond pas à l’adresse.' }]);
  const patientId = participantId(next, 'Patient');
  if (patientId && patientId !== current.patientId) throw bad('participant', 'Le patient d’un rendez-vous ne se change pas : annulez et reprenez un rendez-vous.');
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new AppError('conflict', undefined, { fr: 'Ce rendez-vous a été modifié entre-temps : rechargez-le.', en: 'This appointment changed meanwhile: reload it.' });
  }
  const practitionerId = participantId(next, 'Practitioner') ?? current.practitionerId;
  const start = next.start ? new Date(next.start) : new Date(current.start);
  const end = next.end ? new Date(next.end) : new Date(current.end);
  let changed = false;
  if (practitionerId !== current.practitionerId || start.getTime() !== Date.parse(current.start) || end.getTime() !== Date.parse(current.end)) {
    await moveAppointment(tx, ctx, current.id, { start, end, practitionerId, channel: 'api' });
    changed = true;
  }
  const cancelledBy = next.cancelationReason?.coding?.some((c) => c.code === 'pat') ? 'patient' : 'practice';
  const to = fromFhirStatus(next.status, current.status, cancelledBy);
  if (!to) throw bad('status', `Statut FHIR non pris en charge : ${next.status}.`);
  if (to !== current.status) {
    const reason = next.cancelationReason?.text ?? next.cancelationReason?.coding?.find((c) => c.code)?.code ?? (isCancelled(to) ? 'Annulation (FHIR)' : undefined);
    await changeStatus(tx, ctx, current.id, to as AppointmentStatus, { reason, channel: 'api' });
    changed = true;
  }
  if ((next.comment ?? null) !== current.note) {
    await tx.updateTable('appointments').set((eb) => ({ note: next.comment ?? null, updated_at: clock.now(), version: eb('version', '+', 1) })).where('practice_id', '=', ctx.practiceId).where('id', '=', current.id).execute();
    changed = true;
  }
  if (!changed) return;
}

/** A practitioner of the practice by id (a Practitioner id is also its Schedule id), else 404. */
async function practitionerOr404(tx: Tx, practiceId: string, id: string) {
  if (!UUID_RE.test(id)) throw new AppError('not_found');
  const p = await tx.selectFrom('practitioners').selectAll().where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
  if (!p) throw new AppError('not_found');
  return p;
}

export function agendaFhirRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET', url: '/fhir/R4/Practitioner', summary: 'FHIR : rechercher les praticiens (name, identifier)', tags,
      access: STAFF,
      query: z.object({ name: z.string().max(100).optional(), identifier: z.string().max(100).optional(), _count: count(500, 100) }),
      response: bundle,
      audit: 'none',
      async handler({ ctx, tx, query, req }) {
        let q = tx.selectFrom('practitioners').selectAll().where('practice_id', '=', ctx.practiceId).orderBy('display_name');
        if (query.name) q = q.where('display_name', 'ilike', `%${query.name.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
        if (query.identifier) {
          const v = query.identifier.split('|').pop()!;
          q = q.where('rpps', '=', v.length === 12 && v.startsWith('8') ? v.slice(1) : v);
        }
        const rows = await q.limit(query._count).execute();
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
        let q = tx.selectFrom('practitioners').selectAll().where('practice_id', '=', ctx.practiceId).orderBy('display_name');
        if (query.actor !== undefined) {
          const id = refId(query.actor, 'Practitioner');
          if (!id) return searchset(req, 'Schedule', []);
          q = q.where('id', '=', id);
        }
        q = q.where('active', '=', query.active !== 'false');
        const rows = await q.limit(query._count).execute();
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
        if (bounds === 'invalid') throw new AppError('validation_failed', [{ field: 'start', message: 'Date de recherche invalide (ex. ge2026-03-10).' }]);
        const now = clock.now();
        const from = bounds.from && bounds.from > now ? bounds.from : now;
        const to = bounds.to ?? new Date(from.getTime() + 14 * 86_400_000);
        if (to <= from) return searchset(req, 'Slot', []);
        if (to.getTime() - from.getTime() > 92 * 86_400_000) throw new AppError('validation_failed', [{ field: 'start', message: 'Fenêtre de 92 jours au plus.' }]);
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
      access: DESK,
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
        let q = appointmentQuery(tx, ctx.practiceId);
        if (query.date) {
          const b = dateBounds(query.date, timeZone);
          if (b === 'invalid') throw new AppError('validation_failed', [{ field: 'date', message: 'Date de recherche invalide (ex. ge2026-03-10).' }]);
          if (b.from) q = q.where('a.starts_at', '>=', b.from);
          if (b.to) q = q.where('a.starts_at', '<', b.to);
        }
        const empty = () => searchset(req, 'Appointment', []);
        for (const [param, type] of [['patient', 'Patient'], ['practitioner', 'Practitioner']] as const) {
          if (query[param] === undefined) continue;
          const id = refId(query[param]!, type);
          if (!id) return empty();
          q = q.where(param === 'patient' ? 'a.patient_id' : 'a.practitioner_id', '=', id);
        }
        if (query.actor !== undefined) {
          const pid = refId(query.actor, 'Patient') ?? refId(query.actor, 'Practitioner');
          if (!pid) return empty();
          q = q.where((eb) => eb.or([eb('a.patient_id', '=', pid), eb('a.practitioner_id', '=', pid)]));
        }
        if (query.status !== undefined) {
          const wanted = new Set(query.status.split(','));
          const internal = (['booked', 'confirmed', 'arrived', 'in_consultation', 'done', 'no_show', 'cancelled_by_patient', 'cancelled_by_practice'] as const).filter((s) => wanted.has(toFhirStatus(s)));
          if (!internal.length) return empty();
          q = q.where('a.status', 'in', internal);
        }
        const rows = await q.orderBy('a.starts_at').orderBy('a.id').limit(query._count).execute();
        return searchset(req, 'Appointment', rows.map((r) => fhirAppointment(toAppointmentDto(r))));
      },
    }),
    route({
      method: 'GET', url: '/fhir/R4/Appointment/:id', summary: 'FHIR : lire un rendez-vous', tags,
      access: DESK,
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
      access: DESK, status: 201,
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
          // The slot's motif: the practitioner's default motif when its duration matches.
          const motifs = (await tx.selectFrom('appointment_types').selectAll().where('practice_id', '=', ctx.practiceId).where('active', '=', true)
            .where((eb) => eb.or([eb('practitioner_id', 'is', null), eb('practitioner_id', '=', practitionerId!)])).orderBy('created_at').orderBy('name').execute()) as MotifRow[];
          const minutes = (end.getTime() - start.getTime()) / 60_000;
          const d = defaultMotif(motifs, practitionerId);
          motifId = d && d.duration_minutes === minutes ? d.id : motifs.find((m) => m.duration_minutes === minutes && m.capacity === 1)?.id;
        }
        const row = await bookAppointment(tx, ctx, { practitionerId, patientId, motifId, start, end, channel: 'api', note: body.comment ?? null });
        const a = await readFhirAppointment(tx, ctx.practiceId, row.id);
        setVersionHeaders(reply, req, a, true);
        return fhirAppointment(a);
      },
    }),
    route({
      method: 'PUT', url: '/fhir/R4/Appointment/:id', summary: 'FHIR : mettre à jour un rendez-vous (statut, annulation, déplacement)', tags,
      access: DESK,
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
      access: DESK,
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

