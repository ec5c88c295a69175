import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { clock } from '../platform/clock.js';
import { checkSentences, sectionHeading } from '../consultation-drafts/index.js';
import { conflict, type ReportRow } from './access.js';
import { createReport, type Recipient } from './reports.service.js';
import { blockingSentences, draftDoc, type SourceSentence } from './sources.js';

/**
 * A consultation draft handed to the report editor (docs/reports.md): the server checks each sentence against the
 * transcript again (never trusting the screen's verdict), writes the report draft from the consultation template's
 * opening and closing with the sentences cited, and keeps the transcript and the sentences beside the report.
 */
const TEMPLATE = 'consultation-gp';
const OPENING = '{{correspondant.formule}},\n\nJ’ai vu ce jour en consultation {{patient.civilite}} {{patient.nom}}, {{patient.ne}} le {{patient.date_naissance}}.';
const CLOSING = 'Bien confraternellement,';

export interface FromDraft {
  patientId: string;
  authorId: string;
  transcript: string;
  sentences: { id: string; section: string; text: string; source: { start: number; end: number } | null }[];
  engine: string;
  recipients: Recipient[];
}

export async function reportFromDraft(tx: Tx, ctx: RequestContext, d: FromDraft): Promise<string> {
  const problems = new Map(checkSentences(d.transcript, d.sentences).map((p) => [p.id, p.problem]));
  // Ids are the draft's (« s123 »); a duplicate would cite two sentences as one.
  const seen = new Set<string>();
  const sentences: SourceSentence[] = d.sentences
    .filter((s) => s.text.trim() && !seen.has(s.id) && seen.add(s.id))
    .map((s) => ({ id: s.id, section: s.section, text: s.text.trim(), source: s.source, unsourced: problems.has(s.id) }));
  const body = draftDoc(sentences, (s) => sectionHeading(s as Parameters<typeof sectionHeading>[0], 'fr'), OPENING, CLOSING);
  const id = await createReport(tx, ctx, { patientId: d.patientId, authorId: d.authorId, templateId: TEMPLATE, recipients: d.recipients }, { body, origin: 'consultation_draft' });
  await tx.insertInto('report_sources').values({ report_id: id, practice_id: ctx.practiceId, transcript: d.transcript, sentences: JSON.stringify(sentences), engine: d.engine, created_by: ctx.accountId, created_at: clock.now() }).execute();
  return id;
}

/** The sources shown beside a report drafted from a consultation, each unsourced sentence said blocking or not. */
export async function sourcesOf(tx: Tx, ctx: RequestContext, row: ReportRow) {
  const s = await tx.selectFrom('report_sources').select(['transcript', 'sentences', 'engine']).where('practice_id', '=', ctx.practiceId).where('report_id', '=', row.id).executeTakeFirst();
  if (!s) return null;
  const blocking = new Set(blockingSentences(row.body_json, s.sentences));
  return { transcript: s.transcript, engine: s.engine, sentences: s.sentences.map((x) => ({ ...x, blocking: blocking.has(x.id) })) };
}

/** Validation refuses a report whose unsourced sentences are still as drafted. */
export async function refuseUnsourced(tx: Tx, ctx: RequestContext, row: ReportRow): Promise<void> {
  const sources = await sourcesOf(tx, ctx, row);
  const n = sources?.sentences.filter((s) => s.blocking).length ?? 0;
  if (n === 0) return;
  throw conflict(
    `${n} phrase${n > 1 ? 's' : ''} sans source dans la transcription ${n > 1 ? 'sont restées' : 'est restée'} telle${n > 1 ? 's' : ''} que le brouillon l’a écrite${n > 1 ? 's' : ''} : reformulez-la${n > 1 ? 's' : ''} ou supprimez-la${n > 1 ? 's' : ''} avant de valider.`,
    `${n} sentence${n > 1 ? 's' : ''} without a source in the transcript ${n > 1 ? 'are' : 'is'} still as the draft wrote ${n > 1 ? 'them' : 'it'}: reword or delete ${n > 1 ? 'them' : 'it'} before validating.`,
  );
}

/** An amendment keeps the sources of the report it amends (same body, same citations). */
export async function copySources(tx: Tx, ctx: RequestContext, fromId: string, toId: string): Promise<void> {
  const s = await tx.selectFrom('report_sources').select(['transcript', 'sentences', 'engine']).where('practice_id', '=', ctx.practiceId).where('report_id', '=', fromId).executeTakeFirst();
  if (s) await tx.insertInto('report_sources').values({ report_id: toId, practice_id: ctx.practiceId, transcript: s.transcript, sentences: JSON.stringify(s.sentences), engine: s.engine, created_by: ctx.accountId, created_at: clock.now() }).execute();
}
