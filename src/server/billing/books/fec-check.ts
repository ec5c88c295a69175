import { FEC_COLUMNS, FEC_SEPARATOR } from './fec.js';

/**
 * Structural checks of a FEC file (the rules of A47 A-1 that a program can check): header line with the 22 names
 * in order, one separator, 22 fields per record, dates AAAAMMJJ that exist, amounts with a decimal comma, CompteNum
 * always filled, entry numbers unique (an entry's lines are consecutive) and continuous from 1, every entry balanced
 * and on one date and one journal. Returns the problems found (empty: the file passes). Used by the tests and the
 * export itself (a file that fails is never sent).
 */
export function checkFec(file: string): string[] {
  const problems: string[] = [];
  const records = file.split(/\r\n|\n/).filter((l, i, all) => l !== '' || i < all.length - 1);
  if (records[0] !== FEC_COLUMNS.join(FEC_SEPARATOR)) return ['header: the first line must name the 22 columns in order'];
  const col = Object.fromEntries(FEC_COLUMNS.map((c, i) => [c, i])) as Record<(typeof FEC_COLUMNS)[number], number>;
  // A file has few distinct dates and many lines: each is checked once.
  const dates = new Map<string, boolean>();
  const validDate = (s: string) => {
    let ok = dates.get(s);
    if (ok === undefined) {
      ok = /^\d{8}$/.test(s) && new Date(Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8)))).toISOString().slice(0, 10).replaceAll('-', '') === s;
      dates.set(s, ok);
    }
    return ok;
  };
  const amount = /^\d+,\d{2}$/;
  const toCents = (s: string) => Number(s.replace(',', ''));
  let expected = 0;
  let current: { num: number; debit: number; credit: number; date: string; journal: string } | null = null;
  const close = () => {
    if (current && current.debit !== current.credit) problems.push(`entry ${current.num}: not balanced (${current.debit} ≠ ${current.credit})`);
  };
  for (let i = 1; i < records.length; i++) {
    const f = records[i]!.split(FEC_SEPARATOR);
    const where = `line ${i + 1}`;
    if (f.length !== FEC_COLUMNS.length) {
      problems.push(`${where}: ${f.length} fields instead of ${FEC_COLUMNS.length}`);
      continue;
    }
    for (const c of ['EcritureDate', 'PieceDate', 'ValidDate'] as const) if (!validDate(f[col[c]]!)) problems.push(`${where}: ${c} is not a date AAAAMMJJ`);
    if (f[col.DateRglt] && !validDate(f[col.DateRglt]!)) problems.push(`${where}: DateRglt is not a date AAAAMMJJ`);
    if (!f[col.CompteNum]) problems.push(`${where}: CompteNum is empty`);
    for (const c of ['JournalCode', 'JournalLib', 'CompteLib', 'PieceRef', 'EcritureLib'] as const) if (!f[col[c]]) problems.push(`${where}: ${c} is empty`);
    const debit = f[col.Debit]!;
    const credit = f[col.Credit]!;
    if (!amount.test(debit) || !amount.test(credit)) {
      problems.push(`${where}: amount without a decimal comma`);
      continue;
    }
    const num = Number(f[col.EcritureNum]);
    if (!current || current.num !== num) {
      close();
      expected++;
      if (num !== expected) problems.push(`${where}: entry numbers not unique and continuous (${num} after ${expected - 1})`);
      current = { num, debit: 0, credit: 0, date: f[col.EcritureDate]!, journal: f[col.JournalCode]! };
    } else if (current.date !== f[col.EcritureDate] || current.journal !== f[col.JournalCode]) {
      problems.push(`${where}: entry ${num} spans two dates or journals`);
    }
    current.debit += toCents(debit);
    current.credit += toCents(credit);
  }
  close();
  return problems;
}
