import { describe, expect, it } from 'vitest';
import { normalizePhone, parseSearchQuery } from './search-query.js';

describe('search box query', () => {
  it('recognises a phone, a NIR, a date, a name and a date', () => {
    expect(parseSearchQuery('06 12 34 56 78')).toMatchObject({ phone: '0612345678', name: null });
    expect(parseSearchQuery('+33 6 12 34 56 78').phone).toBe('0612345678');
    expect(parseSearchQuery('2 58 03 75 112')).toMatchObject({ nirPrefix: '25803751' + '12', name: null });
    expect(parseSearchQuery('12/03/1958')).toMatchObject({ birthDate: '1958-03-12', name: null });
    expect(parseSearchQuery('12031958')).toMatchObject({ birthDate: '1958-03-12' });
    expect(parseSearchQuery('Dupond 12/03/1958')).toMatchObject({ birthDate: '1958-03-12', name: 'Dupond', normalized: 'dupond' });
    expect(parseSearchQuery('Lefèvre').phonetic).toEqual(['LEFEVR']);
    expect(parseSearchQuery('  ')).toMatchObject({ name: null, birthDate: null });
    expect(parseSearchQuery('31/02/1958')).toMatchObject({ birthDate: null, name: '31/02/1958' });
  });
  it('normalises phone numbers', () => {
    expect(normalizePhone('0033 1 45 67 89 10')).toBe('0145678910');
    expect(normalizePhone('+44 20 7946 0958')).toBe('442079460958');
  });
});
