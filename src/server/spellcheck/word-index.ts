/**
 * The suggestion index: every known word form under its accent-free lower-case key.
 * The ~450,000 French forms stay in the one string they were read as (sorted lines "key" or "key<TAB>form<TAB>…",
 * see scripts/build-spellcheck-forms.ts) with an Int32Array of line starts, and are found by binary search: about
 * 100 ms and 15 MB to load, where a Map of them took 0.6–2.5 s and ~100 MB. Lexicon and practice words, a few
 * thousand, go to a small Map beside it.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { stripKey } from './normalize.js';

const NL = 10;
const NONE: readonly string[] = Object.freeze([]);
const TAB = 9;

/** FNV-1a over UTF-16 code units, of `s` from `from` up to a tab or a newline. */
function hashKey(s: string, from = 0): number {
  let h = 0x811c9dc5;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === NL || c === TAB) break;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

export class SortedForms {
  private readonly starts: Int32Array;
  // Open-addressing hash table of the keys (line number + 1, 0 = empty) with the hashes beside them: a suggestion
  // makes thousands of look-ups, and a binary search of 19 string comparisons each was the slowest part.
  private readonly slots: Int32Array;
  private readonly hashes: Uint32Array;
  private readonly mask: number;

  constructor(private readonly text: string) {
    let count = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) count++;
    this.starts = new Int32Array(count);
    let k = 0;
    // Line 0 is the provenance header: the first key starts after it.
    for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) this.starts[k++] = i + 1;
    let size = 1;
    while (size < count * 2) size <<= 1;
    this.mask = size - 1;
    this.slots = new Int32Array(size);
    this.hashes = new Uint32Array(size);
    for (let line = 0; line < count; line++) {
      const h = hashKey(text, this.starts[line]);
      let slot = h & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = line + 1;
      this.hashes[slot] = h;
    }
  }

  get size(): number {
    return this.starts.length;
  }

  /** Compares the key of line `line` with `key`, in UTF-16 code unit order (the order the file was sorted in). */
  private compare(line: number, key: string): number {
    const text = this.text;
    let p = this.starts[line]!;
    for (let i = 0; ; i++, p++) {
      const c = p < text.length ? text.charCodeAt(p) : NL;
      const atEnd = c === NL || c === TAB;
      if (i === key.length) return atEnd ? 0 : 1;
      if (atEnd) return -1;
      const d = c - key.charCodeAt(i);
      if (d !== 0) return d;
    }
  }

  private find(key: string, h = hashKey(key)): number {
    for (let slot = h & this.mask; this.slots[slot] !== 0; slot = (slot + 1) & this.mask) {
      if (this.hashes[slot] === h && this.compare(this.slots[slot]! - 1, key) === 0) return this.slots[slot]! - 1;
    }
    return -1;
  }

  /** Binary search on the sorted lines: kept to check the hash table against in tests. */
  findSorted(key: string): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compare(mid, key);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  hasKey(key: string, h = hashKey(key)): boolean {
    return this.find(key, h) >= 0;
  }

  /** `h` is hashKey(key), when the caller has it already (WordIndex hashes each key once for both tables). */
  forms(key: string, h = hashKey(key)): readonly string[] {
    const line = this.find(key, h);
    if (line < 0) return NONE; // most look-ups miss: no allocation for them
    const start = this.starts[line]!;
    let end = this.text.indexOf('\n', start);
    if (end < 0) end = this.text.length;
    const tab = this.text.indexOf('\t', start);
    if (tab < 0 || tab > end) return [key];
    return this.text.slice(tab + 1, end).split('\t');
  }
}

/** Reads the expanded dictionary-fr forms (see scripts/build-spellcheck-forms.ts). */
export function loadFrenchForms(file: URL): SortedForms {
  return new SortedForms(gunzipSync(readFileSync(file)).toString('utf8'));
}

// Bits of the keys' hashes held in the small Map, to skip its look-up (a second hashing of the string) for the
// thousands of candidate keys of a suggestion that are not there: this halved the cost of a look-up.
// 2^20 one-byte cells (1 MB) for the shared index; a practice's overlay (2,000 words at most) needs far fewer.
const FILTER_BITS = 20;
const OVERLAY_FILTER_BITS = 13;

export class WordIndex {
  private readonly byKey = new Map<string, string[]>();
  private readonly filter: Uint8Array;
  private readonly mask: number;

  constructor(private readonly base?: SortedForms) {
    const bits = base ? FILTER_BITS : OVERLAY_FILTER_BITS;
    this.filter = new Uint8Array(1 << bits);
    this.mask = (1 << bits) - 1;
  }

  add(form: string): void {
    const key = stripKey(form);
    this.filter[hashKey(key) & this.mask] = 1;
    const existing = this.byKey.get(key);
    if (existing === undefined) this.byKey.set(key, [form]);
    else if (!existing.includes(form)) existing.push(form);
  }

  hasKey(key: string): boolean {
    const h = hashKey(key);
    return (this.filter[h & this.mask] === 1 && this.byKey.has(key)) || (this.base?.hasKey(key, h) ?? false);
  }

  forms(key: string): readonly string[] {
    const h = hashKey(key);
    const extra = this.filter[h & this.mask] === 1 ? this.byKey.get(key) : undefined;
    const base = this.base?.forms(key, h) ?? NONE;
    if (!extra) return base;
    return base.length === 0 ? extra : [...new Set([...base, ...extra])];
  }

  get size(): number {
    return this.byKey.size + (this.base?.size ?? 0);
  }
}
