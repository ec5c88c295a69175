// The practitioner's books API (src/server/billing/books/routes.ts and desk-routes.ts).
import { request } from '../api/client';

export type Means = 'cash' | 'card' | 'cheque' | 'transfer';
export type ExpenseMeans = Means | 'direct_debit';
export interface BookEntry {
  id: string; kind: 'payment' | 'reversal'; day: string; at: string; means: Means; amountCents: number; patient: string; invoiceId: string;
  receiptNumber: string | null; cheque: { bank: string; number: string; drawer: string } | null; reversesPaymentId: string | null;
}
export interface CashGroup { kind: 'cash_group'; day: string; means: 'cash'; amountCents: number; count: number }
export interface BookSettings { patientLabel: 'name' | 'reference'; groupSmallCash: boolean }
export interface DayBook {
  practitionerId: string; from: string; to: string; settings: BookSettings; lines: (BookEntry | CashGroup)[];
  days: { day: string; byMeans: Partial<Record<Means, number>>; totalCents: number; entries: number; closed: boolean }[];
  closedDays: string[]; totalCents: number;
}
export interface Cheque { paymentId: string; receivedOn: string; bank: string; number: string; drawer: string; amountCents: number }
export interface BankAccount { id: string; label: string; holder: string; bank: string; account: string; active: boolean; slips: number }
export interface BankAccountFields { label: string; holder: string; bank: string }
export interface SlipSummary { id: string; number: number; depositedOn: string; count: number; totalCents: number; bankAccount: Omit<BankAccount, 'slips' | 'active'> }
export interface Expense {
  id: string; spentOn: string; payee: string; category: string; categoryLabel: string; amountCents: number; means: ExpenseMeans;
  note: string | null; reversesExpenseId: string | null; reversed: boolean;
}
export interface NewExpense { spentOn: string; payee: string; category: string; amountCents: number; means: ExpenseMeans; note?: string | null }
export interface Summaries {
  from: string; to: string; by: 'month' | 'year';
  rows: { period: string; receiptsCents: number; expensesCents: number; balanceCents: number }[];
  expensesByCategory: { category: string; label: string; amountCents: number }[];
  totals: { receiptsCents: number; expensesCents: number; balanceCents: number };
}
export interface ExportRecord { id: string; format: 'fec' | 'csv'; from: string; to: string; entries: number; sha256: string; fileName: string; exportedAt: string; exportedBy: string }
export interface ChartRow {
  month: string; practitionerId: string; patientCents: number; amoCents: number; amcCents: number; billedCents: number; dueFromPatientsCents: number; dueFromPayersCents: number;
}
export interface BooksCharts { from: string; to: string; months: string[]; practitioners: { id: string; name: string }[]; rows: ChartRow[] }

const enc = encodeURIComponent;
const pr = (id: string) => `/api/billing/practitioners/${enc(id)}`;
const period = (from: string, to: string) => `from=${enc(from)}&to=${enc(to)}`;

export const booksApi = {
  dayBook: (id: string, from: string, to: string) => request<DayBook>('GET', `${pr(id)}/day-book?${period(from, to)}`),
  closeDay: (id: string, day: string) => request<{ day: string; entries: number; totalCents: number }>('POST', `${pr(id)}/closed-days`, { body: { day } }),
  saveSettings: (id: string, body: BookSettings) => request<BookSettings>('PUT', `${pr(id)}/book-settings`, { body }),
  reversePayment: (paymentId: string, reason: string) => request<{ id: string }>('POST', `/api/billing/payments/${enc(paymentId)}/reversal`, { body: { reason } }),
  cheques: (id: string) => request<{ cheques: Cheque[]; totalCents: number }>('GET', `${pr(id)}/cheques`),
  bankAccounts: (id: string) => request<{ bankAccounts: BankAccount[] }>('GET', `${pr(id)}/bank-accounts`),
  addBankAccount: (id: string, body: BankAccountFields & { iban: string }) => request<{ id: string }>('POST', `${pr(id)}/bank-accounts`, { body }),
  updateBankAccount: (id: string, accountId: string, body: BankAccountFields & { active: boolean }) =>
    request<{ bankAccounts: BankAccount[] }>('PUT', `${pr(id)}/bank-accounts/${enc(accountId)}`, { body }),
  slips: (id: string) => request<{ slips: SlipSummary[] }>('GET', `${pr(id)}/deposit-slips`),
  createSlip: (id: string, bankAccountId: string, paymentIds: string[]) => request<{ slip: SlipSummary }>('POST', `${pr(id)}/deposit-slips`, { body: { bankAccountId, paymentIds } }),
  slipPdfUrl: (slipId: string) => `/api/billing/deposit-slips/${enc(slipId)}/pdf`,
  expenses: (id: string, from: string, to: string) => request<{ expenses: Expense[] }>('GET', `${pr(id)}/expenses?${period(from, to)}`),
  addExpense: (id: string, body: NewExpense) => request<{ id: string }>('POST', `${pr(id)}/expenses`, { body }),
  reverseExpense: (expenseId: string, reason: string) => request<{ id: string }>('POST', `/api/billing/expenses/${enc(expenseId)}/reversal`, { body: { reason } }),
  summaries: (id: string, from: string, to: string, by: 'month' | 'year') => request<Summaries>('GET', `${pr(id)}/summaries?${period(from, to)}&by=${by}`),
  exports: (id: string) => request<{ exports: ExportRecord[] }>('GET', `${pr(id)}/exports`),
  exportUrl: (format: 'fec' | 'csv', id: string, from: string, to: string) => `/api/billing/exports/${format}?${period(from, to)}&practitioner=${enc(id)}`,
  charts: (from: string, to: string, practitionerId: string) => request<BooksCharts>('GET', `/api/billing/charts?${period(from, to)}${practitionerId ? `&practitioner=${enc(practitionerId)}` : ''}`),
};
