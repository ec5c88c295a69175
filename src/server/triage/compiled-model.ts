/**
 * A trained linear model compiled for prediction: the same features and the same arithmetic as
 * `extractFeatures` + `vectorise` in training, without building a string per feature.
 *
 * Why: two thirds of the classifiers' time went into making `"c:" + slice` and `"b:" + t + "_" + next`
 * strings and hashing them twice (the counts Map, then the vocabulary Map). Here a token is looked up
 * once; a word pair is a pair of token ids; a character 3-4-gram is an integer made from its char codes
 * (ASCII; other tokens take the string path). Features absent from the vocabulary are dropped at once:
 * training's `vectorise` skips them too, so the vector is the same, in the same order (first occurrence),
 * and the sums run in the same order: the probabilities are bit-for-bit those of the string path.
 */
import type { LinearModel } from './classifier.js';
import { GROUP_WEIGHT, STOP, contentTokens, cueTokens } from './features.js';

/** Open addressing from a pair of non-negative int32 keys to a feature index (-1 when absent). */
class PairTable {
  /** Slots of three ints side by side (key a, key b, value): one cache line per probe; a = -1 is empty. */
  private readonly slots: Int32Array;
  private readonly shift: number;
  private readonly mask: number;

  constructor(entries: number) {
    let bits = 4;
    while (1 << bits < entries * 2) bits++;
    this.slots = new Int32Array(3 << bits).fill(-1);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
  }

  private slot(a: number, b: number): number {
    return Math.imul(a ^ Math.imul(b, 0x27d4eb2d), 0x9e3779b1) >>> this.shift;
  }

  set(a: number, b: number, value: number): void {
    const t = this.slots;
    let s = this.slot(a, b);
    while (t[3 * s] !== -1 && (t[3 * s] !== a || t[3 * s + 1] !== b)) s = (s + 1) & this.mask;
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
}

interface CompiledModel {
  /** Every token that is a word feature or one side of a word-pair feature. */
  tokens: Map<string, number>;
  /** Token id -> index of its `w:` feature, or -1 (stop words never are: extraction skips them). */
  wordFeature: Int32Array;
  /** (left token id, right token id) -> index of the `b:` feature. */
  pairs: PairTable;
  /** (char codes packed, n) -> index of the `c:` feature, for ASCII n-grams. */
  grams: PairTable;
  /** All `c:` n-grams by their text, built on first need (a token with a non-ASCII character). */
  gramStrings?: Map<string, number>;
  cues: Map<string, number>;
  /** Per feature: its group (first letter of its name) as a small integer, and the groups' weights. */
  group: Uint8Array;
  groupWeight: number[];
  /** Per feature, side by side (one or two cache lines, not three objects): its idf, then its weight for each class. */
  rows: Float64Array;
  classes: number;
  /** Scratch: count per feature, reset after each text. */
  counts: Int32Array;
}

const compiled = new WeakMap<LinearModel, CompiledModel>();

/** Character n-gram of `padded` (" " + token + " ") starting at j, packed as an integer. */
const pack = (codes: ArrayLike<number>, j: number, n: number): number =>
  n === 3 ? ((codes[j] as number) << 14) | ((codes[j + 1] as number) << 7) | (codes[j + 2] as number) : ((codes[j] as number) << 21) | ((codes[j + 1] as number) << 14) | ((codes[j + 2] as number) << 7) | (codes[j + 3] as number);

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

function compile(model: LinearModel): CompiledModel {
  const { vocab } = model;
  const tokens = new Map<string, number>();
  const tokenId = (t: string): number => {
    let id = tokens.get(t);
    if (id === undefined) {
      id = tokens.size;
      tokens.set(t, id);
    }
    return id;
  };
  // Sized first, then filled directly: no tuple per vocabulary entry (compiling is on the CLI's start-up path).
  let nPairs = 0;
  let nGrams = 0;
  for (const key of vocab) {
    if (key.startsWith('b:')) nPairs++;
    else if (key.startsWith('c:')) nGrams++;
  }
  const pairTable = new PairTable(nPairs);
  const gramTable = new PairTable(nGrams);
  const wordOf: number[] = [];
  const cues = new Map<string, number>();
  const groupIds = new Map<string, number>();
  const groupWeight: number[] = [];
  const group = new Uint8Array(vocab.length);
  const gramCodes = [0, 0, 0, 0];
  for (let i = 0; i < vocab.length; i++) {
    const key = vocab[i] as string;
    const g = key[0] ?? '';
    let gid = groupIds.get(g);
    if (gid === undefined) {
      gid = groupIds.size;
      groupIds.set(g, gid);
      groupWeight.push(GROUP_WEIGHT[g] ?? 1);
    }
    group[i] = gid;
    // Later duplicates overwrite earlier ones, as in `new Map(vocab.map((k, i) => [k, i]))`.
    const rest = key.slice(2);
    if (key.startsWith('w:')) {
      if (!STOP.has(rest)) wordOf[tokenId(rest)] = i;
    } else if (key.startsWith('b:')) {
      // "b:" + left + "_" + right: every "_" may be the joint.
      for (let p = rest.indexOf('_'); p >= 0; p = rest.indexOf('_', p + 1)) pairTable.set(tokenId(rest.slice(0, p)), tokenId(rest.slice(p + 1)), i);
    } else if (key.startsWith('c:')) {
      if ((rest.length === 3 || rest.length === 4) && isAscii(rest)) {
        for (let k = 0; k < rest.length; k++) gramCodes[k] = rest.charCodeAt(k);
        gramTable.set(pack(gramCodes, 0, rest.length), rest.length, i);
      }
    } else if (key.startsWith('m:')) cues.set(rest, i);
  }
  const wordFeature = new Int32Array(tokens.size).fill(-1);
  wordOf.forEach((f, t) => {
    wordFeature[t] = f;
  });
  if (groupWeight.length > 255) throw new Error('too many feature groups');
  const C = model.classes.length;
  const rows = model.packed ?? new Float64Array(vocab.length * (C + 1));
  if (rows.length !== vocab.length * (C + 1)) throw new Error('model: packed table of the wrong size');
  for (let i = 0; i < vocab.length && !model.packed; i++) {
    rows[i * (C + 1)] = model.idf[i] as number;
    const w = model.weights[i] as number[];
    for (let c = 0; c < C; c++) rows[i * (C + 1) + 1 + c] = w[c] as number;
  }
  return { tokens, wordFeature, pairs: pairTable, grams: gramTable, cues, group, groupWeight, rows, classes: C, counts: new Int32Array(vocab.length) };
}

function compiledOf(model: LinearModel): CompiledModel {
  let cm = compiled.get(model);
  if (!cm) {
    cm = compile(model);
    compiled.set(model, cm);
  }
  return cm;
}

function gramStringsOf(model: LinearModel, cm: CompiledModel): Map<string, number> {
  if (!cm.gramStrings) {
    cm.gramStrings = new Map();
    model.vocab.forEach((k, i) => {
      if (k.startsWith('c:')) cm.gramStrings?.set(k.slice(2), i);
    });
  }
  return cm.gramStrings;
}

export interface SparseVector {
  idx: number[];
  val: number[];
}

/** Scratch: the char codes of " " + token + " ". */
let codes = new Int32Array(64);

/** The model's features of `norm` in first-seen order, with their counts (then reset). */
function featureCounts(model: LinearModel, cm: CompiledModel, norm: string): { idx: number[]; counts: number[] } {
  const { counts, wordFeature, pairs, grams } = cm;
  const idx: number[] = [];
  const content = contentTokens(norm);
  let next = content.length > 0 ? (cm.tokens.get(content[0] as string) ?? -1) : -1;
  for (let i = 0; i < content.length; i++) {
    const id = next;
    next = i + 1 < content.length ? (cm.tokens.get(content[i + 1] as string) ?? -1) : -1;
    // Same order as extraction: the word, the pair it starts, then its character n-grams.
    if (id >= 0) {
      const w = wordFeature[id] as number;
      if (w >= 0 && (counts[w] = (counts[w] as number) + 1) === 1) idx.push(w);
      if (next >= 0) {
        const f = pairs.get(id, next);
        if (f >= 0 && (counts[f] = (counts[f] as number) + 1) === 1) idx.push(f);
      }
    }
    const t = content[i] as string;
    if (t.length < 3 || t === '<num>') continue;
    if (t.length + 2 > codes.length) codes = new Int32Array(2 * (t.length + 2));
    let ascii = true;
    codes[0] = 32;
    for (let j = 0; j < t.length; j++) {
      const c = t.charCodeAt(j);
      if (c > 127) ascii = false;
      codes[j + 1] = c;
    }
    codes[t.length + 1] = 32;
    const padded = t.length + 2;
    if (ascii) {
      for (let n = 3; n <= 4; n++) {
        for (let j = 0; j + n <= padded; j++) {
          const f = grams.get(pack(codes, j, n), n);
          if (f >= 0 && (counts[f] = (counts[f] as number) + 1) === 1) idx.push(f);
        }
      }
    } else {
      const strings = gramStringsOf(model, cm);
      const text = ` ${t} `;
      for (let n = 3; n <= 4; n++) {
        for (let j = 0; j + n <= padded; j++) {
          const f = strings.get(text.slice(j, j + n));
          if (f !== undefined && (counts[f] = (counts[f] as number) + 1) === 1) idx.push(f);
        }
      }
    }
  }
  for (const c of cueTokens(norm)) {
    const f = cm.cues.get(c);
    if (f !== undefined && (counts[f] = (counts[f] as number) + 1) === 1) idx.push(f);
  }
  const out = idx.map((f) => counts[f] as number);
  for (const f of idx) counts[f] = 0;
  return { idx, counts: out };
}

/** TF-IDF, L2-normalised per group, times the group's weight: `vectorise` of training, same operations in the same order. */
export function sparseVector(model: LinearModel, norm: string): SparseVector {
  const cm = compiledOf(model);
  const { idx, counts } = featureCounts(model, cm, norm);
  const groupNorm = new Array<number>(cm.groupWeight.length).fill(0);
  const raw: number[] = [];
  for (let k = 0; k < idx.length; k++) {
    const f = idx[k] as number;
    const v = (1 + Math.log(counts[k] as number)) * (cm.rows[f * (cm.classes + 1)] as number);
    raw.push(v);
    const g = cm.group[f] as number;
    groupNorm[g] = (groupNorm[g] as number) + v * v;
  }
  const val: number[] = [];
  for (let k = 0; k < idx.length; k++) {
    const g = cm.group[idx[k] as number] as number;
    const n = Math.sqrt(groupNorm[g] as number) || 1;
    val.push(((raw[k] as number) / n) * (cm.groupWeight[g] as number));
  }
  return { idx, val };
}

/** Class scores: the bias, plus each feature's weights times its value, summed in the vector's order. */
export function linearScores(model: LinearModel, x: SparseVector): number[] {
  const { rows, classes: C } = compiledOf(model);
  const scores = model.bias.slice();
  for (let k = 0; k < x.idx.length; k++) {
    const at = (x.idx[k] as number) * (C + 1) + 1;
    const v = x.val[k] as number;
    for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) + (rows[at + c] as number) * v;
  }
  return scores;
}

/** The weight of feature `f` for class `c`. */
export function classWeight(model: LinearModel, f: number, c: number): number {
  const { rows, classes: C } = compiledOf(model);
  return rows[f * (C + 1) + 1 + c] as number;
}
