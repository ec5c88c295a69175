import { describe, expect, it } from 'vitest';
import { SortedForms, WordIndex } from './word-index.js';
import { stripKey } from './normalize.js';

describe('word index', () => {
  const forms = new SortedForms(['# header', 'abces\tabcès', 'coeur\tcœur', 'foie', 'pres\tprès\tpré s', 'zona', ''].join('\n'));

  it('finds every key by hash and by binary search, and nothing else', () => {
    for (const key of ['abces', 'coeur', 'foie', 'pres', 'zona']) {
      expect(forms.hasKey(key)).toBe(true);
      expect(forms.findSorted(key)).toBeGreaterThanOrEqual(0);
    }
    for (const key of ['', 'abc', 'abcess', 'foi', 'zonas', 'header', '# header']) expect(forms.hasKey(key)).toBe(false);
    expect(forms.forms('coeur')).toEqual(['cœur']);
    expect(forms.forms('foie')).toEqual(['foie']);
    expect(forms.forms('pres')).toEqual(['près', 'pré s']);
  });

  it('adds words beside the prepared list under their accent-free key', () => {
    const index = new WordIndex(forms);
    index.add('Lévothyrox');
    expect(stripKey('Lévothyrox')).toBe('levothyrox');
    expect(index.forms('levothyrox')).toEqual(['Lévothyrox']);
    expect(index.forms('foie')).toEqual(['foie']);
    expect(index.hasKey('zona')).toBe(true);
  });
});
