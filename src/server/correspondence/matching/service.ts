import { identityCandidates } from '../../patients/index.js';
import { clock } from '../../platform/clock.js';
import type { Tx } from '../../platform/db/database.js';
import { extractIdentity, searchKeys } from './extract.js';
import { matchCandidates, type MatchResult } from './match.js';
import type { Extraction, OcrPage } from './types.js';

/**
 * Proposes the patient a document is about, within one practice. Reads patient identities: the route that calls
 * it audits the read (e.g. `correspondence.patient.proposed` with `candidateIds`), as every patient read.
 * Nothing is written: the proposal is shown with its evidence and a person confirms.
 *
 * Run the OCR (`readScan`, about a second a page) before opening the transaction, then call this with the pages.
 */
export interface PatientProposal extends MatchResult {
  extraction: Extraction;
  /** Every patient whose identity was read to score (for the audit record). */
  candidateIds: string[];
}

/** At most this many patients are scored: the recall query is by NIR, birth date and phonetic key. */
const CANDIDATE_LIMIT = 200;

export async function proposePatient(tx: Tx, practiceId: string, pages: readonly OcrPage[]): Promise<PatientProposal> {
  const extraction = extractIdentity(pages, clock.now().getUTCFullYear());
  const candidates = await identityCandidates(tx, practiceId, { ...searchKeys(extraction), limit: CANDIDATE_LIMIT });
  return { ...matchCandidates(extraction, candidates), extraction, candidateIds: candidates.map((c) => c.id) };
}
