/**
 * The contract's invariants over random valid cases (fast-check): every quote adds up, the participation
 * forfaitaire is inside the patient's cost, the desk collects what the tiers payant table says, money stays in
 * [0, total]; and an error, when there is one, is a French sentence with the case's id, never an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARCOURS, SECTORS, SPECIALTIES, TIERS_PAYANT } from '../contract.js';
import { quote } from './quote.js';
import { tariffOn } from '../tariffs.js';

const day = (from: number, to: number): fc.Arbitrary<string> =>
  fc.integer({ min: from, max: to }).map((t) => new Date(t * 86_400_000).toISOString().slice(0, 10));
const DAY_2024_05_15 = Date.UTC(2024, 4, 15) / 86_400_000;
const DAY_2025_12_31 = Date.UTC(2025, 11, 31) / 86_400_000;
const DAY_1930 = Date.UTC(1930, 0, 1) / 86_400_000;

/** Acts a general practitioner may combine, and the others' one act. */
const gpActs: fc.Arbitrary<string[]> = fc.constantFrom<string[]>(['G'], ['GS'], ['TCG'], ['VG'], ['VG', 'MD'], ['G', 'MEG'], ['TCG', 'MEG'], ['VG', 'MEG', 'MD'], ['C'], ['V', 'MD'], ['APC']);

const caseArb = fc
  .record({
    date: day(DAY_2024_05_15, DAY_2025_12_31),
    birth: day(DAY_1930, DAY_2025_12_31),
    specialty: fc.constantFrom(...SPECIALTIES.filter((s) => s !== 'dentistry' && s !== 'psychiatry')),
    sector: fc.constantFrom(...SECTORS),
    codes: gpActs,
    overrun: fc.array(fc.nat({ max: 20_000 }), { minLength: 3, maxLength: 3 }),
    chargeOverrun: fc.boolean(),
    flags: fc.record({ ald: fc.boolean(), aldRelated: fc.boolean(), atmp: fc.boolean(), maternity: fc.boolean(), aid: fc.constantFrom('none', 'css', 'ame') }),
    parcours: fc.constantFrom(...PARCOURS.filter((p) => p !== 'direct_access')),
    mutuelle: fc.oneof(
      fc.constant({ present: false }),
      fc.record({ present: fc.constant(true), responsible: fc.boolean(), coveragePercentOfBR: fc.integer({ min: 100, max: 400 }) }).map((m) => ({ ...m, coversTicketModerateur: true })),
      fc.constant({ present: true, responsible: false, coversTicketModerateur: false }),
    ),
    tiersPayant: fc.constantFrom(...TIERS_PAYANT),
  })
  .map((r) => {
    const specialty = r.codes[0] === 'APC' ? r.specialty : 'general_practice';
    // Keep the case valid: birth before care, MEG only for a child, no dépassement where it is forbidden.
    const birthDate = r.birth <= r.date ? r.birth : r.date;
    const child = Number(r.date.slice(0, 4)) - Number(birthDate.slice(0, 4)) < 6 && r.codes.includes('MEG');
    const codes = r.codes.includes('MEG') && !child ? r.codes.filter((c) => c !== 'MEG') : r.codes;
    const sector = codes[0] === 'C' || codes[0] === 'V' ? '2' : r.sector;
    const atmp = r.flags.atmp && r.flags.aid === 'none' && !r.flags.maternity && !r.flags.aldRelated;
    const noOverrun = sector === '1' || r.flags.aid !== 'none' || !r.chargeOverrun;
    const acts = codes.map((code, i) => {
      const opposableOnly = sector === '2' && ['G', 'GS', 'VG', 'TCG', 'MEG'].includes(code);
      return noOverrun || opposableOnly ? { code } : { code, feeCents: 10_000 + (r.overrun[i] ?? 0) }; // ≥ any tariff
    });
    return {
      id: `p-${r.date}`,
      date: r.date,
      practitioner: { specialty, sector },
      patient: { birthDate, ald: r.flags.ald, css: r.flags.aid === 'css', ame: r.flags.aid === 'ame', maternity: r.flags.maternity },
      care: { aldRelated: r.flags.aldRelated, atmp },
      parcours: codes[0] === 'APC' ? 'referred' : r.parcours,
      mutuelle: r.mutuelle,
      acts,
      tiersPayant: r.tiersPayant,
    };
  });

describe('billing quote invariants (fast-check)', () => {
  it('every generated case is quoted, and its quote satisfies the contract’s invariants', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = quote(c);
        if ('error' in r) throw new Error(`${r.error} — ${JSON.stringify(c)}`);
        const { totalCents: total, amoCents: amo, amcCents: amc, patientCents: patient, participationForfaitaireCents: pf, dueAtDeskCents: due } = r;
        for (const v of [total, amo, amc, patient, pf, due]) expect(Number.isInteger(v)).toBe(true);
        expect(total).toBe(amo + amc + patient);
        expect(pf).toBeGreaterThanOrEqual(0);
        expect(pf).toBeLessThanOrEqual(patient);
        expect(amo).toBeGreaterThanOrEqual(0);
        expect(amc).toBeGreaterThanOrEqual(0);
        const gross = amo + pf;
        const expectedDue = c.tiersPayant === 'none' ? total : c.tiersPayant === 'amo' ? total - gross : total - gross - amc;
        expect(due).toBe(expectedDue);
        expect(due).toBeGreaterThanOrEqual(0);
        expect(due).toBeLessThanOrEqual(total);
        // The AMO works on the base only, and the complementary share never pays the PF nor what the patient owes beyond the total.
        expect(gross).toBeLessThanOrEqual(r.detail.baseCents);
        expect(total).toBe(c.acts.reduce((a, act) => a + (act.feeCents ?? (tariffOn(act.code, c.date)?.cents as number)), 0));
        expect(r.detail.baseCents).toBe(c.acts.reduce((a, act) => a + (tariffOn(act.code, c.date)?.cents as number), 0));
        if (c.patient.css || c.patient.ame) expect(patient).toBe(0);
        if (!c.mutuelle.present && !c.patient.css) expect(amc).toBe(0);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('any JSON value is answered (quote or French error with the id), never thrown', () => {
    const valid = fc.sample(caseArb, 1)[0] as Record<string, unknown>;
    const mutate = fc.record({ key: fc.constantFrom(...Object.keys(valid)), value: fc.jsonValue() }).map(({ key, value }) => ({ ...valid, [key]: value }));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), mutate), (input) => {
        const r = quote(input);
        if ('error' in r) {
          expect(typeof r.error).toBe('string');
          expect(r.error.length).toBeGreaterThan(3);
          const id = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as { id?: unknown }).id : undefined;
          expect(r.id).toBe(typeof id === 'string' ? id : null);
        } else {
          expect(r.totalCents).toBe(r.amoCents + r.amcCents + r.patientCents);
        }
      }),
      { numRuns: 2000 },
    );
  }, 60_000);
});
