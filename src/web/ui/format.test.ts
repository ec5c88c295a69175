import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bornWord, clockTime, formatDate, formatDateTime, formatDuration, formatIdentity, formatMoney, formatNir, formatNumber, formatPhone, formatTime, NBSP, NNBSP } from './format';
import { frenchTypography } from './typography';

// Spaces made visible: « _ » for U+00A0, « ~ » for U+202F.
const show = (s: string) => s.replace(/\u00a0/g, '_').replace(/\u202f/g, '~');
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

describe('identity', () => {
  it('birth name in capitals, then the used name when it differs, then the first name', () => {
    expect(formatIdentity({ birthName: 'Martinez', usedName: null, firstName: 'Lucie' }, 'fr')).toBe('MARTINEZ Lucie');
    expect(show(formatIdentity({ birthName: 'Dupont', usedName: 'Martin', firstName: 'Anne' }, 'fr'))).toBe('DUPONT (nom utilisé_: MARTIN) Anne');
    expect(formatIdentity({ birthName: 'Dupont', usedName: 'Martin', firstName: 'Anne' }, 'en')).toBe('DUPONT (used name: MARTIN) Anne');
    expect(formatIdentity({ birthName: 'Dupont', usedName: 'dupont', firstName: 'Anne' }, 'fr')).toBe('DUPONT Anne');
    expect(formatIdentity({ birthName: 'Le Goff', usedName: ' ', firstName: 'Inès' }, 'fr')).toBe('LE GOFF Inès');
    expect(show(formatIdentity({ birthName: 'Durand', firstName: 'Jean-Pierre', usedFirstName: 'JP' }, 'fr'))).toBe('DURAND Jean-Pierre (prénom utilisé_: JP)');
  });

  it('always starts with the birth name in capitals and contains the first name', () => {
    const name = fc.stringMatching(/^[A-Za-zÀ-ÿ' -]{1,20}$/).filter((s) => s.trim().length > 0);
    fc.assert(fc.property(name, fc.option(name), name, (birthName, usedName, firstName) => {
      const text = formatIdentity({ birthName, usedName, firstName }, 'fr');
      expect(text.startsWith(birthName.trim().toLocaleUpperCase('fr-FR'))).toBe(true);
      expect(text).toContain(firstName.trim());
    }));
  });

  it('Né / Née by sex, Né(e) only when the sex is unknown', () => {
    expect(bornWord('M', 'fr')).toBe('Né');
    expect(bornWord('F', 'fr')).toBe('Née');
    expect(bornWord(null, 'fr')).toBe('Né(e)');
    expect(bornWord('F', 'en')).toBe('Born');
  });
});

describe('dates', () => {
  it('long, compact and with the weekday; a calendar date is never shifted by a time zone', () => {
    expect(show(formatDate('2026-12-06', { lang: 'fr' }))).toBe('6_décembre 2026');
    expect(show(formatDate('2026-03-01', { lang: 'fr' }))).toBe('1er_mars 2026');
    expect(formatDate('2026-12-06', { style: 'compact', lang: 'fr' })).toBe('06/12/2026');
    expect(show(formatDate('2026-12-06', { style: 'weekday', lang: 'fr' }))).toBe('dimanche 6_décembre 2026');
    expect(show(formatDate('2026-12-06', { style: 'weekday', lang: 'en' }))).toBe('Sunday 6_December 2026');
    expect(formatDate('2026-12-06', { style: 'compact', lang: 'en' })).toBe('06/12/2026');
    expect(formatDate(null)).toBe('');
  });

  it('an instant is read in the practice zone (Paris): 23:30 UTC on 5 December is 6 December', () => {
    expect(formatDate('2026-12-05T23:30:00Z', { style: 'compact', lang: 'fr' })).toBe('06/12/2026');
    expect(show(formatDateTime('2026-12-05T23:30:00Z', { style: 'compact', lang: 'fr' }))).toBe('06/12/2026 à 0_h_30');
    expect(formatDateTime('2026-07-14T08:05:00Z', { style: 'compact', lang: 'en' })).toBe('14/07/2026 at 10:05');
  });

  it('no date of any style shows the ISO pattern', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), fc.constantFrom('long', 'compact', 'weekday') as fc.Arbitrary<'long'>, fc.constantFrom('fr', 'en') as fc.Arbitrary<'fr'>, (d, style, lang) => {
      expect(formatDate(d.toISOString(), { style, lang })).not.toMatch(ISO_DATE);
      expect(formatDate(d.toISOString().slice(0, 10), { style, lang })).not.toMatch(ISO_DATE);
      expect(formatDateTime(d, { style, lang })).not.toMatch(ISO_DATE);
    }));
  });
});

describe('times', () => {
  it('« 9 h 30 » in French (no leading zero, no-break spaces), « 09:30 » in English', () => {
    expect(show(formatTime('2026-12-06T08:30:00Z', { lang: 'fr' }))).toBe('9_h_30');
    expect(show(formatTime('2026-12-06T13:00:00Z', { lang: 'fr' }))).toBe('14_h_00');
    expect(formatTime('2026-12-06T08:30:00Z', { lang: 'en' })).toBe('09:30');
    expect(show(clockTime(0, 'fr'))).toBe('0_h_00');
  });

  it('every minute of the day reads back to itself', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 24 * 60 - 1 }), (minutes) => {
      const m = /^(\d{1,2})\u00a0h\u00a0(\d{2})$/.exec(clockTime(minutes, 'fr'));
      expect(m).not.toBeNull();
      expect(Number(m![1]) * 60 + Number(m![2])).toBe(minutes);
    }));
  });
});

describe('phone numbers', () => {
  it('French numbers in pairs, E.164 French with +33, others as given', () => {
    expect(formatPhone('0612345678')).toBe('06 12 34 56 78');
    expect(formatPhone('06.12.34.56.78')).toBe('06 12 34 56 78');
    expect(formatPhone('+33612345678')).toBe('+33 6 12 34 56 78');
    expect(formatPhone('0033 6 12 34 56 78')).toBe('+33 6 12 34 56 78');
    expect(formatPhone('+44 20 7946 0958')).toBe('+44 20 7946 0958');
    expect(formatPhone('15')).toBe('15');
    expect(formatPhone(null)).toBe('');
  });

  it('keeps every digit, in order (French and international)', () => {
    const digits = (s: string) => s.replace(/\D/g, '');
    fc.assert(fc.property(fc.stringMatching(/^0[1-9]\d{8}$/), (n) => {
      expect(digits(formatPhone(n))).toBe(n);
      expect(formatPhone(n)).toMatch(/^\d{2}( \d{2}){4}$/);
    }));
    fc.assert(fc.property(fc.stringMatching(/^[1-9]\d{8}$/), (n) => {
      expect(digits(formatPhone(`+33${n}`))).toBe(`33${n}`);
      expect(formatPhone(`+33${n}`)).toMatch(/^\+33 \d( \d{2}){4}$/);
    }));
    fc.assert(fc.property(fc.stringMatching(/^\+?[\d ]{1,20}$/), (n) => {
      const formatted = formatPhone(n);
      // A French number written with +33 gains nothing; any other keeps exactly its digits.
      expect(digits(formatted)).toBe(digits(n).replace(/^0033/, '33'));
    }));
  });
});

describe('money, numbers, durations', () => {
  it('« 30,00 € » with a no-break space, thousands with a thin no-break space', () => {
    expect(show(formatMoney(3000, 'fr'))).toBe('30,00_€');
    expect(show(formatMoney(123450, 'fr'))).toBe('1~234,50_€');
    expect(show(formatMoney(-550, 'fr'))).toBe('−5,50_€');
    expect(formatMoney(123450, 'en')).toBe('€1,234.50');
  });

  it('French amounts never show a dot nor an ordinary space, and read back to the cents', () => {
    fc.assert(fc.property(fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }), (cents) => {
      const text = formatMoney(cents, 'fr');
      expect(text).not.toContain('.');
      expect(text).not.toContain(' ');
      expect(text.endsWith(`${NBSP}€`)).toBe(true);
      const back = Number(text.replace(/[^\d,−]/g, '').replace(',', '.').replace('−', '-'));
      expect(Math.round(back * 100)).toBe(cents === 0 ? 0 : cents);
    }));
  });

  it('numbers and percentages', () => {
    expect(show(formatNumber(12.5, { percent: true, lang: 'fr' }))).toBe('12,5_%');
    expect(formatNumber(12.5, { percent: true, lang: 'en' })).toBe('12.5%');
    expect(show(formatNumber(12345, { lang: 'fr' }))).toBe('12~345');
  });

  it('durations', () => {
    expect(show(formatDuration(15, 'fr'))).toBe('15_min');
    expect(show(formatDuration(90, 'fr'))).toBe('1_h_30');
    expect(show(formatDuration(120, 'fr'))).toBe('2_h');
    expect(show(formatDuration(95, 'en'))).toBe('1_h 35_min');
  });
});

describe('formatNir', () => {
  it('groups a NIR as on the carte Vitale, Corsica included; anything else as given', () => {
    expect(show(formatNir('254126912334386'))).toBe('2_54_12_69_123_343_86');
    expect(show(formatNir('1 85 05 2a 123 456 12'))).toBe('1_85_05_2A_123_456_12');
    expect(formatNir('12345')).toBe('12345');
    expect(formatNir(null)).toBe('');
  });
});

describe('French typography', () => {
  it('no-break spaces before « : ; ? ! » and inside « guillemets », whatever the source had', () => {
    expect(show(frenchTypography('1 bénéficiaire:'))).toBe('1 bénéficiaire_:');
    expect(show(frenchTypography('Rappel : demain'))).toBe('Rappel_: demain');
    expect(show(frenchTypography('Confirmez-vous ?'))).toBe('Confirmez-vous~?');
    expect(show(frenchTypography('Attention!'))).toBe('Attention~!');
    expect(show(frenchTypography('un; deux'))).toBe('un~; deux');
    expect(show(frenchTypography('le bouton «Arrivé»'))).toBe('le bouton «_Arrivé_»');
    expect(show(frenchTypography('{{count}} patients :'))).toBe('{{count}} patients_:');
    expect(show(frenchTypography('Étape 2 : fin'))).toBe('Étape 2_: fin');
    expect(show(frenchTypography('hors 100 % Santé, 30 %.'))).toBe('hors 100_% Santé, 30_%.');
    expect(show(frenchTypography('moins de 76 € (2)'))).toBe('moins de 76_€ (2)');
    expect(show(frenchTypography('https://x.fr/a%20b 5%20'))).toBe('https://x.fr/a%20b 5%20');
  });

  it('leaves times, URLs and query strings alone', () => {
    for (const text of ['à 10:30', 'https://pivot.example/rdv', 'voir ?page=2', 'a:b', '!important']) {
      expect(frenchTypography(text)).toBe(text);
    }
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', ' ', ':', '?', '!', ';', '«', '»', '\u00a0', '1', '/') }), (s) => {
      const once = frenchTypography(s);
      expect(frenchTypography(once)).toBe(once);
    }));
  });

  it('constants are the expected characters', () => {
    expect(NBSP.codePointAt(0)).toBe(0xa0);
    expect(NNBSP.codePointAt(0)).toBe(0x202f);
  });
});
