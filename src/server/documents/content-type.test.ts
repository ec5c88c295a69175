import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDocumentContent, declaredExtension, declaredMime } from './content-type.js';
import { EXE, HEIC, HTML, JPEG, PNG, SVG, TIFF, WEBP, pdf } from './test-fixtures.js';

const PDF = pdf();
const startsWith = (b: Uint8Array, prefix: number[]) => prefix.every((x, i) => b[i] === x);
const PDF_MAGIC = [...Buffer.from('%PDF')];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

describe('type checked by content', () => {
  it.each([
    ['ordonnance.pdf', 'application/pdf', PDF, 'application/pdf'],
    ['carte-vitale.jpg', 'image/jpeg', JPEG, 'image/jpeg'],
    ['carte-vitale.JPEG', 'image/jpg', JPEG, 'image/jpeg'],
    ['photo.png', 'image/png', PNG, 'image/png'],
    ['scan.webp', '', WEBP, 'image/webp'],
    ['IMG_0001.HEIC', 'image/heif', HEIC, 'image/heic'],
    ['scan.tiff', 'image/tiff', TIFF, 'image/tiff'],
    ['sans extension', 'application/octet-stream', PDF, 'application/pdf'],
    ['rapport.v2', '', PNG, 'image/png'],
  ])('accepts %s (%s)', async (fileName, mimeType, bytes, expected) => {
    const r = await checkDocumentContent(bytes, { fileName, mimeType });
    expect(r).toMatchObject({ ok: true, mimeType: expected });
  });

  it('refuses a PNG named .pdf with a message that says what it really is', async () => {
    const r = await checkDocumentContent(PNG, { fileName: 'courrier.pdf', mimeType: 'application/pdf' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.status).toBe(422);
    expect(r.reason).toBe('mismatch');
    expect(r.message.fr).toBe("Ce fichier n'est pas un PDF : son contenu est celui d'une image PNG. Vérifiez le fichier choisi.");
    expect(r.message.en).toBe('This file is not a PDF: its content is that of a PNG image. Check the file you chose.');
  });

  it('refuses a content that contradicts the declared MIME type even without extension', async () => {
    const r = await checkDocumentContent(JPEG, { fileName: 'scan', mimeType: 'application/pdf' });
    expect(r).toMatchObject({ ok: false, status: 422, reason: 'mismatch', detected: 'image/jpeg' });
  });

  it('refuses executables, whatever their name', async () => {
    for (const fileName of ['photo.jpg', 'setup.exe', 'document']) {
      const r = await checkDocumentContent(EXE, { fileName, mimeType: 'image/jpeg' });
      expect(r, fileName).toMatchObject({ ok: false, status: 415, reason: 'not_accepted', detected: 'application/x-msdownload' });
      if (!r.ok) expect(r.message.fr).toMatch(/programme exécutable/);
    }
  });

  it('refuses HTML and SVG (unrecognised content), even named as images', async () => {
    for (const [bytes, fileName, mimeType] of [
      [HTML, 'page.html', 'text/html'],
      [HTML, 'photo.png', 'image/png'],
      [SVG, 'logo.svg', 'image/svg+xml'],
      [SVG, 'logo.jpg', 'image/jpeg'],
    ] as const) {
      const r = await checkDocumentContent(bytes, { fileName, mimeType });
      expect(r, fileName).toMatchObject({ ok: false, status: 415, reason: 'unrecognised' });
    }
    const svg = await checkDocumentContent(SVG, { fileName: 'logo.svg', mimeType: 'image/svg+xml' });
    if (!svg.ok) expect(svg.message.fr).toMatch(/^Ce fichier est une image SVG : ce format n'est pas accepté/);
    const fake = await checkDocumentContent(HTML, { fileName: 'photo.png', mimeType: 'image/png' });
    if (!fake.ok) expect(fake.message.fr).toMatch(/^Ce fichier n'est pas une image PNG valide/);
  });

  it('refuses a valid image disguised as an executable or a web page', async () => {
    for (const fileName of ['photo.exe', 'photo.html', 'photo.svg']) {
      const r = await checkDocumentContent(PNG, { fileName });
      expect(r, fileName).toMatchObject({ ok: false, status: 422, reason: 'mismatch' });
    }
  });

  it('refuses a truncated PDF', async () => {
    const r = await checkDocumentContent(PDF.subarray(0, PDF.length - 30), { fileName: 'a.pdf' });
    expect(r).toMatchObject({ ok: false, status: 422, reason: 'truncated_pdf' });
  });

  it('reads declarations: known extensions only, generic MIME types say nothing', () => {
    expect(declaredExtension('Compte-rendu Dr. Martin')).toBeUndefined();
    expect(declaredExtension('rapport.v2')).toBeUndefined();
    expect(declaredExtension('x.PDF')).toBe('pdf');
    expect(declaredExtension('x.exe')).toBe('exe');
    expect(declaredExtension('x.svg')).toBe('svg');
    expect(declaredMime('application/octet-stream')).toBeUndefined();
    expect(declaredMime('')).toBeUndefined();
    expect(declaredMime('image/JPG')).toBe('image/jpeg');
  });

  it('property: random bytes are never accepted as a PDF or a JPEG unless they start with its magic bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 600 }),
        fc.constantFrom('a.pdf', 'a.jpg', 'a.jpeg', 'a', 'a.png', 'a.bin'),
        fc.constantFrom(undefined, 'application/pdf', 'image/jpeg', 'application/octet-stream'),
        async (bytes, fileName, mimeType) => {
          const r = await checkDocumentContent(bytes, { fileName, mimeType });
          if (!r.ok) return true;
          if (r.mimeType === 'application/pdf') return startsWith(bytes, PDF_MAGIC);
          if (r.mimeType === 'image/jpeg') return startsWith(bytes, JPEG_MAGIC);
          return !['a.pdf', 'a.jpg', 'a.jpeg'].includes(fileName);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: anything after a PNG header is never accepted under another declared type', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('a.pdf', 'a.jpg', 'a.tif', 'a.webp', 'a.heic', 'a.exe'), async (tail, fileName) => {
        const r = await checkDocumentContent(Buffer.concat([PNG.subarray(0, 16), tail]), { fileName });
        return !r.ok;
      }),
      { numRuns: 300 },
    );
  });

  it('property: a PDF header followed by anything is only ever accepted as a PDF', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.boolean(), async (tail, ended) => {
        const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), tail, ended ? Buffer.from('\n%%EOF\n') : Buffer.alloc(0)]);
        const r = await checkDocumentContent(bytes, { fileName: 'a.pdf' });
        return r.ok ? r.mimeType === 'application/pdf' && ended : true;
      }),
      { numRuns: 300 },
    );
  });
});
