import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayBookLines, dayTotals, ibanWithKey, normaliseIban, patientReference, SMALL_CASH_LIMIT_CENTS, summarise, type BookEntry } from './rules.js';

const day = fc.integer({ min: 0, max: 90 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
const entry: fc.Arbitrary<BookEntry> = fc
  .record({
    id: fc.uuid(),
    kind: fc.constantFrom('payment' as const, 'reversal' as const),
    day,
    at: fc.integer({ min: 0, max: 86_399 }).map((s) => String(s).padStart(5, '0')),
    means: fc.constantFrom('cash' as const, 'card' as const, 'cheque' as const, 'transfer' as const),
    amountCents: fc.integer({ min: 1, max: 20_000 }),
  })
  .map((r) => ({ ...r, amountCents: r.kind === 'reversal' ? -r.amountCents : r.amountCents, patient: 'P-1', invoiceId: 'i', receiptNumber: null, cheque: null, reversesPaymentId: null }));

describe('day book rules', () => {
  it('grouping small cash keeps every cent and every other line, and groups only cash payments under 76 €, one group a day', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 80 }), fc.boolean(), (es, group) => {
        const lines = dayBookLines(es, group);
        const sum = (xs: { amountCents: number }[]) => xs.reduce((s, x) => s + x.amountCents, 0);
        expect(sum(lines)).toBe(sum(es));
        const groups = lines.filter((l) => l.kind === 'cash_group');
        if (!group) expect(groups).toEqual([]);
        expect(new Set(groups.map((g) => g.day)).size).toBe(groups.length);
        const small = es.filter((e) => e.kind === 'payment' && e.means === 'cash' && e.amountCents < SMALL_CASH_LIMIT_CENTS);
        expect(lines.length).toBe(group ? es.length - small.length + new Set(small.map((e) => e.day)).size : es.length);
        // Day order is kept.
        expect(lines.map((l) => l.day)).toEqual([...lines.map((l) => l.day)].sort());
      }),
    );
  });

  it('day totals add up per means and overall', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 80 }), (es) => {
        const totals = dayTotals(es);
        expect(totals.reduce((s, t) => s + t.totalCents, 0)).toBe(es.reduce((s, e) => s + e.amountCents, 0));
        for (const t of totals) expect(Object.values(t.byMeans).reduce((a, b) => a + b, 0)).toBe(t.totalCents);
      }),
    );
  });

  it('summaries cover every period of the range and add up to what they were given', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ day, amountCents: fc.integer({ min: -500, max: 50_000 }) })), fc.array(fc.record({ day, amountCents: fc.integer({ min: 1, max: 50_000 }) })), (rs, xs) => {
        const rows = summarise(rs, xs, 'month', '2026-01-01', '2026-04-30');
        expect(rows.map((r) => r.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
        expect(rows.reduce((s, r) => s + r.receiptsCents, 0)).toBe(rs.reduce((s, r) => s + r.amountCents, 0));
        expect(rows.reduce((s, r) => s + r.expensesCents, 0)).toBe(xs.reduce((s, r) => s + r.amountCents, 0));
        for (const r of rows) expect(r.balanceCents).toBe(r.receiptsCents - r.expensesCents);
      }),
    );
    expect(summarise([], [], 'month', '2025-11-15', '2026-02-01').map((r) => r.period)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(summarise([], [], 'year', '2025-11-15', '2026-02-01').map((r) => r.period)).toEqual(['2025', '2026']);
  });

  it('IBAN keys: a real-form IBAN passes, any single changed digit fails', () => {
    const iban = 'FR76 3000 6000 0112 3456 7890 189';
    expect(normaliseIban(iban)).toBe('FR7630006000011234567890189');
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 26 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const v = 'FR7630006000011234567890189';
        const d = (Number(v[pos]) + delta) % 10;
        expect(normaliseIban(v.slice(0, pos) + d + v.slice(pos + 1))).toBeNull();
      }),
    );
    expect(normaliseIban('FR76')).toBeNull();
    fc.assert(fc.property(fc.stringMatching(/^\d{23}$/), (bban) => {
      expect(normaliseIban(ibanWithKey("FR", bban))).toBe(ibanWithKey("FR", bban));
    }));
    expect(ibanWithKey('FR', '30006000011234567890189')).toBe('FR7630006000011234567890189');
  });

  it('the patient reference names nobody and is stable', () => {
    expect(patientReference('1a2b3c4d-0000-4000-8000-000000000000')).toBe('P-1A2B3C4D');
  });
});
