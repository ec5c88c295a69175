import { describe, expect, it } from 'vitest';
import { evidenceText } from './propose.js';

/** The evidence line under an OCR proposal, as the secretary reads it (the « C’est ce patient » choice rests on it). */
describe('evidenceText', () => {
  it('quotes what was read without the punctuation the OCR glued to it', () => {
    expect(evidenceText({ field: 'firstName', read: 'Maëlys,' })).toBe('prénom « Maëlys »');
    expect(evidenceText({ field: 'birthDate', read: ' 09/11/1979.' })).toBe('date de naissance « 09/11/1979 »');
    expect(evidenceText({ field: 'birthName', read: 'LOZAC H' })).toBe('nom de naissance « LOZAC H »');
  });

  it('writes a finding with nothing of its own to quote without empty quotes', () => {
    expect(evidenceText({ field: 'together', read: '' })).toBe('nom et prénom ensemble');
    expect(evidenceText({ field: 'sex', read: ',' })).toBe('sexe');
  });
});
