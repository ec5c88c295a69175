import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../platform/db/schema.js';

type NullableJson<T> = ColumnType<T | null, string | null, string | null>;

export interface PatientsTable {
  id: Generated<string>;
  practice_id: string;
  birth_name: string;
  used_name: string | null;
  first_name: string;
  given_names: string;
  used_first_name: Generated<string | null>;
  birth_date: ColumnType<string, string, string>;
  birth_date_precision: Generated<'day' | 'month' | 'year'>;
  sex: 'F' | 'M' | 'U';
  birth_place_code: string | null;
  identity_status: Generated<'provisoire' | 'recuperee' | 'validee' | 'qualifiee'>;
  nir: Generated<string | null>;
  ins_matricule: Generated<string | null>;
  ins_oid: Generated<string | null>;
  ins_retrieved_at: Generated<Date | null>;
  ins_traits: NullableJson<Record<string, unknown>>;
  ins_simulated: Generated<boolean>;
  id_doc_type: Generated<string | null>;
  id_doc_number: Generated<string | null>;
  id_doc_expires_on: Generated<string | null>;
  id_doc_checked_by: Generated<string | null>;
  id_doc_checked_at: Generated<Date | null>;
  doubtful: Generated<boolean>;
  doubtful_reason: Generated<string | null>;
  fictitious: Generated<boolean>;
  homonym: Generated<boolean>;
  merged_into_id: Generated<string | null>;
  merged_at: Generated<Date | null>;
  phonetic_keys: ColumnType<string[], string[] | undefined, string[]>;
  /** Version of the algorithm that computed `phonetic_keys` (identity/phonetic.ts PHONETIC_KEYS_VERSION). */
  phonetic_keys_version: Generated<number>;
  phone_search: ColumnType<string[], string[] | undefined, string[]>;
  phone: string | null;
  email: string | null;
  phones: ColumnType<unknown[], string | undefined, string>;
  address: NullableJson<Record<string, unknown>>;
  sms_consent: Generated<boolean>;
  email_consent: Generated<boolean>;
  preferred_language: Generated<string>;
  accessibility: NullableJson<Record<string, unknown>>;
  gp: NullableJson<Record<string, unknown>>;
  emergency_contact: NullableJson<Record<string, unknown>>;
  amo: NullableJson<Record<string, unknown>>;
  amc: NullableJson<Record<string, unknown>>;
  version: Generated<number>;
  search_name: ColumnType<string, never, never>;
  name_words: ColumnType<string[], never, never>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PatientLegalRepresentativesTable {
  id: Generated<string>;
  practice_id: string;
  patient_id: string;
  position: number;
  relationship: 'mother' | 'father' | 'parent' | 'guardian' | 'curator' | 'other';
  name: string;
  phone: string | null;
  email: string | null;
  representative_patient_id: string | null;
  note: string | null;
  created_at: CreatedAt;
}

export interface PatientNameWordsTable {
  practice_id: string;
  word: string;
  deletes: ColumnType<string[], never, never>;
}

type Json<T> = ColumnType<T, string | undefined, string>;

export interface PatientMergesTable {
  id: Generated<string>;
  practice_id: string;
  survivor_id: string;
  duplicate_id: string;
  reason: string;
  merged_by: string;
  merged_at: ColumnType<Date, Date | undefined, Date>;
  survivor_before: Json<Record<string, unknown>>;
  survivor_after: Json<Record<string, unknown>>;
  survivor_version_after: number;
  choices: Json<Record<string, unknown>>;
  kept: Json<unknown[]>;
  undone_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  undone_by: string | null;
  undo_reason: string | null;
  undo_report: NullableJson<Record<string, unknown>>;
}

export interface PatientMergeMovesTable {
  merge_id: string;
  n: number;
  table_name: string;
  column_name: string;
  pk: Json<Record<string, string>>;
}

export interface PatientSplitsTable {
  id: Generated<string>;
  practice_id: string;
  source_id: string;
  new_patient_id: string;
  reason: string;
  split_by: string;
  split_at: ColumnType<Date, Date | undefined, Date>;
  moved: Json<unknown[]>;
  source_status_before: string;
  source_status_after: string;
}

declare module '../platform/db/schema.js' {
  interface DB {
    patient_merges: PatientMergesTable;
    patient_merge_moves: PatientMergeMovesTable;
    patient_splits: PatientSplitsTable;
    patients: PatientsTable;
    patient_legal_representatives: PatientLegalRepresentativesTable;
    patient_name_words: PatientNameWordsTable;
  }
}
