import type { Tx } from '../platform/db/database.js';
import type { Reason, TriageResult, Urgency } from '../triage/index.js';
import { urgencyRank } from './llm.js';
import type { MatchResult } from './matching.js';
import type { ComposedReply } from './reply.js';
import type { DialogState } from './dialog/state.js';
import type { ConversationState } from './conversations.service.js';

/**
 * Filing a message in the secretary's inbox: the conversation's open request continued, or a new request; a vital
 * alert raised once per request; the request closed when the booking dialog booked, moved or cancelled.
 */

export const DIALOG_CATEGORY = { book: 'book', move: 'reschedule', cancel: 'cancel' } as const;

/** The request a message was filed in, as the channels and the inbox see it. */
export interface FiledRequest {
  id: string;
  category: string;
  urgency: Urgency;
  status: string;
  created: boolean;
}

export function summarize(text: string): string {
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

export interface Filing {
  practiceId: string;
  conversationId: string;
  messageId: string;
  text: string;
  triage: TriageResult;
  details: Record<string, unknown>;
  due: Date;
  now: Date;
  match: MatchResult;
  reply: Pick<ComposedReply, 'fileRequest' | 'sheet'>;
  state: ConversationState;
  /** The booking dialog answered this message. */
  dialogHandled: boolean;
  dialogKind: DialogState['kind'] | undefined;
  /** A dialog was under way before this message. */
  dialogUnderWay: boolean;
  verifiedPatientId: string | null;
}

/** Continues the conversation's open request when the message answers it or concerns the same thing; else a new one. */
export async function fileRequest(tx: Tx, f: Filing): Promise<FiledRequest> {
  const { practiceId, triage, state, match, reply, details, due, now, dialogHandled, dialogKind, verifiedPatientId } = f;
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
  const dialogContinues = dialogHandled && open !== undefined && (f.dialogUnderWay || (dialogKind !== undefined && open.category === DIALOG_CATEGORY[dialogKind]));
  const continues =
    open !== undefined &&
    (dialogContinues ||
    triage.intent === open.category || triage.intent === 'other' || answersQuestion || open.category === 'other') &&
    (dialogContinues || urgencyRank(triage.urgency) <= urgencyRank(open.urgency) || triage.intent === open.category || open.category === 'other');

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
        message_id: f.messageId,
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
    return { ...updated, created: false };
  }
  const autoAnswered = !reply.fileRequest;
  const created = await tx
    .insertInto('inbox_requests')
    .values({
      practice_id: practiceId,
      conversation_id: f.conversationId,
      message_id: f.messageId,
      category: dialogHandled && dialogKind ? DIALOG_CATEGORY[dialogKind] : triage.intent,
      urgency: triage.urgency,
      reasons: JSON.stringify(triage.reasons),
      details: JSON.stringify(details),
      summary: summarize(f.text),
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
  return { ...created, created: true };
}

/** The request's pending vital alert, raised if there is none. */
export async function raiseVitalAlert(tx: Tx, practiceId: string, requestId: string, conversationId: string, triage: TriageResult, text: string): Promise<string> {
  const pending = await tx
    .selectFrom('assistant_alerts')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('request_id', '=', requestId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return (
    pending?.id ??
    (
      await tx
        .insertInto('assistant_alerts')
        .values({
          practice_id: practiceId,
          request_id: requestId,
          conversation_id: conversationId,
          reasons: JSON.stringify(triage.reasons.filter((r) => r.code.startsWith('VITAL_') || r.code.startsWith('LLM_'))),
          summary: summarize(text),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  );
}

/** Booked, moved or cancelled by the dialog: the request is handled, its outcome is the appointment. */
export async function closeWithAppointment(
  tx: Tx,
  practiceId: string,
  request: FiledRequest,
  done: { kind: 'booked' | 'moved' | 'cancelled'; appointmentId: string },
  now: Date,
): Promise<FiledRequest> {
  const updated = await tx
    .updateTable('inbox_requests')
    .set({
      status: 'done',
      handled_at: now,
      outcome: JSON.stringify({ kind: 'appointment', id: done.appointmentId, action: done.kind, by: 'assistant' }),
      updated_at: now,
    })
    .where('practice_id', '=', practiceId)
    .where('id', '=', request.id)
    .returning(['id', 'category', 'urgency', 'status'])
    .executeTakeFirstOrThrow();
  return { ...updated, created: request.created };
}
