import { AppError } from '../platform/http/errors.js';
import type { Db, Tx } from '../platform/db/database.js';
import { triageMessage, type TriageResult } from '../triage/index.js';
import { dueAt } from './due.js';
import { mergeLlm, type LlmProvider } from './llm.js';
import { matchPatient, type MatchResult } from './matching.js';
import { followUpReply, readFollowUp } from './follow-up.js';
import { localDay } from './dialog/proposals.js';
import { composeReply, EMPTY_SHEET, type ComposedReply, type PracticeSheet } from './reply.js';
import type { Channel, FeeLine } from './schema.js';
import { driveDialog, type DialogRun } from './dialog/runner.js';
import { readDialogState } from './dialog/state.js';
import type { DialogOutcome } from './dialog/machine.js';
import { clock } from '../platform/clock.js';
import { duplicateResult, resolveConversation, retriedMessage, type ConversationState, type InboundMessage } from './conversations.service.js';
import { closeWithAppointment, fileRequest, raiseVitalAlert, type FiledRequest } from './requests.service.js';
import { ASSISTANT_MESSAGES as M } from './error-messages.js';

/**
 * The assistant's intake: one inbound message, on any channel, triaged, stored, matched to a patient, answered
 * (booking dialog, follow-up answer or composed reply) and filed in the inbox. Conversations:
 * conversations.service.ts; filing: requests.service.ts.
 */

// Names other files import from here.
export { hashToken, newConversationToken, type ConversationState, type InboundMessage } from './conversations.service.js';

export interface ReceiveOptions {
  llm?: LlmProvider | undefined;
  /** Client IP (web chat), written in the audit entries of the booking dialog. */
  ip?: string | undefined;
  /** Base of the links given in replies (PIVOT_PUBLIC_URL); the web chat may do with relative links. */
  publicUrl?: string | undefined;
}

/** Channels where the assistant holds a booking dialog (a phone transcript or an e-mail is one-shot: filed). */
const DIALOG_CHANNELS: readonly Channel[] = ['web_chat', 'sms'];

export interface ReceiveResult {
  conversationId: string;
  messageId: string;
  reply: ComposedReply & { choices?: string[] };
  triage: TriageResult;
  request: FiledRequest | null;
  alertId: string | null;
  /** The same external id was already processed: nothing new was stored. */
  duplicate: boolean;
  /** This turn looked a person up by name and birth date (the web chat answers it no sooner than a floor). */
  identityLookedUp?: boolean;
}

export const MAX_MESSAGE_CHARS = 5000;

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

/**
 * Processes one inbound message in the caller's transaction: triage (rules, then the optional LLM which can only
 * raise urgency), message stored, patient matched when unambiguous, request created or updated in the inbox,
 * vital alert raised, reply composed and stored. Returns the reply to send on the message's channel.
 */
export async function receiveMessage(tx: Tx, practiceId: string, input: InboundMessage, opts: ReceiveOptions = {}): Promise<ReceiveResult> {
  const practice = await tx.selectFrom('practices').select(['id', 'name', 'timezone']).where('id', '=', practiceId).executeTakeFirst();
  if (!practice) throw new AppError('not_found');
  const text = input.text.trim().slice(0, MAX_MESSAGE_CHARS);
  if (!text) throw new AppError('validation_failed', [{ field: 'text', message: M.emptyMessage }]);

  // A provider retrying a webhook: answer with what was already decided.
  if (input.externalId) {
    const seen = await retriedMessage(tx, practiceId, input.channel, input.externalId);
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
  let dialogRun: DialogRun | null = null;
  if (DIALOG_CHANNELS.includes(input.channel) && triage.urgency !== 'vital') {
    dialogRun = { tx, practiceId, practiceName: practice.name, conversationId: conversation.id, now: now0, ip: opts.ip, publicUrl: opts.publicUrl };
    dialog = await driveDialog(dialogRun, current, { text, triage });
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
  let request: FiledRequest = await fileRequest(tx, {
    practiceId, conversationId: conversation.id, messageId: message.id, text, triage, details, due, now, match, reply, state,
    dialogHandled, dialogKind, dialogUnderWay: current !== null, verifiedPatientId,
  });

  const alertId = request.urgency === 'vital' ? await raiseVitalAlert(tx, practiceId, request.id, conversation.id, triage, text) : null;

  // Booked, moved or cancelled by the dialog: the request is handled, its outcome is the appointment.
  if (appointmentDone && request.status !== 'done') request = await closeWithAppointment(tx, practiceId, request, appointmentDone, now);

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

  return { conversationId: conversation.id, messageId: message.id, reply, triage, request, alertId, duplicate: false, identityLookedUp: dialogRun?.identityLookedUp === true };
}

/** Runs `receiveMessage` in its own transaction (channels without a request transaction: SMTP, webhooks). */
export async function receiveInOwnTransaction(db: Db, practiceId: string, input: InboundMessage, opts: ReceiveOptions = {}): Promise<ReceiveResult> {
  return db.transaction().execute((tx) => receiveMessage(tx, practiceId, input, opts));
}

