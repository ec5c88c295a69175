/**
 * Renders a spec letter as a noisy scan (bench and tests only: @napi-rs/canvas is a dev dependency): an A4 page at
 * 150 dpi, the text drawn a few degrees askew, blurred, speckled, washed out and saved as a JPEG with artefacts;
 * several pages can be wrapped in a PDF made of those JPEGs, as a scanner produces.
 */
import { createCanvas } from '@napi-rs/canvas';
import { seededRandom } from '../../src/server/platform/seeded-random.js';
import type { Noise, SpecLetter, SpecLine } from './letters.js';

const W = 1240;
const H = 1754;
const MARGIN = 100;
const SIZES = { small: 20, normal: 25, large: 31 } as const;
const FONTS = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Condensed'];

function hash(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** The noise of a letter: its own, or drawn from its id (held-out letters without one). */
export function noiseOf(letter: SpecLetter): Noise {
  if (letter.noise) return letter.noise;
  const r = seededRandom(hash(letter.id));
  return { rotateDeg: r() * 6 - 3, blur: r() * 1.2, speckle: r() * 0.4, contrast: 0.5 + r() * 0.5, jpegQuality: 30 + Math.floor(r() * 60) };
}

function pagesOf(lines: readonly SpecLine[]): SpecLine[][] {
  const pages: SpecLine[][] = [[]];
  for (const l of lines) {
    if (l === '\f') pages.push([]);
    else pages[pages.length - 1]!.push(l);
  }
  return pages;
}

/** One JPEG per page. `clean` draws no noise (tests of the OCR plumbing). */
export function renderLetter(letter: SpecLetter, opts: { clean?: boolean } = {}): Buffer[] {
  const noise = opts.clean ? { rotateDeg: 0, blur: 0, speckle: 0, contrast: 1, jpegQuality: 92 } : noiseOf(letter);
  const r = seededRandom(hash(letter.id) ^ 0x5eed);
  const font = FONTS[hash(letter.id) % FONTS.length]!;
  return pagesOf(letter.lines).map((lines) => {
    const c = createCanvas(W, H);
    const g = c.getContext('2d');
    // Washed-out scan: grey paper, grey ink; contrast 1 is black on white.
    const paper = Math.round(255 - (1 - noise.contrast) * 70);
    const ink = Math.round((1 - noise.contrast) * 150);
    g.fillStyle = `rgb(${paper},${paper},${paper})`;
    g.fillRect(0, 0, W, H);
    g.save();
    g.translate(W / 2, H / 2);
    g.rotate((noise.rotateDeg * Math.PI) / 180);
    g.translate(-W / 2, -H / 2);
    if (noise.blur > 0.05) g.filter = `blur(${noise.blur.toFixed(2)}px)`;
    g.fillStyle = `rgb(${ink},${ink},${ink})`;
    let y = MARGIN;
    for (const raw of lines) {
      const l = typeof raw === 'string' ? { text: raw } : raw;
      const size = SIZES[l.size ?? 'normal'];
      g.font = `${l.bold ? 'bold ' : ''}${size}px "${font}"`;
      const width = g.measureText(l.text).width;
      const x = l.align === 'right' ? W - MARGIN - width : l.align === 'center' ? (W - width) / 2 : MARGIN;
      g.fillText(l.text, x, y + size);
      y += Math.round(size * 1.55);
    }
    g.restore();
    // Speckle: dark dots of dust and toner.
    const dots = Math.round(noise.speckle * 6000);
    g.fillStyle = `rgb(${ink + 20},${ink + 20},${ink + 20})`;
    for (let i = 0; i < dots; i++) g.fillRect(r() * W, r() * H, 1 + r() * 2.5, 1 + r() * 2.5);
    return c.toBuffer('image/jpeg', Math.round(noise.jpegQuality));
  });
}

/** A PDF whose pages are the JPEGs (A4), like a scanner's output: no text layer. */
export function jpegsToPdf(jpegs: readonly Buffer[], size: { width: number; height: number } = { width: W, height: H }): Buffer {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const add = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    length += buf.length;
  };
  const obj = (n: number, body: () => void) => {
    offsets[n] = length;
    add(`${n} 0 obj\n`);
    body();
    add('\nendobj\n');
  };
  add('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n');
  const n = jpegs.length;
  const kids = jpegs.map((_, i) => `${3 + i * 3} 0 R`).join(' ');
  obj(1, () => add('<< /Type /Catalog /Pages 2 0 R >>'));
  obj(2, () => add(`<< /Type /Pages /Kids [${kids}] /Count ${n} >>`));
  jpegs.forEach((jpeg, i) => {
    const page = 3 + i * 3;
    obj(page, () => add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 ${page + 1} 0 R >> >> /Contents ${page + 2} 0 R >>`));
    obj(page + 1, () => {
      add(`<< /Type /XObject /Subtype /Image /Width ${size.width} /Height ${size.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`);
      add(jpeg);
      add('\nendstream');
    });
    const content = 'q 595 0 0 842 0 0 cm /Im0 Do Q';
    obj(page + 2, () => add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`));
  });
  const xref = length;
  const count = 3 + n * 3;
  add(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let k = 1; k < count; k++) add(`${String(offsets[k]).padStart(10, '0')} 00000 n \n`);
  add(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}
