import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GROUP_WEIGHT, extractFeatures } from './features.js';
import { predictProba, trainModel } from './classifier.js';
import type { LinearModel } from './classifier.js';
import { PairTable } from './feature-space.js';
import { normalize } from './normalize.js';

/**
 * Training's own arithmetic (classifier.ts `vectorise` + softmax), from the feature strings: the reference. `round`:
 * the idf and weights as the compiled model holds them (single precision, `compiled-model.ts`), or as trained.
 */
function referenceProba(model: LinearModel, norm: string, round: (x: number) => number = Math.fround): number[] {
  const index = new Map(model.vocab.map((k, i) => [k, i]));
  const items: Array<[number, number, string]> = [];
  const groupNorm: Record<string, number> = {};
  for (const [k, c] of extractFeatures(norm)) {
    const i = index.get(k);
    if (i === undefined) continue;
    const v = (1 + Math.log(c)) * round(model.idf[i] as number);
    items.push([i, v, k[0] as string]);
    groupNorm[k[0] as string] = (groupNorm[k[0] as string] ?? 0) + v * v;
  }
  const scores = model.bias.slice();
  for (const [i, v, g] of items) {
    const x = (v / (Math.sqrt(groupNorm[g] as number) || 1)) * (GROUP_WEIGHT[g] ?? 1);
    for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) + round(model.weights[i]?.[c] as number) * x;
  }
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

const byClass = (model: LinearModel, norm: string): number[] => {
  const ranked = predictProba(model, norm);
  return model.classes.map((c) => ranked.find((r) => r.label === c)?.p as number);
};

describe('shared feature space', () => {
  const a = ['je voudrais un rendez vous jeudi', 'annuler mon rdv de demain', 'mal à la gorge et fièvre', 'douleur thoracique depuis ce matin', 'café crème à emporter', 'rendez vous annulé'];
  const modelA = trainModel(a.map(normalize), ['book', 'cancel', 'ill', 'ill', 'book', 'cancel'], ['book', 'cancel', 'ill'], { minDf: 1, epochs: 5 });
  const b = ['fièvre depuis hier', 'le bébé ne boit plus', 'no chest pain', 'chest pain since noon', 'rendez vous demain matin'];
  const modelB = trainModel(b.map(normalize), ['x', 'y', 'x', 'y', 'x'], ['x', 'y'], { minDf: 1, epochs: 5 });

  it('each model gives, bit for bit, what training computes from the feature strings, whichever models share the space', () => {
    const texts = [...a, ...b, 'ça fait mal au cœur 😢 rendez-vous annulé', 'nothing known here'].map(normalize);
    const before = texts.map((t) => byClass(modelA, t));
    for (const t of texts) expect(byClass(modelB, t)).toEqual(referenceProba(modelB, t));
    // Model B was compiled after A and grew the space: A's answers do not move.
    texts.forEach((t, i) => expect(byClass(modelA, t)).toEqual(before[i]));
    for (const t of texts) expect(byClass(modelA, t)).toEqual(referenceProba(modelA, t));
    // Single precision moves a probability by far less than any threshold or rounding the engine shows can see.
    for (const t of texts) {
      const exact = referenceProba(modelA, t, (x) => x);
      byClass(modelA, t).forEach((p, c) => expect(Math.abs(p - (exact[c] as number))).toBeLessThan(1e-6));
    }
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'rendez vous fièvre chest pain café annulé demain bébé xx'.split(' ')), { maxLength: 12 }), (words) => {
        const t = normalize(words.join(' '));
        expect(byClass(modelA, t)).toEqual(referenceProba(modelA, t));
        expect(byClass(modelB, t)).toEqual(referenceProba(modelB, t));
      }),
    );
  });

  it('the pair table grows without losing entries', () => {
    const t = new PairTable(2);
    for (let i = 0; i < 5000; i++) t.set(i, i * 7, i);
    for (let i = 0; i < 5000; i++) expect(t.get(i, i * 7)).toBe(i);
    expect(t.get(3, 4)).toBe(-1);
    t.set(10, 70, 99);
    expect(t.get(10, 70)).toBe(99);
  });
});
