import { createRequire } from 'node:module';
import { PDFiumLibrary } from '@hyzyla/pdfium';
import { PNG } from 'pngjs';
import { createWorker, OEM, type InitOptions, type Worker } from 'tesseract.js';
import UTIF from 'utif2';
import { pagesFromText } from './tokens.js';
import type { OcrLine, OcrPage } from './types.js';

/**
 * Reading scanned post: PNG, JPEG, TIFF (every page) and PDF (every page). Everything runs in-process from npm
 * packages, offline: tesseract.js with the French data of `@tesseract.js-data/fra` (a local `langPath`, nothing
 * downloaded at run time) and PDFium compiled to WebAssembly (`@hyzyla/pdfium`, its binary inside the package) to
 * rasterise PDF pages, so no system tool is needed. A PDF page that carries a text layer (a letter produced by
 * software, not scanned) is read from that layer, without OCR.
 */

const require = createRequire(import.meta.url);
/** The package's own path: its `4.0.0` folder holds fra.traineddata.gz (the standard model, better than best_int on scans). */
const FRA = require('@tesseract.js-data/fra') as { langPath: string; gzip: boolean };

/** 200 dpi: enough for 10-point type, half the pixels (and OCR time) of 300 dpi. */
const PDF_DPI = 200;
/** A page with fewer characters in its text layer is treated as a scan. */
const TEXT_LAYER_MIN_CHARS = 40;

export class UnreadableDocument extends Error {
  constructor(public readonly fr: string, public readonly en: string) {
    super(en);
  }
}

let worker: Promise<Worker> | null = null;
let pdfium: ReturnType<typeof PDFiumLibrary.init> | null = null;

function ocrWorker(): Promise<Worker> {
  // One worker per process, created on first use (~1 s) and reused: tesseract queues the jobs.
  // debug_file: tesseract's own chatter (« Estimating resolution as … ») would fill the server's log on every page.
  worker ??= createWorker('fra', OEM.LSTM_ONLY, { langPath: FRA.langPath, gzip: FRA.gzip, cacheMethod: 'none' }, { debug_file: '/dev/null' } as Partial<InitOptions>);
  return worker;
}

/** Stops the OCR worker and frees PDFium (tests, CLI, shutdown). */
export async function closeOcr(): Promise<void> {
  const w = worker;
  const p = pdfium;
  worker = null;
  pdfium = null;
  if (w) await (await w).terminate();
  if (p) (await p).destroy();
}

export type ScanKind = 'pdf' | 'png' | 'jpeg' | 'tiff';

/** The kind of file, from its first bytes (the declared MIME type of an upload is not trusted). */
export function sniff(bytes: Uint8Array): ScanKind | null {
  const b = (i: number) => bytes[i];
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return 'pdf';
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a && b(3) === 0) || (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0 && b(3) === 0x2a)) return 'tiff';
  return null;
}

/** OCR of one image (PNG or JPEG bytes): lines of words with their boxes, in the image's pixels. */
export async function ocrImage(image: Uint8Array, page: number): Promise<OcrPage> {
  const w = await ocrWorker();
  // rotateAuto straightens a page scanned a few degrees askew before reading (boxes are then in the straightened image).
  const r = await w.recognize(Buffer.from(image), { rotateAuto: true }, { blocks: true, text: false });
  const lines: OcrLine[] = [];
  let confSum = 0;
  let count = 0;
  for (const block of r.data.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const words = line.words.filter((x) => x.text.trim().length > 0).map((x) => ({ text: x.text, box: { ...x.bbox }, confidence: x.confidence }));
        for (const x of words) {
          confSum += x.confidence;
          count++;
        }
        if (words.length > 0) lines.push({ words });
      }
    }
  }
  const size = imageSize(image);
  return { page, width: size.width, height: size.height, lines, confidence: count > 0 ? confSum / count : 0, source: 'ocr' };
}

function imageSize(image: Uint8Array): { width: number; height: number } {
  if (sniff(image) === 'png') {
    const v = new DataView(image.buffer, image.byteOffset, image.byteLength);
    return { width: v.getUint32(16), height: v.getUint32(20) };
  }
  // JPEG: walk the markers to the start-of-frame.
  let i = 2;
  while (i + 9 < image.length) {
    if (image[i] !== 0xff) break;
    const marker = image[i + 1]!;
    const len = (image[i + 2]! << 8) | image[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (image[i + 5]! << 8) | image[i + 6]!, width: (image[i + 7]! << 8) | image[i + 8]! };
    }
    i += 2 + len;
  }
  return { width: 0, height: 0 };
}

function rgbaToPng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  // Grey, fast deflate: OCR reads grey anyway, and the encoder was most of the rasterising time (measured: 0.8 → 0.55 s a page).
  return PNG.sync.write(png, { colorType: 0, deflateLevel: 1 });
}

async function tiffPages(bytes: Uint8Array): Promise<Uint8Array[]> {
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const ifds = UTIF.decode(buf).filter((ifd) => ifd['t256'] !== undefined);
  return ifds.map((ifd) => {
    UTIF.decodeImage(buf, ifd);
    return rgbaToPng(UTIF.toRGBA8(ifd), Number(ifd.width), Number(ifd.height));
  });
}

async function pdfPages(bytes: Uint8Array, maxPages: number): Promise<OcrPage[]> {
  pdfium ??= PDFiumLibrary.init();
  const lib = await pdfium;
  let doc;
  try {
    doc = await lib.loadDocument(bytes);
  } catch {
    throw new UnreadableDocument('Ce PDF ne peut pas être ouvert (abîmé ou protégé par un mot de passe).', 'This PDF cannot be opened (damaged or password-protected).');
  }
  try {
    const pages: OcrPage[] = [];
    for (let i = 0; i < Math.min(doc.getPageCount(), maxPages); i++) {
      const page = doc.getPage(i);
      const text = page.getText();
      if (text.replace(/\s/g, '').length >= TEXT_LAYER_MIN_CHARS) {
        const [p] = pagesFromText(text.split(/\r?\n/), 'pdf-text');
        pages.push({ ...p!, page: i + 1 });
        continue;
      }
      // BGRA read as RGBA: the grey PNG averages the channels, so their order does not matter.
      const img = await page.render({ scale: PDF_DPI / 72, render: 'bitmap', colorSpace: 'BGRA' });
      pages.push(await ocrImage(rgbaToPng(img.data, img.width, img.height), i + 1));
    }
    return pages;
  } finally {
    doc.destroy();
  }
}

/**
 * Reads the pages of a scanned document (all, or the first `maxPages`: the patient's identity is on the first page, and
 * a register upload must not hold its transaction for a 40-page PDF). Throws UnreadableDocument (with French and
 * English text) for other files.
 */
export async function readScan(bytes: Uint8Array, { maxPages = Infinity }: { maxPages?: number } = {}): Promise<OcrPage[]> {
  const kind = sniff(bytes);
  if (kind === 'pdf') return pdfPages(bytes, maxPages);
  if (kind === 'png' || kind === 'jpeg') return [await ocrImage(bytes, 1)];
  if (kind === 'tiff') {
    const pages = (await tiffPages(bytes)).slice(0, maxPages);
    const out: OcrPage[] = [];
    for (const [i, p] of pages.entries()) out.push(await ocrImage(p, i + 1));
    return out;
  }
  throw new UnreadableDocument('Format non lu : envoyez un PDF, un PNG, un JPEG ou un TIFF.', 'Unsupported format: send a PDF, PNG, JPEG or TIFF.');
}
