/**
 * Multinomial logistic regression over TF-IDF features, trained with SGD.
 *
 * Why this model: ~550 short labelled texts, 11 classes. A linear model over word and
 * char n-grams is the classic strong baseline at this size, trains in well under a second,
 * predicts in microseconds and its weights can be inspected. No external library.
 */
import { GROUP_WEIGHT, extractFeatures } from './features.js';
import { classWeight, isWordLike, linearScores, sparseVector } from './compiled-model.js';
import { seededRandom as mulberry32 } from '../platform/seeded-random.js';

export interface LinearModel {
  classes: string[];
  vocab: string[];
  idf: number[];
  /** weights[feature][class], bias[class]. */
  weights: number[][];
  bias: number[];
  /** Per feature, its idf then its weight for each class, side by side: the table prediction reads (set by `model-file.ts`). */
  packed?: Float64Array;
  /** What the model was trained on (sizes, hash), for traceability. */
  meta?: Record<string, string | number>;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  minDf?: number;
  seed?: number;
}

type SparseVec = { idx: number[]; val: number[] };

function vectorise(counts: Map<string, number>, index: Map<string, number>, idf: number[]): SparseVec {
  const idx: number[] = [];
  const val: number[] = [];
  const groupNorm: Record<string, number> = {};
  const items: Array<[number, number, string]> = [];
  for (const [k, c] of counts) {
    const i = index.get(k);
    if (i === undefined) continue;
    const g = k[0] as string;
    const v = (1 + Math.log(c)) * (idf[i] as number);
    items.push([i, v, g]);
    groupNorm[g] = (groupNorm[g] ?? 0) + v * v;
  }
  for (const [i, v, g] of items) {
    const n = Math.sqrt(groupNorm[g] as number) || 1;
    idx.push(i);
    val.push((v / n) * (GROUP_WEIGHT[g] ?? 1));
  }
  return { idx, val };
}


function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function trainModel(texts: string[], labels: string[], classes: readonly string[], opts: TrainOptions = {}): LinearModel {
  const { epochs = 40, learningRate = 0.5, l2 = 1e-4, minDf = 2, seed = 42 } = opts;
  const docs = texts.map((t) => extractFeatures(t));
  const df = new Map<string, number>();
  for (const d of docs) for (const k of d.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const vocab = [...df.entries()].filter(([k, n]) => n >= minDf || k.startsWith('m:')).map(([k]) => k).sort();
  const index = new Map(vocab.map((k, i) => [k, i]));
  const n = docs.length;
  const idf = vocab.map((k) => Math.log((1 + n) / (1 + (df.get(k) ?? 0))) + 1);
  const X = docs.map((d) => vectorise(d, index, idf));
  const y = labels.map((l) => classes.indexOf(l));
  const C = classes.length;
  const W = vocab.map(() => new Array<number>(C).fill(0));
  const b = new Array<number>(C).fill(0);
  const rand = mulberry32(seed);
  const order = X.map((_, i) => i);
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const di of order) {
      const x = X[di] as SparseVec;
      const target = y[di] as number;
      if (target < 0) continue;
      const lr = learningRate / (1 + 0.01 * step++ / n);
      const scores = b.slice();
      for (let k = 0; k < x.idx.length; k++) {
        const row = W[x.idx[k] as number] as number[];
        const v = x.val[k] as number;
        for (let c = 0; c < C; c++) scores[c] = (scores[c] as number) + (row[c] as number) * v;
      }
      const p = softmax(scores);
      for (let c = 0; c < C; c++) {
        const g = (p[c] as number) - (c === target ? 1 : 0);
        b[c] = (b[c] as number) - lr * g;
        for (let k = 0; k < x.idx.length; k++) {
          const row = W[x.idx[k] as number] as number[];
          // Lazy L2: only on the features seen in this example.
          row[c] = (row[c] as number) * (1 - lr * l2) - lr * g * (x.val[k] as number);
        }
      }
    }
  }
  return { classes: [...classes], vocab, idf, weights: W, bias: b };
}

/** Class probabilities, most likely first. The features are read through the compiled model (`compiled-model.ts`). */
export function predictProba(model: LinearModel, norm: string): Array<{ label: string; p: number }> {
  const p = softmax(linearScores(model, sparseVector(model, norm)));
  return model.classes.map((label, i) => ({ label, p: p[i] as number })).sort((a, b2) => b2.p - a.p);
}

/** The features of `norm` that push hardest towards `label` (for explanations). */
export function topFeatures(model: LinearModel, norm: string, label: string, n = 3): string[] {
  const c = model.classes.indexOf(label);
  const other = c === 0 ? 1 : 0;
  const x = sparseVector(model, norm);
  // Only words and word pairs can be evidence: the others (most of a vector) are dropped before their weights are read.
  const contributions: Array<{ name: string; v: number }> = [];
  for (let k = 0; k < x.idx.length; k++) {
    const fi = x.idx[k] as number;
    if (!isWordLike(model, fi)) continue;
    const v = (classWeight(model, fi, c) - classWeight(model, fi, other)) * (x.val[k] as number);
    if (v > 0) contributions.push({ name: model.vocab[fi] as string, v });
  }
  return contributions
    .sort((a, b) => b.v - a.v)
    .slice(0, n)
    .map((f) => f.name.slice(2).replace('_', ' '));
}
