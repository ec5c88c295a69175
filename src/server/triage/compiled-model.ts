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
 * The lookups themselves are shared by the three models (`feature-space.ts`): a text is read once.
 */
import type { LinearModel } from './classifier.js';
import { GROUP_WEIGHT, STOP, cueTokens } from './features.js';
import { featureCount, gramId, occurrencesOf, pack, pairId, tokenId, wordId } from './feature-space.js';

interface CompiledModel {
  /** Global feature id (`feature-space.ts`) -> this model's feature index, or -1. Ids added later are absent. */
  local: Int32Array;
  /** All `c:` n-grams by their text, built on first need (a token with a non-ASCII character). */
  gramStrings?: Map<string, number>;
  cues: Map<string, number>;
  /** Per feature: its group (first letter of its name) as a small integer, and the groups' weights. */
  group: Uint8Array;
  groupWeight: number[];
  /** Per feature, side by side (one or two cache lines, not three objects): its idf, then its weight for each class, in single precision. */
  rows: Float32Array;
  /** Floats per row: the idf, then one weight per class. */
  stride: number;
  /** Per feature: 1 for a word or a word pair (`w:`, `b:`), the only features an explanation shows. */
  wordLike: Uint8Array;
  classes: number;
  /** Scratch: count per feature, reset after each text. */
  counts: Int32Array;
  /** The last text's vector: a detector that fires reads it again for its evidence (`topFeatures`). */
  last?: { norm: string; vector: SparseVector };
}

const compiled = new WeakMap<LinearModel, CompiledModel>();

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

function compile(model: LinearModel): CompiledModel {
  const { vocab } = model;
  // (global id, feature) pairs first: the global space grows while the vocabulary is read.
  const globals: number[] = [];
  const features: number[] = [];
  const map = (g: number, i: number): void => {
    globals.push(g);
    features.push(i);
  };
  const cues = new Map<string, number>();
  const groupIds = new Map<string, number>();
  const groupWeight: number[] = [];
  const group = new Uint8Array(vocab.length);
  const wordLike = new Uint8Array(vocab.length);
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
    if (key.startsWith('w:') || key.startsWith('b:')) wordLike[i] = 1;
    if (key.startsWith('w:')) {
      if (!STOP.has(rest)) map(wordId(tokenId(rest)), i);
    } else if (key.startsWith('b:')) {
      // "b:" + left + "_" + right: every "_" may be the joint.
      for (let p = rest.indexOf('_'); p >= 0; p = rest.indexOf('_', p + 1)) map(pairId(tokenId(rest.slice(0, p)), tokenId(rest.slice(p + 1))), i);
    } else if (key.startsWith('c:')) {
      if ((rest.length === 3 || rest.length === 4) && isAscii(rest)) {
        for (let k = 0; k < rest.length; k++) gramCodes[k] = rest.charCodeAt(k);
        map(gramId(pack(gramCodes, 0, rest.length), rest.length), i);
      }
    } else if (key.startsWith('m:')) cues.set(rest, i);
  }
  const local = new Int32Array(featureCount()).fill(-1);
  for (let k = 0; k < globals.length; k++) local[globals[k] as number] = features[k] as number;
  if (groupWeight.length > 255) throw new Error('too many feature groups');
  const C = model.classes.length;
  const packed = model.packed ?? new Float64Array(vocab.length * (C + 1));
  if (packed.length !== vocab.length * (C + 1)) throw new Error('model: packed table of the wrong size');
  for (let i = 0; i < vocab.length && !model.packed; i++) {
    packed[i * (C + 1)] = model.idf[i] as number;
    const w = model.weights[i] as number[];
    for (let c = 0; c < C; c++) packed[i * (C + 1) + 1 + c] = w[c] as number;
  }
  // Single precision: half the memory the prediction reads (6.9 MB -> 3.5 MB for the three models), and each
  // feature's first read is a cache miss. The stored values are rounded to 4 decimals, far coarser than a float's
  // 7 digits: a probability moves by less than 1e-7 (7.5e-8 at most over 23,649 predictions of our sets, and
  // no answer changed on 8,504 messages, `docs/triage.md`). Measured: +4 to +7 % messages per CPU-second.
  const stride = C + 1;
  const rows = Float32Array.from(packed);
  return { local, cues, group, groupWeight, rows, stride, wordLike, classes: C, counts: new Int32Array(vocab.length) };
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

/** The model's features of `norm` in first-seen order, with their counts (then reset). */
function featureCounts(model: LinearModel, cm: CompiledModel, norm: string): { idx: number[]; counts: number[] } {
  const { counts, local } = cm;
  const idx: number[] = [];
  const { ids, length, odd } = occurrencesOf(norm);
  for (let k = 0; k < length; k++) {
    const g = ids[k] as number;
    if (g >= 0) {
      const f = g < local.length ? (local[g] as number) : -1;
      if (f >= 0 && (counts[f] = (counts[f] as number) + 1) === 1) idx.push(f);
      continue;
    }
    // A token with a non-ASCII character: its n-grams by their text.
    const strings = gramStringsOf(model, cm);
    const text = ` ${odd[-1 - g] as string} `;
    for (let n = 3; n <= 4; n++) {
      for (let j = 0; j + n <= text.length; j++) {
        const f = strings.get(text.slice(j, j + n));
        if (f !== undefined && (counts[f] = (counts[f] as number) + 1) === 1) idx.push(f);
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
  // A compiled model's features are all in the space when it is compiled: its vector of a text never changes.
  if (cm.last?.norm === norm) return cm.last.vector;
  const vector = computeVector(cm, model, norm);
  cm.last = { norm, vector };
  return vector;
}

/** Math.log of small counts, read from a table (the same doubles: they are Math.log's own results). */
const LOG = Float64Array.from({ length: 64 }, (_, n) => Math.log(n));

function computeVector(cm: CompiledModel, model: LinearModel, norm: string): SparseVector {
  const { idx, counts } = featureCounts(model, cm, norm);
  const groupNorm = new Array<number>(cm.groupWeight.length).fill(0);
  const raw: number[] = [];
  for (let k = 0; k < idx.length; k++) {
    const f = idx[k] as number;
    const n = counts[k] as number;
    const v = (1 + (n < LOG.length ? (LOG[n] as number) : Math.log(n))) * (cm.rows[f * cm.stride] as number);
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
  const { rows, stride } = compiledOf(model);
  const scores = model.bias.slice();
  for (let k = 0; k < x.idx.length; k++) {
    const at = (x.idx[k] as number) * stride + 1;
    const v = x.val[k] as number;
    for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) + (rows[at + c] as number) * v;
  }
  return scores;
}

/** Is the model's feature `f` a word or a word pair? */
export function isWordLike(model: LinearModel, f: number): boolean {
  return compiledOf(model).wordLike[f] === 1;
}

/** The weight of feature `f` for class `c`. */
export function classWeight(model: LinearModel, f: number, c: number): number {
  const { rows, stride } = compiledOf(model);
  return rows[f * stride + 1 + c] as number;
}
