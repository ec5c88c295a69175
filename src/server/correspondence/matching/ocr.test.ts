import { createCanvas } from '@napi-rs/canvas';
import UTIF from 'utif2';
import { afterAll, describe, expect, it } from 'vitest';
import { jpegsToPdf, renderLetter } from '../../../../bench/ocr-matching/render.js';
import { closeOcr, readScan, UnreadableDocument } from './ocr.js';
import type { OcrPage } from './types.js';

/** Real OCR with the French data shipped in node_modules (no network): slow-ish, so few pages. */
afterAll(async () => closeOcr());

const words = (pages: OcrPage[]) => pages.flatMap((p) => p.lines.flatMap((l) => l.words.map((w) => ({ page: p.page, ...w }))));
const letter = (lines: string[]) => ({ id: 'T1', layout: 'specialist' as const, lines, truth: { patientKey: null } });

/** A one-page PDF with a text layer (Helvetica), as software writes letters: no OCR needed. */
function textPdf(line: string): Uint8Array {
  const content = `BT /F1 12 Tf 72 720 Td (${line}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('reading scanned post', () => {
  it('reads a JPEG scan in French with the box of every word', async () => {
    const [jpeg] = renderLetter(letter(['Cher confrère,', 'Madame DURAND Hélène, née le 12/03/1985,', 'présente une hypertension artérielle.']), { clean: true });
    const pages = await readScan(jpeg!);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ source: 'ocr', width: 1240, height: 1754 });
    const durand = words(pages).find((w) => w.text.includes('DURAND'));
    expect(durand?.box).toEqual(expect.objectContaining({ x0: expect.any(Number), y1: expect.any(Number) }));
    expect(durand!.box!.x1).toBeGreaterThan(durand!.box!.x0);
    expect(words(pages).map((w) => w.text).join(' ')).toMatch(/Hélène, née le 12\/03\/1985/);
  }, 180_000);

  it('reads every page of a scanned multi-page PDF (rasterised by PDFium in WebAssembly, no system tool)', async () => {
    const jpegs = renderLetter(letter(['Compte rendu', 'Patient : GARNIER Léo', '\f', 'Page deux : ROUSSEAU']), { clean: true });
    const pages = await readScan(jpegsToPdf(jpegs));
    expect(pages.map((p) => [p.page, p.source])).toEqual([[1, 'ocr'], [2, 'ocr']]);
    expect(words(pages).find((w) => w.text.includes('ROUSSEAU'))?.page).toBe(2);
  }, 180_000);

  it('reads a PDF text layer without OCR, and every page of a TIFF', async () => {
    const pages = await readScan(textPdf('Madame DURAND Helene, nee le 12/03/1985, revue ce jour en consultation.'));
    expect(pages[0]).toMatchObject({ source: 'pdf-text' });
    expect(words(pages).map((w) => w.text)).toContain('DURAND');

    const c = createCanvas(900, 200);
    const g = c.getContext('2d');
    g.fillStyle = 'white';
    g.fillRect(0, 0, 900, 200);
    g.fillStyle = 'black';
    g.font = '32px "DejaVu Sans"';
    g.fillText('Monsieur LEFEBVRE Marc', 40, 100);
    const rgba = new Uint8Array(g.getImageData(0, 0, 900, 200).data.buffer);
    const tiff = new Uint8Array(UTIF.encodeImage(rgba, 900, 200));
    const tiffPages = await readScan(tiff);
    expect(words(tiffPages).map((w) => w.text)).toContain('LEFEBVRE');
  }, 180_000);

  it('refuses what is not a PDF or an image, in French and English', async () => {
    await expect(readScan(Buffer.from('bonjour'))).rejects.toBeInstanceOf(UnreadableDocument);
    await expect(readScan(Buffer.from('%PDF-1.4 broken'))).rejects.toMatchObject({ fr: expect.stringMatching(/PDF/) });
  });
});
