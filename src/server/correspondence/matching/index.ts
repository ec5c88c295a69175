/**
 * Correspondence › patient matching (issue 14): OCR of scanned post, identity evidence read in it, and a proposed
 * patient with the evidence (words and boxes to highlight) and a confidence. Only a proposal: the register files
 * nothing to a patient before a person confirms. See docs/correspondence-matching.md.
 */
export { readScan, closeOcr, sniff, UnreadableDocument, type ScanKind } from './ocr.js';
export { extractIdentity, searchKeys } from './extract.js';
export { pagesFromText } from './tokens.js';
export { matchCandidates, MIN_MARGIN, type MatchCandidate, type MatchResult, type Proposal, type Evidence, type Conflict, type EvidenceField } from './match.js';
export { proposePatient, type PatientProposal } from './service.js';
export type { Box, OcrPage, OcrLine, OcrWord, Extraction, WordRef, IdentifierFound, DateFound, NameSpan } from './types.js';
