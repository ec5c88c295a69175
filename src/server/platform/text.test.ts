import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasBreakingCharacters, singleLine, smsText } from './text.js';

describe('singleLine', () => {
  it('turns CR/LF, tabs, separators and bidi overrides into single spaces', () => {
    expect(singleLine('Cabinet\r\nBcc: victime@example.org')).toBe('Cabinet Bcc: victime@example.org');
    expect(singleLine('Dr\tMartin\u2028\u202eniloM')).toBe('Dr Martin niloM');
    expect(singleLine('Maison de santé des Tilleuls')).toBe('Maison de santé des Tilleuls');
    expect(hasBreakingCharacters('a\nb')).toBe(true);
    expect(hasBreakingCharacters('Cabinet d’Étienne — Noël')).toBe(false);
  });

  it('never leaves a line break or control character, and keeps ordinary text as it is (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const out = singleLine(s);
        expect(hasBreakingCharacters(out)).toBe(false);
        expect(out).not.toMatch(/[\r\n]/);
        if (!hasBreakingCharacters(s) && s === s.trim() && !/ {2,}/.test(s)) expect(out).toBe(s);
      }),
    );
  });
});

describe('smsText', () => {
  it('keeps line breaks, removes every other control and bidi character (property)', () => {
    expect(smsText('Rappel :\r\nRDV demain\u202e 10h\u0007')).toBe('Rappel :\nRDV demain 10h');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const out = smsText(s);
        expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        expect(hasBreakingCharacters(out.replace(/\n/g, ''))).toBe(false);
      }),
    );
  });
});
