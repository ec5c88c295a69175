import { describe, expect, it } from 'vitest';
import { checkBirthPlace } from './birth-place.js';
import { withKey } from './nir.js';
import { cleanName, searchNormalize, traitKey } from './normalize.js';
import { checkIdentity, compareTraits, parseBirthDate, partialDate } from './traits.js';

const today = new Date('2026-06-01T00:00:00Z');

describe('birth date', () => {
  it('reads desk and ISO formats, incomplete dates with their precision', () => {
    expect(parseBirthDate('12/03/1958', today)).toEqual({ ok: true, date: '1958-03-12', precision: 'day' });
    expect(parseBirthDate('1958-03-12', today)).toEqual({ ok: true, date: '1958-03-12', precision: 'day' });
    expect(parseBirthDate('03/1958', today)).toEqual({ ok: true, date: '1958-03-01', precision: 'month' });
    expect(parseBirthDate('1958', today)).toEqual({ ok: true, date: '1958-01-01', precision: 'year' });
    expect(partialDate('1958-03-01', 'month')).toBe('1958-03');
  });
  it('refuses impossible, future, too old and unreadable dates with a French message', () => {
    expect(parseBirthDate('31/02/1958', today)).toMatchObject({ ok: false, fr: expect.stringMatching(/n’existe pas/) });
    expect(parseBirthDate('1958-13-01', today)).toMatchObject({ ok: false });
    expect(parseBirthDate('29/02/2023', today)).toMatchObject({ ok: false });
    expect(parseBirthDate('29/02/2024', today)).toMatchObject({ ok: true });
    expect(parseBirthDate('02/06/2026', today)).toMatchObject({ ok: false, fr: expect.stringMatching(/futur/) });
    expect(parseBirthDate('1850', today)).toMatchObject({ ok: false, fr: expect.stringMatching(/1890/) });
    expect(parseBirthDate('hier', today)).toMatchObject({ ok: false, fr: expect.stringMatching(/JJ\/MM\/AAAA/) });
  });
});

describe('birth place', () => {
  it('knows communes (arrondissements, Corsica, overseas, former codes) and countries', () => {
    expect(checkBirthPlace('75112')).toMatchObject({ ok: true, place: { kind: 'commune', label: 'Paris 12e Arrondissement' } });
    expect(checkBirthPlace('2a004')).toMatchObject({ ok: true, place: { label: 'Ajaccio' } });
    expect(checkBirthPlace('20004')).toMatchObject({ ok: true, place: { label: 'Ajaccio' } });
    expect(checkBirthPlace('97411')).toMatchObject({ ok: true });
    expect(checkBirthPlace('99350')).toMatchObject({ ok: true, place: { kind: 'country', label: 'Maroc' } });
  });
  it('refuses postcodes, unknown communes and countries with a message that explains', () => {
    expect(checkBirthPlace('75000')).toMatchObject({ ok: false, fr: expect.stringMatching(/code postal/) });
    expect(checkBirthPlace('99999')).toMatchObject({ ok: false, fr: expect.stringMatching(/99 suivi du code INSEE du pays/) });
    expect(checkBirthPlace('7511')).toMatchObject({ ok: false, fr: expect.stringMatching(/5 caractères/) });
  });
});

describe('identity check', () => {
  const base = { birthName: ' dupont - lefèvre ', givenNames: 'Hélène  Marie', birthDate: '12/03/1958', sex: 'F' as const, birthPlaceCode: '75112', nir: withKey('2580375112345') };
  it('normalises and derives the first given name; a used name equal to the birth name is dropped', () => {
    const r = checkIdentity({ ...base, usedName: 'DUPONT-LEFEVRE' }, today);
    expect(r).toMatchObject({ ok: true, identity: { traits: { birthName: 'dupont-lefèvre', givenNames: 'Hélène Marie', firstName: 'Hélène', birthDate: '1958-03-12' }, usedName: null } });
  });
  it('reports every issue at once', () => {
    const r = checkIdentity({ ...base, birthName: 'X1', firstName: 'Marie', birthDate: '31/02/1958', birthPlaceCode: '00000', nir: '123' }, today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.field).sort()).toEqual(['birthDate', 'birthName', 'birthPlaceCode', 'firstName', 'nir']);
  });
  it('compares traits as INSi does: case, accents and separators aside', () => {
    const a = checkIdentity(base, today);
    const b = checkIdentity({ ...base, birthName: 'DUPONT LEFEVRE', givenNames: 'HELENE MARIE' }, today);
    if (!a.ok || !b.ok) throw new Error();
    expect(compareTraits(a.identity.traits, b.identity.traits)).toEqual([]);
    const c = checkIdentity({ ...base, givenNames: 'Hélène', nir: null }, today);
    if (!c.ok) throw new Error();
    expect(compareTraits(a.identity.traits, c.identity.traits).map((d) => d.trait)).toEqual(['givenNames']);
  });
  it('normalisation helpers', () => {
    expect(searchNormalize('  BŒUF  Hélène ')).toBe('boeuf helene');
    expect(cleanName('D’ALMEIDA')).toBe("D'ALMEIDA");
    expect(traitKey("N'Diaye-Saïd")).toBe('N DIAYE SAID');
  });
});
