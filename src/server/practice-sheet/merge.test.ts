import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeFees, normaliseName, type FeeLine, type PractitionerRef } from './merge.js';

const martin: PractitionerRef = { displayName: 'Dr Claire Martin', specialty: 'Médecine générale', sector: '1' };
const rousseau: PractitionerRef = { displayName: 'Dr Hélène Rousseau', specialty: 'Pédiatrie', sector: 'optam' };

describe('fees and sector per practitioner', () => {
  it('attaches a fee line to the practitioner it names, whatever the accents, case or title', () => {
    const rows = mergeFees([martin, rousseau], [
      { practitioner: 'HELENE ROUSSEAU', fees: 'Consultation 35 €' },
      { practitioner: 'Docteur Martin', fees: 'Consultation 30 €' },
    ]);
    expect(rows).toEqual([
      { practitioner: 'Dr Claire Martin', specialty: 'Médecine générale', sector: '1', fees: 'Consultation 30 €' },
      { practitioner: 'Dr Hélène Rousseau', specialty: 'Pédiatrie', sector: 'optam', fees: 'Consultation 35 €' },
    ]);
  });

  it('keeps a line that names nobody and shows a practitioner without fees', () => {
    const rows = mergeFees([martin], [{ practitioner: 'Tous les médecins', fees: 'Visite à domicile 40 €' }]);
    expect(rows).toEqual([
      { practitioner: 'Dr Claire Martin', specialty: 'Médecine générale', sector: '1', fees: null },
      { practitioner: 'Tous les médecins', specialty: null, sector: null, fees: 'Visite à domicile 40 €' },
    ]);
  });

  it('normalises names', () => {
    expect(normaliseName('Dr Hélène Rousseau (pédiatre)')).toBe('helene rousseau');
  });

  it('never loses nor duplicates a fee line (property)', () => {
    const name = fc.stringMatching(/^[A-Za-zéè ]{1,20}$/);
    fc.assert(
      fc.property(
        fc.array(fc.record({ displayName: name, specialty: fc.constant('MG'), sector: fc.constantFrom('1', '2', 'optam', 'non_conventionne') as fc.Arbitrary<PractitionerRef['sector']> }), { maxLength: 6 }),
        fc.array(fc.record({ practitioner: name, fees: fc.stringMatching(/^[0-9a-z €]{1,15}$/) }), { maxLength: 6 }),
        (ps: PractitionerRef[], fees: FeeLine[]) => {
          const rows = mergeFees(ps, fees);
          // every practitioner appears once, first and in order
          expect(rows.slice(0, ps.length).map((r) => r.practitioner)).toEqual(ps.map((p) => p.displayName));
          // every fee text is shown exactly once (joined lines count as shown)
          const shown = rows.map((r) => r.fees ?? '').join('\u0000');
          for (const f of fees) expect(shown.includes(f.fees)).toBe(true);
          const separate = rows.slice(ps.length).length;
          const joined = rows.slice(0, ps.length).reduce((n, r) => n + (r.fees ? r.fees.split(' — ').length : 0), 0);
          expect(separate + joined).toBe(fees.length);
        },
      ),
    );
  });
});
