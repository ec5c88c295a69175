import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../platform/db/schema.js';
import type { Parcours, Sector, Specialty, TiersPayant } from './contract.js';

/** Kysely table types of the billing ledger; the SQL in ./migrations is the source of truth (and its invariants). */
export const PAYMENT_METHODS = ['cash', 'card', 'cheque', 'transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

type Json<T> = ColumnType<T, string, string>;

export interface BillingProfilesTable {
  practice_id: string;
  practitioner_id: string;
  sector: Sector;
  specialty: Specialty;
  rpps: string;
  am_number: string;
  siren: string | null;
  practises_depassements: Generated<boolean>;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface BillingInvoicesTable {
  id: Generated<string>;
  practice_id: string;
  practitioner_id: string;
  patient_id: string;
  appointment_id: string | null;
  care_date: ColumnType<string, string, never>;
  sector: Sector;
  specialty: Specialty;
  parcours: Parcours;
  tiers_payant: TiersPayant;
  quote_case: Json<Record<string, unknown>>;
  quote: Json<Record<string, unknown>>;
  warnings: ColumnType<string[], string[] | undefined, never>;
  total_cents: number;
  amo_cents: number;
  amc_cents: number;
  patient_cents: number;
  participation_forfaitaire_cents: number;
  due_at_desk_cents: number;
  paid_cents: ColumnType<number, never, never>;
  /** The act of a signed dental quote this invoice bills (0170_dental_quotes.sql), if any. */
  dental_quote_id: ColumnType<string | null, string | null | undefined, never>;
  dental_quote_position: ColumnType<number | null, number | null | undefined, never>;
  created_by: string;
  created_at: CreatedAt;
}

export interface BillingInvoiceLinesTable {
  practice_id: string;
  invoice_id: string;
  position: number;
  code: string;
  label: string;
  tariff_cents: number;
  fee_cents: number;
}

export interface BillingPaymentsTable {
  id: Generated<string>;
  practice_id: string;
  invoice_id: string;
  method: PaymentMethod;
  amount_cents: number;
  cheque_bank: string | null;
  cheque_number: string | null;
  cheque_drawer: string | null;
  terminal: string | null;
  terminal_transaction_id: string | null;
  terminal_authorisation: string | null;
  transfer_reference: string | null;
  received_at: CreatedAt;
  seq: Generated<string>;
  recorded_by: string;
}

export interface BillingReceiptCountersTable {
  practice_id: string;
  practitioner_id: string;
  year: number;
  last_number: number;
}

export interface BillingReceiptsTable {
  id: Generated<string>;
  practice_id: string;
  practitioner_id: string;
  invoice_id: string;
  kind: 'receipt' | 'credit_note';
  /** Both set by the numbering trigger: whatever is inserted is overwritten. */
  year: ColumnType<number, never, never>;
  number: ColumnType<number, never, never>;
  credits_receipt_id: string | null;
  reason: string | null;
  total_cents: number;
  amo_cents: number;
  amc_cents: number;
  patient_cents: number;
  due_at_desk_cents: number;
  paid_cents: number;
  issued_at: CreatedAt;
  issued_by: string;
}

declare module '../platform/db/schema.js' {
  interface DB {
    billing_profiles: BillingProfilesTable;
    billing_invoices: BillingInvoicesTable;
    billing_invoice_lines: BillingInvoiceLinesTable;
    billing_payments: BillingPaymentsTable;
    billing_receipt_counters: BillingReceiptCountersTable;
    billing_receipts: BillingReceiptsTable;
  }
}
