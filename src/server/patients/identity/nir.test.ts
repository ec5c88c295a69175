import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanNir, formatNir, nirConsistency, nirKey, parseNir, withKey } from './nir.js';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
/** Any 13-character NIR body: sex, year, month (01–12 or 20–99), département (incl. 2A/2B), commune, order. */
const body = fc
  .tuple(
    fc.constantFrom('1', '2', '3', '4', '7', '8'),
    digits(2),
    fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 20, max: 99 })).map((m) => String(m).padStart(2, '0')),
    fc.oneof(fc.integer({ min: 1, max: 99 }).map((d) => String(d).padStart(2, '0')), fc.constantFrom('2A', '2B')),
    digits(3),
    digits(3),
  )
  .map((p) => p.join(''));

describe('NIR key', () => {
  it('matches the worked examples of the domain file and a public validator', () => {
    expect(nirKey('1850369123045')).toBe(32);
    expect(nirKey('290072A004123')).toBe(84);
    expect(parseNir('2 55 08 14 168 025 38').ok).toBe(true);
    expect(withKey('2580375112345')).toMatch(/^2580375112345\d\d$/);
  });

  it('property: every body with its computed key is valid; the key is within 01–97', () => {
    fc.assert(
      fc.property(body, (b) => {
        const k = nirKey(b);
        expect(k).toBeGreaterThanOrEqual(1);
        expect(k).toBeLessThanOrEqual(97);
        const parsed = parseNir(withKey(b));
        expect(parsed.ok).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: any other key is refused with a « clé » message', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 99 }), (b, key) => {
        fc.pre(key !== nirKey(b));
        const r = parseNir(b + String(key).padStart(2, '0'));
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.issue.code).toBe('key');
      }),
      { numRuns: 2000 },
    );
  });

  it('property: changing any single digit of the body is detected (mod 97 catches every single-digit error)', () => {
    fc.assert(
      fc.property(body, fc.nat(12), fc.integer({ min: 1, max: 9 }), (b, pos, delta) => {
        const c = b[pos]!;
        fc.pre(/[0-9]/.test(c) && !(pos >= 5 && pos <= 6 && /[AB]/.test(b.slice(5, 7))));
        const changed = b.slice(0, pos) + String((Number(c) + delta) % 10) + b.slice(pos + 1);
        fc.pre(/^[1-478]/.test(changed));
        const r = parseNir(changed + withKey(b).slice(13));
        expect(r.ok && r.nir.value === withKey(changed)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: Corsica 2A and 2B keys are computed on 19 and 18', () => {
    fc.assert(
      fc.property(body, (b) => {
        const corsA = b.slice(0, 5) + '2A' + b.slice(7);
        const corsB = b.slice(0, 5) + '2B' + b.slice(7);
        expect(nirKey(corsA)).toBe(Number(97n - (BigInt(b.slice(0, 5) + '19' + b.slice(7)) % 97n)));
        expect(nirKey(corsB)).toBe(Number(97n - (BigInt(b.slice(0, 5) + '18' + b.slice(7)) % 97n)));
      }),
    );
  });

  it('property: spaces, dots and lower case 2a are tolerated; format round-trips', () => {
    fc.assert(
      fc.property(body, (b) => {
        const nir = withKey(b);
        expect(cleanNir(formatNir(nir).toLowerCase())).toBe(nir);
        expect(parseNir(formatNir(nir)).ok).toBe(true);
      }),
    );
  });

  it('refuses malformed numbers with a message saying what a NIR looks like', () => {
    for (const bad of ['', '12345', '5580375112345xx', '0580375112345', '25803751123451234', '2580375112345AB']) {
      const r = parseNir(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issue.fr).toMatch(/15 caractères/);
    }
    const month = parseNir(withKey('2581575112345'));
    expect(month.ok).toBe(false);
  });

  it('reads sex, temporary numbers, month and birth place', () => {
    const r = parseNir(withKey('8850199341007'));
    expect(r.ok && r.nir).toMatchObject({ sex: 'F', temporary: true, month: 1, department: '99', birthPlaceCode: '99341' });
    const overseas = parseNir(withKey('1900397411123'));
    expect(overseas.ok && overseas.nir.department).toBe('974');
    const incomplete = parseNir(withKey('1583075112345'));
    expect(incomplete.ok && incomplete.nir.month).toBeNull();
  });
});

describe('NIR consistency with the traits', () => {
  const nir = (b: string) => {
    const r = parseNir(withKey(b));
    if (!r.ok) throw new Error('bad');
    return r.nir;
  };
  it('flags sex, year and month mismatches with French messages', () => {
    expect(nirConsistency(nir('2580375112345'), { sex: 'F', birthDate: '1958-03-12' })).toEqual([]);
    expect(nirConsistency(nir('2580375112345'), { sex: 'M', birthDate: '1958-03-12' }).map((i) => i.code)).toEqual(['sex']);
    expect(nirConsistency(nir('2580375112345'), { sex: 'F', birthDate: '1959-03-12' }).map((i) => i.code)).toEqual(['year']);
    expect(nirConsistency(nir('2580375112345'), { sex: 'F', birthDate: '1958-04-12' })[0]!.fr).toMatch(/mois de naissance/);
    expect(nirConsistency(nir('2580375112345'), { sex: 'U', birthDate: '1958-03-12' })).toEqual([]);
  });
  it('accepts the conventional months of incomplete records and year-only dates', () => {
    expect(nirConsistency(nir('2584075112345'), { sex: 'F', birthDate: '1958-03-12' })).toEqual([]);
    expect(nirConsistency(nir('2580375112345'), { sex: 'F', birthDate: '1958-01-01', birthDatePrecision: 'year' })).toEqual([]);
  });
  it('property: a NIR built from the traits is always consistent with them', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }), fc.constantFrom('F', 'M'), digits(6), (d, sex, rest) => {
        const iso = d.toISOString().slice(0, 10);
        const b = `${sex === 'M' ? 1 : 2}${iso.slice(2, 4)}${iso.slice(5, 7)}75${rest}`;
        expect(nirConsistency(nir(b), { sex: sex as 'F' | 'M', birthDate: iso })).toEqual([]);
      }),
    );
  });
});
