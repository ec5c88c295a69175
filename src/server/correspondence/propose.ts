import type { Tx } from '../platform/db/database.js';
import { proposePatient, readScan, sniff, type Evidence } from './matching/index.js';
import type { StoredProposal } from './schema.js';

export interface PatientProposals {
  /** At most one: the patient the matcher is confident about (never several to pick from). */
  proposals: StoredProposal[];
  /** Every patient file the matcher read to decide: the caller audits them. */
  candidateIds: string[];
  /** The words the OCR read on the page image, line by line (null when none): kept with the item for the desk to check. */
  readText: string | null;
}

const NOTHING: PatientProposals = { proposals: [], candidateIds: [], readText: null };

const FIELD_FR: Record<Evidence['field'], string> = {
  nir: 'NIR', ins: 'INS', birthDate: 'date de naissance', birthName: 'nom de naissance', usedName: 'nom d’usage', firstName: 'prénom',
  otherFirstName: 'autre prénom', together: 'nom et prénom ensemble', sex: 'sexe',
};

/**
 * One piece of evidence as the secretary reads it: « prénom « Maëlys » », the punctuation the OCR glued to the word
 * left out; « nom et prénom ensemble » is a finding about the other two, with nothing of its own to quote.
 */
export function evidenceText(e: Pick<Evidence, 'field' | 'read'>): string {
  const read = e.read.replace(/^[\s,;:.]+|[\s,;:.]+$/gu, '');
  return read ? `${FIELD_FR[e.field]} « ${read} »` : FIELD_FR[e.field];
}

/**
 * OCR patient matching on the first page (only: it runs inside the upload's transaction) of an incoming item (docs/correspondence-matching.md). Only a confident
 * match is proposed, with the evidence read; whatever it returns stays a proposal: only a person's confirmation
 * files an item to a patient. A page that is not an image or a PDF, or that cannot be read, proposes nobody.
 */
export async function proposePatients(practiceId: string, file: { fileName: string; mimeType: string; bytes: Buffer }, tx?: Tx): Promise<PatientProposals> {
  if (!tx || !sniff(file.bytes)) return NOTHING;
  let pages;
  try {
    pages = await readScan(file.bytes, { maxPages: 1 });
  } catch {
    return NOTHING;
  }
  // Only what the OCR read from an image: a PDF's own text layer is what its preview already shows.
  const readText = pages.filter((p) => p.source === 'ocr').map((p) => p.lines.map((l) => l.words.map((w) => w.text).join(' ')).join('\n')).join('\n\n').trim() || null;
  const result = await proposePatient(tx, practiceId, pages);
  const first = result.proposals[0];
  if (result.decision !== 'proposed' || !first) return { proposals: [], candidateIds: result.candidateIds, readText };
  const found = first.evidence.map(evidenceText).join(', ');
  return {
    proposals: [{ patientId: first.patientId, evidence: `Lu par OCR (confiance ${Math.round(first.confidence * 100)} %) : ${found}` }],
    candidateIds: result.candidateIds,
    readText,
  };
}
