import { sql } from 'kysely';
import { z } from 'zod';
import { bookAppointment } from '../agenda/index.js';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import { clock } from '../platform/clock.js';
import { ensureMember, lockRequest, requestSummary } from './inbox.js';
import { taskById } from './tasks.service.js';
import { ASSISTANT_MESSAGES as M } from './error-messages.js';

/**
 * Turning a request into something actionable. `task` and `practitioner_message` exist now; `appointment` is the
 * extension point for the agenda: register a converter with `registerConversion('appointment', …)`.
 */
export type ConversionKind = 'task' | 'practitioner_message' | 'appointment';
export interface ConversionInput {
  kind: ConversionKind;
  assigneeId?: string | undefined;
  text?: string | undefined;
  dueAt?: Date | undefined;
  /** Free payload for converters added later (e.g. the appointment slot). */
  payload?: Record<string, unknown> | undefined;
}
export type Converter = (
  tx: Tx,
  ctx: RequestContext,
  request: { id: string; patient_id: string | null; summary: string; due_at: Date },
  input: ConversionInput,
) => Promise<{ kind: ConversionKind; id: string }>;

const converters = new Map<ConversionKind, Converter>();
export function registerConversion(kind: ConversionKind, fn: Converter): void {
  converters.set(kind, fn);
}

/** What the desk's booking dialog sends with `kind: 'appointment'` (the slot it picked, or a typed time). */
export const appointmentPayload = z.object({
  practitionerId: z.uuid(),
  start: z.iso.datetime({ offset: true }),
  motifId: z.uuid().nullable().optional(),
  /** When the request is not matched yet: the patient chosen in the dialog (the request is matched to it too). */
  patientId: z.uuid().optional(),
  overrideReason: z.string().trim().min(1).max(300).optional(),
});

/** One click from the inbox: books through the agenda (channel desk, same checks and database guard as the agenda). */
const appointmentConverter: Converter = async (tx, ctx, request, input) => {
  const parsed = appointmentPayload.safeParse(input.payload ?? {});
  if (!parsed.success) {
    throw new AppError('validation_failed', parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'payload', message: M.choosePractitionerAndSlot })));
  }
  const p = parsed.data;
  const patientId = p.patientId ?? request.patient_id;
  if (!patientId) throw new AppError('unprocessable', [{ field: 'patientId', message: M.attachPatientFirst }]);
  if (p.patientId && p.patientId !== request.patient_id) {
    const found = await tx.selectFrom('patients').select(['id', 'merged_into_id']).where('practice_id', '=', ctx.practiceId).where('id', '=', p.patientId).executeTakeFirst();
    if (!found) throw new AppError('not_found');
    if (found.merged_into_id) throw new AppError('unprocessable', [{ field: 'patientId', message: M.mergedRecord }]);
    await tx.updateTable('inbox_requests').set({ patient_id: p.patientId, match_status: 'matched', match_method: 'manual', updated_at: clock.now() }).where('practice_id', '=', ctx.practiceId).where('id', '=', request.id).execute();
  }
  const appt = await bookAppointment(tx, ctx, {
    practitionerId: p.practitionerId,
    patientId,
    motifId: p.motifId ?? null,
    start: new Date(p.start),
    channel: 'desk',
    overrideReason: p.overrideReason ?? null,
    note: `Demande reçue par l’assistant : ${request.summary}`.slice(0, 500),
  });
  return { kind: 'appointment', id: appt.id };
};

const taskConverter: Converter = async (tx, ctx, request, input) => {
  if (!input.assigneeId) throw new AppError('validation_failed', [{ field: 'assigneeId', message: M.chooseAddressee }]);
  await ensureMember(tx, ctx.practiceId, input.assigneeId, input.kind === 'practitioner_message' ? ['practitioner'] : undefined);
  const task = await tx
    .insertInto('tasks')
    .values({
      practice_id: ctx.practiceId,
      kind: input.kind === 'practitioner_message' ? 'practitioner_message' : 'task',
      assignee_id: input.assigneeId,
      text: (input.text?.trim() || request.summary).slice(0, 4000),
      due_at: input.dueAt ?? request.due_at,
      request_id: request.id,
      patient_id: request.patient_id,
      created_by: ctx.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { kind: input.kind, id: task.id };
};
registerConversion('task', taskConverter);
registerConversion('practitioner_message', taskConverter);
registerConversion('appointment', appointmentConverter);

export async function convertRequest(tx: Tx, ctx: RequestContext, id: string, input: ConversionInput) {
  const request = await lockRequest(tx, ctx.practiceId, id);
  const converter = converters.get(input.kind);
  if (!converter) {
    throw new AppError('unprocessable', [{ field: 'kind', message: M.appointmentConversionLater }], {
      fr: 'La conversion en rendez-vous sera disponible avec l’agenda.',
      en: 'Turning a request into an appointment will be available with the agenda.',
    });
  }
  const result = await converter(tx, ctx, { id: request.id, patient_id: request.patient_id, summary: request.summary, due_at: new Date(request.due_at) }, input);
  const now = clock.now();
  await tx
    .updateTable('inbox_requests')
    .set({ status: 'done', handled_at: now, handled_by: ctx.accountId, outcome: JSON.stringify({ kind: result.kind, id: result.id }), updated_at: now })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .execute();
  await tx
    .updateTable('conversations')
    .set({ state: sql`state - 'openRequestId' - 'asked'` as unknown as string })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', request.conversation_id)
    .where(sql<boolean>`state->>'openRequestId' = ${id}`)
    .execute();
  ctx.audit({ action: 'assistant.request.converted', resourceType: 'inbox_request', resourceId: id, details: { kind: result.kind, id: result.id } });
  const task = result.kind === 'appointment' ? null : await taskById(tx, ctx.practiceId, result.id);
  return { request: await requestSummary(tx, ctx.practiceId, id), outcome: result, task };
}
