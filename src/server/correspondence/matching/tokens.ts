import { foldAccents } from '../../patients/index.js';
import type { OcrPage, Token } from './types.js';

/**
 * Tokens of a read document and the OCR-tolerant forms the extractor compares. Pure.
 * OCR confuses digits and letters that look alike (0/O, 1/l/I, 5/S, 8/B): a name is compared with digits
 * turned into letters, a number with letters turned into digits.
 */

const TO_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B', '|': 'I', '€': 'E', '$': 'S' };
const TO_DIGIT: Record<string, string> = {
  O: '0', o: '0', Q: '0', D: '0', l: '1', I: '1', i: '1', '|': '1', '!': '1', S: '5', s: '5', B: '8', Z: '2', z: '2', G: '6', b: '6',
};

const digitCount = (s: string) => (s.match(/[0-9]/g) ?? []).length;

/** Upper case, accents folded, letters only; digit look-alikes read as letters. '' for a mostly numeric word. */
export function alphaForm(raw: string): string {
  const letters = raw.replace(/[^\p{L}0-9|€$]/gu, '');
  if (letters.length === 0 || digitCount(letters) * 2 >= letters.length) return '';
  return foldAccents(letters)
    .toUpperCase()
    .replace(/[015|8€$]/g, (c) => TO_LETTER[c] ?? c)
    .replace(/[^A-Z]/g, '');
}

/**
 * The digits a word stands for when it is mostly digits (separators dropped, look-alikes read as digits), or
 * null when it is a word. « 2B » and « 2A » stay (Corsican NIRs).
 */
export function digitForm(raw: string): string | null {
  const s = raw.replace(/[.\-_,;:/()]/g, '');
  if (s.length === 0) return null;
  if (digitCount(s) * 2 < s.length) return null;
  const out = s.replace(/2A/g, '\u0001').replace(/2B/g, '\u0002').replace(/[A-Za-z|!]/g, (c) => TO_DIGIT[c] ?? '?');
  return /^[0-9\u0001\u0002]+$/.test(out) ? out.replace(/\u0001/g, '2A').replace(/\u0002/g, '2B') : null;
}

/** A short group read entirely as look-alikes (« OO », « l »): digits only inside a number that has real digits. */
export function weakDigitForm(raw: string): string | null {
  return /^[0-9OolI|]{1,3}$/.test(raw) ? raw.replace(/[OolI|]/g, (c) => TO_DIGIT[c] ?? '1') : null;
}

/** Pages of typed text (tests, bench --text, PDF text layers): one line per string, no boxes. */
export function pagesFromText(lines: readonly string[], source: OcrPage['source'] = 'text'): OcrPage[] {
  const pages: OcrPage[] = [];
  let current: string[] = [];
  const flush = () => {
    pages.push({
      page: pages.length + 1,
      width: 0,
      height: 0,
      confidence: 100,
      source,
      lines: current.map((l) => ({ words: l.split(/\s+/).filter((w) => w.length > 0).map((text) => ({ text, box: null, confidence: 100 })) })),
    });
    current = [];
  };
  for (const l of lines) {
    if (l === '\f') flush();
    else current.push(l);
  }
  flush();
  return pages;
}

/**
 * The document's tokens in reading order. A word with no digit is split on hyphens and apostrophes
 * (« MARTIN-DUBOIS », « d'Almeida ») so that each part of a compound name is compared; each part keeps the
 * word's box. Lines are numbered across pages.
 */
export function tokenize(pages: readonly OcrPage[]): Token[] {
  const tokens: Token[] = [];
  let line = 0;
  for (const p of pages) {
    for (const l of p.lines) {
      for (const w of l.words) {
        // OCR glues words at colons and dots (« Nom:ROUX », « GOFF.Yann », « M.DUPONT »): split after them.
        const glued = w.text.split(/(?<=:)(?=.)|(?<=\.)(?=\p{Lu})/u).filter((s) => s.length > 0);
        const parts = glued.flatMap((g) => (/[0-9]/.test(g) ? [g] : g.split(/[-'’]+/).filter((s) => s.length > 0)));
        for (const raw of parts) tokens.push({ index: tokens.length, raw, alpha: alphaForm(raw), page: p.page, line, box: w.box });
      }
      line++;
    }
  }
  return tokens;
}

/** The tokens of each line, in order (the extractor reads line by line). */
export function byLine(tokens: readonly Token[]): Token[][] {
  const lines: Token[][] = [];
  for (const t of tokens) {
    const last = lines[lines.length - 1];
    if (last && last[0]!.line === t.line) last.push(t);
    else lines.push([t]);
  }
  return lines;
}
