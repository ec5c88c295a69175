import { describe, expect, it } from 'vitest';
import { ageOn, percentOf, quote, type QuoteResult } from './quote.js';
import { TARIFFS, tariffOn } from '../tariffs.js';

// The contract's example: adult, médecin traitant, secteur 1, responsible mutuelle at 100 % BR, G on 7 Jan 2025.
const BASE = {
  id: 'ex-1',
  date: '2025-01-07',
  practitioner: { specialty: 'general_practice', sector: '1' },
  patient: { birthDate: '1975-04-18', ald: false, css: false, ame: false, maternity: false },
  care: { aldRelated: false, atmp: false },
  parcours: 'medecin_traitant',
  mutuelle: { present: true, responsible: true, coversTicketModerateur: true, coveragePercentOfBR: 100 },
  acts: [{ code: 'G' }],
  tiersPayant: 'amo',
};
type Patch = Record<string, unknown>;
const make = (patch: Patch = {}): Record<string, unknown> => ({ ...structuredClone(BASE), ...structuredClone(patch) });
const withPatient = (p: Patch, rest: Patch = {}): Record<string, unknown> => make({ patient: { ...BASE.patient, ...p }, ...rest });

function ok(r: QuoteResult): Exclude<QuoteResult, { error: string }> {
  if ('error' in r) throw new Error(`expected a quote, got error: ${r.error}`);
  return r;
}
function money(r: QuoteResult): Record<string, number> {
  const q = ok(r);
  return { total: q.totalCents, amo: q.amoCents, amc: q.amcCents, patient: q.patientCents, pf: q.participationForfaitaireCents, due: q.dueAtDeskCents };
}
function err(r: QuoteResult): string {
  if (!('error' in r)) throw new Error(`expected an error, got a quote: ${JSON.stringify(r)}`);
  return r.error;
}

describe('worked example of the domain reference (§9) and of the contract', () => {
  it('adult in the parcours, G = 30 €: AMO 19 €, mutuelle 9 €, patient 2 €, in the three tiers payant modes', () => {
    expect(money(quote(make({ tiersPayant: 'none' })))).toEqual({ total: 3000, amo: 1900, amc: 900, patient: 200, pf: 200, due: 3000 });
    expect(money(quote(make({ tiersPayant: 'amo' })))).toEqual({ total: 3000, amo: 1900, amc: 900, patient: 200, pf: 200, due: 900 });
    expect(money(quote(make({ tiersPayant: 'amo_amc' })))).toEqual({ total: 3000, amo: 1900, amc: 900, patient: 200, pf: 200, due: 0 });
  });
  it('same patient in ALD, care for the ALD: AMO 100 % less the PF, the PF stays due', () => {
    const r = quote(withPatient({ ald: true }, { care: { aldRelated: true, atmp: false } }));
    expect(money(r)).toEqual({ total: 3000, amo: 2800, amc: 0, patient: 200, pf: 200, due: 0 });
  });
  it('ALD patient, care not related to the ALD: normal 70 %', () => {
    expect(money(quote(withPatient({ ald: true })))).toMatchObject({ amo: 1900, amc: 900, patient: 200 });
  });
  it('same patient outside the parcours: majoration 40 % capped at 10.60 €, AMO 8.40 €, mutuelle 9 €, patient 12.60 €', () => {
    for (const parcours of ['outside', 'no_medecin_traitant_declared']) {
      const r = quote(make({ parcours }));
      expect(money(r)).toEqual({ total: 3000, amo: 840, amc: 900, patient: 1260, pf: 200, due: 1960 });
      expect(ok(r).detail.majorationHorsParcoursCents).toBe(1060);
    }
  });
});

describe('tariffs by date', () => {
  it('G is 26.50 € up to 21 Dec 2024 and 30 € from 22 Dec 2024', () => {
    expect(ok(quote(make({ date: '2024-12-21' }))).totalCents).toBe(2650);
    expect(ok(quote(make({ date: '2024-12-22' }))).totalCents).toBe(3000);
    expect(ok(quote(make({ date: '2024-05-15' }))).totalCents).toBe(2650);
    expect(ok(quote(make({ date: '2025-12-31' }))).totalCents).toBe(3000);
  });
  it('G at 26.50 €: AMO 18.55 − 2 €, mutuelle 7.95 €', () => {
    expect(money(quote(make({ date: '2024-06-01' })))).toEqual({ total: 2650, amo: 1655, amc: 795, patient: 200, pf: 200, due: 795 });
  });
  it('APC 56.50 € then 60 €; GS and VG follow G; TCG stays 25 €; MEG 5 €; MD 10 €', () => {
    const spec = { practitioner: { specialty: 'cardiology', sector: '1' }, acts: [{ code: 'APC' }], parcours: 'referred' };
    expect(ok(quote(make({ ...spec, date: '2024-12-21' }))).totalCents).toBe(5650);
    expect(ok(quote(make({ ...spec, date: '2024-12-22' }))).totalCents).toBe(6000);
    expect(tariffOn('GS', '2025-03-01')?.cents).toBe(3000);
    expect(tariffOn('VG', '2024-09-01')?.cents).toBe(2650);
    expect(tariffOn('TCG', '2024-09-01')?.cents).toBe(2500);
    expect(tariffOn('TCG', '2025-09-01')?.cents).toBe(2500);
    expect(tariffOn('MEG', '2025-09-01')?.cents).toBe(500);
    expect(tariffOn('MD', '2025-09-01')?.cents).toBe(1000);
  });
  it('the participation forfaitaire is 1 € before 15 May 2024 and 2 € from that day', () => {
    expect(ok(quote(make({ date: '2024-05-14' }))).participationForfaitaireCents).toBe(100);
    expect(ok(quote(make({ date: '2024-05-15' }))).participationForfaitaireCents).toBe(200);
  });
  it('every code has at most one row in force on any day, and every row names its source', () => {
    for (const row of TARIFFS) {
      expect(row.source.length).toBeGreaterThan(10);
      const overlapping = TARIFFS.filter((o) => o !== row && o.code === row.code && o.validFrom <= (row.validTo ?? '9999') && row.validFrom <= (o.validTo ?? '9999'));
      expect(overlapping).toEqual([]);
    }
  });
  it('a date before the table is refused', () => {
    expect(err(quote(make({ date: '2023-10-31' })))).toMatch(/antérieure/);
  });
});

describe('acts, specialties and combinations', () => {
  it('child under 6: G + MEG = 35 €, no participation forfaitaire', () => {
    const r = quote(withPatient({ birthDate: '2021-03-01' }, { acts: [{ code: 'G' }, { code: 'MEG' }], tiersPayant: 'amo' }));
    expect(money(r)).toEqual({ total: 3500, amo: 2450, amc: 1050, patient: 0, pf: 0, due: 1050 });
  });
  it('MEG on the day of the 6th birthday is refused; the day before it is accepted', () => {
    const acts = [{ code: 'G' }, { code: 'MEG' }];
    expect(err(quote(withPatient({ birthDate: '2019-01-07' }, { acts })))).toMatch(/moins de 6 ans/);
    expect(ok(quote(withPatient({ birthDate: '2019-01-08' }, { acts }))).totalCents).toBe(3500);
  });
  it('home visit VG + MD = 40 €', () => {
    expect(money(quote(make({ acts: [{ code: 'VG' }, { code: 'MD' }] })))).toEqual({ total: 4000, amo: 2600, amc: 1200, patient: 200, pf: 200, due: 1200 });
  });
  it('teleconsultation TCG = 25 €', () => {
    expect(money(quote(make({ acts: [{ code: 'TCG' }], tiersPayant: 'none' })))).toEqual({ total: 2500, amo: 1550, amc: 750, patient: 200, pf: 200, due: 2500 });
  });
  it('APC by a specialist on referral: 60 €, AMO 42 − 2 €, mutuelle 18 €', () => {
    const r = quote(make({ practitioner: { specialty: 'dermatology', sector: '1' }, acts: [{ code: 'APC' }], parcours: 'referred' }));
    expect(money(r)).toEqual({ total: 6000, amo: 4000, amc: 1800, patient: 200, pf: 200, due: 1800 });
  });
  it('refuses a code the specialty may not bill, in French', () => {
    expect(err(quote(make({ practitioner: { specialty: 'cardiology', sector: '1' } })))).toBe('l’acte G ne peut pas être facturé par un cardiologue');
    expect(err(quote(make({ practitioner: { specialty: 'dentistry', sector: '1' } })))).toMatch(/chirurgien-dentiste/);
    expect(err(quote(make({ practitioner: { specialty: 'paediatrics', sector: '1' }, acts: [{ code: 'TCG' }] })))).toMatch(/pédiatre/);
  });
  it('a psychiatrist’s APC (their avis is APY, not in the table) is quoted at the APC tariff with a warning', () => {
    const q = ok(quote(make({ practitioner: { specialty: 'psychiatry', sector: '1' }, acts: [{ code: 'APC' }], parcours: 'referred' })));
    expect(q.totalCents).toBe(6000);
    expect(q.detail.warnings.join(' ')).toMatch(/APY/);
  });
  it('refuses unknown codes, two main acts, a repeated code, MD without a visit, MEG on an APC', () => {
    expect(err(quote(make({ acts: [{ code: 'NOPE' }] })))).toMatch(/acte inconnu.*NOPE/);
    expect(err(quote(make({ acts: [{ code: 'G' }, { code: 'TCG' }] })))).toMatch(/exactement un acte principal/);
    expect(err(quote(make({ acts: [{ code: 'MEG' }] })))).toMatch(/exactement un acte principal/);
    expect(err(quote(make({ acts: [{ code: 'G' }, { code: 'MD' }] })))).toMatch(/MD/);
    expect(err(quote(make({ acts: [{ code: 'VG' }, { code: 'MD' }, { code: 'MD' }] })))).toMatch(/deux fois/);
  });
  it('an APC without the médecin traitant’s request is quoted as coded, with a warning, and the parcours rules apply', () => {
    const spec = { practitioner: { specialty: 'cardiology', sector: '1' }, acts: [{ code: 'APC' }] };
    const outside = ok(quote(make({ ...spec, parcours: 'outside' })));
    expect(outside.detail.warnings.join(' ')).toMatch(/APC suppose une demande/);
    expect(outside.detail.majorationHorsParcoursCents).toBe(1060);
    expect(ok(quote(make({ ...spec, parcours: 'referred' }))).detail.warnings).toEqual([]);
  });
});

describe('sectors and dépassements', () => {
  it('secteur 1: the fee must equal the tariff', () => {
    expect(err(quote(make({ acts: [{ code: 'G', feeCents: 3500 }] })))).toMatch(/secteur 1/);
    expect(ok(quote(make({ acts: [{ code: 'G', feeCents: 3000 }] }))).totalCents).toBe(3000);
  });
  it('never below the tariff', () => {
    expect(err(quote(make({ practitioner: { specialty: 'general_practice', sector: '2_optam' }, acts: [{ code: 'G', feeCents: 2000 }] })))).toMatch(/inférieur au tarif/);
  });
  it('OPTAM GP at 50 €, mutuelle 150 % BR: AMO on the tariff only, mutuelle up to 45 € − 21 €', () => {
    const r = quote(make({ practitioner: { specialty: 'general_practice', sector: '2_optam' }, acts: [{ code: 'G', feeCents: 5000 }], mutuelle: { ...BASE.mutuelle, coveragePercentOfBR: 150 } }));
    expect(money(r)).toEqual({ total: 5000, amo: 1900, amc: 2400, patient: 700, pf: 200, due: 2900 });
  });
  it('mutuelle at 100 % BR leaves the whole dépassement to the patient', () => {
    const r = quote(make({ practitioner: { specialty: 'general_practice', sector: '2_optam' }, acts: [{ code: 'G', feeCents: 4000 }], tiersPayant: 'amo_amc' }));
    expect(money(r)).toEqual({ total: 4000, amo: 1900, amc: 900, patient: 1200, pf: 200, due: 1000 });
  });
  it('secteur 2 without OPTAM: G only at the tarif opposable; with a dépassement the GP codes C at 23 €', () => {
    const s2 = { practitioner: { specialty: 'general_practice', sector: '2' } };
    expect(err(quote(make({ ...s2, acts: [{ code: 'G', feeCents: 5000 }] })))).toMatch(/coter C/);
    expect(ok(quote(make({ ...s2, acts: [{ code: 'G' }] }))).totalCents).toBe(3000);
    const r = quote(make({ ...s2, acts: [{ code: 'C', feeCents: 5000 }], mutuelle: { ...BASE.mutuelle, coveragePercentOfBR: 200 } }));
    expect(money(r)).toEqual({ total: 5000, amo: 1410, amc: 2990, patient: 600, pf: 200, due: 3390 });
    expect(err(quote(make({ acts: [{ code: 'C' }] })))).toMatch(/secteur 2/);
  });
  it('a contrat responsable covers at most 200 % BR for a doctor outside OPTAM (R871-2); OPTAM and non-responsible are not capped', () => {
    const apc = (sector: string, responsible: boolean): QuoteResult =>
      quote(make({ practitioner: { specialty: 'ophthalmology', sector }, acts: [{ code: 'APC', feeCents: 15000 }], parcours: 'referred', mutuelle: { present: true, responsible, coversTicketModerateur: true, coveragePercentOfBR: 300 } }));
    expect(money(apc('2', true))).toMatchObject({ amc: 12000 - 4200 });
    expect(money(apc('2_optam', true))).toMatchObject({ amc: 15000 - 4200 });
    expect(money(apc('2', false))).toMatchObject({ amc: 15000 - 4200 });
  });
  it('no dépassement for CSS and AME beneficiaries', () => {
    const dep = { practitioner: { specialty: 'general_practice', sector: '2_optam' }, acts: [{ code: 'G', feeCents: 4000 }] };
    expect(err(quote(withPatient({ css: true }, dep)))).toMatch(/CSS/);
    expect(err(quote(withPatient({ ame: true }, dep)))).toMatch(/AME/);
  });
  it('an AT/MP victim may be charged a dépassement (L432-3), paid by nobody but the patient beyond the guarantee', () => {
    const r = quote(make({ practitioner: { specialty: 'general_practice', sector: '2_optam' }, acts: [{ code: 'G', feeCents: 4000 }], care: { aldRelated: false, atmp: true } }));
    expect(money(r)).toEqual({ total: 4000, amo: 2800, amc: 0, patient: 1200, pf: 200, due: 1000 });
  });
});

describe('exemptions and shares', () => {
  it('maternity: 100 %, no participation forfaitaire, no majoration hors parcours', () => {
    expect(money(quote(withPatient({ maternity: true }, { tiersPayant: 'amo_amc' })))).toEqual({ total: 3000, amo: 3000, amc: 0, patient: 0, pf: 0, due: 0 });
    expect(money(quote(withPatient({ maternity: true }, { parcours: 'outside' })))).toMatchObject({ amo: 3000, patient: 0 });
  });
  it('AT/MP: 100 % on the tariff, the participation forfaitaire is due (L432-1)', () => {
    expect(money(quote(make({ care: { aldRelated: false, atmp: true } })))).toEqual({ total: 3000, amo: 2800, amc: 0, patient: 200, pf: 200, due: 0 });
  });
  it('CSS: the CSS pays the ticket modérateur, no PF, the mutuelle object is ignored (even missing or odd)', () => {
    const r = quote(withPatient({ css: true }, { tiersPayant: 'amo_amc', mutuelle: { present: 'yes' } }));
    expect(money(r)).toEqual({ total: 3000, amo: 2100, amc: 900, patient: 0, pf: 0, due: 0 });
    const noMutuelle = withPatient({ css: true });
    delete noMutuelle.mutuelle;
    expect(money(quote(noMutuelle))).toMatchObject({ amc: 900, patient: 0 });
  });
  it('CSS outside the parcours: the majoration is applied and covered by the CSS', () => {
    expect(money(quote(withPatient({ css: true }, { parcours: 'outside', tiersPayant: 'amo_amc' })))).toEqual({ total: 3000, amo: 1040, amc: 1960, patient: 0, pf: 0, due: 0 });
  });
  it('AME: the caisse pays everything on the tariff, no PF, no complementary share', () => {
    expect(money(quote(withPatient({ ame: true }, { tiersPayant: 'amo_amc', parcours: 'no_medecin_traitant_declared' })))).toEqual({ total: 3000, amo: 3000, amc: 0, patient: 0, pf: 0, due: 0 });
  });
  it('minors: no PF under 18; no majoration under 16; majoration but no PF at 16 and 17', () => {
    expect(money(quote(withPatient({ birthDate: '2010-01-08' }, { parcours: 'outside' })))).toMatchObject({ amo: 2100, pf: 0, patient: 0 });
    expect(money(quote(withPatient({ birthDate: '2009-01-07' }, { parcours: 'outside' })))).toMatchObject({ amo: 1040, pf: 0, patient: 1060 });
    expect(money(quote(withPatient({ birthDate: '2007-01-08' })))).toMatchObject({ pf: 0 });
    expect(money(quote(withPatient({ birthDate: '2007-01-07' })))).toMatchObject({ pf: 200 });
  });
  it('ALD patient outside the parcours bears the majoration; the mutuelle pays nothing on a 100 % base', () => {
    const r = quote(withPatient({ ald: true }, { care: { aldRelated: true, atmp: false }, parcours: 'outside' }));
    expect(money(r)).toEqual({ total: 3000, amo: 3000 - 1060 - 200, amc: 0, patient: 1260, pf: 200, due: 1060 });
  });
  it('exception and direct access carry no majoration; direct access only for gynaecology, ophthalmology, psychiatry 16–25', () => {
    expect(money(quote(make({ parcours: 'exception' })))).toMatchObject({ amo: 1900 });
    const gyn = { practitioner: { specialty: 'gynaecology', sector: '1' }, acts: [{ code: 'APC' }] };
    expect(ok(quote(make({ ...gyn, parcours: 'direct_access' }))).detail.majorationHorsParcoursCents).toBe(0);
    expect(err(quote(make({ parcours: 'direct_access' })))).toMatch(/accès direct/);
    // A psychiatrist seen directly: no majoration from 16 to 25, hors parcours from 26 on (with a warning).
    const psy = { practitioner: { specialty: 'psychiatry', sector: '1' }, acts: [{ code: 'APC' }], parcours: 'direct_access' };
    expect(ok(quote(make({ ...psy, patient: { ...BASE.patient, birthDate: '2000-01-08' } }))).detail.majorationHorsParcoursCents).toBe(0);
    const older = ok(quote(make({ ...psy, patient: { ...BASE.patient, birthDate: '1999-01-07' } })));
    expect(older.detail.majorationHorsParcoursCents).toBe(1060);
    expect(older.detail.warnings.join(' ')).toMatch(/16-25 ans/);
  });
  it('no mutuelle, or a contract that does not cover the ticket modérateur: AMC 0', () => {
    expect(money(quote(make({ mutuelle: { present: false } })))).toMatchObject({ amc: 0, patient: 1100, due: 900 });
    expect(money(quote(make({ mutuelle: { present: true, responsible: false, coversTicketModerateur: false, coveragePercentOfBR: 50 } })))).toMatchObject({ amc: 0, patient: 1100 });
    expect(money(quote(make({ mutuelle: { present: false }, tiersPayant: 'amo_amc' })))).toMatchObject({ due: 900 });
  });
  it('a guarantee that lands on a half cent is rounded half up', () => {
    const r = quote(make({ practitioner: { specialty: 'general_practice', sector: '2_optam' }, date: '2024-06-01', acts: [{ code: 'G', feeCents: 5000 }], mutuelle: { ...BASE.mutuelle, coveragePercentOfBR: 133 } }));
    expect(ok(r).amcCents).toBe(3525 - 1855); // 133 % of 26.50 € = 35.245 € → 35.25 €
  });
});

describe('validation errors (French, with the id when there is one)', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['CSS and AME together', withPatient({ css: true, ame: true }), /CSS et de l’AME/],
    ['AT/MP with maternity', withPatient({ maternity: true }, { care: { aldRelated: false, atmp: true } }), /AT\/MP/],
    ['AT/MP with ALD care', make({ care: { aldRelated: true, atmp: true } }), /AT\/MP/],
    ['unknown specialty', make({ practitioner: { specialty: 'surgery', sector: '1' } }), /spécialité inconnue/],
    ['unknown sector', make({ practitioner: { specialty: 'general_practice', sector: '3' } }), /secteur inconnu/],
    ['unknown parcours', make({ parcours: 'nope' }), /parcours inconnu/],
    ['unknown tiers payant', make({ tiersPayant: 'all' }), /tiersPayant inconnu/],
    ['impossible date', make({ date: '2025-02-29' }), /date invalide/],
    ['birth after care', withPatient({ birthDate: '2025-02-01' }), /naissance postérieure/],
    ['no acts', make({ acts: [] }), /au moins un acte/],
    ['fee not an integer', make({ acts: [{ code: 'G', feeCents: 30.5 }] }), /entier/],
    ['responsible without TM', make({ mutuelle: { present: true, responsible: true, coversTicketModerateur: false } }), /contrat responsable/],
    ['guarantee below 100 %', make({ mutuelle: { ...BASE.mutuelle, coveragePercentOfBR: 80 } }), /coveragePercentOfBR/],
    ['mutuelle fields missing', make({ mutuelle: { present: true } }), /mutuelle\.responsible/],
    ['ald not boolean', withPatient({ ald: 'no' }), /patient\.ald/],
  ];
  for (const [name, input, message] of cases) {
    it(name, () => {
      const r = quote(input);
      expect(err(r)).toMatch(message);
      expect(r.id).toBe('ex-1');
    });
  }
  it('missing fields are named; a non-string id gives null', () => {
    expect(quote({ id: 'c3', date: '2025-01-07', acts: [{ code: 'NOPE' }] })).toEqual({ id: 'c3', error: 'champ obligatoire manquant : practitioner' });
    expect(quote({ ...make(), id: 7 }).id).toBeNull();
    expect(err(quote([1, 2]))).toMatch(/objet JSON/);
    expect(err(quote(null))).toMatch(/objet JSON/);
  });
});

describe('helpers', () => {
  it('ageOn counts full years, the birthday included', () => {
    expect(ageOn('2007-01-07', '2025-01-07')).toBe(18);
    expect(ageOn('2007-01-08', '2025-01-07')).toBe(17);
    expect(ageOn('2020-02-29', '2024-02-28')).toBe(3);
    expect(ageOn('2020-02-29', '2024-02-29')).toBe(4);
  });
  it('percentOf rounds half up on integers', () => {
    expect(percentOf(2650, 70)).toBe(1855);
    expect(percentOf(2650, 133)).toBe(3525);
    expect(percentOf(1, 50)).toBe(1);
    expect(percentOf(3000, 40)).toBe(1200);
  });
});
