import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from '../../platform/db/schema.js';
import type { ExpenseCategory, Means } from './fec.js';

/** Kysely types of the practitioner's books; ../migrations/0155_billing_books.sql is the source of truth. */
type Day = ColumnType<string, string, string>;

export interface BillingBookSettingsTable {
  practice_id: string;
  practitioner_id: string;
  patient_label: 'name' | 'reference';
  group_small_cash: boolean;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export interface BillingClosedDaysTable {
  practice_id: string;
  practitioner_id: string;
  day: Day;
  entries: number;
  total_cents: ColumnType<string, number, never>;
  closed_by: string | null;
  closed_at: CreatedAt;
}
export interface BillingReversalsTable {
  id: Generated<string>;
  practice_id: string;
  practitioner_id: string;
  payment_id: string;
  /** Both set by the database: the whole payment, on the day the reversal is made. */
  amount_cents: ColumnType<number, number, never>;
  entry_day: ColumnType<string, string, never>;
  reason: string;
  created_by: string;
  created_at: CreatedAt;
}
export interface BillingBankAccountsTable {
  id: Generated<string>;
  practice_id: string;
  practitioner_id: string;
  label: string;
  holder: string;
  account: string;
  bank_name: Generated<string>;
  active: Generated<boolean>;
  updated_at: Date | null;
  last_slip_number: Generated<number>;
  created_at: CreatedAt;
}
export interface BillingDepositSlipsTable {
  id: Generated<string>;
  practice_id: string;
  practitioner_id: string;
  bank_account_id: string;
  number: ColumnType<number, number, never>;
  deposited_on: Day;
  cheque_count: number;
  total_cents: ColumnType<string, number, never>;
  created_by: string;
  created_at: CreatedAt;
}
export interface BillingDepositSlipChequesTable {
  practice_id: string;
  slip_id: string;
  payment_id: string;
  position: number;
}
export interface BillingExpensesTable {
  id: Generated<string>;
  practice_id: string;
  practitioner_id: string;
  spent_on: Day;
  payee: string;
  category: ExpenseCategory;
  amount_cents: number;
  means: Means;
  note: string | null;
  reverses_expense_id: string | null;
  created_by: string;
  created_at: CreatedAt;
}
export interface BillingExportsTable {
  id: Generated<string>;
  practice_id: string;
  practitioner_id: string;
  format: 'fec' | 'csv';
  from_day: Day;
  to_day: Day;
  entries: number;
  sha256: string;
  file_name: string;
  exported_by: string;
  exported_at: CreatedAt;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    billing_book_settings: BillingBookSettingsTable;
    billing_closed_days: BillingClosedDaysTable;
    billing_reversals: BillingReversalsTable;
    billing_bank_accounts: BillingBankAccountsTable;
    billing_deposit_slips: BillingDepositSlipsTable;
    billing_deposit_slip_cheques: BillingDepositSlipChequesTable;
    billing_expenses: BillingExpensesTable;
    billing_exports: BillingExportsTable;
  }
}
