import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DENTAL_ACTS, dentalActOn, type DentalActRow } from './catalogue.js';
import type { DentalActInput } from './contract.js';
import { acceptedLines, priceDentalQuote } from './rules.js';

/** Property tests of the dental quote rules: totals to the cent, baskets, ceilings, the mandatory alternative. */
const DATE = fc.constantFrom('2023-06-01', '2023-10-14', '2023-10-15', '2025-03-01', '2026-12-07');
const rowsFor = (position: number) => DENTAL_ACTS.filter((r) => r.positions.includes(position as never));
const feeIn = (row: DentalActRow) => fc.integer({ min: row.baseCents, max: row.ceilingCents ?? row.baseCents * 12 });
const tooth = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 })).map(([q, p]) => q * 10 + p);
const place = fc.constantFrom('france', 'eu', 'outside_eu') as fc.Arbitrary<DentalActInput['manufacturePlace']>;

/** One proposed act and, when it is outside 100 % Santé, its alternative on the same tooth in a lower basket. */
const treatment = tooth.chain((t) =>
  fc.constantFrom(...rowsFor(t % 10)).chain((row) => {
    const lower = rowsFor(t % 10).filter((r) => (row.basket === 'libre' ? r.basket !== 'libre' : r.basket === 'rac0'));
    const alt = row.basket === 'rac0' ? fc.constant(null) : fc.constantFrom(...lower).chain((r) => fc.record({ row: fc.constant(r), fee: feeIn(r), place }));
    return fc.record({ tooth: fc.constant(t), row: fc.constant(row), fee: feeIn(row), place, alt });
  }),
);
type Treatment = typeof treatment extends fc.Arbitrary<infer T> ? T : never;

function build(ts: Treatment[]): DentalActInput[] {
  const acts: DentalActInput[] = ts.map((t) => ({ code: t.row.code, tooth: t.tooth, feeCents: t.fee, manufacturePlace: t.place, role: 'proposed' }));
  ts.forEach((t, i) => {
    if (t.alt) acts.push({ code: t.alt.row.code, tooth: t.tooth, feeCents: t.alt.fee, manufacturePlace: t.alt.place, role: 'alternative', alternativeFor: i + 1 });
  });
  return acts;
}

describe('dental quote rules', () => {
  it('prices every valid quote to the cent: fee = AMO + patient per act, totals are the sums, the AMO share is the dated rate of the base', () => {
    fc.assert(
      fc.property(DATE, fc.array(treatment, { minLength: 1, maxLength: 6 }), (date, ts) => {
        const r = priceDentalQuote(date, build(ts));
        if (!r.ok) throw new Error(r.refusal.fr);
        expect(r.amoPercent).toBe(date >= '2023-10-15' ? 60 : 70);
        for (const l of r.lines) {
          expect(l.feeCents).toBe(l.amoCents + l.patientCents);
          expect(l.amoCents * 100).toBe(l.baseCents * r.amoPercent); // bases are whole euros: exact
          expect(l.baseCents).toBe(dentalActOn(l.code, date)!.baseCents);
          if (l.basket !== 'libre') expect(l.feeCents).toBeLessThanOrEqual(l.ceilingCents!);
        }
        const proposed = r.lines.filter((l) => l.role === 'proposed');
        expect(r.proposed.feeCents).toBe(ts.reduce((s, t) => s + t.fee, 0));
        expect(r.proposed.amoCents + r.proposed.patientCents).toBe(r.proposed.feeCents);
        expect(r.proposed.baseCents).toBe(proposed.reduce((s, l) => s + l.baseCents, 0));
        const expectAlt = ts.reduce((s, t) => s + (t.alt ? t.alt.fee : t.fee), 0);
        if (ts.some((t) => t.alt)) expect(r.alternative?.feeCents).toBe(expectAlt);
        else expect(r.alternative).toBeNull();
        // Either option treats each proposed tooth exactly once.
        for (const option of ['proposed', 'alternative'] as const)
          expect(acceptedLines(r.lines, option).map((l) => l.tooth).sort()).toEqual(ts.map((t) => t.tooth).sort());
        // The alternative's acts are all in a basket with no or moderate out-of-pocket.
        expect(acceptedLines(r.lines, 'alternative').every((l) => l.role === 'proposed' ? l.basket === 'rac0' : l.basket !== 'libre')).toBe(true);
      }),
    );
  });

  it('refuses a quote whose act outside 100 % Santé lacks its alternative, naming the act', () => {
    fc.assert(
      fc.property(DATE, fc.array(treatment, { minLength: 1, maxLength: 5 }), fc.nat(), (date, ts, k) => {
        const outside = ts.map((t, i) => [t, i] as const).filter(([t]) => t.alt);
        fc.pre(outside.length > 0);
        const [, drop] = outside[k % outside.length]!;
        const acts = build(ts).filter((a) => !(a.role === 'alternative' && a.alternativeFor === drop + 1));
        const r = priceDentalQuote(date, acts);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.refusal.fr).toMatch(/^Alternative obligatoire manquante : l’acte \d+/);
          expect(r.refusal.en).toMatch(/^Mandatory alternative missing/);
        }
      }),
    );
  });

  it('refuses a fee above the ceiling of the capped baskets, or below the base, and accepts any fee in the free basket', () => {
    fc.assert(
      fc.property(DATE, treatment, fc.integer({ min: 1, max: 100_000 }), (date, t, over) => {
        const capped = t.row.ceilingCents;
        const above = build([{ ...t, fee: (capped ?? t.row.baseCents) + over }]);
        const below = build([{ ...t, fee: t.row.baseCents - Math.min(over, t.row.baseCents) }]);
        const a = priceDentalQuote(date, above);
        expect(a.ok).toBe(capped === null);
        if (!a.ok) expect(a.refusal.fr).toMatch(/plafonné à/);
        const b = priceDentalQuote(date, below);
        expect(b.ok).toBe(false);
      }),
    );
  });

  it('refuses an alternative in the same or a higher basket, on another tooth, or a code on a tooth it does not fit', () => {
    const crown = (code: string, tooth: number, fee: number, extra: Partial<DentalActInput> = {}): DentalActInput => ({ code, tooth, feeCents: fee, manufacturePlace: 'france', role: 'proposed', ...extra });
    const alt = (code: string, tooth: number, fee: number) => crown(code, tooth, fee, { role: 'alternative', alternativeFor: 1 });
    const date = '2026-01-05';
    expect(priceDentalQuote(date, [crown('HBLD734', 36, 80000), alt('HBLD038', 36, 29000)]).ok).toBe(true);
    expect(priceDentalQuote(date, [crown('HBLD734', 36, 80000), alt('HBLD073', 36, 44000)]).ok).toBe(true);
    expect(priceDentalQuote(date, [crown('HBLD073', 36, 44000), alt('HBLD158', 36, 50000)]).ok).toBe(false); // maîtrisé → maîtrisé
    expect(priceDentalQuote(date, [crown('HBLD734', 36, 80000), alt('HBLD038', 37, 29000)]).ok).toBe(false); // another tooth
    expect(priceDentalQuote(date, [crown('HBLD634', 36, 50000)]).ok).toBe(false); // front-teeth code on a molar
    expect(priceDentalQuote(date, [crown('HBLD038', 49, 29000)]).ok).toBe(false); // not an FDI tooth
    expect(priceDentalQuote('2022-12-31', [crown('HBLD038', 16, 29000)]).ok).toBe(false);
    const example = priceDentalQuote(date, [crown('HBLD734', 36, 80000), alt('HBLD038', 36, 29000)]);
    // The worked example of docs/billing.md: 800 € crown, BR 120 €, AMO 60 % = 72 €, 728 € left; alternative 290 € → 218 €.
    expect(example.ok && [example.proposed, example.alternative]).toEqual([
      { feeCents: 80000, baseCents: 12000, amoCents: 7200, patientCents: 72800 },
      { feeCents: 29000, baseCents: 12000, amoCents: 7200, patientCents: 21800 },
    ]);
  });
});
