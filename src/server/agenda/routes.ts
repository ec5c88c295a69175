import { z } from 'zod';
import { DateTime } from 'luxon';
import { route, type RouteDef } from '../platform/http/route.js';
import { AppError } from '../platform/http/errors.js';
import type { Tx } from '../platform/db/database.js';
import { appointmentHistory, getAppointment, listAppointments, toAppointmentDto } from './appointments.js';
import { bookAppointmentWithView, bookSeries, changeStatus, moveAppointment } from './booking.js';
import { defaultMotif, engineChannel, findFreeSlots, holidaysOf, motifRule, practiceSettings, type MotifRow } from './calendar.js';
import { isRpps } from './rpps.js';
import { slotId } from './slot-id.js';
import { STATUSES } from './status.js';
import { clock } from '../platform/clock.js';

/**
 * REST API of the agenda (`/api/agenda/…`). Roles: the admin configures (practitioners, motifs, hours,
 * absences, settings); secretaries and practitioners book and see the whole practice's agenda (a practitioner
 * covers for a colleague, answers the phone at lunch). Every read or write of appointments is audited.
 */
const CONFIG = { roles: ['admin'] } as const;
const STAFF = { roles: ['admin', 'practitioner', 'secretary'] } as const;
const DESK = { roles: ['secretary', 'practitioner'] } as const;
const tags = ['agenda'];

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const isoDate = z.iso.date();
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const sector = z.enum(['1', '2', 'optam', 'non_conventionne']);
const status = z.enum(STATUSES as [string, ...string[]]) as unknown as z.ZodEnum<{ [K in (typeof STATUSES)[number]]: K }>;

const practitionerDto = z.object({
  id: z.uuid(),
  accountId: z.uuid().nullable(),
  displayName: z.string(),
  rpps: z.string().nullable(),
  specialty: z.string(),
  sector,
  colour: z.string(),
  active: z.boolean(),
});
const motifDto = z.object({
  id: z.uuid(),
  practitionerId: z.uuid().nullable(),
  name: z.string(),
  durationMinutes: z.number(),
  bufferMinutes: z.number(),
  colour: z.string(),
  newPatientsAllowed: z.boolean(),
  onlineBookable: z.boolean(),
  teleconsultation: z.boolean(),
  preparationInstructions: z.string().nullable(),
  documentsToBring: z.string().nullable(),
  requiredResourceId: z.uuid().nullable(),
  capacity: z.number(),
  active: z.boolean(),
});
const appointmentDto = z.object({
  id: z.uuid(),
  practitionerId: z.uuid(),
  practitionerName: z.string(),
  patientId: z.uuid(),
  patientName: z.string(),
  /** The parts of the name, for the web app to write it in the reader's language (platform/identity-display.ts). */
  patientIdentity: z.object({ birthName: z.string(), usedName: z.string().nullable(), firstName: z.string() }),
  patientBirthDate: z.string(),
  patientPhone: z.string().nullable().optional(),
  motifId: z.uuid().nullable(),
  motifName: z.string().nullable(),
  colour: z.string().nullable(),
  resourceId: z.uuid().nullable(),
  seriesId: z.uuid().nullable(),
  start: z.string(),
  end: z.string(),
  busyUntil: z.string(),
  seat: z.number().nullable(),
  status,
  channel: z.string(),
  teleconsultation: z.boolean(),
  note: z.string().nullable(),
  overrideReason: z.string().nullable(),
  cancellationReason: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  statusChangedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
const historyDto = z.array(
  z.object({
    at: z.string(),
    kind: z.string(),
    by: z.string().nullable(),
    accountId: z.string().nullable(),
    channel: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    fromStart: z.string().nullable(),
    toStart: z.string().nullable(),
    reason: z.string().nullable(),
  }),
);
const weeklyRange = z.object({
  weekday: z.number().int().min(1).max(7),
  start: time,
  end: time,
  validFrom: isoDate.optional(),
  validUntil: isoDate.nullable().optional(),
  weekParity: z.enum(['all', 'even', 'odd']).default('all'),
});
const urgentRange = z.object({ weekday: z.number().int().min(1).max(7), start: time, end: time });
const exceptionDto = z.object({ id: z.uuid(), kind: z.enum(['opening', 'absence']), reason: z.string().nullable(), start: z.string(), end: z.string() });

type PractitionerRowFull = { id: string; account_id: string | null; display_name: string; rpps: string | null; specialty: string; sector: z.infer<typeof sector>; colour: string; active: boolean };
const toPractitioner = (r: PractitionerRowFull) => ({
  id: r.id,
  accountId: r.account_id,
  displayName: r.display_name,
  rpps: r.rpps,
  specialty: r.specialty,
  sector: r.sector,
  colour: r.colour,
  active: r.active,
});
type MotifRowFull = {
  id: string; practitioner_id: string | null; name: string; duration_minutes: number; buffer_minutes: number; colour: string; new_patients_allowed: boolean;
  online_bookable: boolean; teleconsultation: boolean; preparation_instructions: string | null; documents_to_bring: string | null; required_resource_id: string | null; capacity: number; active: boolean;
};
const toMotif = (m: MotifRowFull) => ({
  id: m.id,
  practitionerId: m.practitioner_id,
  name: m.name,
  durationMinutes: m.duration_minutes,
  bufferMinutes: m.buffer_minutes,
  colour: m.colour,
  newPatientsAllowed: m.new_patients_allowed,
  onlineBookable: m.online_bookable,
  teleconsultation: m.teleconsultation,
  preparationInstructions: m.preparation_instructions,
  documentsToBring: m.documents_to_bring,
  requiredResourceId: m.required_resource_id,
  capacity: m.capacity,
  active: m.active,
});

async function ownPractitioner(tx: Tx, practiceId: string, id: string) {
  const p = await tx.selectFrom('practitioners').selectAll().where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
  if (!p) throw new AppError('not_found');
  return p;
}

async function requireMember(tx: Tx, practiceId: string, accountId: string | null | undefined) {
  if (!accountId) return;
  const m = await tx.selectFrom('memberships').select('account_id').where('practice_id', '=', practiceId).where('account_id', '=', accountId).executeTakeFirst();
  if (!m) throw new AppError('unprocessable', [{ field: 'accountId', message: 'Ce compte n’est pas membre du cabinet.' }]);
}

async function requireResource(tx: Tx, practiceId: string, id: string | null | undefined) {
  if (!id) return;
  const r = await tx.selectFrom('resources').select('id').where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('unprocessable', [{ field: 'requiredResourceId', message: 'Équipement inconnu dans ce cabinet.' }]);
}

/** Default listing window: the current local week (Monday to Monday). */
function defaultWindow(zone: string): { from: Date; to: Date } {
  const monday = DateTime.fromJSDate(clock.now()).setZone(zone).startOf('week');
  return { from: monday.toJSDate(), to: monday.plus({ weeks: 1 }).toJSDate() };
}

const rpps = z.string().trim().refine(isRpps, 'Numéro RPPS invalide (11 chiffres, clé de Luhn).');
const practitionerBody = z.object({
  displayName: z.string().trim().min(1).max(200),
  accountId: z.uuid().nullable().optional(),
  rpps: rpps.nullable().optional(),
  specialty: z.string().trim().min(1).max(200).optional(),
  sector: sector.optional(),
  colour: colour.optional(),
});
const motifBody = z.object({
  practitionerId: z.uuid().nullable().optional(),
  name: z.string().trim().min(1).max(100),
  durationMinutes: z.number().int().min(5).max(480),
  bufferMinutes: z.number().int().min(0).max(120).optional(),
  colour: colour.optional(),
  newPatientsAllowed: z.boolean().optional(),
  onlineBookable: z.boolean().optional(),
  teleconsultation: z.boolean().optional(),
  preparationInstructions: z.string().max(2000).nullable().optional(),
  documentsToBring: z.string().max(2000).nullable().optional(),
  requiredResourceId: z.uuid().nullable().optional(),
  capacity: z.number().int().min(1).max(50).optional(),
});
const motifValues = (b: Partial<z.infer<typeof motifBody>> & { active?: boolean | undefined }) => ({
  ...(b.practitionerId !== undefined ? { practitioner_id: b.practitionerId } : {}),
  ...(b.name !== undefined ? { name: b.name } : {}),
  ...(b.durationMinutes !== undefined ? { duration_minutes: b.durationMinutes } : {}),
  ...(b.bufferMinutes !== undefined ? { buffer_minutes: b.bufferMinutes } : {}),
  ...(b.colour !== undefined ? { colour: b.colour } : {}),
  ...(b.newPatientsAllowed !== undefined ? { new_patients_allowed: b.newPatientsAllowed } : {}),
  ...(b.onlineBookable !== undefined ? { online_bookable: b.onlineBookable } : {}),
  ...(b.teleconsultation !== undefined ? { teleconsultation: b.teleconsultation } : {}),
  ...(b.preparationInstructions !== undefined ? { preparation_instructions: b.preparationInstructions } : {}),
  ...(b.documentsToBring !== undefined ? { documents_to_bring: b.documentsToBring } : {}),
  ...(b.requiredResourceId !== undefined ? { required_resource_id: b.requiredResourceId } : {}),
  ...(b.capacity !== undefined ? { capacity: b.capacity } : {}),
  ...(b.active !== undefined ? { active: b.active } : {}),
});

const uuidList = z
  .union([z.uuid(), z.array(z.uuid())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .optional();

export function agendaRestRoutes(): RouteDef[] {
  return [
    // ---------- configuration ----------
    route({
      method: 'GET', url: '/api/agenda/settings', summary: 'Réglages de l’agenda du cabinet (jours fériés, libération des créneaux urgents)', tags,
      access: STAFF,
      response: z.object({ timeZone: z.string(), holidayRegion: z.string(), urgentReleaseMinutes: z.number() }),
      audit: 'none',
      handler: async ({ ctx, tx }) => practiceSettings(tx, ctx.practiceId),
    }),
    route({
      method: 'PUT', url: '/api/agenda/settings', summary: 'Modifier les réglages de l’agenda', tags,
      access: CONFIG,
      body: z.object({
        holidayRegion: z.enum(['metropole', '57', '67', '68', 'GP', 'MQ', 'GF', 'RE', 'YT', 'MF', 'BL', 'NC', 'PF', 'PM', 'WF']),
        urgentReleaseMinutes: z.number().int().min(0).max(10080),
      }),
      response: z.object({ timeZone: z.string(), holidayRegion: z.string(), urgentReleaseMinutes: z.number() }),
      audit: { action: 'agenda.settings_changed', resourceType: 'practice' },
      async handler({ ctx, tx, body }) {
        const values = { practice_id: ctx.practiceId, holiday_region: body.holidayRegion, urgent_release_minutes: body.urgentReleaseMinutes, updated_at: clock.now() };
        await tx.insertInto('agenda_settings').values(values).onConflict((oc) => oc.column('practice_id').doUpdateSet(values)).execute();
        return practiceSettings(tx, ctx.practiceId);
      },
    }),
    route({
      method: 'GET', url: '/api/agenda/practitioners', summary: 'Praticiens du cabinet', tags,
      access: STAFF,
      query: z.object({ includeInactive: z.enum(['true', 'false']).optional() }),
      response: z.object({ practitioners: z.array(practitionerDto) }),
      audit: 'none',
      async handler({ ctx, tx, query }) {
        let q = tx.selectFrom('practitioners').selectAll().where('practice_id', '=', ctx.practiceId).orderBy('display_name');
        if (query.includeInactive !== 'true') q = q.where('active', '=', true);
        return { practitioners: (await q.execute()).map(toPractitioner) };
      },
    }),
    route({
      method: 'POST', url: '/api/agenda/practitioners', summary: 'Ajouter un praticien (RPPS, spécialité, secteur, compte lié)', tags,
      access: CONFIG, status: 201,
      body: practitionerBody,
      response: z.object({ practitioner: practitionerDto }),
      audit: { action: 'agenda.practitioner_created', resourceType: 'practitioner', resourceId: (_p, r) => r.practitioner.id },
      async handler({ ctx, tx, body }) {
        await requireMember(tx, ctx.practiceId, body.accountId);
        const row = await tx
          .insertInto('practitioners')
          .values({
            practice_id: ctx.practiceId, display_name: body.displayName, account_id: body.accountId ?? null, rpps: body.rpps ?? null,
            ...(body.specialty ? { specialty: body.specialty } : {}), ...(body.sector ? { sector: body.sector } : {}), ...(body.colour ? { colour: body.colour } : {}),
            updated_at: clock.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { practitioner: toPractitioner(row) };
      },
    }),
    route({
      method: 'PATCH', url: '/api/agenda/practitioners/:id', summary: 'Modifier ou désactiver un praticien', tags,
      access: CONFIG,
      params: z.object({ id: z.uuid() }),
      body: practitionerBody.partial().extend({ active: z.boolean().optional() }),
      response: z.object({ practitioner: practitionerDto }),
      audit: { action: 'agenda.practitioner_updated', resourceType: 'practitioner', resourceId: (p) => p.id },
      async handler({ ctx, tx, params, body }) {
        await ownPractitioner(tx, ctx.practiceId, params.id);
        await requireMember(tx, ctx.practiceId, body.accountId);
        const row = await tx
          .updateTable('practitioners')
          .set({
            ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
            ...(body.accountId !== undefined ? { account_id: body.accountId } : {}),
            ...(body.rpps !== undefined ? { rpps: body.rpps } : {}),
            ...(body.specialty !== undefined ? { specialty: body.specialty } : {}),
            ...(body.sector !== undefined ? { sector: body.sector } : {}),
            ...(body.colour !== undefined ? { colour: body.colour } : {}),
            ...(body.active !== undefined ? { active: body.active } : {}),
            updated_at: clock.now(),
          })
          .where('practice_id', '=', ctx.practiceId)
          .where('id', '=', params.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return { practitioner: toPractitioner(row) };
      },
    }),
    route({
      method: 'GET', url: '/api/agenda/practitioners/:id/hours', summary: 'Horaires hebdomadaires, plages urgentes, ouvertures exceptionnelles et absences d’un praticien', tags,
      access: STAFF,
      params: z.object({ id: z.uuid() }),
      response: z.object({ weekly: z.array(weeklyRange), urgent: z.array(urgentRange), exceptions: z.array(exceptionDto) }),
      audit: 'none',
      async handler({ ctx, tx, params }) {
        await ownPractitioner(tx, ctx.practiceId, params.id);
        const [hours, urgent, exceptions] = await Promise.all([
          tx.selectFrom('opening_hours').selectAll().where('practice_id', '=', ctx.practiceId).where('practitioner_id', '=', params.id).orderBy('weekday').orderBy('start_time').execute(),
          tx.selectFrom('urgent_ranges').selectAll().where('practice_id', '=', ctx.practiceId).where('practitioner_id', '=', params.id).orderBy('weekday').orderBy('start_time').execute(),
          tx.selectFrom('agenda_exceptions').selectAll().where('practice_id', '=', ctx.practiceId).where('practitioner_id', '=', params.id).where('ends_at', '>', clock.now()).orderBy('starts_at').execute(),
        ]);
        return {
          weekly: hours.map((h) => ({ weekday: h.weekday, start: h.start_time.slice(0, 5), end: h.end_time.slice(0, 5), validFrom: h.valid_from, validUntil: h.valid_until, weekParity: h.week_parity })),
          urgent: urgent.map((u) => ({ weekday: u.weekday, start: u.start_time.slice(0, 5), end: u.end_time.slice(0, 5) })),
          exceptions: exceptions.map((e) => ({ id: e.id, kind: e.kind, reason: e.reason, start: new Date(e.starts_at).toISOString(), end: new Date(e.ends_at).toISOString() })),
        };
      },
    }),
    route({
      method: 'PUT', url: '/api/agenda/practitioners/:id/hours', summary: 'Remplacer les horaires hebdomadaires et les plages urgentes d’un praticien', tags,
      access: CONFIG,
      params: z.object({ id: z.uuid() }),
      body: z.object({ weekly: z.array(weeklyRange).max(100), urgent: z.array(urgentRange).max(50).default([]) }),
      response: z.object({ weekly: z.number(), urgent: z.number() }),
      audit: { action: 'agenda.hours_changed', resourceType: 'practitioner', resourceId: (p) => p.id },
      async handler({ ctx, tx, params, body }) {
        await ownPractitioner(tx, ctx.practiceId, params.id);
        for (const r of [...body.weekly, ...body.urgent]) {
          if (r.end <= r.start) throw new AppError('validation_failed', [{ field: 'weekly', message: 'Une plage horaire doit finir après son début.' }]);
        }
        await tx.deleteFrom('opening_hours').where('practice_id', '=', ctx.practiceId).where('practitioner_id', '=', params.id).execute();
        await tx.deleteFrom('urgent_ranges').where('practice_id', '=', ctx.practiceId).where('practitioner_id', '=', params.id).execute();
        if (body.weekly.length) {
          await tx.insertInto('opening_hours').values(body.weekly.map((w) => ({
            practice_id: ctx.practiceId, practitioner_id: params.id, weekday: w.weekday, start_time: w.start, end_time: w.end,
            ...(w.validFrom ? { valid_from: w.validFrom } : {}), valid_until: w.validUntil ?? null, week_parity: w.weekParity,
          }))).execute();
        }
        if (body.urgent.length) {
          await tx.insertInto('urgent_ranges').values(body.urgent.map((u) => ({ practice_id: ctx.practiceId, practitioner_id: params.id, weekday: u.weekday, start_time: u.start, end_time: u.end }))).execute();
        }
        return { weekly: body.weekly.length, urgent: body.urgent.length };
      },
    }),
    route({
      method: 'POST', url: '/api/agenda/practitioners/:id/exceptions', summary: 'Ajouter une absence (congés, formation) ou une ouverture exceptionnelle', tags,
      access: CONFIG, status: 201,
      params: z.object({ id: z.uuid() }),
      body: z.object({ kind: z.enum(['opening', 'absence']), start: instant, end: instant, reason: z.string().trim().max(200).nullable().optional() }),
      response: z.object({ exception: exceptionDto }),
      audit: { action: 'agenda.exception_added', resourceType: 'practitioner', resourceId: (p) => p.id },
      async handler({ ctx, tx, params, body }) {
        await ownPractitioner(tx, ctx.practiceId, params.id);
        if (body.end <= body.start) throw new AppError('validation_failed', [{ field: 'end', message: 'La fin doit être après le début.' }]);
        const e = await tx.insertInto('agenda_exceptions').values({ practice_id: ctx.practiceId, practitioner_id: params.id, kind: body.kind, starts_at: body.start, ends_at: body.end, reason: body.reason ?? null }).returningAll().executeTakeFirstOrThrow();
        return { exception: { id: e.id, kind: e.kind, reason: e.reason, start: new Date(e.starts_at).toISOString(), end: new Date(e.ends_at).toISOString() } };
      },
    }),
    route({
      method: 'DELETE', url: '/api/agenda/exceptions/:id', summary: 'Supprimer une absence ou une ouverture exceptionnelle', tags,
      access: CONFIG, status: 204,
      params: z.object({ id: z.uuid() }),
      audit: { action: 'agenda.exception_removed', resourceType: 'agenda_exception', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        const r = await tx.deleteFrom('agenda_exceptions').where('practice_id', '=', ctx.practiceId).where('id', '=', params.id).executeTakeFirst();
        if (!r.numDeletedRows) throw new AppError('not_found');
        return undefined;
      },
    }),
    route({
      method: 'GET', url: '/api/agenda/motifs', summary: 'Motifs de rendez-vous (durée, couleur, règles)', tags,
      access: STAFF,
      query: z.object({ practitionerId: z.uuid().optional() }),
      response: z.object({ motifs: z.array(motifDto) }),
      audit: 'none',
      async handler({ ctx, tx, query }) {
        let q = tx.selectFrom('appointment_types').selectAll().where('practice_id', '=', ctx.practiceId).orderBy('name');
        if (query.practitionerId) q = q.where((eb) => eb.or([eb('practitioner_id', 'is', null), eb('practitioner_id', '=', query.practitionerId!)]));
        return { motifs: (await q.execute()).map(toMotif) };
      },
    }),
    route({
      method: 'POST', url: '/api/agenda/motifs', summary: 'Créer un motif de rendez-vous', tags,
      access: CONFIG, status: 201,
      body: motifBody,
      response: z.object({ motif: motifDto }),
      audit: { action: 'agenda.motif_created', resourceType: 'appointment_type', resourceId: (_p, r) => r.motif.id },
      async handler({ ctx, tx, body }) {
        if (body.practitionerId) await ownPractitioner(tx, ctx.practiceId, body.practitionerId).catch(() => { throw new AppError('unprocessable', [{ field: 'practitionerId', message: 'Praticien inconnu dans ce cabinet.' }]); });
        await requireResource(tx, ctx.practiceId, body.requiredResourceId);
        const row = await tx.insertInto('appointment_types').values({ practice_id: ctx.practiceId, name: body.name, duration_minutes: body.durationMinutes, preparation_instructions: null, documents_to_bring: null, required_resource_id: null, practitioner_id: null, ...motifValues(body) }).returningAll().executeTakeFirstOrThrow();
        return { motif: toMotif(row) };
      },
    }),
    route({
      method: 'PATCH', url: '/api/agenda/motifs/:id', summary: 'Modifier ou désactiver un motif', tags,
      access: CONFIG,
      params: z.object({ id: z.uuid() }),
      body: motifBody.partial().extend({ active: z.boolean().optional() }),
      response: z.object({ motif: motifDto }),
      audit: { action: 'agenda.motif_updated', resourceType: 'appointment_type', resourceId: (p) => p.id },
      async handler({ ctx, tx, params, body }) {
        const m = await tx.selectFrom('appointment_types').select('id').where('practice_id', '=', ctx.practiceId).where('id', '=', params.id).executeTakeFirst();
        if (!m) throw new AppError('not_found');
        if (body.practitionerId) await ownPractitioner(tx, ctx.practiceId, body.practitionerId).catch(() => { throw new AppError('unprocessable', [{ field: 'practitionerId', message: 'Praticien inconnu dans ce cabinet.' }]); });
        await requireResource(tx, ctx.practiceId, body.requiredResourceId);
        const values = motifValues(body);
        const row = Object.keys(values).length
          ? await tx.updateTable('appointment_types').set(values).where('practice_id', '=', ctx.practiceId).where('id', '=', params.id).returningAll().executeTakeFirstOrThrow()
          : await tx.selectFrom('appointment_types').selectAll().where('id', '=', params.id).executeTakeFirstOrThrow();
        return { motif: toMotif(row) };
      },
    }),
    route({
      method: 'GET', url: '/api/agenda/resources', summary: 'Salles et équipements réservables', tags,
      access: STAFF,
      response: z.object({ resources: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string(), roomId: z.uuid().nullable(), active: z.boolean() })) }),
      audit: 'none',
      async handler({ ctx, tx }) {
        const rows = await tx.selectFrom('resources').selectAll().where('practice_id', '=', ctx.practiceId).orderBy('name').execute();
        return { resources: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, roomId: r.room_id, active: r.active })) };
      },
    }),
    route({
      method: 'POST', url: '/api/agenda/resources', summary: 'Ajouter un équipement ou une salle réservable', tags,
      access: CONFIG, status: 201,
      body: z.object({ name: z.string().trim().min(1).max(100), kind: z.enum(['equipment', 'room', 'chair', 'other']).default('equipment') }),
      response: z.object({ resource: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }) }),
      audit: { action: 'agenda.resource_created', resourceType: 'resource', resourceId: (_p, r) => r.resource.id },
      async handler({ ctx, tx, body }) {
        const r = await tx.insertInto('resources').values({ practice_id: ctx.practiceId, name: body.name, kind: body.kind, room_id: null }).returningAll().executeTakeFirstOrThrow();
        return { resource: { id: r.id, name: r.name, kind: r.kind } };
      },
    }),

    // ---------- free slots ----------
    route({
      method: 'GET', url: '/api/agenda/free-slots', summary: 'Créneaux libres (moteur de créneaux) pour un motif, un ou plusieurs praticiens', tags,
      access: DESK,
      query: z.object({
        motifId: z.uuid().optional(),
        practitionerId: uuidList,
        from: instant.optional(),
        to: instant.optional(),
        channel: z.enum(['desk', 'online', 'assistant']).default('desk'),
        limit: z.coerce.number().int().min(1).max(500).default(50),
      }),
      response: z.object({ slots: z.array(z.object({ practitionerId: z.uuid(), start: z.string(), end: z.string(), urgent: z.boolean(), remainingCapacity: z.number(), slotId: z.string() })) }),
      audit: 'none', // no patient data
      async handler({ ctx, tx, query }) {
        const now = clock.now();
        const from = query.from && query.from > now ? query.from : now;
        const to = query.to ?? new Date(from.getTime() + 14 * 86_400_000);
        if (to.getTime() - from.getTime() > 92 * 86_400_000) throw new AppError('validation_failed', [{ field: 'to', message: 'Fenêtre de 92 jours au plus.' }]);
        let motif: MotifRow | undefined;
        if (query.motifId) {
          motif = (await tx.selectFrom('appointment_types').selectAll().where('practice_id', '=', ctx.practiceId).where('id', '=', query.motifId).where('active', '=', true).executeTakeFirst()) as MotifRow | undefined;
          if (!motif) throw new AppError('not_found');
        }
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
      query: z.object({ from: isoDate.optional(), to: isoDate.optional() }),
      response: z.object({ region: z.string(), holidays: z.array(z.object({ date: z.string(), name: z.string() })) }),
      audit: 'none', // no patient data
      async handler({ ctx, tx, query }) {
        const { holidayRegion, timeZone } = await practiceSettings(tx, ctx.practiceId);
        const from = query.from ? DateTime.fromISO(query.from, { zone: 'UTC' }) : DateTime.fromISO(DateTime.fromJSDate(clock.now()).setZone(timeZone).toISODate()!, { zone: 'UTC' });
        const to = query.to ? DateTime.fromISO(query.to, { zone: 'UTC' }) : from.plus({ days: 31 });
        if (to < from || to.diff(from, 'days').days > 400) throw new AppError('validation_failed', [{ field: 'to', message: 'Période de 400 jours au plus, fin après début.' }]);
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

    // ---------- appointments ----------
    route({
      method: 'GET', url: '/api/agenda/appointments', summary: 'Rendez-vous d’une période (jour, semaine), par praticien ou pour tout le cabinet', tags,
      access: DESK,
      query: z.object({
        from: instant.optional(),
        to: instant.optional(),
        practitionerId: uuidList,
        patientId: z.uuid().optional(),
        status: z.union([status, z.array(status)]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
      }),
      response: z.object({ from: z.string(), to: z.string(), appointments: z.array(appointmentDto) }),
      audit: { action: 'appointment.listed', resourceType: 'appointment', details: (_p, r) => ({ from: r.from, to: r.to, results: r.appointments.length }) },
      async handler({ ctx, tx, query }) {
        const { timeZone } = await practiceSettings(tx, ctx.practiceId);
        const w = defaultWindow(timeZone);
        const from = query.from ?? w.from;
        const to = query.to ?? (query.from ? new Date(from.getTime() + 7 * 86_400_000) : w.to);
        if (to <= from || to.getTime() - from.getTime() > 62 * 86_400_000) throw new AppError('validation_failed', [{ field: 'to', message: 'Période de 62 jours au plus, fin après début.' }]);
        const appointments = await listAppointments(tx, ctx.practiceId, { from, to, practitionerIds: query.practitionerId, patientId: query.patientId, statuses: query.status });
        return { from: from.toISOString(), to: to.toISOString(), appointments };
      },
    }),
    route({
      method: 'GET', url: '/api/agenda/appointments/:id', summary: 'Un rendez-vous et son historique (qui, quand, quoi)', tags,
      access: DESK,
      params: z.object({ id: z.uuid() }),
      response: z.object({ appointment: appointmentDto, history: historyDto }),
      audit: { action: 'appointment.read', resourceType: 'appointment', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        const appointment = await getAppointment(tx, ctx.practiceId, params.id);
        if (!appointment) throw new AppError('not_found');
        return { appointment, history: await appointmentHistory(tx, ctx.practiceId, params.id) };
      },
    }),
    route({
      method: 'POST', url: '/api/agenda/appointments', summary: 'Prendre un rendez-vous au secrétariat (dérogation aux règles avec un motif)', tags,
      access: DESK, status: 201,
      body: z.object({
        practitionerId: z.uuid(),
        patientId: z.uuid(),
        motifId: z.uuid().nullable().optional(),
        start: instant,
        end: instant.optional(),
        overrideReason: z.string().trim().min(3).max(500).optional(),
        note: z.string().max(2000).nullable().optional(),
        teleconsultation: z.boolean().optional(),
      }),
      response: z.object({ appointment: appointmentDto }),
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
      access: DESK,
      params: z.object({ id: z.uuid() }),
      body: z.object({ start: instant, end: instant.optional(), practitionerId: z.uuid().optional(), overrideReason: z.string().trim().min(3).max(500).optional(), version: z.number().int().optional() }),
      response: z.object({ appointment: appointmentDto }),
      audit: 'none', // moveAppointment records it
      async handler({ ctx, tx, params, body }) {
        await moveAppointment(tx, ctx, params.id, { ...body, channel: 'desk', expectedVersion: body.version });
        return { appointment: (await getAppointment(tx, ctx.practiceId, params.id))! };
      },
    }),
    route({
      method: 'POST', url: '/api/agenda/appointments/:id/cancel', summary: 'Annuler un rendez-vous (par le patient ou par le cabinet, motif conservé)', tags,
      access: DESK,
      params: z.object({ id: z.uuid() }),
      body: z.object({ by: z.enum(['patient', 'practice']), reason: z.string().trim().min(1).max(500), version: z.number().int().optional() }),
      response: z.object({ appointment: appointmentDto }),
      audit: 'none', // changeStatus records it
      async handler({ ctx, tx, params, body }) {
        await changeStatus(tx, ctx, params.id, body.by === 'patient' ? 'cancelled_by_patient' : 'cancelled_by_practice', { reason: body.reason, channel: 'desk', expectedVersion: body.version });
        return { appointment: (await getAppointment(tx, ctx.practiceId, params.id))! };
      },
    }),
    route({
      method: 'POST', url: '/api/agenda/appointments/:id/status', summary: 'Changer le statut (confirmé, arrivé, en consultation, terminé, absent…)', tags,
      access: DESK,
      params: z.object({ id: z.uuid() }),
      body: z.object({ status, reason: z.string().trim().max(500).optional(), version: z.number().int().optional() }),
      response: z.object({ appointment: appointmentDto }),
      audit: 'none', // changeStatus records it
      async handler({ ctx, tx, params, body }) {
        await changeStatus(tx, ctx, params.id, body.status, { reason: body.reason, channel: 'desk', expectedVersion: body.version });
        return { appointment: (await getAppointment(tx, ctx.practiceId, params.id))! };
      },
    }),
    route({
      method: 'POST', url: '/api/agenda/series', summary: 'Réserver une série de séances (tout ou rien)', tags,
      access: DESK, status: 201,
      body: z.object({
        practitionerId: z.uuid(),
        patientId: z.uuid(),
        motifId: z.uuid().nullable().optional(),
        firstStart: instant,
        occurrences: z.number().int().min(2).max(60),
        intervalDays: z.number().int().min(1).max(90),
        overrideReason: z.string().trim().min(3).max(500).optional(),
        note: z.string().max(2000).nullable().optional(),
      }),
      response: z.object({ seriesId: z.uuid(), appointments: z.array(appointmentDto) }),
      audit: 'none', // bookSeries records it
      async handler({ ctx, tx, body }) {
        const { seriesId, appointments } = await bookSeries(tx, ctx, { ...body, channel: 'desk' });
        const dtos = await listAppointments(tx, ctx.practiceId, { from: new Date(appointments[0]!.starts_at), to: new Date(new Date(appointments[appointments.length - 1]!.ends_at).getTime() + 1), patientId: body.patientId });
        return { seriesId, appointments: dtos.filter((d) => d.seriesId === seriesId) };
      },
    }),
  ];
}
