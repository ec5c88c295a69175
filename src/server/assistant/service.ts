import crypto from 'node:crypto';
import { AppError } from '../platform/http/errors.js';
import type { Db, Tx } from '../platform/db/database.js';
import { triageMessage, type Reason, type TriageResult, type Urgency } from '../triage/index.js';
import { dueAt } from './due.js';
import { mergeLlm, urgencyRank, type LlmProvider } from './llm.js';
import { matchPatient, type MatchResult } from './matching.js';
import { followUpReply, readFollowUp } from './follow-up.js';
import { localDay } from './dialog/proposals.js';
import { composeReply, EMPTY_SHEET, type ComposedReply, type MissingPiece, type PracticeSheet } from './reply.js';
import type { Channel, FeeLine } from './schema.js';
import { driveDialog } from './dialog/runner.js';
import { readDialogState } from './dialog/state.js';
import type { DialogOutcome } from './dialog/machine.js';
import { clock } from '../platform/clock.js';

/** A message arriving on any channel. */
export interface InboundMessage {
  channel: Channel;
  /** Phone number (SMS, phone) or e-mail address (e-mail); null for the web chat. */
  from: string | null;
  text: string;
  receivedAt: Date;
  /** Provider's message id / Message-ID / call id: a message delivered twice is processed once. */
  externalId?: string | null | undefined;
  /** Phone: the call id groups the transcript into one conversation. */
  externalRef?: string | null | undefined;
  /** Web chat: the conversation the browser continues (resolved from its token by the route). */
  conversationId?: string | null | undefined;
  /** Web chat: hash of the new conversation's token. */
  tokenHash?: Buffer | undefined;
}

export interface ReceiveOptions {
  llm?: LlmProvider | undefined;
  /** Client IP (web chat), written in the audit entries of the booking dialog. */
  ip?: string | undefined;
  /** Base of the links given in replies (PIVOT_PUBLIC_URL); the web chat may do with relative links. */
  publicUrl?: string | undefined;
}

/** Dialogue state kept on the conversation. `booking`: the booking dialog (`dialog/state.ts`, validated with zod). */
export interface ConversationState {
  openRequestId?: string;
  asked?: MissingPiece[];
  lastIntent?: string;
  booking?: unknown;
}

/** Channels where the assistant holds a booking dialog (a phone transcript or an e-mail is one-shot: filed). */
const DIALOG_CHANNELS: readonly Channel[] = ['web_chat', 'sms'];
const DIALOG_CATEGORY = { book: 'book', move: 'reschedule', cancel: 'cancel' } as const;

export interface ReceiveResult {
  conversationId: string;
  messageId: string;
  reply: ComposedReply & { choices?: string[] };
  triage: TriageResult;
  request: { id: string; category: string; urgency: Urgency; status: string; created: boolean } | null;
  alertId: string | null;
  /** The same external id was already processed: nothing new was stored. */
  duplicate: boolean;
}

export const MAX_MESSAGE_CHARS = 5000;
/** A new SMS or e-mail from the same address within this window continues the conversation. */
const CONTINUE_WINDOW_MS = { sms: 24 * 3600_000, email: 72 * 3600_000, web_chat: 24 * 3600_000, phone: 0 } as const;

export function hashToken(token: string): Buffer {
  return crypto.createHash('sha256').update(token).digest();
}

export function newConversationToken(): { token: string; hash: Buffer } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export async function practiceBySlug(db: Db | Tx, slug: string): Promise<{ id: string; name: string; slug: string; timezone: string } | undefined> {
  return db.selectFrom('practices').select(['id', 'name', 'slug', 'timezone']).where('slug', '=', slug).executeTakeFirst();
}

export async function loadSheet(db: Db | Tx, practiceId: string): Promise<PracticeSheet> {
  const row = await db.selectFrom('practice_info').selectAll().where('practice_id', '=', practiceId).executeTakeFirst();
  if (!row) return EMPTY_SHEET;
  return {
    openingHours: row.opening_hours,
    address: row.address,
    access: row.access,
    parking: row.parking,
    transport: row.transport,
    fees: (row.fees ?? []) as FeeLine[],
    paymentsAccepted: row.payments_accepted,
    tiersPayant: row.tiers_payant,
    whatToBring: row.what_to_bring,
    onCall: row.on_call,
  };
}

function summarize(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 200 ? `${one.slice(0, 199)}…` : one || '—';
}

/**
 * The reasons of a request continued over several messages. What the engine says about the intent or the language
 * of each message (a score line) is kept once, from the message that set the category: an eight-message dialog
 * listed « Intention estimée par le modèle statistique » eight times under « Pourquoi ce classement ».
 */
function mergeReasons(a: Reason[], b: Reason[]): Reason[] {
  const perMessage = (r: Reason) => r.code.startsWith('INTENT_') || r.code.startsWith('LANG');
  const key = (r: Reason) => (perMessage(r) ? r.code : `${r.code}|${r.evidence}`);
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((r) => !seen.has(key(r)))];
}

function mergeDetails(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    if (Array.isArray(prev) && Array.isArray(v)) {
      const keys = new Set(prev.map((x) => JSON.stringify(x)));
      out[k] = [...prev, ...v.filter((x) => !keys.has(JSON.stringify(x)))];
    } else if (prev && typeof prev === 'object' && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = { ...(prev as object), ...Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== '')) };
    } else if (v !== undefined && v !== null && v !== '') {
      out[k] = v;
    }
  }
  return out;
}

async function resolveConversation(tx: Tx, practiceId: string, input: InboundMessage) {
  const base = () => tx.selectFrom('conversations').selectAll().where('practice_id', '=', practiceId).where('channel', '=', input.channel);
  if (input.channel === 'web_chat' && input.conversationId) {
    const found = await base().where('id', '=', input.conversationId).executeTakeFirst();
    if (found) return found;
  }
  if (input.channel === 'phone' && input.externalRef) {
    const found = await base().where('external_ref', '=', input.externalRef).executeTakeFirst();
    if (found) return found;
  }
  if ((input.channel === 'sms' || input.channel === 'email') && input.from) {
    const since = new Date(input.receivedAt.getTime() - CONTINUE_WINDOW_MS[input.channel]);
    const found = await base()
      .where('external_address', '=', input.from)
      .where('last_activity_at', '>=', since)
      .orderBy('last_activity_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (found) return found;
  }
  if (input.channel === 'web_chat' && !input.tokenHash) throw new Error('web chat conversation needs a token');
  return tx
    .insertInto('conversations')
    .values({
      practice_id: practiceId,
      channel: input.channel,
      external_address: input.from,
      token_hash: input.channel === 'web_chat' ? input.tokenHash! : null,
      external_ref: input.channel === 'phone' ? (input.externalRef ?? null) : null,
      started_at: input.receivedAt,
      last_activity_at: input.receivedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Processes one inbound message in the caller's transaction: triage (rules, then the optional LLM which can only
 * raise urgency), message stored, patient matched when unambiguous, request created or updated in the inbox,
 * vital alert raised, reply composed and stored. Returns the reply to send on the message's channel.
 */
export async function receiveMessage(tx: Tx, practiceId: string, input: InboundMessage, opts: ReceiveOptions = {}): Promise<ReceiveResult> {
  const practice = await tx.selectFrom('practices').select(['id', 'name', 'timezone']).where('id', '=', practiceId).executeTakeFirst();
  if (!practice) throw new AppError('not_found');
  const text = input.text.trim().slice(0, MAX_MESSAGE_CHARS);
  if (!text) throw new AppError('validation_failed', [{ field: 'text', message: 'Message vide.' }]);

  // A provider retrying a webhook: answer with what was already decided.
  if (input.externalId) {
    const seen = await tx
      .selectFrom('conversation_messages as m')
      .innerJoin('conversations as c', (j) => j.onRef('c.id', '=', 'm.conversation_id').onRef('c.practice_id', '=', 'm.practice_id'))
      .select(['m.id', 'm.conversation_id', 'm.triage', 'm.at'])
      .where('m.practice_id', '=', practiceId)
      .where('c.channel', '=', input.channel)
      .where('m.external_id', '=', input.externalId)
      .where('m.direction', '=', 'in')
      .executeTakeFirst();
    if (seen) return duplicateResult(tx, practiceId, seen);
  }

  const conversation = await resolveConversation(tx, practiceId, input);
  const state = (conversation.state ?? {}) as ConversationState;

  const rules = triageMessage(text, { referenceDate: input.receivedAt });
  let triage = rules;
  let llmDraft: string | null = null;
  if (opts.llm) {
    const suggestion = await opts.llm.refine({ text, triage: rules }).catch(() => null);
    const merged = mergeLlm(rules, suggestion);
    triage = merged.triage;
    llmDraft = merged.draft;
  }

  const message = await tx
    .insertInto('conversation_messages')
    .values({
      practice_id: practiceId,
      conversation_id: conversation.id,
      direction: 'in',
      body: text,
      external_id: input.externalId ?? null,
      triage: JSON.stringify(triage),
      at: input.receivedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // Patient: the conversation's patient when the sender writes for themself, else the matcher.
  let match: MatchResult;
  if (conversation.patient_id && !triage.details.thirdParty) {
    match = { patientId: conversation.patient_id, method: 'conversation', candidates: [] };
  } else {
    match = await matchPatient(tx, practiceId, {
      channel: input.channel,
      from: input.from,
      name: triage.details.patient.name,
      birthDate: triage.details.patient.birthDate,
      thirdParty: triage.details.thirdParty,
    });
  }

  // The booking dialog (book / move / cancel) on the channels that can hold one. Vital always goes the usual way:
  // the emergency instruction first, the dialog dropped.
  const now0 = clock.now();
  const current = readDialogState(state.booking, now0);
  let dialog: DialogOutcome | null = null;
  if (DIALOG_CHANNELS.includes(input.channel) && triage.urgency !== 'vital') {
    dialog = await driveDialog({ tx, practiceId, practiceName: practice.name, conversationId: conversation.id, now: now0, ip: opts.ip, publicUrl: opts.publicUrl }, current, { text, triage });
  }
  const dialogHandled = dialog !== null && dialog.reply !== null;
  const dialogKind = dialog?.state?.kind ?? current?.kind;
  const verifiedPatientId = dialog?.state?.patientId ?? current?.patientId ?? null;
  const dialogEnd = dialog?.end;
  const appointmentDone = dialogEnd && dialogEnd.kind !== 'handed_over' ? dialogEnd : null;

  // The answer to what the assistant asked on the open request (identity, medicine…) is read as such.
  const followUp = !dialogHandled && state.openRequestId ? readFollowUp(text, triage, state.asked ?? [], localDay(now0, practice.timezone)) : null;
  if (followUp?.identity && !verifiedPatientId) {
    const forSomeoneElse = (state.asked ?? []).includes('patient_concerned');
    match = await matchPatient(tx, practiceId, { channel: input.channel, from: input.from, ...followUp.identity, thirdParty: forSomeoneElse ? 'relative' : undefined });
  }
  const sheet = await loadSheet(tx, practiceId);
  const reply: ReceiveResult['reply'] =
    dialogHandled && dialog!.reply
      ? { ...dialog!.reply, fileRequest: true }
      : followUp
        ? followUpReply(followUp, conversation.language === 'en' ? 'en' : conversation.language === 'fr' ? 'fr' : triage.lang)
        : composeReply({ triage, text, sheet, channel: input.channel, patientKnown: match.patientId !== null });
  // Name + birth date + one-time code to the contact on file: the strongest evidence there is.
  if (verifiedPatientId) match = { patientId: verifiedPatientId, method: 'name_birth_date', candidates: [] };

  const details: Record<string, unknown> = {
    ...triage.details,
    ...(input.from ? { contact: input.from } : {}),
    ...(llmDraft ? { llmDraft } : {}),
    ...(reply.sheet ? { sheetTopics: reply.sheet.topics, sheetMissing: reply.sheet.missing } : {}),
    ...(reply.asked.length ? { asked: reply.asked } : {}),
    // A first visit: the desk creates the file when it calls back.
    ...(dialogEnd?.kind === 'handed_over' && dialogEnd.reason === 'new_patient' ? { newPatient: true } : {}),
    ...(dialogHandled && dialogKind
      ? {
          dialog: {
            kind: dialogKind,
            step: dialog!.state?.step ?? 'ended',
            verified: verifiedPatientId !== null,
            ...(dialogEnd ? { end: dialogEnd.kind === 'handed_over' ? dialogEnd.reason : dialogEnd.kind } : {}),
          },
        }
      : {}),
  };
  const now = clock.now();
  const due = dueAt(triage.urgency, input.receivedAt, practice.timezone);

  // Continue the open request of this conversation when the message answers it or concerns the same thing.
  const open = state.openRequestId
    ? await tx
        .selectFrom('inbox_requests')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('id', '=', state.openRequestId)
        .where('status', '!=', 'done')
        .executeTakeFirst()
    : undefined;
  const answersQuestion = (state.asked?.length ?? 0) > 0 && triage.urgency === 'routine';
  // An answer inside the dialog ("123456", "2", "oui") continues the dialog's request whatever the engine reads in it.
  const dialogContinues = dialogHandled && open !== undefined && (current !== null || (dialogKind !== undefined && open.category === DIALOG_CATEGORY[dialogKind]));
  const continues =
    open !== undefined &&
    (dialogContinues ||
    triage.intent === open.category || triage.intent === 'other' || answersQuestion || open.category === 'other') &&
    (dialogContinues || urgencyRank(triage.urgency) <= urgencyRank(open.urgency) || triage.intent === open.category || open.category === 'other');

  let request: ReceiveResult['request'] = null;
  if (open && continues) {
    const urgency = urgencyRank(triage.urgency) > urgencyRank(open.urgency) ? triage.urgency : open.urgency;
    const category = dialogContinues
      ? open.category
      : open.category === 'other' || urgencyRank(triage.urgency) > urgencyRank(open.urgency)
        ? triage.intent
        : open.category;
    // A patient verified by the one-time code replaces an earlier guess.
    const matched = verifiedPatientId
      ? null
      : open.patient_id
        ? { patient_id: open.patient_id, match_status: 'matched' as const, match_method: open.match_method }
        : null;
    const updated = await tx
      .updateTable('inbox_requests')
      .set({
        message_id: message.id,
        category,
        urgency,
        reasons: JSON.stringify(mergeReasons(open.reasons as Reason[], triage.reasons)),
        details: JSON.stringify(mergeDetails(open.details as Record<string, unknown>, details)),
        due_at: new Date(Math.min(new Date(open.due_at).getTime(), due.getTime())),
        ...(matched ?? {
          patient_id: match.patientId,
          match_status: match.patientId ? 'matched' : 'to_match',
          match_method: match.method,
          match_candidates: JSON.stringify(match.candidates),
        }),
        updated_at: now,
      })
      .where('practice_id', '=', practiceId)
      .where('id', '=', open.id)
      .returning(['id', 'category', 'urgency', 'status'])
      .executeTakeFirstOrThrow();
    request = { ...updated, created: false };
  } else {
    const autoAnswered = !reply.fileRequest;
    const created = await tx
      .insertInto('inbox_requests')
      .values({
        practice_id: practiceId,
        conversation_id: conversation.id,
        message_id: message.id,
        category: dialogHandled && dialogKind ? DIALOG_CATEGORY[dialogKind] : triage.intent,
        urgency: triage.urgency,
        reasons: JSON.stringify(triage.reasons),
        details: JSON.stringify(details),
        summary: summarize(text),
        patient_id: match.patientId,
        match_status: match.patientId ? 'matched' : 'to_match',
        match_method: match.method,
        match_candidates: JSON.stringify(match.candidates),
        due_at: due,
        ...(autoAnswered
          ? { status: 'done' as const, handled_at: now, outcome: JSON.stringify({ kind: 'answered_from_sheet', topics: reply.sheet?.topics ?? [] }) }
          : {}),
        updated_at: now,
      })
      .returning(['id', 'category', 'urgency', 'status'])
      .executeTakeFirstOrThrow();
    request = { ...created, created: true };
  }

  let alertId: string | null = null;
  if (request.urgency === 'vital') {
    const pending = await tx
      .selectFrom('assistant_alerts')
      .select('id')
      .where('practice_id', '=', practiceId)
      .where('request_id', '=', request.id)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    alertId =
      pending?.id ??
      (
        await tx
          .insertInto('assistant_alerts')
          .values({
            practice_id: practiceId,
            request_id: request.id,
            conversation_id: conversation.id,
            reasons: JSON.stringify(triage.reasons.filter((r) => r.code.startsWith('VITAL_') || r.code.startsWith('LLM_'))),
            summary: summarize(text),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
  }

  // Booked, moved or cancelled by the dialog: the request is handled, its outcome is the appointment.
  if (appointmentDone && request.status !== 'done') {
    const updated = await tx
      .updateTable('inbox_requests')
      .set({
        status: 'done',
        handled_at: now,
        outcome: JSON.stringify({ kind: 'appointment', id: appointmentDone.appointmentId, action: appointmentDone.kind, by: 'assistant' }),
        updated_at: now,
      })
      .where('practice_id', '=', practiceId)
      .where('id', '=', request.id)
      .returning(['id', 'category', 'urgency', 'status'])
      .executeTakeFirstOrThrow();
    request = { ...updated, created: request.created };
  }

  await tx
    .insertInto('conversation_messages')
    .values({ practice_id: practiceId, conversation_id: conversation.id, direction: 'out', body: reply.text.slice(0, 20000), emergency: reply.emergency, at: now })
    .execute();

  const stillOpen = request.status !== 'done';
  const nextState: ConversationState = {
    ...state,
    lastIntent: triage.intent,
    asked: reply.asked,
    ...(stillOpen ? { openRequestId: request.id } : {}),
  };
  if (!stillOpen) delete nextState.openRequestId;
  if (dialog?.state) nextState.booking = dialog.state;
  else delete nextState.booking;
  await tx
    .updateTable('conversations')
    .set({
      last_activity_at: now > input.receivedAt ? now : input.receivedAt,
      language: followUp ? reply.lang : triage.lang,
      state: JSON.stringify(nextState),
      ...(match.patientId && !conversation.patient_id && !triage.details.thirdParty && !(state.asked ?? []).includes('patient_concerned') ? { patient_id: match.patientId } : {}),
    })
    .where('practice_id', '=', practiceId)
    .where('id', '=', conversation.id)
    .execute();

  return { conversationId: conversation.id, messageId: message.id, reply, triage, request, alertId, duplicate: false };
}

async function duplicateResult(
  tx: Tx,
  practiceId: string,
  seen: { id: string; conversation_id: string; triage: Record<string, unknown> | null; at: Date },
): Promise<ReceiveResult> {
  const out = await tx
    .selectFrom('conversation_messages')
    .select('body')
    .where('practice_id', '=', practiceId)
    .where('conversation_id', '=', seen.conversation_id)
    .where('direction', '=', 'out')
    .where('at', '>=', seen.at)
    .orderBy('at')
    .limit(1)
    .executeTakeFirst();
  const triage = seen.triage as unknown as TriageResult;
  const request = await tx
    .selectFrom('inbox_requests')
    .select(['id', 'category', 'urgency', 'status'])
    .where('practice_id', '=', practiceId)
    .where('conversation_id', '=', seen.conversation_id)
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    conversationId: seen.conversation_id,
    messageId: seen.id,
    triage,
    reply: { text: out?.body ?? '', lang: triage.lang, emergency: triage.urgency === 'vital', numbers: [], asked: [], fileRequest: true },
    request: request ? { ...request, created: false } : null,
    alertId: null,
    duplicate: true,
  };
}

/** Runs `receiveMessage` in its own transaction (channels without a request transaction: SMTP, webhooks). */
export async function receiveInOwnTransaction(db: Db, practiceId: string, input: InboundMessage, opts: ReceiveOptions = {}): Promise<ReceiveResult> {
  return db.transaction().execute((tx) => receiveMessage(tx, practiceId, input, opts));
}
