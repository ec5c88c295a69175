import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quote } from './quote.js';
import { compulsoryTiersPayant, proposeDraft, writtenInformation, type DraftContext } from './suggest.js';

const base: DraftContext = {
  specialty: 'general_practice',
  practisesDepassements: false,
  motif: { name: 'Consultation', teleconsultation: false },
  age: 40,
  coverage: { ald: false, css: false, ame: false, maternity: false },
  care: { aldRelated: false, atmp: false },
  gp: 'this_practitioner',
};
const kinds = (p: ReturnType<typeof proposeDraft>) => p.suggestions.map((s) => s.kind);

describe('the desk proposal', () => {
  it('an adult seen by their médecin traitant: G, in the parcours, no tiers payant, nothing to remind', () => {
    const p = proposeDraft(base);
    expect(p).toEqual({ acts: [{ code: 'G' }], parcours: 'medecin_traitant', tiersPayant: 'none', suggestions: [] });
  });

  it('a child under 6: MEG, with its reason; a 6-year-old: none', () => {
    const p = proposeDraft({ ...base, age: 3 });
    expect(p.acts.map((a) => a.code)).toEqual(['G', 'MEG']);
    expect(p.suggestions[0]!.fr).toContain('moins de 6 ans');
    expect(proposeDraft({ ...base, age: 6 }).acts.map((a) => a.code)).toEqual(['G']);
    expect(kinds(proposeDraft({ ...base, age: 2 }, { acts: [{ code: 'G' }] }))).toContain('meg_under_6');
  });

  it('the motif chooses TCG or VG + MD', () => {
    expect(proposeDraft({ ...base, motif: { name: 'Téléconsultation', teleconsultation: false } }).acts.map((a) => a.code)).toEqual(['TCG']);
    expect(proposeDraft({ ...base, motif: { name: 'Visite à domicile', teleconsultation: false } }).acts.map((a) => a.code)).toEqual(['VG', 'MD']);
  });

  it('CSS and AME: full tiers payant whatever the desk chose, and no dépassement', () => {
    const p = proposeDraft({ ...base, practisesDepassements: true, coverage: { ...base.coverage, css: true } }, { tiersPayant: 'none' });
    expect(p.tiersPayant).toBe('amo_amc');
    expect(kinds(p)).toEqual(expect.arrayContaining(['tiers_payant_compulsory', 'no_depassement_css_ame']));
  });

  it('another médecin traitant: outside the parcours, said', () => {
    const p = proposeDraft({ ...base, gp: 'other' });
    expect(p.parcours).toBe('outside');
    expect(kinds(p)).toContain('parcours_outside');
    expect(proposeDraft({ ...base, gp: 'none' }).parcours).toBe('no_medecin_traitant_declared');
  });

  it('written information from 70 € exactly', () => {
    expect(writtenInformation(6999)).toBeNull();
    expect(writtenInformation(7000)?.fr).toContain('70,00 €');
  });

  const ctxArb: fc.Arbitrary<DraftContext> = fc.record({
    specialty: fc.constant('general_practice' as const),
    practisesDepassements: fc.boolean(),
    motif: fc.option(fc.record({ name: fc.constantFrom('Consultation', 'Téléconsultation', 'Visite à domicile', 'Renouvellement'), teleconsultation: fc.boolean() }), { nil: null }),
    age: fc.integer({ min: 0, max: 100 }),
    coverage: fc.record({ ald: fc.boolean(), css: fc.boolean(), ame: fc.boolean(), maternity: fc.boolean() }).map((c) => ({ ...c, ame: c.ame && !c.css })),
    care: fc.record({ aldRelated: fc.boolean(), atmp: fc.boolean() }),
    gp: fc.constantFrom('this_practitioner' as const, 'other' as const, 'none' as const),
  });

  it('property: the proposal is never below the compulsory tiers payant, and the engine accepts it as it is', () => {
    fc.assert(
      fc.property(ctxArb, fc.constantFrom('none' as const, 'amo' as const, 'amo_amc' as const), (c, chosen) => {
        const aldRelated = c.care.aldRelated && c.coverage.ald;
        // The engine refuses AT/MP combined with maternity, ALD-related care, CSS or AME (incoherent cases).
        const care = { aldRelated, atmp: c.care.atmp && !aldRelated && !c.coverage.maternity && !c.coverage.css && !c.coverage.ame };
        const ctx = { ...c, care };
        const p = proposeDraft(ctx, { tiersPayant: chosen });
        const needed = compulsoryTiersPayant(ctx);
        const rank = { none: 0, amo: 1, amo_amc: 2 };
        expect(rank[p.tiersPayant]).toBeGreaterThanOrEqual(needed ? rank[needed.mode] : rank[chosen]);
        if (ctx.age < 6) expect(p.acts.some((a) => a.code === 'MEG')).toBe(true);
        const birth = `${2025 - ctx.age}-01-01`;
        const q = quote({
          id: 'x', date: '2025-06-02', practitioner: { specialty: 'general_practice', sector: '1' },
          patient: { birthDate: birth, ...ctx.coverage }, care, parcours: p.parcours,
          mutuelle: { present: false }, acts: p.acts, tiersPayant: p.tiersPayant,
        });
        expect('error' in q ? q.error : null).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});
