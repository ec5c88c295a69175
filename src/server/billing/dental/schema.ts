import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from '../../platform/db/schema.js';
import type { Basket } from './catalogue.js';
import type { ActRole, ManufacturePlace, QuoteStatus } from './contract.js';

/** Kysely table types of the dental quotes; 0170_dental_quotes.sql is the source of truth (and its invariants). */
type Stamp = ColumnType<Date, Date | string, Date | string>;

export interface DentalQuotesTable {
  id: Generated<string>;
  practice_id: string;
  practitioner_id: string;
  patient_id: string;
  status: Generated<QuoteStatus>;
  quote_date: ColumnType<string, string, string>;
  valid_until: ColumnType<string, string, string>;
  treatment: string;
  amo_percent: number;
  presented_at: Stamp | null;
  closed_at: Stamp | null;
  signature_kind: 'screen' | 'paper' | null;
  signed_option: 'proposed' | 'alternative' | null;
  signature_mime: string | null;
  signature: Buffer | null;
  signature_sha256: string | null;
  signed_at: Stamp | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface DentalQuoteActsTable {
  practice_id: string;
  quote_id: string;
  position: number;
  role: ActRole;
  alternative_for: number | null;
  code: string;
  label: string;
  /** Null for a global treatment (orthodontics): 0232_dental_quote_global_acts.sql. */
  tooth: number | null;
  basket: Basket;
  material: string;
  manufacture_place: ManufacturePlace;
  fee_cents: number;
  base_cents: number;
  amo_cents: number;
  patient_cents: number;
  ceiling_cents: number | null;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    dental_quotes: DentalQuotesTable;
    dental_quote_acts: DentalQuoteActsTable;
  }
}
