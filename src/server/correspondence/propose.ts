import type { Tx } from '../platform/db/database.js';
import type { StoredProposal } from './schema.js';

/**
 * THE SEAM for OCR patient matching (issue 14). The helper building `correspondence/matching/` (branch `ocr-matching`)
 * exports from `matching/index.ts` a function that proposes patients from an uploaded page; once that branch is
 * merged, this function calls it. Until then it proposes nobody: the secretary searches and confirms the patient
 * herself. Whatever it returns stays a proposal: only a person's confirmation files an item to a patient.
 */
export async function proposePatients(_practiceId: string, _file: { fileName: string; mimeType: string; bytes: Buffer }, _tx?: Tx): Promise<StoredProposal[]> {
  return [];
}
