/**
 * Pure rules of the practitioner's books: the day book's lines (cash under 76 € grouped per day when the
 * practitioner chooses it), monthly and yearly summaries, IBAN keys, the patient reference. Property-tested.
 */
export type PayMeans = 'cash' | 'card' | 'cheque' | 'transfer';

/** Below this, cash receipts may be written as one total per day (art. 99 CGI, 76 € since 2002). */
export const SMALL_CASH_LIMIT_CENTS = 7600;

export interface BookEntry {
  /** Payment id, or reversal id for a reversing entry. */
  id: string;
  kind: 'payment' | 'reversal';
  day: string;
  at: string;
  means: PayMeans;
  /** Negative for a reversing entry. */
  amountCents: number;
  patient: string;
  invoiceId: string;
  receiptNumber: string | null;
  cheque: { bank: string; number: string; drawer: string } | null;
  reversesPaymentId: string | null;
}

export type BookLine = BookEntry | { kind: 'cash_group'; day: string; means: 'cash'; amountCents: number; count: number };

export interface DayTotals {
  day: string;
  byMeans: Record<PayMeans, number>;
  totalCents: number;
  entries: number;
}

const zero = (): Record<PayMeans, number> => ({ cash: 0, card: 0, cheque: 0, transfer: 0 });

/**
 * The day book's lines in order: day by day, each payment or reversal on its own line, except cash payments under
 * 76 € which become one « espèces » line per day when `groupSmallCash` (reversals are never grouped).
 */
export function dayBookLines(entries: BookEntry[], groupSmallCash: boolean): BookLine[] {
  const sorted = [...entries].sort((a, b) => (a.day !== b.day ? (a.day < b.day ? -1 : 1) : a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  const out: BookLine[] = [];
  let group: { kind: 'cash_group'; day: string; means: 'cash'; amountCents: number; count: number } | null = null;
  for (const e of sorted) {
    if (group && group.day !== e.day) group = null;
    if (groupSmallCash && e.kind === 'payment' && e.means === 'cash' && e.amountCents < SMALL_CASH_LIMIT_CENTS) {
      if (!group) {
        group = { kind: 'cash_group', day: e.day, means: 'cash', amountCents: 0, count: 0 };
        out.push(group);
      }
      group.amountCents += e.amountCents;
      group.count++;
    } else out.push(e);
  }
  return out;
}

/** Totals per day and means of payment (reversals counted negative on their own day). */
export function dayTotals(entries: BookEntry[]): DayTotals[] {
  const byDay = new Map<string, DayTotals>();
  for (const e of entries) {
    const t = byDay.get(e.day) ?? { day: e.day, byMeans: zero(), totalCents: 0, entries: 0 };
    t.byMeans[e.means] += e.amountCents;
    t.totalCents += e.amountCents;
    t.entries++;
    byDay.set(e.day, t);
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

export interface SummaryRow {
  period: string;
  receiptsCents: number;
  expensesCents: number;
  balanceCents: number;
}

/** Receipts and expenses per month (`YYYY-MM`) or per year (`YYYY`), every period of the range present. */
export function summarise(
  receipts: { day: string; amountCents: number }[],
  expenses: { day: string; amountCents: number }[],
  by: 'month' | 'year',
  from: string,
  to: string,
): SummaryRow[] {
  const key = (d: string) => (by === 'month' ? d.slice(0, 7) : d.slice(0, 4));
  const rows = new Map<string, SummaryRow>();
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = key(to);
  for (;;) {
    const k = by === 'month' ? `${y}-${String(m).padStart(2, '0')}` : String(y);
    rows.set(k, { period: k, receiptsCents: 0, expensesCents: 0, balanceCents: 0 });
    if (k >= last) break;
    if (by === 'year') y++;
    else if (++m > 12) [y, m] = [y + 1, 1];
  }
  for (const r of receipts) {
    const row = rows.get(key(r.day));
    if (row) row.receiptsCents += r.amountCents;
  }
  for (const e of expenses) {
    const row = rows.get(key(e.day));
    if (row) row.expensesCents += e.amountCents;
  }
  for (const row of rows.values()) row.balanceCents = row.receiptsCents - row.expensesCents;
  return [...rows.values()];
}

/** IBAN: country, two key digits, up to 30 characters; key by ISO 13616 mod 97. Spaces are ignored. */
export function normaliseIban(s: string): string | null {
  const v = s.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(v)) return null;
  if (v.startsWith('FR') && v.length !== 27) return null;
  const moved = (v.slice(4) + v.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const ch of moved) rest = (rest * 10 + Number(ch)) % 97;
  return rest === 1 ? v : null;
}

/** The IBAN as printed: groups of four. */
export const formatIban = (v: string) => v.replace(/(.{4})/g, '$1 ').trim();

/** The patient's reference in the books: stable, short, and names nobody (from the record's id). */
export const patientReference = (patientId: string) => `P-${patientId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;

/** An IBAN from its country and BBAN, with its check digits computed (demo data, tests). */
export function ibanWithKey(country: string, bban: string): string {
  const digits = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const ch of digits) rest = (rest * 10 + Number(ch)) % 97;
  return `${country}${String(98 - rest).padStart(2, '0')}${bban}`;
}
