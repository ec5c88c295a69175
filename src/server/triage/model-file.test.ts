import { describe, expect, it } from 'vitest';
import { predictProba, trainModel } from './classifier.js';
import type { LinearModel } from './classifier.js';
import { decodeModel, encodeModel } from './model-file.js';
import { intentModel, sameDayModel, vitalModel } from './bundled-models.js';
import { INTENTS } from './types.js';
import { normalize } from './normalize.js';

const texts = ['je voudrais un rendez vous jeudi', 'annuler mon rdv de demain', 'i need a repeat prescription', 'ordonnance à renouveler', 'can i book for friday', 'cancel my appointment please'];
const labels = ['book', 'cancel', 'renew', 'renew', 'book', 'cancel'];

/** Weights rounded as the file stores them (4 decimals), so a trained model and its file can be compared exactly. */
const rounded = (m: LinearModel): LinearModel => {
  const r = (v: number): number => Math.round(v * 1e4) / 1e4;
  return { ...m, idf: m.idf.map(r), weights: m.weights.map((w) => w.map(r)), bias: m.bias.map(r) };
};

describe('model file (binary)', () => {
  const model = rounded(trainModel(texts.map(normalize), labels, ['book', 'cancel', 'renew'], { minDf: 1, epochs: 5 }));
  model.meta = { trainedOn: texts.length, note: 'é, ü' };
  const decoded = decodeModel(encodeModel(model));

  it('gives back the same model, value for value', () => {
    expect(decoded.classes).toEqual(model.classes);
    expect(decoded.vocab).toEqual(model.vocab);
    expect(decoded.idf).toEqual(model.idf);
    expect(decoded.weights).toEqual(model.weights);
    expect(decoded.bias).toEqual(model.bias);
    expect(decoded.meta).toEqual(model.meta);
  });

  it('predicts bit-for-bit what the model in memory predicts', () => {
    for (const t of [...texts, 'rendez vous pour renouveler l ordonnance', 'rien à voir']) expect(predictProba(decoded, normalize(t))).toEqual(predictProba(model, normalize(t)));
  });

  it('refuses a file that is not a model, or truncated', () => {
    const buf = encodeModel(model);
    expect(() => decodeModel(buf.subarray(0, buf.length - 8))).toThrow(/truncated/);
    expect(() => decodeModel(Buffer.from('{"classes":[]}'))).toThrow(/not a Pivot model/);
  });

  it('the bundled models load, with their classes and training meta', () => {
    expect(intentModel().classes).toEqual([...INTENTS]);
    expect(vitalModel().classes).toContain('vital');
    expect(Number(vitalModel().meta?.threshold)).toBeGreaterThan(0);
    expect(sameDayModel().classes).toEqual(['same_day', 'routine']);
    expect(intentModel().vocab.length).toBe(Number(intentModel().meta?.features));
  });
});
