import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPENSE_CATEGORIES, FEC_COLUMNS, fecFileName, fecLines, fecText22, iso885915, type Movement } from './fec.js';
import { checkFec } from './fec-check.js';

const day = fc.integer({ min: 0, max: 364 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
const text = fc.string({ maxLength: 30, unit: fc.constantFrom('a', 'é', 'Œ', ' ', '\t', '\n', '|', '’', '€', '«', 'Z', '1', ';', '"') });
const cents = fc.integer({ min: 1, max: 5_000_000 });
const payMeans = fc.constantFrom('cash', 'card', 'cheque', 'transfer') as fc.Arbitrary<'cash' | 'card' | 'cheque' | 'transfer'>;
const movement: fc.Arbitrary<Movement> = fc.oneof(
  fc.record({ kind: fc.constant('receipt' as const), key: fc.uuid(), day, means: payMeans, amountCents: cents, pieceRef: text, pieceDay: day, label: text, clientRef: text }),
  fc.record({ kind: fc.constant('reversal' as const), key: fc.uuid(), day, means: payMeans, amountCents: cents, pieceRef: text, pieceDay: day, label: text, clientRef: text }),
  fc.record({ kind: fc.constant('deposit' as const), key: fc.uuid(), day, amountCents: cents, pieceRef: text, label: text }),
  fc.record({
    kind: fc.constant('expense' as const),
    key: fc.uuid(),
    day,
    means: fc.constantFrom('cash', 'card', 'cheque', 'transfer', 'direct_debit') as fc.Arbitrary<Movement extends { means: infer M } ? M : never>,
    category: fc.constantFrom(...EXPENSE_CATEGORIES),
    amountCents: fc.integer({ min: -5_000_000, max: 5_000_000 }).filter((n) => n !== 0),
    pieceRef: text,
    label: text,
  }) as fc.Arbitrary<Movement>,
);

describe('FEC (BNC, cash basis)', () => {
  it('every generated file satisfies the structural rules, whatever the ledger', () => {
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 60 }), (ms) => {
        const file = fecText22(fecLines(ms));
        const problems = checkFec(file);
        expect(problems).toEqual([]);
        // Two lines per movement, and the amounts of the movements are all there.
        const records = file.split('\r\n').filter(Boolean).slice(1);
        expect(records.length).toBe(2 * ms.length);
      }),
      { numRuns: 300 },
    );
  });

  it('the checker catches what it claims to check (a file it accepts is not a file it cannot refuse)', () => {
    const ms: Movement[] = [
      { kind: 'receipt', key: 'a', day: '2026-03-02', means: 'cash', amountCents: 3000, pieceRef: '2026-000001', pieceDay: '2026-03-02', label: 'G', clientRef: 'P-1' },
      { kind: 'receipt', key: 'b', day: '2026-03-03', means: 'card', amountCents: 2550, pieceRef: '2026-000002', pieceDay: '2026-03-03', label: 'G', clientRef: 'P-2' },
    ];
    const good = fecText22(fecLines(ms));
    expect(checkFec(good)).toEqual([]);
    const lines = good.split('\r\n');
    expect(checkFec(good.replace('30,00', '31,00'))[0]).toMatch(/balanced/);
    expect(checkFec(lines.map((l) => l.replace(/\t2\t2026/, '\t3\t2026')).join('\r\n'))[0]).toMatch(/continuous/);
    expect(checkFec(good.replace('\t530000\t', '\t\t'))[0]).toMatch(/CompteNum/);
    expect(checkFec(good.replace('20260302', '2026-03-02'))[0]).toMatch(/date/);
    expect(checkFec(good.replace('20260302', '2026ab02'))[0]).toMatch(/date/);
    expect(checkFec(good.replace('20260302', '20260230'))[0]).toMatch(/date/);
    expect(checkFec(good.replace('30,00', '30.00'))[0]).toMatch(/amount/);
    expect(checkFec(good.replace('JournalCode', 'Journal'))[0]).toMatch(/header/);
    expect(checkFec(good.replace('\tP-1', '\tP-1\textra'))[0]).toMatch(/fields/);
  });

  it('names the columns in the order of the BNC cash-basis variant', () => {
    expect(FEC_COLUMNS.slice(0, 18)).toEqual([
      'JournalCode', 'JournalLib', 'EcritureNum', 'EcritureDate', 'CompteNum', 'CompteLib', 'CompAuxNum', 'CompAuxLib', 'PieceRef', 'PieceDate',
      'EcritureLib', 'Debit', 'Credit', 'EcritureLet', 'DateLet', 'ValidDate', 'Montantdevise', 'Idevise',
    ]);
    expect(FEC_COLUMNS.slice(18)).toEqual(['DateRglt', 'ModeRglt', 'NatOp', 'IdClient']);
  });

  it('cheques go to « chèques à encaisser » and the slip moves them to the bank; a negative expense swaps sides', () => {
    const lines = fecLines([
      { kind: 'receipt', key: 'a', day: '2026-03-02', means: 'cheque', amountCents: 6000, pieceRef: 'R1', pieceDay: '2026-03-02', label: 'APC', clientRef: 'P-1' },
      { kind: 'deposit', key: 'b', day: '2026-03-04', amountCents: 6000, pieceRef: 'Remise 1', label: 'Remise' },
      { kind: 'expense', key: 'c', day: '2026-03-05', means: 'cash', category: 'purchases', amountCents: -1200, pieceRef: 'D1', label: 'Correction' },
    ]);
    expect(lines.map((l) => [l.num, l.account[0], l.debitCents, l.creditCents])).toEqual([
      [1, '511200', 6000, 0], [1, '706000', 0, 6000],
      [2, '512000', 6000, 0], [2, '511200', 0, 6000],
      [3, '530000', 1200, 0], [3, '606800', 0, 1200],
    ]);
  });

  it('writes ISO 8859-15 (€ and œ at their places, typographic marks in ASCII) and names the file after the SIREN', () => {
    expect([...iso885915('é€œ’«A')]).toEqual([0xe9, 0xa4, 0xbd, 0x27, 0x22, 0x41]);
    expect(fecFileName('810000019', '2026-12-31')).toBe('810000019FEC20261231.txt');
  });
});
