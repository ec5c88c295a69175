/**
 * The lab-results capability's only door. Pure parsing for now (issue 14): bytes in, reports or a French error out,
 * never an exception. Matching to the patient, routing to the prescriber and the PDF come later (docs/lab-results.md).
 */
import { parseHl7Oru } from './hl7-oru.js';
import { parseHprim } from './hprim.js';
import type { LabParseOutcome } from './types.js';

export { parseHprim, looksLikeHprimSante } from './hprim.js';
export { parseHprimMedecin } from './hprim-medecin.js';
export { parseHl7Oru } from './hl7-oru.js';
export { renderText, renderHtml, frenchDate, isAbnormal, FLAG_MARK } from './sheet.js';
export { decodeBytes } from './rules/decode.js';
export { readNumber, readRange, readDate, INS_OIDS } from './rules/values.js';
export type { LabReport, LabResult, LabPatient, LabFlag, LabFormat, LabParseError, LabParseOutcome, ReferenceRange, PatientIdentifier } from './types.js';

/** Any lab file: HL7 when it starts with MSH (after an MLLP start byte or a BOM), HPRIM otherwise. */
export function parseLabMessage(input: Uint8Array | string): LabParseOutcome {
  const head = typeof input === 'string' ? input.slice(0, 8) : String.fromCharCode(...input.subarray(0, 8));
  return /^(?:\uFEFF|\u00EF\u00BB\u00BF)?[\s\x0b]*MSH/.test(head) ? parseHl7Oru(input) : parseHprim(input);
}
