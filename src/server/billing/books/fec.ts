/**
 * The FEC (fichier des écritures comptables, article A47 A-1 of the Livre des procédures fiscales) of a BNC
 * practitioner keeping cash-basis books (recettes-dépenses): the 18 columns of the general FEC, then DateRglt,
 * ModeRglt, NatOp and IdClient. Pure: the service hands the period's movements, this builds the balanced entries and
 * the file's bytes. docs/billing-books.md « Export FEC » says which accounts are used and why.
 */
export const FEC_COLUMNS = [
  'JournalCode', 'JournalLib', 'EcritureNum', 'EcritureDate', 'CompteNum', 'CompteLib', 'CompAuxNum', 'CompAuxLib',
  'PieceRef', 'PieceDate', 'EcritureLib', 'Debit', 'Credit', 'EcritureLet', 'DateLet', 'ValidDate', 'Montantdevise',
  'Idevise', 'DateRglt', 'ModeRglt', 'NatOp', 'IdClient',
] as const;

export type Means = 'cash' | 'card' | 'cheque' | 'transfer' | 'direct_debit';

/** One movement of money in the period, as the service reads it. Days are ISO `YYYY-MM-DD`, amounts integer cents. */
export type Movement =
  | { kind: 'receipt'; key: string; day: string; means: Exclude<Means, 'direct_debit'>; amountCents: number; pieceRef: string; pieceDay: string; label: string; clientRef: string }
  | { kind: 'reversal'; key: string; day: string; means: Exclude<Means, 'direct_debit'>; amountCents: number; pieceRef: string; pieceDay: string; label: string; clientRef: string }
  | { kind: 'deposit'; key: string; day: string; amountCents: number; pieceRef: string; label: string }
  | { kind: 'expense'; key: string; day: string; means: Means; category: ExpenseCategory; amountCents: number; pieceRef: string; label: string };

export const EXPENSE_CATEGORIES = [
  'purchases', 'rent', 'staff', 'social_charges', 'taxes', 'small_equipment', 'fees', 'travel', 'telecom', 'insurance', 'training', 'bank_fees', 'other',
] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

/**
 * Plan comptable général accounts used by the export (six digits, as most accountants' software imports them),
 * chosen for a BNC practitioner keeping cash-basis books (recettes-dépenses, no stock, no receivable): receipts
 * credit 706 when they are collected, treasury is 530 (cash), 5112 (cheques until the slip takes them to 512) or
 * 512; expenses debit the class-6 account an accountant maps to the 2035 lines. Not used, because Pivot records
 * no such movement: 108 compte de l'exploitant (the practitioner's own withdrawals and contributions, posted by the
 * accountant from the bank statement), 411 clients (no receivable in cash accounting), 2x fixed assets.
 * docs/billing-books.md « Comptes du FEC » gives the table.
 */
export const ACCOUNTS = {
  fees: ['706000', 'Honoraires'],
  bank: ['512000', 'Banque'],
  cash: ['530000', 'Caisse'],
  cheques: ['511200', 'Chèques à encaisser'],
} as const;
const EXPENSE_ACCOUNTS: Record<ExpenseCategory, readonly [string, string, string]> = {
  // 606 (non stocked), not 601 (stocked raw materials): a cash-basis BNC keeps no stock.
  purchases: ['606800', 'Autres matières et fournitures', 'Achats'],
  rent: ['613200', 'Locations immobilières', 'Loyer'],
  staff: ['641000', 'Rémunérations du personnel', 'Salaires'],
  social_charges: ['646000', 'Cotisations sociales personnelles', 'Charges sociales personnelles'],
  taxes: ['635000', 'Impôts et taxes', 'Impôts et taxes'],
  small_equipment: ['606300', 'Petit équipement', 'Petit matériel'],
  fees: ['622600', 'Honoraires', 'Honoraires (comptable, rétrocessions)'],
  travel: ['625100', 'Voyages et déplacements', 'Déplacements'],
  telecom: ['626000', 'Frais postaux et de télécommunications', 'Télécommunications'],
  insurance: ['616000', 'Primes d’assurance', 'Assurances'],
  training: ['618500', 'Frais de colloques, séminaires, conférences', 'Formation'],
  bank_fees: ['627000', 'Services bancaires', 'Frais bancaires'],
  other: ['628000', 'Divers', 'Divers'],
};
export const expenseCategoryLabel = (c: ExpenseCategory) => EXPENSE_ACCOUNTS[c][2];

const MEANS_LABEL: Record<Means, string> = { cash: 'Espèces', card: 'Carte bancaire', cheque: 'Chèque', transfer: 'Virement', direct_debit: 'Prélèvement' };
export const meansLabel = (m: Means) => MEANS_LABEL[m];

/** Where the money of a receipt lands: the cash box, cheques waiting for their slip, or the bank. */
const treasury = (m: Means) => (m === 'cash' ? ACCOUNTS.cash : m === 'cheque' ? ACCOUNTS.cheques : ACCOUNTS.bank);

const JOURNALS = { RE: 'Journal des recettes', DE: 'Journal des dépenses', BQ: 'Remises en banque' } as const;

export interface FecLine {
  journal: keyof typeof JOURNALS;
  num: number;
  day: string;
  account: readonly [string, string];
  pieceRef: string;
  pieceDay: string;
  label: string;
  debitCents: number;
  creditCents: number;
  paidDay: string;
  means: string;
  nature: string;
  clientRef: string;
}

const ORDER = { receipt: 0, reversal: 1, deposit: 2, expense: 3 } as const;

type Side = readonly [string, string];
interface EntryBase { journal: FecLine['journal']; debit: Side; credit: Side; cents: number; pieceRef: string; pieceDay: string; label: string; means: string; nature: string; clientRef: string }

function entry(m: Movement): EntryBase {
  switch (m.kind) {
    case 'receipt':
      return { journal: 'RE', debit: treasury(m.means), credit: ACCOUNTS.fees, cents: m.amountCents, pieceRef: m.pieceRef, pieceDay: m.pieceDay, label: m.label, means: MEANS_LABEL[m.means], nature: 'Honoraires', clientRef: m.clientRef };
    case 'reversal':
      return { journal: 'RE', debit: ACCOUNTS.fees, credit: treasury(m.means), cents: m.amountCents, pieceRef: m.pieceRef, pieceDay: m.pieceDay, label: m.label, means: MEANS_LABEL[m.means], nature: 'Annulation d’encaissement', clientRef: m.clientRef };
    case 'deposit':
      return { journal: 'BQ', debit: ACCOUNTS.bank, credit: ACCOUNTS.cheques, cents: m.amountCents, pieceRef: m.pieceRef, pieceDay: m.day, label: m.label, means: MEANS_LABEL.cheque, nature: 'Remise de chèques', clientRef: '' };
    case 'expense': {
      const [num6, lib, nature] = EXPENSE_ACCOUNTS[m.category];
      return { journal: 'DE', debit: [num6, lib], credit: m.means === 'cash' ? ACCOUNTS.cash : ACCOUNTS.bank, cents: m.amountCents, pieceRef: m.pieceRef, pieceDay: m.day, label: m.label, means: MEANS_LABEL[m.means], nature, clientRef: '' };
    }
  }
}

const compare = (a: Movement, b: Movement) =>
  a.day < b.day ? -1 : a.day > b.day ? 1 : ORDER[a.kind] - ORDER[b.kind] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The balanced two-line entries of the movements, in date order, numbered 1, 2, 3… without gap. */
export function fecLines(movements: Movement[]): FecLine[] {
  const sorted = [...movements].sort(compare);
  const lines: FecLine[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const m = sorted[i]!;
    const e = entry(m);
    // A negative amount (a reversing expense) swaps the sides: the FEC carries no negative amounts.
    const swap = e.cents < 0;
    const v = swap ? -e.cents : e.cents;
    const line = (account: Side, debitCents: number, creditCents: number): FecLine => ({
      journal: e.journal, num: i + 1, day: m.day, account, pieceRef: e.pieceRef, pieceDay: e.pieceDay, label: e.label, debitCents, creditCents,
      paidDay: m.day, means: e.means, nature: e.nature, clientRef: e.clientRef,
    });
    lines.push(line(swap ? e.credit : e.debit, v, 0), line(swap ? e.debit : e.credit, 0, v));
  }
  return lines;
}

export const fecDate = (isoDay: string) => isoDay.replaceAll('-', '');
/** 1234 → « 12,34 »: decimal comma, no thousands separator, no currency. */
export const fecAmount = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
/** A free text in one field: no separator, no line break, no leading or trailing space. */
export const fecText = (s: string) => s.replace(/[\t\r\n|]+/g, ' ').replace(/\s+/g, ' ').trim();

export const FEC_SEPARATOR = '\t';

/** The file's text: header line, then one record per line, CRLF-separated. */
export function fecText22(lines: FecLine[]): string {
  const rows = lines.map((l) =>
    [
      l.journal, JOURNALS[l.journal], String(l.num), fecDate(l.day), l.account[0], l.account[1], '', '', fecText(l.pieceRef) || `${l.journal}${l.num}`, fecDate(l.pieceDay),
      // Both are required: a movement without its own text is named by its journal and number, or its nature.
      fecText(l.label) || l.nature, fecAmount(l.debitCents), fecAmount(l.creditCents), '', '', fecDate(l.day), '', '', fecDate(l.paidDay), l.means, l.nature, fecText(l.clientRef),
    ].join(FEC_SEPARATOR), // the free texts are cleaned above; the others are this module's constants

  );
  return [FEC_COLUMNS.join(FEC_SEPARATOR), ...rows].join('\r\n') + '\r\n';
}

/**
 * ISO 8859-15 bytes (one of the character sets A47 A-1 allows): Latin-1 plus €, Œ, œ, Š, š, Ž, ž, Ÿ; any other
 * character (a typographic apostrophe, a dash) is replaced by its nearest ASCII.
 */
const ISO_15: Record<string, number> = { '€': 0xa4, Š: 0xa6, š: 0xa8, Ž: 0xb4, ž: 0xb8, Œ: 0xbc, œ: 0xbd, Ÿ: 0xbe };
const LATIN1_REPLACED_IN_15 = new Set([0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe]);
const ASCII_FALLBACK: Record<string, string> = { '’': "'", '‘': "'", '«': '"', '»': '"', '–': '-', '—': '-', '\u202f': ' ', '\u00a0': ' ', '…': '...' };
export function iso885915(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length * 3); // « … » becomes three bytes at most
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      out[n++] = code;
      continue;
    }
    const ch = text[i]!;
    const special = ISO_15[ch];
    if (special !== undefined) out[n++] = special;
    else if (code <= 0xff && code >= 0xa0 && !LATIN1_REPLACED_IN_15.has(code) && ch !== '«' && ch !== '»' && ch !== '\u00a0') out[n++] = code;
    else for (const c of ASCII_FALLBACK[ch] ?? '?') out[n++] = c.charCodeAt(0);
  }
  return Buffer.from(out.subarray(0, n));
}

/** `<SIREN>FEC<AAAAMMJJ>.txt`, the date being the closing date of the period exported. */
export const fecFileName = (siren: string, toDay: string) => `${siren}FEC${fecDate(toDay)}.txt`;
