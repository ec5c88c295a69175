import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CSS_CEILINGS, DENTAL_ACTS, dentalActOn, type DentalActRow } from './catalogue.js';
import type { DentalActInput } from './contract.js';
import { acceptedLines, actCeiling, dentalReminders, priceDentalQuote } from './rules.js';

/** Property tests of the dental quote rules: totals to the cent, baskets, ceilings, the mandatory alternative. */
const DATE = fc.constantFrom('2023-06-01', '2023-10-14', '2023-10-15', '2024-02-24', '2024-02-25', '2024-06-01', '2024-12-31', '2025-01-01', '2025-03-01', '2026-12-07');
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

  // Complémentaire santé solidaire: the CSS maximum of the arrêté du 23 février 2024 where Pivot has it, else no
  // dépassement at all; in every basket. Checked against the table itself, not against the rules' helper.
  const cssMax = (code: string, date: string) => {
    const row = dentalActOn(code, date)!;
    const css = CSS_CEILINGS.find((c) => c.code === code && c.validFrom <= date && (c.validTo === null || date <= c.validTo));
    const max = css ? css.maxCents : row.baseCents;
    return row.ceilingCents === null ? max : Math.min(max, row.ceilingCents);
  };

  it('a CSS patient is never billed above the CSS maximum (or the base where Pivot has none), in any basket', () => {
    fc.assert(
      fc.property(DATE, fc.array(treatment, { minLength: 1, maxLength: 5 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 10, maxLength: 10 }), (date, ts, shares) => {
        // Fees anywhere between the base and the CSS maximum are accepted; the stored ceiling is that maximum.
        const within = ts.map((t, i) => {
          const fee = (code: string) => { const b = dentalActOn(code, date)!.baseCents; return b + Math.floor((cssMax(code, date) - b) * shares[i % 10]!); };
          return { ...t, fee: fee(t.row.code), alt: t.alt ? { ...t.alt, fee: fee(t.alt.row.code) } : null };
        });
        const r = priceDentalQuote(date, build(within), { css: true });
        if (!r.ok) throw new Error(r.refusal.fr);
        for (const l of r.lines) {
          expect(l.ceilingCents).toBe(cssMax(l.code, date));
          expect(l.feeCents).toBeLessThanOrEqual(l.ceilingCents!);
          expect(l.feeCents).toBe(l.amoCents + l.patientCents);
        }
        // One cent above the CSS maximum on any act is refused, naming the CSS; the same fee is fine without the CSS
        // where the basket allows it.
        const k = Math.floor(shares[9]! * within.length) % within.length;
        const over = within.map((t, i) => (i === k ? { ...t, fee: cssMax(t.row.code, date) + 1 } : t));
        const refused = priceDentalQuote(date, build(over), { css: true });
        expect(refused.ok).toBe(false);
        if (!refused.ok) {
          expect(refused.refusal.fr).toMatch(/complémentaire santé solidaire/);
          expect(refused.refusal.field).toBe(`acts.${k}.feeCents`);
        }
        const t = over[k]!;
        const free = t.row.ceilingCents === null || t.fee <= t.row.ceilingCents;
        expect(priceDentalQuote(date, build(over)).ok).toBe(free);
      }),
    );
  });

  it('the CSS maxima of 2024 apply on their dates only, and never above the basket ceiling', () => {
    const crown = (code: string, fee: number): DentalActInput => ({ code, tooth: 16, feeCents: fee, manufacturePlace: 'france', role: 'proposed' });
    expect(priceDentalQuote('2024-06-01', [crown('HBLD038', 26218)], { css: true }).ok).toBe(true);
    expect(priceDentalQuote('2024-06-01', [crown('HBLD038', 26219)], { css: true }).ok).toBe(false);
    expect(priceDentalQuote('2024-06-01', [crown('HBLD038', 29000)]).ok).toBe(true); // not CSS: the 100 % Santé ceiling
    // Outside the arrêté's period Pivot knows no CSS maximum: no dépassement.
    expect(priceDentalQuote('2025-03-01', [crown('HBLD038', 12001)], { css: true }).ok).toBe(false);
    expect(priceDentalQuote('2025-03-01', [crown('HBLD038', 12000)], { css: true }).ok).toBe(true);
    for (const c of CSS_CEILINGS) {
      const row = dentalActOn(c.code, c.validFrom)!;
      expect(actCeiling(row, c.validFrom, { css: true }).cents).toBe(Math.min(c.maxCents, row.ceilingCents ?? Infinity));
      expect(c.maxCents).toBeGreaterThan(row.baseCents);
    }
  });

  it('quotes orthodontics (global acts) without a tooth, at 100 % of the base, beside any prostheses, never with a tooth; a prosthesis always needs one', () => {
    const globals = DENTAL_ACTS.filter((r) => r.kind === 'global');
    expect(globals.map((r) => r.code).sort()).toEqual(['TO75', 'TO90']);
    const global = fc.constantFrom(...globals).chain((row) => fc.record({ row: fc.constant(row), fee: feeIn(row), place }));
    fc.assert(
      fc.property(DATE, fc.array(treatment, { maxLength: 3 }), fc.array(global, { minLength: 1, maxLength: 3 }), tooth, (date, ts, gs, t) => {
        const prostheses = build(ts);
        const shift = (a: DentalActInput) => (a.alternativeFor ? { ...a, alternativeFor: a.alternativeFor + gs.length } : a);
        const acts: DentalActInput[] = [...gs.map((g) => ({ code: g.row.code, tooth: null, feeCents: g.fee, manufacturePlace: g.place, role: 'proposed' as const })), ...prostheses.map(shift)];
        const r = priceDentalQuote(date, acts);
        if (!r.ok) throw new Error(r.refusal.fr);
        r.lines.slice(0, gs.length).forEach((l, i) => {
          expect(l).toMatchObject({ tooth: null, baseCents: gs[i]!.row.baseCents, amoCents: gs[i]!.row.baseCents, patientCents: gs[i]!.fee - gs[i]!.row.baseCents });
        });
        expect(r.lines.slice(gs.length).every((l) => l.tooth !== null)).toBe(true);
        const withTooth = priceDentalQuote(date, [{ ...acts[0]!, tooth: t }]);
        expect(withTooth.ok ? null : withTooth.refusal.field).toBe('acts.0.tooth');
        if (prostheses.length) {
          const toothless = priceDentalQuote(date, acts.map((a, i) => (i === gs.length ? { ...a, tooth: null } : a)));
          expect(toothless.ok ? null : toothless.refusal.field).toBe(`acts.${gs.length}.tooth`);
        }
      }),
    );
  });

  it('reminds the before-16 rule of orthodontics with the age on the quote date, and only when the quote has orthodontics', () => {
    fc.assert(
      fc.property(DATE, fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 364 }), fc.boolean(), (date, years, days, ortho) => {
        const birth = DateTime.fromISO(date).minus({ years, days }).toISODate()!;
        const reminders = dentalReminders(date, birth, [{ code: 'HBLD038' }, ...(ortho ? [{ code: 'TO90' }] : [])]);
        expect(reminders).toHaveLength(ortho ? 1 : 0);
        if (!ortho) return;
        expect(reminders[0]!.fr).toContain(`patient de ${years} an${years > 1 ? 's' : ''} `);
        expect(reminders[0]!.fr.includes('commence avant 16 ans')).toBe(years < 16);
      }),
    );
  });
});
