import { describe, expect, it } from 'vitest';
import { centsToInput, parseActs, parseEuros } from './money';

describe('desk money input', () => {
  it('reads euros to the cent, refuses the rest', () => {
    expect(parseEuros('30')).toBe(3000);
    expect(parseEuros('30,5')).toBe(3050);
    expect(parseEuros(' 9.05 € ')).toBe(905);
    expect(parseEuros('0,01')).toBe(1);
    expect(parseEuros('30,555')).toBeNull();
    expect(parseEuros('-3')).toBeNull();
    expect(parseEuros('')).toBeNull();
  });
  it('round-trips cents', () => {
    for (const c of [0, 1, 905, 3000, 123456]) expect(parseEuros(centsToInput(c, 'fr'))).toBe(c);
    expect(centsToInput(905, 'en')).toBe('9.05');
  });
  it('reads acts typed loosely', () => {
    expect(parseActs('g + meg')).toEqual(['G', 'MEG']);
    expect(parseActs(' VG,MD ')).toEqual(['VG', 'MD']);
    expect(parseActs('')).toEqual([]);
  });
});
