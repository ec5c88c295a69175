/**
 * One feature space for all the linear models of the engine (intent, vital, same-day): each word, word pair and
 * character n-gram any model knows gets one global id, and each compiled model maps global ids to its own
 * features with an array (`compiled-model.ts`).
 *
 * Why: the three models read the same message (the vital one a copy with negated words masked, often the same
 * text). Tokenising it, hashing every pair and every character n-gram three times was the engine's largest cost;
 * now a text's features are found once (`occurrencesOf`, cached for the last texts) and each model only indexes an
 * array. The traversal is the one training's `extractFeatures` makes, so each model still sees its features in
 * first-occurrence order and sums them in the same order: its probabilities do not change, bit for bit.
 */
import { contentTokens } from './features.js';

/** Open addressing from a pair of non-negative int32 keys to an int (-1 when absent), growing as needed. */
export class PairTable {
  /** Slots of three ints side by side (key a, key b, value): one cache line per probe; a = -1 is empty. */
  private slots: Int32Array;
  private shift = 0;
  private mask = 0;
  private size = 0;

  constructor(entries = 8) {
    this.slots = this.alloc(entries);
  }

  private alloc(entries: number): Int32Array {
    let bits = 4;
    while (1 << bits < entries * 2) bits++;
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    return new Int32Array(3 << bits).fill(-1);
  }

  private slot(a: number, b: number): number {
    return Math.imul(a ^ Math.imul(b, 0x27d4eb2d), 0x9e3779b1) >>> this.shift;
  }

  set(a: number, b: number, value: number): void {
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    const t = this.slots;
    let s = this.slot(a, b);
    while (t[3 * s] !== -1 && (t[3 * s] !== a || t[3 * s + 1] !== b)) s = (s + 1) & this.mask;
    if (t[3 * s] === -1) this.size++;
    t[3 * s] = a;
    t[3 * s + 1] = b;
    t[3 * s + 2] = value;
  }

  get(a: number, b: number): number {
    const t = this.slots;
    for (let s = this.slot(a, b); ; s = (s + 1) & this.mask) {
      const k = t[3 * s] as number;
      if (k === -1) return -1;
      if (k === a && t[3 * s + 1] === b) return t[3 * s + 2] as number;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = this.alloc(2 * (this.mask + 1));
    this.size = 0;
    for (let s = 0; s < old.length; s += 3) if (old[s] !== -1) this.set(old[s] as number, old[s + 1] as number, old[s + 2] as number);
  }
}

/** Character n-gram of `padded` (" " + token + " ") starting at j, packed as an integer (ASCII codes). */
export const pack = (codes: ArrayLike<number>, j: number, n: number): number =>
  n === 3 ? ((codes[j] as number) << 14) | ((codes[j + 1] as number) << 7) | (codes[j + 2] as number) : ((codes[j] as number) << 21) | ((codes[j + 1] as number) << 14) | ((codes[j + 2] as number) << 7) | (codes[j + 3] as number);

const tokens = new Map<string, number>();
/** Token id -> global id of its word feature, or -1. */
let wordOf = new Int32Array(1024).fill(-1);
/** (left token id, right token id) -> global id of the pair. */
const pairs = new PairTable(1 << 15);
/** (packed ASCII n-gram, n) -> global id. */
const grams = new PairTable(1 << 15);
let nextId = 0;
/** Bumped whenever the space grows: cached occurrences of a text may then miss features. */
let generation = 0;

export const featureCount = (): number => nextId;

export function tokenId(t: string): number {
  let id = tokens.get(t);
  if (id === undefined) {
    id = tokens.size;
    tokens.set(t, id);
    if (id >= wordOf.length) {
      const grown = new Int32Array(2 * wordOf.length).fill(-1);
      grown.set(wordOf);
      wordOf = grown;
    }
    generation++;
  }
  return id;
}

const fresh = (): number => {
  generation++;
  return nextId++;
};

export function wordId(token: number): number {
  if ((wordOf[token] as number) < 0) wordOf[token] = fresh();
  return wordOf[token] as number;
}

export function pairId(left: number, right: number): number {
  let g = pairs.get(left, right);
  if (g < 0) pairs.set(left, right, (g = fresh()));
  return g;
}

export function gramId(packed: number, n: number): number {
  let g = grams.get(packed, n);
  if (g < 0) grams.set(packed, n, (g = fresh()));
  return g;
}

/**
 * The features of a text in traversal order, repeats included: the word, the pair it starts, then its character
 * 3-grams and 4-grams, token by token. A token with a non-ASCII character is given as -1 - k, `odd[k]` being the
 * token: its n-grams are looked up by their text, model by model.
 */
export interface Occurrences {
  ids: Int32Array;
  length: number;
  odd: string[];
}

/** Scratch: the char codes of " " + token + " ". */
let codes = new Int32Array(64);
let scratch = new Int32Array(256);

/**
 * What the space knows of one token: its id (-1: unknown), its word feature (-1: none), and its character
 * 3-grams then 4-grams that are features, in traversal order (null: a non-ASCII token, read by its text).
 */
interface TokenInfo {
  id: number;
  word: number;
  grams: Int32Array | null;
}

/**
 * Why: most of a message's words were seen in earlier messages, and their up to nine n-gram look-ups (each a
 * probe in a table of several MB: a cache miss) gave the same ids every time. A token's look-ups are kept here,
 * for the space's current generation; the traversal below is unchanged, so the ids come in the same order.
 */
const known = new Map<string, TokenInfo>();
let knownGeneration = -1;
/** Bounds the memory a stream of never-seen tokens can take (a long-running server). */
const KNOWN_MAX = 50_000;

const NO_GRAMS = new Int32Array(0);

function lookUp(t: string): TokenInfo {
  const id = tokens.get(t) ?? -1;
  const word = id >= 0 ? (wordOf[id] as number) : -1;
  if (t.length < 3 || t === '<num>') return { id, word, grams: NO_GRAMS };
  if (t.length + 2 > codes.length) codes = new Int32Array(2 * (t.length + 2));
  codes[0] = 32;
  for (let j = 0; j < t.length; j++) {
    const c = t.charCodeAt(j);
    if (c > 127) return { id, word, grams: null };
    codes[j + 1] = c;
  }
  codes[t.length + 1] = 32;
  const padded = t.length + 2;
  const found: number[] = [];
  for (let len = 3; len <= 4; len++) {
    for (let j = 0; j + len <= padded; j++) {
      const g = grams.get(pack(codes, j, len), len);
      if (g >= 0) found.push(g);
    }
  }
  return { id, word, grams: Int32Array.from(found) };
}

/**
 * Longer tokens are not kept: V8 may make them slices of the message's text, and a kept slice would keep the whole
 * message (up to 5,000 characters) alive, one message per new long word. The rare long words are looked up each time.
 */
const KNOWN_LONGEST = 12;

function infoOf(t: string): TokenInfo {
  if (t.length > KNOWN_LONGEST) return lookUp(t);
  if (knownGeneration !== generation || known.size >= KNOWN_MAX) {
    known.clear();
    knownGeneration = generation;
  }
  let info = known.get(t);
  if (info === undefined) {
    info = lookUp(t);
    known.set(t, info);
  }
  return info;
}

function extract(norm: string): Occurrences {
  const content = contentTokens(norm);
  const odd: string[] = [];
  let n = 0;
  // At most: a word, a pair and all the n-grams of every token.
  let most = 0;
  const infos: TokenInfo[] = new Array(content.length);
  for (let i = 0; i < content.length; i++) {
    const info = infoOf(content[i] as string);
    infos[i] = info;
    most += 3 + (info.grams === null ? 0 : info.grams.length);
  }
  if (most > scratch.length) scratch = new Int32Array(2 * most);
  for (let i = 0; i < content.length; i++) {
    const info = infos[i] as TokenInfo;
    const id = info.id;
    if (id >= 0) {
      if (info.word >= 0) scratch[n++] = info.word;
      const next = i + 1 < content.length ? (infos[i + 1] as TokenInfo).id : -1;
      if (next >= 0) {
        const p = pairs.get(id, next);
        if (p >= 0) scratch[n++] = p;
      }
    }
    const g = info.grams;
    if (g === null) {
      scratch[n++] = -1 - odd.length;
      odd.push(content[i] as string);
      continue;
    }
    for (let k = 0; k < g.length; k++) scratch[n++] = g[k] as number;
  }
  return { ids: scratch.slice(0, n), length: n, odd };
}

/** The last texts read (the intent and same-day models read the same text, the vital model often too). */
const recent: Array<{ norm: string; generation: number; occ: Occurrences }> = [];

export function occurrencesOf(norm: string): Occurrences {
  for (const r of recent) if (r.norm === norm && r.generation === generation) return r.occ;
  const occ = extract(norm);
  recent.unshift({ norm, generation, occ });
  if (recent.length > 2) recent.length = 2;
  return occ;
}
