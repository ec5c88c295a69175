import { describe, expect, it } from 'vitest';
import { bornWord, identityName } from './identity-display.js';

describe('bornWord', () => {
  it('agrees with the recorded sex and hedges only when it is unknown', () => {
    expect(bornWord('F')).toBe('née');
    expect(bornWord('M')).toBe('né');
    expect(bornWord('U')).toBe('né(e)');
    expect(bornWord(null)).toBe('né(e)');
  });

  it('writes a letter line as the identity rule says', () => {
    expect(`${identityName({ birthName: 'Martinez', firstName: 'Lucie' })}, ${bornWord('F')} le 03/03/1993`).toBe('MARTINEZ Lucie, née le 03/03/1993');
  });
});
