import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitiseFileName, titleFromFileName, withExtension } from './file-name.js';

describe('file names', () => {
  it.each([
    ['Ordonnance Dr Martin.pdf', 'Ordonnance Dr Martin.pdf'],
    ['C:\\Users\\secr\\Documents\\carte vitale.jpg', 'carte vitale.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['.htaccess', 'htaccess'],
    ['photo\u202Egpj.exe', 'photogpj.exe'],
    ['résultat\u0000\u0007 labo.pdf', 'résultat labo.pdf'],
    ['a<b>c:"d|e?f*.png', 'a_b_c__d_e_f_.png'],
    ['CON.pdf', '_CON.pdf'],
    ['scan.pdf...  ', 'scan.pdf'],
    ['', 'document'],
    ['   ', 'document'],
    ['...', 'document'],
    ['e\u0301chographie.pdf', 'échographie.pdf'],
  ])('sanitises %j', (raw, expected) => {
    expect(sanitiseFileName(raw)).toBe(expected);
  });

  it('keeps the extension of very long names', () => {
    const name = sanitiseFileName(`${'x'.repeat(500)}.pdf`);
    expect(name.length).toBe(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('property: any input gives a short, single-segment name without control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (raw) => {
        const name = sanitiseFileName(raw);
        return (
          name.length > 0 &&
          [...name].length <= 120 &&
          !/[\\/<>:"|?*\p{Cc}\p{Cf}]/u.test(name) &&
          !name.startsWith('.') &&
          !name.endsWith('.') &&
          name === name.trim()
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('adds the real extension when the name has none or another one', () => {
    expect(withExtension('scan', ['pdf'])).toBe('scan.pdf');
    expect(withExtension('scan.PDF', ['pdf'])).toBe('scan.PDF');
    expect(withExtension('photo.jpeg', ['jpg', 'jpeg'])).toBe('photo.jpeg');
    expect(withExtension('rapport.v2', ['pdf'])).toBe('rapport.v2.pdf');
  });

  it('derives a title from the name', () => {
    expect(titleFromFileName('carte_vitale.jpg')).toBe('carte vitale');
    expect(titleFromFileName('.pdf')).toBe('.pdf');
  });

  it('builds a header-safe content-disposition with the exact UTF-8 name', () => {
    const h = contentDisposition('inline', 'Résultat "labo" 100%.pdf');
    expect(h).toBe(`inline; filename="Resultat _labo_ 100_.pdf"; filename*=UTF-8''R%C3%A9sultat%20%22labo%22%20100%25.pdf`);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => {
        const v = contentDisposition('attachment', sanitiseFileName(raw));
        return /^[\x20-\x7e]+$/.test(v) && (v.match(/"/g) ?? []).length === 2;
      }),
    );
  });
});
