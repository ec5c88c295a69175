import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { trigramSimilarity, trigrams } from './trigram.js';

// Expected values: pg_trgm documentation (similarity('word', 'two words') = 0.36363637) and
// `SELECT similarity(a, b), show_trgm(a)` on the embedded PostgreSQL (C.UTF-8), every row below checked.
describe('trigramSimilarity (pg_trgm)', () => {
  it('show_trgm("word")', () => {
    expect(trigrams('word')).toEqual(['  w', ' wo', 'ord', 'rd ', 'wor']);
    expect(trigrams('a')).toEqual(['  a', ' a ']);
    expect(trigrams('')).toEqual([]);
  });

  it.each([
    ['word', 'two words', 0.36363637],
    ['dupont', 'dupond', 0.5555556],
    ['jean-pierre', 'jean pierre', 1],
    ['Dupont', 'DUPONT', 1],
    ['martin', 'martine', 0.6666667],
    ['rousseau', 'rousso', 0.45454547],
    ['dupont lefevre marie', 'dupont marie', 0.61904764],
    ["n'diaye aminata", 'ndiaye aminata', 0.7222222],
    ['12 rue', 'rue 12', 1],
    ['le goff', 'legoff', 0.5],
    ['x', 'y', 0],
    ['', '', 0],
    ['abc def abc', 'abc', 0.5],
  ])('similarity(%j, %j) = %f', (a, b, expected) => {
    expect(trigramSimilarity(a, b)).toBe(Math.fround(expected));
  });

  it('is symmetric, in [0, 1], and 1 on equal non-empty words', () => {
    const s = fc.string({ maxLength: 20 });
    fc.assert(
      fc.property(s, s, (a, b) => {
        const x = trigramSimilarity(a, b);
        expect(x).toBe(trigramSimilarity(b, a));
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
        if (/[a-z0-9]/i.test(a)) expect(trigramSimilarity(a, a)).toBe(1);
      }),
    );
  });
});
