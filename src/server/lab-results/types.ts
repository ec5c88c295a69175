/**
 * The one shape both parsers produce (HPRIM Santé, HPRIM médecin, HL7 v2 ORU^R01), so that matching, routing and
 * the result sheet never care which format a lab used. Values stay strings as sent: `numeric` is a reading of them,
 * never a replacement (a « <0,013 » or « 1/80 » must reach the doctor exactly as the lab wrote it).
 */
export type LabFormat = 'hprim-sante' | 'hprim-medecin' | 'hl7-oru';

export type LabFlag = 'normal' | 'low' | 'high' | 'critically_low' | 'critically_high' | 'abnormal';

export interface ReferenceRange {
  low: number | null;
  high: number | null;
  /** The range as the lab wrote it (« 3,5-5,0 », « <5 »), or as rebuilt from two bounds. */
  text: string;
}

export interface LabResult {
  code: string;
  label: string;
  value: string;
  /** The value read as a number (French decimal comma accepted); null for text, « <0,013 », titres… */
  numeric: number | null;
  unit: string;
  referenceRange: ReferenceRange;
  flag: LabFlag | null;
  /** 'lab': the lab's own flag; 'range': no flag was sent and Pivot compared the number with the range. */
  flagSource: 'lab' | 'range' | null;
  comment: string;
}

export interface PatientIdentifier {
  value: string;
  /** Who issued it: an HL7 assigning authority (name or OID), or the HPRIM field it came from. */
  authority: string;
  type: string;
}

export interface LabPatient {
  birthName: string;
  /** Used name when the lab sends one distinct from the birth name (married name). */
  usedName: string;
  firstName: string;
  /** ISO date (YYYY-MM-DD) or '' when absent or unreadable (a warning says which). */
  birthDate: string;
  sex: 'F' | 'M' | 'U';
  ids: PatientIdentifier[];
  /** The INS when PID-3 carries one under its OID (INS-NIR 1.2.250.1.213.1.4.8, test .10, demo .11). */
  ins?: { value: string; oid: string };
}

export interface LabReport {
  format: LabFormat;
  /** The lab as it names itself (header sender). */
  sender: string;
  /** The practitioner the lab addressed the result to or who prescribed it, as given (not yet matched). */
  receivedFor: string;
  /**
   * That practitioner's identifier as given, '' when absent: HPRIM Santé OBR.17.1, HL7 OBR.16.1 / ORC.12.1 — an RPPS
   * (or the 12-character national id « 8 » + RPPS) when the lab knows it, else the lab's own code. Routing tries it
   * before the name.
   */
  receivedForId: string;
  patient: LabPatient;
  /** ISO date-time without zone ('YYYY-MM-DDTHH:MM[:SS]') or date, '' when absent. */
  requestedAt: string;
  reportedAt: string;
  results: LabResult[];
  /** Comments not attached to one result (report-level notes, free text of an HPRIM médecin file). */
  comments: string[];
  /** What was read but doubtful: unknown flag, unreadable date, unexpected segment… in French. */
  warnings: string[];
}

export type LabErrorCode = 'empty' | 'unknown_format' | 'bad_header' | 'missing_segment' | 'bad_field' | 'too_large';

/** A message that cannot be read: never thrown, returned. `message` is the French sentence shown to the desk. */
export interface LabParseError {
  code: LabErrorCode;
  /** 1-based line (segment) number, 0 when the whole message is concerned. */
  line: number;
  field: string;
  message: string;
}

/** One file may carry several patients (HPRIM: several P records; HL7: several PATIENT_RESULT groups): one report each. */
export type LabParseOutcome = { ok: true; reports: LabReport[] } | { ok: false; error: LabParseError };

export const labError = (code: LabErrorCode, line: number, field: string, message: string): LabParseOutcome => ({
  ok: false,
  error: { code, line, field, message },
});
