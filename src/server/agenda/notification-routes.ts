import { z } from 'zod';
import { route, ADMINS, ADMINS_AND_PRACTITIONERS, PRACTITIONERS_AND_SECRETARIES, STAFF, type RouteDef } from '../platform/http/route.js';
import { AppError } from '../platform/http/errors.js';
import type { Tx } from '../platform/db/database.js';
import { cancelJob, listJobs, retryJob } from '../jobs/index.js';
import { DEFAULT_SETTINGS, notificationSettings } from './notifications.js';
import './notify-schema.js';
import { practitionerOf, revokeIcalFeed, rotateIcalFeed } from './ical-feed.service.js';
import { noShowStats, patientAttendance } from './no-shows.service.js';
import { saveNotificationSettings } from './settings.service.js';
import { addEntry, listEntries, removeEntry } from './waiting-list-entries.service.js';
import { practiceOutbox, practiceOutboxSchema } from '../messaging/index.js';
import { clock } from '../platform/clock.js';
import { AGENDA_MESSAGES as M } from './error-messages.js';
import {
  attendanceDto, icalFeedBody, icalFeedDto, idParam, jobsDto, jobsQuery, noShowStatsDto, noShowStatsQuery, notificationSettingsDto, outboxQuery,
  waitingListBody, waitingListEntryDto, waitingListQuery,
} from './contract.js';
import { tags } from './routes/schemas.js';

/**
 * Desk and admin routes of notifications, waiting list, iCal feeds and no-shows (`/api/agenda/…`).
 * The public side is in routes/public.ts. The database work: settings.service.ts, no-shows.service.ts,
 * waiting-list-entries.service.ts, ical-feed.service.ts (the outbox and the job queue: notifications and jobs/).
 * Schemas: contract.ts; roles: routes/schemas.ts.
 */

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
      response: notificationSettingsDto,
      audit: 'none',
      handler: async ({ ctx, tx }) => notificationSettings(tx, ctx.practiceId),
    }),
    route({
      method: 'PUT', url: '/api/agenda/notification-settings', summary: 'Modifier ces réglages', tags,
      access: ADMINS,
      body: notificationSettingsDto,
      response: notificationSettingsDto,
      audit: { action: 'agenda.notification_settings_changed', resourceType: 'practice' },
      async handler({ ctx, tx, body }) {
        await saveNotificationSettings(tx, ctx.practiceId, body);
        return notificationSettings(tx, ctx.practiceId);
      },
    }),

    // ---------- outbox and dead letters ----------
    route({
      method: 'GET', url: '/api/agenda/outbox', summary: 'Messages envoyés aux patients (e-mail, SMS) ; sans SMTP ni fournisseur SMS : la boîte d’envoi simulée', tags,
      access: ADMINS,
      query: outboxQuery,
      response: practiceOutboxSchema,
      audit: { action: 'agenda.outbox_read', resourceType: 'outgoing_message' },
      handler: ({ ctx, tx, query }) => practiceOutbox(tx, ctx.practiceId, query.limit),
    }),
    route({
      method: 'GET', url: '/api/agenda/jobs', summary: 'File des envois : tâches en échec définitif (lettres mortes), en attente, en cours, terminées ou annulées', tags,
      access: ADMINS,
      query: jobsQuery,
      response: jobsDto,
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
      access: ADMINS,
      params: idParam,
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
      access: ADMINS,
      params: idParam,
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
      query: noShowStatsQuery,
      response: noShowStatsDto,
      // Counts only, no patient: audited like every statistic on appointments.
      audit: { action: 'agenda.no_show_stats_read', resourceType: 'appointment', details: (_p, r) => ({ from: r.from, to: r.to }) },
      async handler({ ctx, tx, query }) {
        const now = clock.now();
        const to = query.to ? new Date(Math.min(new Date(query.to).getTime(), now.getTime())) : now;
        const from = query.from ? new Date(query.from) : new Date(to.getTime() - 90 * 86_400_000);
        if (to <= from || to.getTime() - from.getTime() > 400 * 86_400_000) throw new AppError('validation_failed', [{ field: 'from', message: M.period400Days }]);
        return noShowStats(tx, ctx.practiceId, from, to);
      },
    }),

    // ---------- waiting list ----------
    route({
      method: 'GET', url: '/api/agenda/waiting-list', summary: 'Liste d’attente (patients qui souhaitent un créneau plus tôt)', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      query: waitingListQuery,
      response: z.object({ entries: z.array(waitingListEntryDto) }),
      audit: { action: 'waiting_list.listed', resourceType: 'waiting_list_entry', details: (_p, r) => ({ results: r.entries.length }) },
      handler: async ({ ctx, tx, query }) => ({ entries: await listEntries(tx, ctx.practiceId, query.status) }),
    }),
    route({
      method: 'POST', url: '/api/agenda/waiting-list', summary: 'Inscrire un patient sur la liste d’attente', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      body: waitingListBody,
      status: 201,
      response: z.object({ entry: waitingListEntryDto }),
      audit: { action: 'waiting_list.added', resourceType: 'waiting_list_entry', resourceId: (_p, r) => r.entry.id },
      async handler({ ctx, tx, body }) {
        return { entry: await addEntry(tx, ctx, body) };
      },
    }),
    route({
      method: 'DELETE', url: '/api/agenda/waiting-list/:id', summary: 'Retirer un patient de la liste d’attente', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      params: idParam,
      status: 204,
      audit: { action: 'waiting_list.removed', resourceType: 'waiting_list_entry', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        await removeEntry(tx, ctx.practiceId, params.id);
        return undefined;
      },
    }),

    // ---------- no-shows ----------
    route({
      method: 'GET', url: '/api/agenda/patients/:id/attendance', summary: 'Absences non excusées d’un patient et politique du cabinet (avertissement, blocage en ligne)', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      params: idParam,
      response: attendanceDto,
      audit: { action: 'patient.attendance_read', resourceType: 'patient', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        return patientAttendance(tx, ctx.practiceId, params.id);
      },
    }),

    // ---------- iCalendar feeds ----------
    route({
      method: 'POST', url: '/api/agenda/practitioners/:id/ical-feed', summary: 'Créer ou renouveler l’adresse privée du flux iCalendar d’un praticien (l’ancienne cesse de fonctionner)', tags,
      access: ADMINS_AND_PRACTITIONERS,
      params: idParam,
      body: icalFeedBody,
      status: 201,
      response: icalFeedDto,
      audit: { action: 'agenda.ical_feed_rotated', resourceType: 'practitioner', resourceId: (p) => p.id, details: (_p, r) => ({ includePatientNames: r.includePatientNames }) },
      async handler({ ctx, tx, params, body }) {
        const d = await practitionerOf(tx, ctx.practiceId, params.id);
        if (!ctx.roles.includes('admin') && d.account_id !== ctx.accountId) throw new AppError('forbidden');
        const token = await rotateIcalFeed(tx, ctx, d.id, body.includePatientNames);
        return { url: `${deps.publicUrl.replace(/\/$/, '')}/ical/${token}.ics`, token, includePatientNames: body.includePatientNames };
      },
    }),
    route({
      method: 'DELETE', url: '/api/agenda/practitioners/:id/ical-feed', summary: 'Révoquer le flux iCalendar d’un praticien', tags,
      access: ADMINS_AND_PRACTITIONERS,
      params: idParam,
      status: 204,
      audit: { action: 'agenda.ical_feed_revoked', resourceType: 'practitioner', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        const d = await practitionerOf(tx, ctx.practiceId, params.id);
        if (!ctx.roles.includes('admin') && d.account_id !== ctx.accountId) throw new AppError('forbidden');
        await revokeIcalFeed(tx, ctx.practiceId, d.id);
        return undefined;
      },
    }),
  ];
}

export { DEFAULT_SETTINGS };
