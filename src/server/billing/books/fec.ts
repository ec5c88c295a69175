/**
 * The FEC (fichier des écritures comptables, article A47 A-1 of the Livre des procédures fiscales) of a BNC
 * practitioner keeping cash-basis books (recettes-dépenses): the 18 columns of the general FEC, then DateRglt,
 * ModeRglt, NatOp and IdClient. Pure: the service hands the period's movements, this builds the balanced entries and
 * the file's bytes. docs/billing.md « Export FEC » says which accounts are used and why.
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

/** Plan comptable général accounts used by the export (six digits, as most accountants' software imports them). */
export const ACCOUNTS = {
  fees: ['706000', 'Honoraires'],
  bank: ['512000', 'Banque'],
  cash: ['530000', 'Caisse'],
  cheques: ['511200', 'Chèques à encaisser'],
} as const;
const EXPENSE_ACCOUNTS: Record<ExpenseCategory, readonly [string, string, string]> = {
  purchases: ['601000', 'Achats de fournitures médicales', 'Achats'],
  rent: ['613200', 'Locations immobilières', 'Loyer'],
  staff: ['641000', 'Rémunérations du personnel', 'Salaires'],
  social_charges: ['646000', 'Cotisations sociales personnelles', 'Charges sociales personnelles'],
  taxes: ['635000', 'Impôts et taxes', 'Impôts et taxes'],
  small_equipment: ['606300', 'Petit équipement', 'Petit matériel'],
  fees: ['622600', 'Honoraires', 'Honoraires (comptable, rétrocessions)'],
  travel: ['625100', 'Voyages et déplacements', 'Déplacements'],
  telecom: ['626000', 'Frais postaux et de télécommunications', 'Télécommunications'],
  insurance: ['616000', 'Primes d’assurance', 'Assurances'],
  training: ['618500', 'Frais de formation', 'Formation'],
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

/** The balanced two-line entries of the movements, in date order, numbered 1, 2, 3… without gap. */
export function fecLines(movements: Movement[]): FecLine[] {
  const sorted = [...movements].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : ORDER[a.kind] - ORDER[b.kind] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  const lines: FecLine[] = [];
  sorted.forEach((m, i) => {
    const num = i + 1;
    const two = (journal: FecLine['journal'], debit: readonly [string, string], credit: readonly [string, string], cents: number, base: Omit<FecLine, 'journal' | 'num' | 'account' | 'debitCents' | 'creditCents'>) => {
      // A negative amount (a reversing expense) swaps the sides: the FEC carries no negative amounts.
      const [d, c, v] = cents >= 0 ? [debit, credit, cents] : [credit, debit, -cents];
      lines.push({ ...base, journal, num, account: d, debitCents: v, creditCents: 0 });
      lines.push({ ...base, journal, num, account: c, debitCents: 0, creditCents: v });
    };
    switch (m.kind) {
      case 'receipt':
        two('RE', treasury(m.means), ACCOUNTS.fees, m.amountCents, { day: m.day, pieceRef: m.pieceRef, pieceDay: m.pieceDay, label: m.label, paidDay: m.day, means: MEANS_LABEL[m.means], nature: 'Honoraires', clientRef: m.clientRef });
        break;
      case 'reversal':
        two('RE', ACCOUNTS.fees, treasury(m.means), m.amountCents, { day: m.day, pieceRef: m.pieceRef, pieceDay: m.pieceDay, label: m.label, paidDay: m.day, means: MEANS_LABEL[m.means], nature: 'Annulation d’encaissement', clientRef: m.clientRef });
        break;
      case 'deposit':
        two('BQ', ACCOUNTS.bank, ACCOUNTS.cheques, m.amountCents, { day: m.day, pieceRef: m.pieceRef, pieceDay: m.day, label: m.label, paidDay: m.day, means: MEANS_LABEL.cheque, nature: 'Remise de chèques', clientRef: '' });
        break;
      case 'expense': {
        const [num6, lib, nature] = EXPENSE_ACCOUNTS[m.category];
        two('DE', [num6, lib], m.means === 'cash' ? ACCOUNTS.cash : ACCOUNTS.bank, m.amountCents, { day: m.day, pieceRef: m.pieceRef, pieceDay: m.day, label: m.label, paidDay: m.day, means: MEANS_LABEL[m.means], nature, clientRef: '' });
        break;
      }
    }
  });
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
    ].map(fecText).join(FEC_SEPARATOR),
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
  const out: number[] = [];
  for (const ch of text) {
    const special = ISO_15[ch];
    if (special !== undefined) out.push(special);
    else {
      const code = ch.codePointAt(0)!;
      if (code < 0x80 || (code <= 0xff && code >= 0xa0 && !LATIN1_REPLACED_IN_15.has(code) && ch !== '«' && ch !== '»' && ch !== '\u00a0')) out.push(code);
      else for (const c of ASCII_FALLBACK[ch] ?? '?') out.push(c.charCodeAt(0));
    }
  }
  return Buffer.from(out);
}

/** `<SIREN>FEC<AAAAMMJJ>.txt`, the date being the closing date of the period exported. */
export const fecFileName = (siren: string, toDay: string) => `${siren}FEC${fecDate(toDay)}.txt`;
