import { z } from 'zod';
import { route, type RouteDef } from '../platform/http/route.js';
import { AppError } from '../platform/http/errors.js';
import type { Tx } from '../platform/db/database.js';
import { cancelJob, listJobs, retryJob } from '../jobs/index.js';
import { randomToken, sha256 } from './links.js';
import { DEFAULT_SETTINGS, notificationSettings } from './notifications.js';
import './notify-schema.js';
import { practiceOutbox, practiceOutboxSchema } from '../messaging/index.js';
import { clock } from '../platform/clock.js';
import { identityName, identityParts } from '../platform/identity-display.js';

/**
 * Desk and admin routes of notifications, waiting list, iCal feeds and no-shows (`/api/agenda/…`).
 * The public side is in online-booking.ts.
 */
const CONFIG = { roles: ['admin'] } as const;
const STAFF = { roles: ['admin', 'practitioner', 'secretary'] } as const;
const DESK = { roles: ['secretary', 'practitioner'] } as const;
const tags = ['agenda'];

const settingsSchema = z.object({
  reminderOffsetsMinutes: z.array(z.number().int().min(1).max(20160)).max(4),
  manageDeadlineMinutes: z.number().int().min(0).max(20160),
  onlineBookingEnabled: z.boolean(),
  onlineMinNoticeMinutes: z.number().int().min(0).max(20160),
  waitingListEnabled: z.boolean(),
  offerExpiryMinutes: z.number().int().min(5).max(1440),
  offerBatchSize: z.number().int().min(1).max(10),
  offerQuietHours: z.boolean(),
  noShowWarnAfter: z.number().int().min(1).max(100),
  noShowBlockOnlineAfter: z.number().int().min(1).max(100),
});

const entryDto = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  practitionerId: z.uuid().nullable(),
  motifId: z.uuid().nullable(),
  currentAppointmentId: z.uuid().nullable(),
  earliest: z.string().nullable(),
  latest: z.string().nullable(),
  weekdays: z.array(z.number()),
  timeOfDay: z.enum(['any', 'morning', 'afternoon']),
  note: z.string().nullable(),
  status: z.string(),
  createdAt: z.string(),
  offers: z.array(z.object({ id: z.uuid(), start: z.string(), status: z.string(), expiresAt: z.string() })),
});

async function requirePractitioner(tx: Tx, practiceId: string, id: string) {
  const d = await tx.selectFrom('practitioners').select(['id', 'account_id', 'display_name']).where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
  if (!d) throw new AppError('not_found');
  return d;
}

async function listEntries(tx: Tx, practiceId: string, status: 'active' | 'satisfied' | 'removed', id?: string) {
  let q = tx
    .selectFrom('waiting_list_entries as w')
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'w.patient_id').onRef('p.practice_id', '=', 'w.practice_id'))
    .select(['w.id', 'w.patient_id', 'p.birth_name', 'p.used_name', 'p.first_name', 'w.practitioner_id', 'w.motif_id', 'w.current_appointment_id', 'w.earliest', 'w.latest', 'w.weekdays', 'w.time_of_day', 'w.note', 'w.status', 'w.created_at'])
    .where('w.practice_id', '=', practiceId)
    .orderBy('w.created_at')
    .limit(500);
  q = id ? q.where('w.id', '=', id) : q.where('w.status', '=', status);
  const rows = await q.execute();
  const offers = rows.length
    ? await tx.selectFrom('waiting_offers').select(['id', 'entry_id', 'starts_at', 'status', 'expires_at']).where('practice_id', '=', practiceId).where('entry_id', 'in', rows.map((r) => r.id)).orderBy('created_at').execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    patientName: identityName(identityParts(r)),
    practitionerId: r.practitioner_id,
    motifId: r.motif_id,
    currentAppointmentId: r.current_appointment_id,
    earliest: r.earliest,
    latest: r.latest,
    weekdays: r.weekdays,
    timeOfDay: r.time_of_day,
    note: r.note,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    offers: offers.filter((o) => o.entry_id === r.id).map((o) => ({ id: o.id, start: new Date(o.starts_at).toISOString(), status: o.status, expiresAt: new Date(o.expires_at).toISOString() })),
  }));
}

/** A job of this practice (locked for the state change), or 404 — another practice's id included. */
async function ownJob(tx: Tx, practiceId: string, id: string): Promise<void> {
  const job = await tx.selectFrom('jobs').select('id').where('id', '=', id).where('practice_id', '=', practiceId).forUpdate().executeTakeFirst();
  if (!job) throw new AppError('not_found');
}

export function notificationRoutes(deps: { publicUrl: string }): RouteDef[] {
  return [
    route({
      method: 'GET', url: '/api/agenda/notification-settings', summary: 'Rappels, lien de gestion, réservation en ligne, liste d’attente, absences (réglages)', tags,
      access: STAFF,
      response: settingsSchema,
      audit: 'none',
      handler: async ({ ctx, tx }) => notificationSettings(tx, ctx.practiceId),
    }),
    route({
      method: 'PUT', url: '/api/agenda/notification-settings', summary: 'Modifier ces réglages', tags,
      access: CONFIG,
      body: settingsSchema,
      response: settingsSchema,
      audit: { action: 'agenda.notification_settings_changed', resourceType: 'practice' },
      async handler({ ctx, tx, body }) {
        const values = {
          reminder_offsets_minutes: [...new Set(body.reminderOffsetsMinutes)].sort((a, b) => b - a),
          manage_deadline_minutes: body.manageDeadlineMinutes,
          online_booking_enabled: body.onlineBookingEnabled,
          online_min_notice_minutes: body.onlineMinNoticeMinutes,
          waiting_list_enabled: body.waitingListEnabled,
          offer_expiry_minutes: body.offerExpiryMinutes,
          offer_batch_size: body.offerBatchSize,
          offer_quiet_hours: body.offerQuietHours,
          no_show_warn_after: body.noShowWarnAfter,
          no_show_block_online_after: body.noShowBlockOnlineAfter,
          updated_at: clock.now(),
        };
        await tx.insertInto('agenda_notification_settings').values({ practice_id: ctx.practiceId, ...values }).onConflict((oc) => oc.column('practice_id').doUpdateSet(values)).execute();
        return notificationSettings(tx, ctx.practiceId);
      },
    }),

    // ---------- outbox and dead letters ----------
    route({
      method: 'GET', url: '/api/agenda/outbox', summary: 'Messages envoyés aux patients (e-mail, SMS) ; sans SMTP ni fournisseur SMS : la boîte d’envoi simulée', tags,
      access: CONFIG,
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: practiceOutboxSchema,
      audit: { action: 'agenda.outbox_read', resourceType: 'outgoing_message' },
      handler: ({ ctx, tx, query }) => practiceOutbox(tx, ctx.practiceId, query.limit),
    }),
    route({
      method: 'GET', url: '/api/agenda/jobs', summary: 'File des envois : tâches en échec définitif (lettres mortes), en attente, en cours, terminées ou annulées', tags,
      access: CONFIG,
      query: z.object({ status: z.enum(['failed', 'queued', 'running', 'done', 'cancelled']).default('failed') }),
      response: z.object({
        jobs: z.array(z.object({
          id: z.uuid(), kind: z.string(), event: z.string().nullable(), messageKind: z.string().nullable(), channel: z.string().nullable(), status: z.string(),
          attempts: z.number(), maxAttempts: z.number(), runAt: z.string(), lastError: z.string().nullable(), createdAt: z.string(), finishedAt: z.string().nullable(),
        })),
      }),
      // Kinds, counts and errors only (no recipient, no text); audited as every admin look at patients' messages.
      audit: { action: 'agenda.jobs_listed', resourceType: 'job', details: (_p, r) => ({ results: r.jobs.length }) },
      async handler({ ctx, tx, query }) {
        const rows = await listJobs(tx, ctx.practiceId, query.status);
        return {
          jobs: rows.map((j) => ({
            id: j.id, kind: j.kind, event: j.event, messageKind: j.message_kind, channel: j.channel, status: j.status, attempts: j.attempts, maxAttempts: j.max_attempts,
            // The next run: a queued job's run_at (its backoff), or when the lease of a running one ends.
            runAt: new Date(j.status === 'running' && j.locked_until ? j.locked_until : j.run_at).toISOString(),
            lastError: j.last_error, createdAt: new Date(j.created_at).toISOString(), finishedAt: j.finished_at ? new Date(j.finished_at).toISOString() : null,
          })),
        };
      },
    }),
    route({
      method: 'POST', url: '/api/agenda/jobs/:id/retry', summary: 'Relancer une tâche en échec définitif', tags,
      access: CONFIG,
      params: z.object({ id: z.uuid() }),
      status: 204,
      audit: { action: 'agenda.job_retried', resourceType: 'job', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        await ownJob(tx, ctx.practiceId, params.id);
        if (!(await retryJob(tx, ctx.practiceId, params.id))) {
          throw new AppError('conflict', undefined, { fr: 'Seule une tâche en échec définitif peut être relancée.', en: 'Only a failed job can be retried.' });
        }
        return undefined;
      },
    }),
    route({
      method: 'POST', url: '/api/agenda/jobs/:id/cancel', summary: 'Annuler une tâche en attente ou en échec (le message ne partira pas)', tags,
      access: CONFIG,
      params: z.object({ id: z.uuid() }),
      status: 204,
      audit: { action: 'agenda.job_cancelled', resourceType: 'job', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        await ownJob(tx, ctx.practiceId, params.id);
        if (!(await cancelJob(tx, ctx.practiceId, params.id, 'cancelled by an administrator'))) {
          throw new AppError('conflict', undefined, { fr: 'Cette tâche ne peut plus être annulée (en cours, terminée ou déjà annulée).', en: 'This job can no longer be cancelled.' });
        }
        return undefined;
      },
    }),

    // ---------- no-show statistics ----------
    route({
      method: 'GET', url: '/api/agenda/no-show-stats', summary: 'Rendez-vous non honorés par praticien et par motif sur une période (90 derniers jours par défaut)', tags,
      access: STAFF,
      query: z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() }),
      response: z.object({
        from: z.string(), to: z.string(),
        policy: z.object({ warnAfter: z.number(), blockOnlineAfter: z.number() }),
        rows: z.array(z.object({ practitionerId: z.uuid(), practitionerName: z.string(), motifId: z.uuid().nullable(), motifName: z.string().nullable(), due: z.number(), noShows: z.number(), rate: z.number() })),
        total: z.object({ due: z.number(), noShows: z.number(), rate: z.number() }),
      }),
      // Counts only, no patient: audited like every statistic on appointments.
      audit: { action: 'agenda.no_show_stats_read', resourceType: 'appointment', details: (_p, r) => ({ from: r.from, to: r.to }) },
      async handler({ ctx, tx, query }) {
        const now = clock.now();
        const to = query.to ? new Date(Math.min(new Date(query.to).getTime(), now.getTime())) : now;
        const from = query.from ? new Date(query.from) : new Date(to.getTime() - 90 * 86_400_000);
        if (to <= from || to.getTime() - from.getTime() > 400 * 86_400_000) throw new AppError('validation_failed', [{ field: 'from', message: 'Période de 400 jours au plus, fin après début.' }]);
        // Due = appointments whose time has come and that were not cancelled (honoured, in progress or missed).
        const rows = await tx
          .selectFrom('appointments as a')
          .innerJoin('practitioners as p', (j) => j.onRef('p.id', '=', 'a.practitioner_id').onRef('p.practice_id', '=', 'a.practice_id'))
          .leftJoin('appointment_types as m', (j) => j.onRef('m.id', '=', 'a.appointment_type_id').onRef('m.practice_id', '=', 'a.practice_id'))
          .select((eb) => [
            'a.practitioner_id', 'p.display_name', 'a.appointment_type_id', 'm.name',
            eb.fn.countAll<string>().as('due'),
            eb.fn.count<string>(eb.case().when('a.status', '=', 'no_show').then(1).end()).as('no_shows'),
          ])
          .where('a.practice_id', '=', ctx.practiceId)
          .where('a.starts_at', '>=', from)
          .where('a.starts_at', '<', to)
          .where('a.status', 'not in', ['cancelled_by_patient', 'cancelled_by_practice'])
          .groupBy(['a.practitioner_id', 'p.display_name', 'a.appointment_type_id', 'm.name'])
          .orderBy('p.display_name')
          .orderBy('m.name')
          .execute();
        const rate = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 10 : 0);
        const out = rows.map((r) => ({
          practitionerId: r.practitioner_id, practitionerName: r.display_name, motifId: r.appointment_type_id, motifName: r.name,
          due: Number(r.due), noShows: Number(r.no_shows), rate: rate(Number(r.no_shows), Number(r.due)),
        }));
        const due = out.reduce((a, r) => a + r.due, 0);
        const noShows = out.reduce((a, r) => a + r.noShows, 0);
        const s = await notificationSettings(tx, ctx.practiceId);
        return {
          from: from.toISOString(), to: to.toISOString(),
          policy: { warnAfter: s.noShowWarnAfter, blockOnlineAfter: s.noShowBlockOnlineAfter },
          rows: out, total: { due, noShows, rate: rate(noShows, due) },
        };
      },
    }),

    // ---------- waiting list ----------
    route({
      method: 'GET', url: '/api/agenda/waiting-list', summary: 'Liste d’attente (patients qui souhaitent un créneau plus tôt)', tags,
      access: DESK,
      query: z.object({ status: z.enum(['active', 'satisfied', 'removed']).default('active') }),
      response: z.object({ entries: z.array(entryDto) }),
      audit: { action: 'waiting_list.listed', resourceType: 'waiting_list_entry', details: (_p, r) => ({ results: r.entries.length }) },
      handler: async ({ ctx, tx, query }) => ({ entries: await listEntries(tx, ctx.practiceId, query.status) }),
    }),
    route({
      method: 'POST', url: '/api/agenda/waiting-list', summary: 'Inscrire un patient sur la liste d’attente', tags,
      access: DESK,
      body: z.object({
        patientId: z.uuid(),
        practitionerId: z.uuid().nullable().optional(),
        motifId: z.uuid().nullable().optional(),
        currentAppointmentId: z.uuid().nullable().optional(),
        earliest: z.iso.date().nullable().optional(),
        latest: z.iso.date().nullable().optional(),
        weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
        timeOfDay: z.enum(['any', 'morning', 'afternoon']).default('any'),
        note: z.string().trim().max(500).nullable().optional(),
      }),
      status: 201,
      response: z.object({ entry: entryDto }),
      audit: { action: 'waiting_list.added', resourceType: 'waiting_list_entry', resourceId: (_p, r) => r.entry.id },
      async handler({ ctx, tx, body }) {
        const patient = await tx.selectFrom('patients').select('id').where('practice_id', '=', ctx.practiceId).where('id', '=', body.patientId).executeTakeFirst();
        if (!patient) throw new AppError('unprocessable', [{ field: 'patientId', message: 'Patient inconnu dans ce cabinet.' }]);
        if (body.practitionerId) await requirePractitioner(tx, ctx.practiceId, body.practitionerId).catch(() => { throw new AppError('unprocessable', [{ field: 'practitionerId', message: 'Praticien inconnu dans ce cabinet.' }]); });
        if (body.motifId && !(await tx.selectFrom('appointment_types').select('id').where('practice_id', '=', ctx.practiceId).where('id', '=', body.motifId).executeTakeFirst())) {
          throw new AppError('unprocessable', [{ field: 'motifId', message: 'Motif inconnu dans ce cabinet.' }]);
        }
        if (body.currentAppointmentId) {
          const a = await tx.selectFrom('appointments').select(['patient_id']).where('practice_id', '=', ctx.practiceId).where('id', '=', body.currentAppointmentId).executeTakeFirst();
          if (!a || a.patient_id !== body.patientId) throw new AppError('unprocessable', [{ field: 'currentAppointmentId', message: 'Ce rendez-vous n’est pas celui de ce patient.' }]);
        }
        if (body.earliest && body.latest && body.latest < body.earliest) throw new AppError('validation_failed', [{ field: 'latest', message: 'La date de fin précède la date de début.' }]);
        const row = await tx
          .insertInto('waiting_list_entries')
          .values({
            practice_id: ctx.practiceId, patient_id: body.patientId, practitioner_id: body.practitionerId ?? null, motif_id: body.motifId ?? null,
            current_appointment_id: body.currentAppointmentId ?? null, earliest: body.earliest ?? null, latest: body.latest ?? null,
            ...(body.weekdays ? { weekdays: [...new Set(body.weekdays)].sort() } : {}), time_of_day: body.timeOfDay, note: body.note ?? null, created_by: ctx.accountId, updated_at: clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { entry: (await listEntries(tx, ctx.practiceId, 'active', row.id))[0]! };
      },
    }),
    route({
      method: 'DELETE', url: '/api/agenda/waiting-list/:id', summary: 'Retirer un patient de la liste d’attente', tags,
      access: DESK,
      params: z.object({ id: z.uuid() }),
      status: 204,
      audit: { action: 'waiting_list.removed', resourceType: 'waiting_list_entry', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        const r = await tx.updateTable('waiting_list_entries').set({ status: 'removed', updated_at: clock.now() }).where('practice_id', '=', ctx.practiceId).where('id', '=', params.id).where('status', '=', 'active').executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw new AppError('not_found');
        await tx.updateTable('waiting_offers').set({ status: 'lost' }).where('practice_id', '=', ctx.practiceId).where('entry_id', '=', params.id).where('status', '=', 'pending').execute();
        return undefined;
      },
    }),

    // ---------- no-shows ----------
    route({
      method: 'GET', url: '/api/agenda/patients/:id/attendance', summary: 'Absences non excusées d’un patient et politique du cabinet (avertissement, blocage en ligne)', tags,
      access: DESK,
      params: z.object({ id: z.uuid() }),
      response: z.object({ patientId: z.uuid(), noShows: z.number(), lastNoShowAt: z.string().nullable(), honoured: z.number(), warn: z.boolean(), onlineBookingBlocked: z.boolean(), policy: z.object({ warnAfter: z.number(), blockOnlineAfter: z.number() }) }),
      audit: { action: 'patient.attendance_read', resourceType: 'patient', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        const p = await tx.selectFrom('patients').select('id').where('practice_id', '=', ctx.practiceId).where('id', '=', params.id).executeTakeFirst();
        if (!p) throw new AppError('not_found');
        const r = await tx
          .selectFrom('appointments')
          .select((eb) => [
            eb.fn.count<string>('id').filterWhere('status', '=', 'no_show').as('no_shows'),
            eb.fn.max('starts_at').filterWhere('status', '=', 'no_show').as('last_no_show'),
            eb.fn.count<string>('id').filterWhere('status', '=', 'done').as('honoured'),
          ])
          .where('practice_id', '=', ctx.practiceId)
          .where('patient_id', '=', params.id)
          .executeTakeFirstOrThrow();
        const s = await notificationSettings(tx, ctx.practiceId);
        const n = Number(r.no_shows);
        return {
          patientId: params.id, noShows: n, lastNoShowAt: r.last_no_show ? new Date(r.last_no_show as Date).toISOString() : null, honoured: Number(r.honoured),
          warn: n >= s.noShowWarnAfter, onlineBookingBlocked: n >= s.noShowBlockOnlineAfter, policy: { warnAfter: s.noShowWarnAfter, blockOnlineAfter: s.noShowBlockOnlineAfter },
        };
      },
    }),

    // ---------- iCalendar feeds ----------
    route({
      method: 'POST', url: '/api/agenda/practitioners/:id/ical-feed', summary: 'Créer ou renouveler l’adresse privée du flux iCalendar d’un praticien (l’ancienne cesse de fonctionner)', tags,
      access: { roles: ['admin', 'practitioner'] },
      params: z.object({ id: z.uuid() }),
      body: z.object({ includePatientNames: z.boolean().default(false) }),
      status: 201,
      response: z.object({ url: z.string(), token: z.string(), includePatientNames: z.boolean() }),
      audit: { action: 'agenda.ical_feed_rotated', resourceType: 'practitioner', resourceId: (p) => p.id, details: (_p, r) => ({ includePatientNames: r.includePatientNames }) },
      async handler({ ctx, tx, params, body }) {
        const d = await requirePractitioner(tx, ctx.practiceId, params.id);
        if (!ctx.roles.includes('admin') && d.account_id !== ctx.accountId) throw new AppError('forbidden');
        const token = randomToken(24);
        await tx
          .insertInto('ical_feeds')
          .values({ practice_id: ctx.practiceId, practitioner_id: d.id, token_hash: sha256(token), include_patient_names: body.includePatientNames, created_by: ctx.accountId })
          .onConflict((oc) => oc.columns(['practice_id', 'practitioner_id']).doUpdateSet({ token_hash: sha256(token), include_patient_names: body.includePatientNames, created_by: ctx.accountId, last_used_at: null }))
          .execute();
        return { url: `${deps.publicUrl.replace(/\/$/, '')}/ical/${token}.ics`, token, includePatientNames: body.includePatientNames };
      },
    }),
    route({
      method: 'DELETE', url: '/api/agenda/practitioners/:id/ical-feed', summary: 'Révoquer le flux iCalendar d’un praticien', tags,
      access: { roles: ['admin', 'practitioner'] },
      params: z.object({ id: z.uuid() }),
      status: 204,
      audit: { action: 'agenda.ical_feed_revoked', resourceType: 'practitioner', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        const d = await requirePractitioner(tx, ctx.practiceId, params.id);
        if (!ctx.roles.includes('admin') && d.account_id !== ctx.accountId) throw new AppError('forbidden');
        await tx.deleteFrom('ical_feeds').where('practice_id', '=', ctx.practiceId).where('practitioner_id', '=', d.id).execute();
        return undefined;
      },
    }),
  ];
}

export { DEFAULT_SETTINGS };
