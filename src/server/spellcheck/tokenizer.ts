/**
 * Splits a text into the words to check, with offsets in UTF-16 code units of the text (what JavaScript's
 * String.prototype.slice uses, and what the contract promises).
 * Left out on purpose: anything with a digit (doses "5 mg" stay words only for their unit, "6,8 %", HbA1c, codes,
 * dates; the checker asks for them with `codes`, to read them only as slips of known acronyms), e-mail addresses,
 * URLs, and single letters. Elisions (l', d', qu'…) are cut off so that the word after
 * the apostrophe is checked alone: "d'amlodipine" is checked as "amlodipine".
 */

export interface Token {
  start: number;
  end: number;
  text: string;
  /** First word of a sentence, a line or a list item: a capital there says nothing about a proper noun. */
  sentenceInitial: boolean;
  /** Letters and digits (HbA1c, HER2): checked only as a possible slip of a known acronym (see acronyms.ts). */
  code?: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’\u2011-][\p{L}\p{M}\p{N}]+)*/gu;
const MASKS = [
  /\b(?:https?|ftp):\/\/[^\s<>"]+/giu,
  /\bwww\.[^\s<>"]+/giu,
  // Each starts only where its run of letters starts (the look-behind): unanchored, a 20,000-letter run took 0.6 s.
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu,
  // Domain-like or file-like names (cabinet-martin.fr, compte-rendu.pdf) are not prose words either.
  /(?<![\p{L}\p{N}-])[\p{L}\p{N}-]+\.(?:fr|com|org|net|eu|gouv|pdf|docx?|jpe?g|png|txt)\b/giu,
];
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)['’]/iu;
const SENTENCE_END = /[.!?:;…•·*\n\r\t(\[{«"“>|=—–-]/u;

function maskedRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const re of MASKS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}

function isSentenceInitial(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\u00a0' || text[i] === '\u202f' || text[i] === '\'' || text[i] === '’')) i--;
  if (i < 0) return true;
  return SENTENCE_END.test(text[i]!);
}

/** The words of a text; with `codes`, also its runs of letters and digits (HbS1c, HE2), marked `code`. */
export function tokenize(text: string, codes = false): Token[] {
  const masks = maskedRanges(text);
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let start = m.index;
    let word = m[0];
    const end = start + word.length;
    if (masks.some(([a, b]) => start < b && end > a)) continue;
    const code = /\p{N}/u.test(word);
    if (code && !codes) continue;
    const initial = isSentenceInitial(text, start);
    const elision = ELISION.exec(word);
    if (elision) {
      start += elision[0].length;
      word = word.slice(elision[0].length);
    }
    // A trailing hyphen or apostrophe is not matched by WORD; strip any leftover joiner at the edges anyway.
    if (word.length < 2) continue;
    tokens.push(code ? { start, end, text: word, sentenceInitial: initial, code } : { start, end, text: word, sentenceInitial: initial });
  }
  return tokens;
}

/** The hyphen-separated parts of a compound, with their own offsets. */
export function splitCompound(token: Token): Token[] {
  const parts: Token[] = [];
  const re = /[^-\u2011]+/gu;
  for (let m = re.exec(token.text); m; m = re.exec(token.text)) {
    const start = token.start + m.index;
    parts.push({ start, end: start + m[0].length, text: m[0], sentenceInitial: token.sentenceInitial && m.index === 0 });
  }
  return parts;
}
