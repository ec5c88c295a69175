import { describe, expect, it } from 'vitest';
import { isAmNumber, isRpps, isSiren, luhnOk, withLuhnKey } from './identifiers.js';

describe('billing profile identifiers', () => {
  it('RPPS: 11 digits with a Luhn key', () => {
    const rpps = withLuhnKey('1000100001');
    expect(isRpps(rpps)).toBe(true);
    expect(isRpps(rpps.slice(0, 10) + String((Number(rpps[10]) + 1) % 10))).toBe(false);
    expect(isRpps('1234567890')).toBe(false);
  });
  it('SIREN: 9 digits with a Luhn key (a real one: 732 829 320, INSEE)', () => {
    expect(isSiren('732829320')).toBe(true);
    expect(isSiren('732829321')).toBe(false);
    expect(isSiren('73282932')).toBe(false);
    expect(luhnOk('')).toBe(false);
  });
  it('Assurance Maladie number: 9 characters, département first', () => {
    expect(isAmNumber('751234567')).toBe(true);
    expect(isAmNumber('2A1234567')).toBe(true);
    expect(isAmNumber('2C1234567')).toBe(false);
    expect(isAmNumber('75123456')).toBe(false);
  });
});
