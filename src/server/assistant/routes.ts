import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import { publicRoute, route, type RouteDef } from '../platform/http/route.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { describeTriageRules, INTENTS, triageMessage, URGENCIES } from '../triage/index.js';
import { searchSlots } from './dialog/runner.js';
import { localDay } from './dialog/proposals.js';
import {
  acknowledgeAlert,
  appointmentPayload,
  assignRequest,
  badgeCounts,
  convertRequest,
  inboxCounts,
  listAlerts,
  listRequests,
  listTasks,
  matchRequestPatient,
  requestDetail,
  setRequestStatus,
  setTaskDone,
} from './inbox.js';
import { llmFromEnv, type LlmProvider } from './llm.js';
import { composeReply, EMPTY_SHEET } from './reply.js';
import { REQUEST_STATUSES } from './schema.js';
import { hashToken, loadSheet, newConversationToken, practiceBySlug, receiveMessage, type ReceiveResult } from './service.js';
import { checkSharedSecret, deliverSms, SMS_MAX_CHARS, type SmsProvider } from './sms.js';
import { smsProviderFromEnv } from '../platform/sms/index.js';
import { clock } from '../platform/clock.js';

/**
 * The intake assistant's HTTP surface: public channels (web chat, SMS webhook, phone-transcript webhook) and the
 * desk's inbox (authenticated, audited). See docs/assistant.md.
 */
export interface AssistantDeps {
  mailer?: Mailer | undefined;
  sms?: SmsProvider | undefined;
  /** Defaults to the provider named by PIVOT_LLM_URL / PIVOT_LLM_MODEL (none when unset). */
  llm?: LlmProvider | undefined;
  /** Read at request time (webhook secrets) so that they can be rotated by a restart-free reload of the env. */
  env?: NodeJS.ProcessEnv;
  /** Base of the links the assistant gives by SMS (the online booking page). */
  publicUrl?: string | undefined;
}

const slug = z.string().trim().toLowerCase().min(1).max(100).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const reason = z.object({ code: z.string(), label: z.string(), evidence: z.string() });
const person = z.object({ id: z.uuid(), name: z.string() });
const publicReply = z.object({
  text: z.string(),
  lang: z.enum(['fr', 'en']),
  emergency: z.boolean(),
  numbers: z.array(z.string()),
  asked: z.array(z.string()),
  /** Booking dialog: the answers offered (web chat buttons; the label is sent back as the message). */
  choices: z.array(z.string()),
});
const requestSummary = z.object({
  id: z.uuid(),
  category: z.string(),
  urgency: z.enum(URGENCIES),
  status: z.enum(['new', 'in_progress', 'done']),
  summary: z.string(),
  reasons: z.array(reason),
  channel: z.enum(['web_chat', 'sms', 'email', 'phone']),
  conversationId: z.uuid(),
  patient: z.object({ id: z.uuid(), name: z.string(), birthDate: z.string() }).nullable(),
  matchStatus: z.enum(['matched', 'to_match']),
  matchMethod: z.string().nullable(),
  candidateCount: z.number().int(),
  assignee: person.nullable(),
  dueAt: z.string(),
  overdue: z.boolean(),
  pendingAlert: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  handledAt: z.string().nullable(),
  handledBy: person.nullable(),
});
const alert = z.object({
  id: z.uuid(),
  level: z.literal('vital'),
  requestId: z.uuid(),
  conversationId: z.uuid(),
  channel: z.enum(['web_chat', 'sms', 'email', 'phone']),
  contact: z.string().nullable(),
  summary: z.string(),
  reasons: z.array(reason),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: person.nullable(),
  requestStatus: z.string(),
  patient: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
const task = z.object({
  id: z.uuid(),
  kind: z.enum(['task', 'practitioner_message']),
  assignee: person,
  text: z.string(),
  dueAt: z.string().nullable(),
  requestId: z.uuid().nullable(),
  patientId: z.uuid().nullable(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  createdBy: z.uuid(),
  createdAt: z.string(),
});
const sheetText = z.string().trim().max(2000).nullable();
const sheet = z.object({
  openingHours: sheetText,
  address: sheetText,
  access: sheetText,
  parking: sheetText,
  transport: sheetText,
  fees: z.array(z.object({ practitioner: z.string().trim().min(1).max(120), fees: z.string().trim().min(1).max(500) })).max(40),
  paymentsAccepted: sheetText,
  tiersPayant: sheetText,
  whatToBring: sheetText,
  onCall: sheetText,
});
const id = z.object({ id: z.uuid() });
const everyone = { roles: ['admin', 'practitioner', 'secretary'] as const };
const admins = { roles: ['admin'] as const };
const boolString = z.enum(['true', 'false']).transform((v) => v === 'true');

const transcriptBody = z.object({
  practice: slug.optional(),
  callId: z.string().trim().min(1).max(200),
  from: z.string().trim().min(3).max(40).nullable().optional(),
  transcript: z.string().trim().min(1).max(20000),
  startedAt: z.iso.datetime({ offset: true }).optional(),
});

function toPublicReply(r: ReceiveResult) {
  return { text: r.reply.text, lang: r.reply.lang, emergency: r.reply.emergency, numbers: r.reply.numbers, asked: r.reply.asked, choices: r.reply.choices ?? [] };
}

function webhookAuth(req: FastifyRequest, secret: string | undefined): void {
  if (!checkSharedSecret(req.headers, secret)) throw new AppError('unauthenticated');
}

async function practiceOr404(db: Db, s: string) {
  const p = await practiceBySlug(db, s);
  if (!p) throw new AppError('not_found');
  return p;
}

export function assistantRoutes(deps: AssistantDeps = {}): RouteDef[] {
  const env = deps.env ?? process.env;
  // The same SMS provider as the agenda's notifications (PIVOT_SMS_HTTP_URL), else the simulator.
  const sms = deps.sms ?? smsProviderFromEnv(env);
  const llm = deps.llm ?? llmFromEnv(env);
  const chatLimit = Number(env.PIVOT_ASSISTANT_CHAT_RATE_LIMIT ?? 30);

  return [
    // ---------- Public: web chat ----------
    publicRoute({
      method: 'GET',
      url: '/api/assistant/chat/:practice',
      summary: 'Widget de discussion : nom du cabinet et message d’accueil (public)',
      tags: ['assistant'],
      access: 'public',
      rateLimit: 120,
      params: z.object({ practice: slug }),
      response: z.object({
        practice: z.object({ name: z.string(), slug: z.string() }),
        greeting: z.object({ fr: z.string(), en: z.string() }),
        emergencyNotice: z.object({ fr: z.string(), en: z.string() }),
      }),
      async handler({ db, params }) {
        const p = await practiceOr404(db, params.practice);
        return {
          practice: { name: p.name, slug: p.slug },
          greeting: {
            fr: `Bonjour, je suis l’assistant du cabinet « ${p.name} ». Écrivez votre demande : rendez-vous, ordonnance, question pratique… Je la transmets au secrétariat.`,
            en: `Hello, I am the assistant of “${p.name}”. Write your request: appointment, prescription, practical question… I will pass it to the front desk.`,
          },
          emergencyNotice: {
            fr: 'Urgence vitale : appelez le 15 ou le 112 (SMS au 114 pour les personnes sourdes ou malentendantes). Ce service ne remplace pas un appel d’urgence.',
            en: 'Life-threatening emergency: call 15 or 112 (text 114 if you are deaf or hard of hearing). This service does not replace an emergency call.',
          },
        };
      },
    }),
    publicRoute({
      method: 'POST',
      url: '/api/assistant/chat',
      summary: 'Widget de discussion : envoyer un message au cabinet et recevoir la réponse de l’assistant (public, limité par IP)',
      tags: ['assistant'],
      access: 'public',
      rateLimit: chatLimit,
      body: z.object({
        practice: slug,
        text: z.string().trim().min(1).max(2000),
        conversationToken: z.string().trim().min(20).max(100).optional(),
      }),
      response: z.object({ conversationToken: z.string(), reply: publicReply }),
      async handler({ db, body, req }) {
        const p = await practiceOr404(db, body.practice);
        let conversationId: string | null = null;
        let token = body.conversationToken;
        if (token) {
          const found = await db
            .selectFrom('conversations')
            .select('id')
            .where('practice_id', '=', p.id)
            .where('channel', '=', 'web_chat')
            .where('token_hash', '=', hashToken(token))
            .where('last_activity_at', '>', new Date(clock.nowMs() - 24 * 3600_000))
            .executeTakeFirst();
          conversationId = found?.id ?? null;
        }
        let tokenHash: Buffer | undefined;
        if (!conversationId) {
          const fresh = newConversationToken();
          token = fresh.token;
          tokenHash = fresh.hash;
        }
        try {
          const result = await db
            .transaction()
            .execute((tx) => receiveMessage(tx, p.id, { channel: 'web_chat', from: null, text: body.text, receivedAt: clock.now(), conversationId, tokenHash }, { llm, ip: req.ip }));
          return { conversationToken: token!, reply: toPublicReply(result) };
        } catch (err) {
          // Safety net: even when the message cannot be stored, a vital message still gets the emergency instruction.
          const triage = triageMessage(body.text, { referenceDate: clock.now() });
          if (triage.urgency !== 'vital') throw err;
          req.log.error({ err }, 'assistant chat: vital message could not be stored');
          const r = composeReply({ triage, text: body.text, sheet: EMPTY_SHEET, channel: 'web_chat', patientKnown: false });
          return { conversationToken: token!, reply: { text: r.text, lang: r.lang, emergency: r.emergency, numbers: r.numbers, asked: r.asked, choices: [] } };
        }
      },
    }),
    publicRoute({
      method: 'POST',
      url: '/api/assistant/chat/history',
      summary: 'Widget de discussion : messages de la conversation en cours (jeton de conversation requis)',
      tags: ['assistant'],
      access: 'public',
      rateLimit: chatLimit,
      body: z.object({ practice: slug, conversationToken: z.string().trim().min(20).max(100) }),
      response: z.object({
        language: z.enum(['fr', 'en']),
        messages: z.array(z.object({ direction: z.enum(['in', 'out']), text: z.string(), at: z.string(), emergency: z.boolean() })),
      }),
      async handler({ db, body }) {
        const p = await practiceOr404(db, body.practice);
        const conv = await db
          .selectFrom('conversations')
          .select(['id', 'language'])
          .where('practice_id', '=', p.id)
          .where('channel', '=', 'web_chat')
          .where('token_hash', '=', hashToken(body.conversationToken))
          .where('last_activity_at', '>', new Date(clock.nowMs() - 24 * 3600_000))
          .executeTakeFirst();
        if (!conv) throw new AppError('not_found');
        const messages = await db
          .selectFrom('conversation_messages')
          .select(['direction', 'body', 'at', 'emergency'])
          .where('practice_id', '=', p.id)
          .where('conversation_id', '=', conv.id)
          .orderBy('at')
          .orderBy('created_at')
          .limit(200)
          .execute();
        return { language: conv.language, messages: messages.map((m) => ({ direction: m.direction, text: m.body, at: new Date(m.at).toISOString(), emergency: m.emergency })) };
      },
    }),

    // ---------- Public: provider webhooks (shared secret) ----------
    publicRoute({
      method: 'POST',
      url: '/api/assistant/sms/inbound',
      summary: `SMS entrant (webhook du fournisseur SMS « ${sms.name} ») ; en-tête X-Pivot-Webhook-Secret = PIVOT_SMS_WEBHOOK_SECRET`,
      tags: ['assistant'],
      access: 'public',
      rateLimit: 600,
      response: z.object({ received: z.literal(true), duplicate: z.boolean() }),
      async handler({ db, req }) {
        webhookAuth(req, env.PIVOT_SMS_WEBHOOK_SECRET);
        const inbound = sms.parseInbound(req.body);
        if (!inbound || !slug.safeParse(inbound.practiceSlug).success || !inbound.text.trim() || inbound.text.length > 5000 || !/^\+?[0-9 .()-]{3,30}$/.test(inbound.from)) {
          throw new AppError('validation_failed', [{ field: null, message: 'Attendu : {practice, from, text, messageId?, receivedAt?}' }]);
        }
        const p = await practiceOr404(db, slug.parse(inbound.practiceSlug));
        const { result, outboxId } = await db.transaction().execute(async (tx) => {
          const result = await receiveMessage(
            tx,
            p.id,
            { channel: 'sms', from: inbound.from.replace(/[ .()-]/g, ''), text: inbound.text, receivedAt: new Date(Math.min(inbound.receivedAt.getTime(), clock.nowMs())), externalId: inbound.externalId },
            { llm, publicUrl: deps.publicUrl },
          );
          if (result.duplicate || !result.reply.text) return { result, outboxId: null };
          const row = await tx
            .insertInto('sms_outbox')
            .values({
              practice_id: p.id,
              conversation_id: result.conversationId,
              to_number: inbound.from.replace(/[ .()-]/g, ''),
              body: result.reply.text.slice(0, SMS_MAX_CHARS),
              provider: sms.name,
              status: 'queued',
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          return { result, outboxId: row.id };
        });
        if (outboxId) await deliverSms(db, sms, outboxId);
        return { received: true as const, duplicate: result.duplicate };
      },
    }),
    publicRoute({
      method: 'POST',
      url: '/api/assistant/phone/transcript',
      summary: 'Transcription d’appel (webhook du fournisseur de téléphonie) ; en-tête X-Pivot-Webhook-Secret = PIVOT_PHONE_WEBHOOK_SECRET',
      tags: ['assistant'],
      access: 'public',
      // A 20,000-character transcript, JSON-escaped (a control character takes 6 bytes), still fits.
      bodyLimit: 256 * 1024,
      rateLimit: 600,
      response: z.object({ received: z.literal(true), duplicate: z.boolean(), reply: publicReply }),
      async handler({ db, req }) {
        webhookAuth(req, env.PIVOT_PHONE_WEBHOOK_SECRET);
        const parsed = transcriptBody.safeParse(req.body);
        if (!parsed.success) {
          throw new AppError('validation_failed', parsed.error.issues.map((i) => ({ field: i.path.join('.') || null, message: i.message })));
        }
        const b = parsed.data;
        const q = (req.query ?? {}) as Record<string, unknown>;
        const practiceSlug = b.practice ?? (typeof q.practice === 'string' ? q.practice : undefined);
        if (!practiceSlug || !slug.safeParse(practiceSlug).success) throw new AppError('validation_failed', [{ field: 'practice', message: 'Cabinet (slug) manquant.' }]);
        const p = await practiceOr404(db, slug.parse(practiceSlug));
        const from = b.from ? b.from.replace(/[ .()-]/g, '') : null;
        const result = await db.transaction().execute((tx) =>
          receiveMessage(
            tx,
            p.id,
            { channel: 'phone', from, text: b.transcript, receivedAt: b.startedAt ? new Date(Math.min(Date.parse(b.startedAt), clock.nowMs())) : clock.now(), externalId: b.callId, externalRef: b.callId },
            { llm, publicUrl: deps.publicUrl },
          ),
        );
        return { received: true as const, duplicate: result.duplicate, reply: toPublicReply(result) };
      },
    }),

    // ---------- Desk: inbox ----------
    route({
      method: 'GET',
      url: '/api/assistant/requests',
      summary: 'Boîte de réception du secrétariat : demandes triées (vitales et du jour en tête tant qu’elles ne sont pas traitées, puis par échéance)',
      tags: ['assistant'],
      access: everyone,
      query: z.object({
        status: z.enum(['new', 'in_progress', 'done', 'open']).optional(),
        urgency: z.enum(URGENCIES).optional(),
        category: z.enum(INTENTS).optional(),
        assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
        patientId: z.uuid().optional(),
        limit: z.coerce.number().int().min(1).max(200).default(100),
      }),
      response: z.object({
        requests: z.array(requestSummary),
        counts: z.object({ open: z.number(), vital: z.number(), sameDay: z.number(), toMatch: z.number(), overdue: z.number() }),
      }),
      audit: { action: 'assistant.requests.listed', resourceType: 'inbox_request', details: (_p, r) => ({ results: r.requests.length }) },
      async handler({ ctx, tx, query }) {
        const requests = await listRequests(tx, ctx, query);
        return { requests, counts: await inboxCounts(tx, ctx.practiceId) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/assistant/requests/:id',
      summary: 'Une demande avec sa conversation, ses alertes et ses tâches',
      tags: ['assistant'],
      access: everyone,
      params: id,
      response: z.object({
        request: requestSummary.extend({
          details: z.record(z.string(), z.unknown()),
          candidates: z.array(z.object({ id: z.uuid(), name: z.string(), birthDate: z.string(), via: z.string() })),
          outcome: z.record(z.string(), z.unknown()).nullable(),
        }),
        conversation: z.object({
          id: z.uuid(),
          channel: z.enum(['web_chat', 'sms', 'email', 'phone']),
          address: z.string().nullable(),
          language: z.enum(['fr', 'en']),
          patientId: z.uuid().nullable(),
          startedAt: z.string(),
          lastActivityAt: z.string(),
          messages: z.array(
            z.object({
              id: z.uuid(),
              direction: z.enum(['in', 'out']),
              text: z.string(),
              at: z.string(),
              triage: z.object({ intent: z.string(), urgency: z.string(), lang: z.string(), reasons: z.array(reason) }).nullable(),
            }),
          ),
        }),
        alerts: z.array(alert),
        tasks: z.array(task),
      }),
      audit: { action: 'assistant.request.read', resourceType: 'inbox_request', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        return requestDetail(tx, ctx.practiceId, params.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/assistant/requests/:id/assign',
      summary: 'Attribuer une demande à un membre du cabinet (null : la libérer)',
      tags: ['assistant'],
      access: everyone,
      params: id,
      body: z.object({ assigneeId: z.uuid().nullable() }),
      response: z.object({ request: requestSummary }),
      audit: 'none', // assignRequest records assistant.request.assigned
      async handler({ ctx, tx, params, body }) {
        return { request: await assignRequest(tx, ctx, params.id, body.assigneeId) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/assistant/requests/:id/status',
      summary: 'Changer le statut d’une demande (new, in_progress, done)',
      tags: ['assistant'],
      access: everyone,
      params: id,
      body: z.object({ status: z.enum(REQUEST_STATUSES as unknown as ['new', 'in_progress', 'done']) }),
      response: z.object({ request: requestSummary }),
      audit: 'none', // setRequestStatus records assistant.request.status_changed
      async handler({ ctx, tx, params, body }) {
        return { request: await setRequestStatus(tx, ctx, params.id, body.status) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/assistant/requests/:id/match',
      summary: 'Rattacher la demande à un patient du cabinet (null : à rattacher)',
      tags: ['assistant'],
      access: everyone,
      params: id,
      body: z.object({ patientId: z.uuid().nullable() }),
      response: z.object({ request: requestSummary }),
      audit: 'none', // matchRequestPatient records assistant.request.patient_matched
      async handler({ ctx, tx, params, body }) {
        return { request: await matchRequestPatient(tx, ctx, params.id, body.patientId) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/assistant/requests/:id/convert',
      summary: 'Transformer la demande en rendez-vous (agenda), en tâche ou en message pour un praticien ; la demande passe à « traitée »',
      tags: ['assistant'],
      access: everyone,
      params: id,
      body: z.object({
        kind: z.enum(['task', 'practitioner_message', 'appointment']),
        assigneeId: z.uuid().optional(),
        text: z.string().trim().min(1).max(4000).optional(),
        dueAt: z.iso.datetime({ offset: true }).optional(),
        /** kind = appointment: the slot chosen in the desk's booking dialog. */
        appointment: appointmentPayload.optional(),
      }),
      response: z.object({ request: requestSummary, outcome: z.object({ kind: z.string(), id: z.uuid() }), task: task.nullable() }),
      audit: 'none', // convertRequest records assistant.request.converted (and the agenda appointment.booked)
      async handler({ ctx, tx, params, body }) {
        const { appointment, ...rest } = body;
        return convertRequest(tx, ctx, params.id, { ...rest, dueAt: rest.dueAt ? new Date(rest.dueAt) : undefined, payload: appointment });
      },
    }),
    route({
      method: 'GET',
      url: '/api/assistant/requests/:id/booking-options',
      summary: 'Prise de rendez-vous depuis une demande : patient, préférences lues dans le message, praticiens, motifs et créneaux libres proposés',
      tags: ['assistant'],
      access: everyone,
      params: id,
      query: z.object({
        practitionerId: z.uuid().optional(),
        motifId: z.uuid().optional(),
        date: z.iso.date().optional(),
        partOfDay: z.enum(['morning', 'afternoon']).optional(),
        after: z.iso.datetime({ offset: true }).optional(),
        /** Default: today only for a same-day request. */
        today: boolString.optional(),
      }),
      response: z.object({
        patient: z.object({ id: z.uuid(), name: z.string(), birthDate: z.string() }).nullable(),
        urgency: z.enum(URGENCIES),
        preferences: z.object({ date: z.string().nullable(), time: z.string().nullable(), partOfDay: z.string().nullable(), text: z.string().nullable() }),
        practitioners: z.array(z.object({ id: z.uuid(), name: z.string() })),
        motifs: z.array(z.object({ id: z.uuid(), name: z.string(), practitionerId: z.uuid().nullable(), durationMinutes: z.number() })),
        slots: z.array(z.object({ practitionerId: z.uuid(), practitionerName: z.string(), start: z.string(), end: z.string() })),
        timeZone: z.string(),
      }),
      audit: { action: 'assistant.request.booking_options', resourceType: 'inbox_request', resourceId: (p) => p.id },
      async handler({ ctx, tx, params, query }) {
        const detail = await requestDetail(tx, ctx.practiceId, params.id);
        const r = detail.request;
        const dates = ((r.details.dates ?? []) as { text?: string; date?: string; time?: string; partOfDay?: string }[]).filter((d) => d.date || d.time || d.partOfDay);
        const now = clock.now();
        const practitioners = await tx.selectFrom('practitioners').select(['id', 'display_name']).where('practice_id', '=', ctx.practiceId).where('active', '=', true).orderBy('display_name').execute();
        const motifs = await tx.selectFrom('appointment_types').select(['id', 'name', 'practitioner_id', 'duration_minutes']).where('practice_id', '=', ctx.practiceId).where('active', '=', true).orderBy('name').execute();
        const zone = (await tx.selectFrom('practices').select('timezone').where('id', '=', ctx.practiceId).executeTakeFirstOrThrow()).timezone;
        const today = localDay(now, zone);
        const wanted = dates.find((d) => !d.date || d.date >= today);
        const ids = query.practitionerId ? practitioners.filter((p) => p.id === query.practitionerId).map((p) => p.id) : practitioners.map((p) => p.id);
        const sameDay = query.today ?? r.urgency !== 'routine';
        const prefs = query.date || query.partOfDay || query.after
          ? { date: query.date, partOfDay: query.partOfDay, after: query.after ? new Date(query.after).toISOString() : undefined }
          : { date: wanted?.date, time: wanted?.time, partOfDay: wanted?.partOfDay as 'morning' | undefined };
        const found = await searchSlots(tx, ctx.practiceId, { practitionerIds: ids, motifId: query.motifId ?? null, prefs, urgency: sameDay ? 'same_day' : 'routine', now, channel: 'desk', n: 6 });
        const names = new Map(practitioners.map((p) => [p.id, p.display_name]));
        return {
          patient: r.patient,
          urgency: r.urgency,
          preferences: { date: wanted?.date ?? null, time: wanted?.time ?? null, partOfDay: wanted?.partOfDay ?? null, text: wanted?.text ?? null },
          practitioners: practitioners.map((p) => ({ id: p.id, name: p.display_name })),
          motifs: motifs.map((m) => ({ id: m.id, name: m.name, practitionerId: m.practitioner_id, durationMinutes: m.duration_minutes })),
          slots: found.slots.map((s) => ({ ...s, practitionerName: names.get(s.practitionerId) ?? '' })),
          timeZone: zone,
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/assistant/counts',
      summary: 'Compteurs de la boîte de réception pour le badge de navigation (nouvelles, vitales, du jour, alertes non acquittées) ; aucune donnée patient',
      tags: ['assistant'],
      access: everyone,
      response: z.object({ open: z.number(), new: z.number(), vital: z.number(), sameDay: z.number(), pendingAlerts: z.number() }),
      audit: 'none', // numbers only, polled by every open desk screen
      async handler({ ctx, tx }) {
        return badgeCounts(tx, ctx.practiceId);
      },
    }),
    route({
      method: 'GET',
      url: '/api/assistant/practice-links',
      summary: 'Adresses publiques du cabinet : discussion avec l’assistant, prise de rendez-vous en ligne, code du widget',
      tags: ['assistant'],
      access: everyone,
      response: z.object({ name: z.string(), slug: z.string(), chatPath: z.string(), bookingPath: z.string(), widgetSnippet: z.string() }),
      audit: 'none', // public practice information
      async handler({ ctx, tx, req }) {
        const p = await tx.selectFrom('practices').select(['name', 'slug']).where('id', '=', ctx.practiceId).executeTakeFirstOrThrow();
        const origin = (env.PIVOT_PUBLIC_URL ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`).replace(/\/$/, '');
        return {
          name: p.name,
          slug: p.slug,
          chatPath: `/#/chat/${p.slug}`,
          bookingPath: `/#/rdv/${p.slug}`,
          widgetSnippet: `<script src="${origin}/assistant-widget.js" data-practice="${p.slug}" async></script>`,
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/assistant/assignees',
      summary: 'Membres actifs du cabinet à qui attribuer une demande ou une tâche',
      tags: ['assistant'],
      access: everyone,
      response: z.object({ assignees: z.array(z.object({ id: z.uuid(), name: z.string(), roles: z.array(z.string()) })) }),
      audit: 'none', // staff names only
      async handler({ ctx, tx }) {
        const rows = await tx
          .selectFrom('memberships as m')
          .innerJoin('accounts as a', 'a.id', 'm.account_id')
          .select(['a.id', 'a.display_name', 'm.roles'])
          .where('m.practice_id', '=', ctx.practiceId)
          .where('m.active', '=', true)
          .orderBy('a.display_name')
          .execute();
        return { assignees: rows.map((r) => ({ id: r.id, name: r.display_name, roles: r.roles })) };
      },
    }),

    // ---------- Desk: alerts ----------
    route({
      method: 'GET',
      url: '/api/assistant/alerts',
      summary: 'Alertes vitales (interrogation régulière : since = date ISO de la dernière réponse, pending=true pour les non acquittées)',
      tags: ['assistant'],
      access: everyone,
      query: z.object({
        since: z.iso.datetime({ offset: true }).optional(),
        pending: boolString.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: z.object({ alerts: z.array(alert), serverTime: z.string() }),
      audit: 'none', // audited in the handler when alerts (patient data) are returned: polling stays quiet
      async handler({ ctx, tx, query }) {
        const serverTime = clock.now().toISOString();
        const alerts = await listAlerts(tx, ctx.practiceId, { since: query.since ? new Date(query.since) : undefined, pending: query.pending, limit: query.limit });
        if (alerts.length > 0) ctx.audit({ action: 'assistant.alerts.listed', resourceType: 'assistant_alert', details: { ids: alerts.map((a) => a.id) } });
        return { alerts, serverTime };
      },
    }),
    route({
      method: 'POST',
      url: '/api/assistant/alerts/:id/acknowledge',
      summary: 'Acquitter une alerte vitale (la demande reste en tête jusqu’à son traitement)',
      tags: ['assistant'],
      access: everyone,
      params: id,
      response: z.object({ alert }),
      audit: { action: 'assistant.alert.acknowledged', resourceType: 'assistant_alert', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        return { alert: await acknowledgeAlert(tx, ctx, params.id) };
      },
    }),

    // ---------- Desk: tasks ----------
    route({
      method: 'GET',
      url: '/api/assistant/tasks',
      summary: 'Tâches et messages pour les praticiens (assignee = me | id ; done = true | false)',
      tags: ['assistant'],
      access: everyone,
      query: z.object({
        assignee: z.union([z.literal('me'), z.uuid()]).optional(),
        done: boolString.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(100),
      }),
      response: z.object({ tasks: z.array(task) }),
      audit: { action: 'assistant.tasks.listed', resourceType: 'task', details: (_p, r) => ({ results: r.tasks.length }) },
      async handler({ ctx, tx, query }) {
        return { tasks: await listTasks(tx, ctx, query) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/assistant/tasks/:id/done',
      summary: 'Marquer une tâche faite (ou non faite)',
      tags: ['assistant'],
      access: everyone,
      params: id,
      body: z.object({ done: z.boolean() }),
      response: z.object({ task }),
      audit: 'none', // setTaskDone records assistant.task.updated
      async handler({ ctx, tx, params, body }) {
        return { task: await setTaskDone(tx, ctx, params.id, body.done) };
      },
    }),

    // ---------- Triage rules (read-only: the catalogue and its sources) ----------
    route({
      method: 'GET',
      url: '/api/assistant/triage-rules',
      summary: 'Catalogue clinique du tri des urgences, avec ses sources (à valider par les médecins du cabinet)',
      tags: ['assistant'],
      access: everyone,
      response: z.object({
        entries: z.array(z.object({ id: z.string(), label: z.string(), source: z.string(), code: z.string() })),
        model: z.object({ threshold: z.number(), trainedOn: z.number(), features: z.number() }),
      }),
      audit: 'none', // the same rules for every practice, no patient data
      async handler() {
        return describeTriageRules();
      },
    }),

    // ---------- Practice information sheet ----------
    route({
      method: 'GET',
      url: '/api/assistant/practice-info',
      summary: 'Fiche d’informations pratiques du cabinet (seule source des réponses pratiques de l’assistant)',
      tags: ['assistant'],
      access: everyone,
      response: z.object({ info: sheet, updatedAt: z.string().nullable() }),
      audit: 'none', // public practice information, no patient data
      async handler({ ctx, tx }) {
        const row = await tx.selectFrom('practice_info').select('updated_at').where('practice_id', '=', ctx.practiceId).executeTakeFirst();
        return { info: row ? await loadSheet(tx, ctx.practiceId) : EMPTY_SHEET, updatedAt: row ? new Date(row.updated_at).toISOString() : null };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/assistant/practice-info',
      summary: 'Modifier la fiche d’informations pratiques (administrateurs) ; un champ vide = l’assistant dira qu’il ne sait pas',
      tags: ['assistant'],
      access: admins,
      body: sheet,
      response: z.object({ info: sheet, updatedAt: z.string() }),
      audit: { action: 'assistant.practice_info.updated', resourceType: 'practice', details: (_p, r) => ({ fields: Object.entries(r.info).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v)).map(([k]) => k) }) },
      async handler({ ctx, tx, body }) {
        const empty = (s: string | null) => (s && s.trim() ? s.trim() : null);
        const values = {
          opening_hours: empty(body.openingHours),
          address: empty(body.address),
          access: empty(body.access),
          parking: empty(body.parking),
          transport: empty(body.transport),
          fees: JSON.stringify(body.fees),
          payments_accepted: empty(body.paymentsAccepted),
          tiers_payant: empty(body.tiersPayant),
          what_to_bring: empty(body.whatToBring),
          on_call: empty(body.onCall),
          updated_at: clock.now(),
          updated_by: ctx.accountId,
        };
        const row = await tx
          .insertInto('practice_info')
          .values({ practice_id: ctx.practiceId, ...values })
          .onConflict((oc) => oc.column('practice_id').doUpdateSet(values))
          .returning('updated_at')
          .executeTakeFirstOrThrow();
        return { info: await loadSheet(tx, ctx.practiceId), updatedAt: new Date(row.updated_at).toISOString() };
      },
    }),

    // ---------- SMS outbox (admins) ----------
    route({
      method: 'GET',
      url: '/api/assistant/sms/outbox',
      summary: 'SMS envoyés par l’assistant (simulateur : rien n’est réellement envoyé)',
      tags: ['assistant'],
      access: admins,
      query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: z.object({
        provider: z.string(),
        simulated: z.boolean(),
        messages: z.array(
          z.object({
            id: z.uuid(),
            to: z.string(),
            body: z.string(),
            status: z.enum(['queued', 'sent', 'failed', 'simulated']),
            provider: z.string(),
            error: z.string().nullable(),
            conversationId: z.uuid().nullable(),
            createdAt: z.string(),
            sentAt: z.string().nullable(),
          }),
        ),
      }),
      audit: { action: 'assistant.sms_outbox.read', resourceType: 'sms_outbox' },
      async handler({ ctx, tx, query }) {
        const rows = await tx.selectFrom('sms_outbox').selectAll().where('practice_id', '=', ctx.practiceId).orderBy('created_at', 'desc').limit(query.limit).execute();
        return {
          provider: sms.name,
          simulated: sms.simulated,
          messages: rows.map((r) => ({
            id: r.id,
            to: r.to_number,
            body: r.body,
            status: r.status,
            provider: r.provider,
            error: r.error,
            conversationId: r.conversation_id,
            createdAt: new Date(r.created_at).toISOString(),
            sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
          })),
        };
      },
    }),
  ];
}

