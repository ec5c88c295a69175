import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import { identityNameOrNull } from '../platform/identity-display.js';
import { DRAFT_LABEL } from './contract.js';
import { draftLetter } from './letter.js';
import { DRAFT_MESSAGES as M } from './messages.js';
import { modelSentences, type DraftLanguageModel } from './model.js';
import { checkSentence, draftFromTranscript, SECTIONS, type DraftSentence } from './rules.js';

/** A draft synthesis and letter from a transcript. Nothing is stored or filed here: a person corrects it first. */
export async function makeDraft(tx: Tx, ctx: RequestContext, input: { transcript: string; patientId?: string | null | undefined }, model?: DraftLanguageModel) {
  let patient: string | null = null;
  if (input.patientId) {
    const p = await tx.selectFrom('patients').select(['birth_name', 'used_name', 'first_name']).where('practice_id', '=', ctx.practiceId).where('id', '=', input.patientId).executeTakeFirst();
    if (!p) throw new AppError('unprocessable', [{ field: 'patientId', message: M.unknownPatient }], M.unknownPatient);
    patient = identityNameOrNull(p.birth_name, p.used_name, p.first_name);
  }
  const result = draftFromTranscript(input.transcript);
  if (!result.ok) {
    const message = result.reason === 'too_short' ? M.tooShort : M.nothingFound;
    throw new AppError('unprocessable', [{ field: 'transcript', message }], message);
  }
  let sentences: DraftSentence[] = result.sentences;
  if (model) sentences = (await modelSentences(model, input.transcript)).sort((a, b) => SECTIONS.indexOf(a.section) - SECTIONS.indexOf(b.section));
  const me = await tx.selectFrom('accounts').select('display_name').where('id', '=', ctx.accountId).executeTakeFirst();
  if (input.patientId) {
    ctx.audit({ action: 'consultation_draft.generated', resourceType: 'patient', resourceId: input.patientId, details: { sentences: sentences.length, engine: model?.name ?? 'rules' } });
  }
  return {
    label: DRAFT_LABEL,
    status: 'draft' as const,
    engine: model?.name ?? 'rules',
    transcript: input.transcript,
    sentences,
    letter: draftLetter(sentences, { patient, practitioner: ctx.roles.includes('practitioner') ? (me?.display_name ?? null) : null }),
    problems: checkSentences(input.transcript, sentences),
  };
}

export function checkSentences(transcript: string, sentences: { id: string; text: string; source: { start: number; end: number } | null }[]) {
  return sentences.flatMap((s) => {
    const problem = checkSentence(transcript, s);
    return problem ? [{ id: s.id, problem }] : [];
  });
}
