/**
 * The delimited syntax HL7 v2 (ER7) and HPRIM Santé share: fields, repetitions, components, sub-components and an
 * escape character, all declared by the message itself (MSH-1/MSH-2, H.2). Splitting before unescaping is safe
 * because an escape sequence (\F\, \S\…) replaces a delimiter and never contains one.
 */
export interface Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
}

/** HL7 v2 defaults `|^~\&`. HPRIM Santé declares `|~^\&`: component `~`, repetition `^` (see hprim.ts). */
export const HL7_DEFAULT: Delimiters = { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' };

import { decodeWindows1252 } from './decode.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function hexText(hex: string): string {
  if (hex.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(hex)) return '';
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * \F\ \S\ \T\ \R\ \E\ → the delimiter itself; \Xhh…\ → the bytes it encodes; \.br\ → a new line; \H\ \N\
 * (highlighting on/off) → nothing. An unknown or unterminated sequence is kept as written rather than guessed.
 */
export function unescape(text: string, d: Delimiters): string {
  const e = d.escape;
  if (e === '' || !text.includes(e)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c !== e) {
      out += c;
      i++;
      continue;
    }
    const end = text.indexOf(e, i + 1);
    if (end < 0) {
      out += text.slice(i);
      break;
    }
    const seq = text.slice(i + 1, end);
    let rep: string | null = null;
    if (seq === 'F') rep = d.field;
    else if (seq === 'S') rep = d.component;
    else if (seq === 'T') rep = d.subcomponent;
    else if (seq === 'R') rep = d.repetition;
    else if (seq === 'E') rep = d.escape;
    else if (seq === '.br') rep = '\n';
    else if (seq === 'H' || seq === 'N') rep = '';
    else if (seq.startsWith('X') && seq.length > 1) rep = hexText(seq.slice(1));
    if (rep === null) {
      out += c; // not an escape sequence: keep the character and go on after it
      i++;
    } else {
      out += rep;
      i = end + 1;
    }
  }
  return out;
}

/** The inverse of `unescape` for the five delimiters (used by the test writers, and to quote values back). */
export function escape(text: string, d: Delimiters): string {
  let out = '';
  for (const c of text) {
    if (c === d.escape) out += `${d.escape}E${d.escape}`;
    else if (c === d.field) out += `${d.escape}F${d.escape}`;
    else if (c === d.component) out += `${d.escape}S${d.escape}`;
    else if (c === d.subcomponent) out += `${d.escape}T${d.escape}`;
    else if (c === d.repetition) out += `${d.escape}R${d.escape}`;
    else out += c;
  }
  return out;
}

/** One segment's fields; `fields[0]` is the segment name. */
export class Segment {
  constructor(
    readonly name: string,
    readonly fields: string[],
    readonly line: number,
    private readonly d: Delimiters,
  ) {}

  raw(i: number): string {
    return this.fields[i] ?? '';
  }

  /** The repetitions of field i, each split into components (raw, not unescaped). */
  repetitions(i: number): string[][] {
    const f = this.raw(i);
    if (f === '') return [];
    return f.split(this.d.repetition).map((r) => r.split(this.d.component));
  }

  /** Component c (1-based) of the first repetition of field i, first sub-component, unescaped and trimmed. */
  get(i: number, c = 1, sub = 1): string {
    const rep = this.raw(i).split(this.d.repetition)[0] ?? '';
    const comp = rep.split(this.d.component)[c - 1] ?? '';
    const s = comp.split(this.d.subcomponent)[sub - 1] ?? '';
    return unescape(s, this.d).trim();
  }

  /** The whole field i unescaped, components joined by a space (labels, free text). */
  text(i: number): string {
    return this.raw(i)
      .split(this.d.repetition)
      .map((r) => r.split(this.d.component).map((c) => unescape(c.split(this.d.subcomponent).join(' '), this.d)).join(' '))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  }

  /** A sub-component of an already split component (for CX/XCN inside repetitions). */
  part(component: string | undefined, sub = 1): string {
    return unescape((component ?? '').split(this.d.subcomponent)[sub - 1] ?? '', this.d).trim();
  }
}
