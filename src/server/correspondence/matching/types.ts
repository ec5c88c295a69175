/** Shared shapes of the matching sub-domain: OCR output, tokens, evidence. Boxes are in pixels of the page image. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  /** null when the text did not come from an image (PDF text layer, typed text). */
  box: Box | null;
  /** 0–100, as tesseract gives it; 100 for text that was not read by OCR. */
  confidence: number;
}

export interface OcrLine {
  words: OcrWord[];
}

export interface OcrPage {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  lines: OcrLine[];
  /** Mean word confidence, 0–100. */
  confidence: number;
  source: 'ocr' | 'pdf-text' | 'text';
}

/** One word of the document, split further on hyphens and apostrophes for name comparison. */
export interface Token {
  /** Index in the document's token list. */
  index: number;
  /** As read. */
  raw: string;
  /** Upper case, accents folded, letters only, OCR digit look-alikes turned into letters (0→O, 1→I, 5→S, 8→B). */
  alpha: string;
  page: number;
  line: number;
  /** The box of the word this token comes from. */
  box: Box | null;
}

export interface WordRef {
  page: number;
  text: string;
  box: Box | null;
}

export interface IdentifierFound {
  kind: 'nir' | 'ins';
  /** 15 characters, key checked; 13 when only the body was read (no key). */
  value: string;
  keyChecked: boolean;
  tokens: number[];
}

export interface DateFound {
  /** ISO dates this text can mean (a two-digit year gives both centuries when both are in the past). */
  iso: string[];
  /** Preceded by « né(e) le », « date de naissance », « DDN »… */
  labelled: boolean;
  text: string;
  tokens: number[];
}

export type NameLabel = 'title' | 'patient' | 'name' | 'birthName' | 'usedName' | 'firstName' | 'child';

export interface NameSpan {
  label: NameLabel;
  /** Sex implied by the title (Madame → F, Monsieur → M). */
  sex: 'F' | 'M' | null;
  tokens: number[];
}

export interface Extraction {
  tokens: Token[];
  identifiers: IdentifierFound[];
  dates: DateFound[];
  names: NameSpan[];
  /** Tokens that name a practitioner (after Dr, Pr, Docteur…): never read as the patient's name. */
  practitionerTokens: number[];
}
