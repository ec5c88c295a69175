import { describe, expect, it } from 'vitest';
import { money, renderPdf } from './pdf.js';
import { pdfFonts, pdfPages, pdfText, pdfToPngs } from './testing.js';

const at = new Date('2026-03-14T09:30:00Z');

describe('PDF platform', () => {
  it('embeds its own font: accents, €, guillemets and narrow spaces come out as written', async () => {
    const pdf = await renderPdf({ title: 'Essai', author: 'Pivot', createdAt: at, footer: 'Dr Hélène Lefèvre — RPPS 10003456789' }, (p) => {
      p.letterhead('Dr Hélène Lefèvre', ['Médecine générale', '12 rue de l’Église, 69001 Lyon']);
      p.addressBlock(['Mme Françoise Pérez', '3 place Bellecour', '69002 Lyon']);
      p.title('Note d’honoraires « été » — ÀÉÈÊËÎÏÔÙÛÜŸÇŒÆ');
      p.keyValues([['Total', money(123456)]]);
      p.table([{ header: 'Acte', width: 2 }, { header: 'Montant', width: 1, align: 'right' }], [['G — consultation', money(3000)]], { totals: ['Total', money(3000)] });
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('ÀÉÈÊËÎÏÔÙÛÜŸÇŒÆ');
    expect(text).toContain('1 234,56 €'); // pdftotext renders U+202F as a space
    expect(text).toContain('12 rue de l’Église');
    expect(text).toContain('Page 1 / 1');
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded && /DejaVuSans/.test(f.name))).toBe(true);
    expect(pdfToPngs(pdf, 'pdf-platform').length).toBe(1);
  });

  it('repeats the table header on each page and numbers every page', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`Ligne ${i + 1}`, money(i * 101)]);
    const pdf = await renderPdf({ title: 'Long', author: 'Pivot', createdAt: at, pageWord: 'Page' }, (p) => {
      p.table([{ header: 'Libellé', width: 3 }, { header: 'Montant', width: 1, align: 'right' }], rows);
    });
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThan(1);
    const text = pdfText(pdf).split('\f').filter((t) => t.trim());
    expect(text.length).toBe(pages);
    text.forEach((t, i) => {
      expect(t).toContain('Libellé');
      expect(t).toContain(`Page ${i + 1} / ${pages}`);
    });
    expect(text.join('')).toContain('Ligne 120');
  });

  it('is the same bytes when built twice from the same data (the date is the caller’s)', async () => {
    const build = () => renderPdf({ title: 'T', author: 'A', createdAt: at }, (p) => p.paragraph('Bonjour'));
    expect((await build()).equals(await build())).toBe(true);
  });

  it('formats money in French', () => {
    expect(money(0)).toBe('0,00 €');
    expect(money(5)).toBe('0,05 €');
    expect(money(-123456789)).toBe('−1\u202f234\u202f567,89 €');
  });
});
