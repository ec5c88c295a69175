import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import { route, fieldRoute, PRACTITIONERS, STAFF, type RouteDef } from '../platform/http/route.js';
import { callSchema, newCallInput as newCall } from './contract.js';
import { createCall, listCallbacks, listCalls, listMessages, listStaff, setCallbackDone, setMessageRead } from './service.js';
import { clock } from '../platform/clock.js';
import { PERIOD_MESSAGES, periodLimited } from '../platform/http/period-messages.js';

/** The phone log's HTTP surface (see docs/desk.md): calls, callbacks, practitioners' messages. */

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ');

async function practiceZone(tx: Tx, practiceId: string): Promise<string> {
  const p = await tx.selectFrom('practices').select('timezone').where('id', '=', practiceId).executeTakeFirstOrThrow();
  return p.timezone;
}

/** [from, to) of local days `from`..`to` (inclusive) in the practice's time zone; today by default. */
export function dayRange(zone: string, from?: string, to?: string): { from: Date; to: Date } {
  const start = from ? DateTime.fromISO(from, { zone }) : DateTime.fromJSDate(clock.now()).setZone(zone);
  const end = to ? DateTime.fromISO(to, { zone }) : start;
  if (!start.isValid || !end.isValid) throw new AppError('validation_failed', [{ field: 'from', message: PERIOD_MESSAGES.invalidDate }]);
  if (end < start.startOf('day')) throw new AppError('validation_failed', [{ field: 'to', message: PERIOD_MESSAGES.periodReversed }]);
  if (end.diff(start, 'days').days > 92) throw new AppError('validation_failed', [{ field: 'to', message: periodLimited('3 mois', '3 months') }]);
  return { from: start.startOf('day').toJSDate(), to: end.startOf('day').plus({ days: 1 }).toJSDate() };
}

export function phoneLogRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/phone-log/calls',
      summary: 'Journal des appels : appels d’un jour (défaut : aujourd’hui) ou d’une période, les plus récents d’abord',
      tags: ['phone-log'],
      access: STAFF,
      query: z.object({
        from: isoDay.optional(),
        to: isoDay.optional(),
        patientId: z.uuid().optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(300),
      }),
      response: z.object({ calls: z.array(callSchema), from: z.string(), to: z.string() }),
      audit: { action: 'phone_call.listed', resourceType: 'phone_call', details: (_p, r) => ({ from: r.from, to: r.to, results: r.calls.length }) },
      async handler({ ctx, tx, query }) {
        const range = dayRange(await practiceZone(tx, ctx.practiceId), query.from, query.to);
        const calls = await listCalls(tx, ctx.practiceId, { ...range, patientId: query.patientId, limit: query.limit });
        return { calls, from: range.from.toISOString(), to: range.to.toISOString() };
      },
    }),
    route({
      method: 'POST',
      url: '/api/phone-log/calls',
      summary: 'Noter un appel : sens, appelant, patient, motif, issue ; message pour un praticien ou rappel à faire (échéance obligatoire)',
      tags: ['phone-log'],
      access: STAFF,
      status: 201,
      body: newCall,
      response: z.object({ call: callSchema }),
      audit: 'none', // createCall records phone_call.created
      async handler({ ctx, tx, body }) {
        return { call: await createCall(tx, ctx, body) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/phone-log/callbacks',
      summary: 'Rappels à faire (les plus en retard d’abord) et, au choix, ceux faits ces 7 derniers jours',
      tags: ['phone-log'],
      access: STAFF,
      query: z.object({ status: z.enum(['todo', 'done', 'all']).default('todo'), assignee: z.uuid().optional() }),
      response: z.object({ callbacks: z.array(callSchema), overdue: z.number().int() }),
      audit: { action: 'phone_call.callbacks_listed', resourceType: 'phone_call', details: (_p, r) => ({ results: r.callbacks.length }) },
      async handler({ ctx, tx, query }) {
        const callbacks = await listCallbacks(tx, ctx.practiceId, query);
        return { callbacks, overdue: callbacks.filter((c) => c.callback?.overdue).length };
      },
    }),
    fieldRoute({
      url: '/api/phone-log/calls/:id/callback', summary: 'Marquer un rappel comme fait (ou à refaire)', tags: ['phone-log'], access: STAFF,
      field: ['done', z.boolean()], answer: ['call', callSchema], set: setCallbackDone, // records it
    }),
    route({
      method: 'GET',
      url: '/api/phone-log/messages',
      summary: 'Mes messages téléphoniques (praticien) : non lus d’abord',
      tags: ['phone-log'],
      access: PRACTITIONERS,
      query: z.object({ status: z.enum(['unread', 'read', 'all']).default('all') }),
      response: z.object({ messages: z.array(callSchema), unread: z.number().int() }),
      audit: { action: 'phone_message.listed', resourceType: 'phone_call', details: (_p, r) => ({ results: r.messages.length }) },
      async handler({ ctx, tx, query }) {
        return listMessages(tx, ctx, query.status);
      },
    }),
    fieldRoute({
      url: '/api/phone-log/messages/:id/read', summary: 'Marquer un de mes messages comme lu ou non lu', tags: ['phone-log'], access: PRACTITIONERS,
      field: ['read', z.boolean()], answer: ['message', callSchema], set: setMessageRead, // records it
    }),
    route({
      method: 'GET',
      url: '/api/phone-log/staff',
      summary: 'Membres actifs : praticiens destinataires des messages, personnes chargées des rappels',
      tags: ['phone-log'],
      access: STAFF,
      response: z.object({ staff: z.array(z.object({ id: z.uuid(), name: z.string(), practitioner: z.boolean() })) }),
      audit: 'none', // staff names only
      async handler({ ctx, tx }) {
        return { staff: await listStaff(tx, ctx.practiceId) };
      },
    }),
  ];
}
