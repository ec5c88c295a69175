/** Scoring helpers shared by the bench scripts (same definitions as the official scorer). */
import type { LabelledMessage } from './data.js';

export interface Prediction {
  intent: string;
  urgency: string;
  lang: string;
  reasons?: Array<{ code: string; evidence: string }>;
}

export interface Scores {
  n: number;
  vitalRecall: number;
  vitalPrecision: number;
  urgencyAccuracy: number;
  intentAccuracy: number;
  intentMacroF1: number;
  langAccuracy: number;
}

export function score(rows: LabelledMessage[], preds: Prediction[]): Scores {
  const n = rows.length;
  let vt = 0, vh = 0, vf = 0, uo = 0, io = 0, lo = 0;
  rows.forEach((r, i) => {
    const p = preds[i] as Prediction;
    if (r.urgency === 'vital') vt++;
    if (p.urgency === 'vital') vf++;
    if (r.urgency === 'vital' && p.urgency === 'vital') vh++;
    if (p.urgency === r.urgency) uo++;
    if (p.intent === r.intent) io++;
    if (p.lang === r.lang) lo++;
  });
  const classes = [...new Set(rows.map((r) => r.intent))];
  const f1 = classes.map((c) => {
    let tp = 0, fp = 0, fn = 0;
    rows.forEach((r, i) => {
      const p = (preds[i] as Prediction).intent;
      if (r.intent === c && p === c) tp++;
      else if (p === c) fp++;
      else if (r.intent === c) fn++;
    });
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return {
    n,
    vitalRecall: vt ? vh / vt : 1,
    vitalPrecision: vf ? vh / vf : 0,
    urgencyAccuracy: uo / n,
    intentAccuracy: io / n,
    intentMacroF1: f1.reduce((a, b) => a + b, 0) / (f1.length || 1),
    langAccuracy: lo / n,
  };
}

const pct = (x: number): string => (100 * x).toFixed(1) + ' %';

export function report(title: string, rows: LabelledMessage[], preds: Prediction[], showErrors = true): Scores {
  const s = score(rows, preds);
  const vitalTrue = rows.filter((r) => r.urgency === 'vital').length;
  const vitalHit = rows.filter((r, i) => r.urgency === 'vital' && preds[i]?.urgency === 'vital').length;
  const vitalFlagged = preds.filter((p) => p.urgency === 'vital').length;
  console.log(`\n=== ${title} (n=${s.n}) ===`);
  console.log(`vital recall     ${pct(s.vitalRecall)} (${vitalHit}/${vitalTrue})`);
  console.log(`vital precision  ${pct(s.vitalPrecision)} (${vitalHit}/${vitalFlagged})`);
  console.log(`urgency accuracy ${pct(s.urgencyAccuracy)}`);
  console.log(`intent accuracy  ${pct(s.intentAccuracy)}   macro-F1 ${pct(s.intentMacroF1)}`);
  console.log(`lang accuracy    ${pct(s.langAccuracy)}`);
  // Confusion summary: urgency matrix and the most frequent intent confusions.
  const levels = ['vital', 'same_day', 'routine'];
  console.log('urgency confusion (rows = truth, cols = predicted):');
  console.log('            ' + levels.map((l) => l.padStart(9)).join(''));
  for (const t of levels) {
    console.log(t.padEnd(12) + levels.map((p) => String(rows.filter((r, i) => r.urgency === t && preds[i]?.urgency === p).length).padStart(9)).join(''));
  }
  const pairs = new Map<string, number>();
  rows.forEach((r, i) => {
    const p = preds[i]?.intent;
    if (p && p !== r.intent) pairs.set(`${r.intent} -> ${p}`, (pairs.get(`${r.intent} -> ${p}`) ?? 0) + 1);
  });
  const top = [...pairs.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  console.log('intent confusions: ' + (top.length ? top.map(([k, v]) => `${k} (${v})`).join(', ') : 'none'));
  if (showErrors) {
    const errs = rows.map((r, i) => ({ r, p: preds[i] as Prediction })).filter(({ r, p }) => r.intent !== p.intent || r.urgency !== p.urgency || r.lang !== p.lang);
    if (errs.length) console.log('misclassified:');
    for (const { r, p } of errs) {
      const what: string[] = [];
      if (r.intent !== p.intent) what.push(`intent ${r.intent}->${p.intent}`);
      if (r.urgency !== p.urgency) what.push(`urgency ${r.urgency}->${p.urgency}`);
      if (r.lang !== p.lang) what.push(`lang ${r.lang}->${p.lang}`);
      const why = (p.reasons ?? []).filter((x) => !x.code.startsWith('INTENT')).map((x) => `${x.code}[${x.evidence}]`).join(' ');
      console.log(`  ${r.id} ${what.join(', ')} | ${r.text.slice(0, 140)}${why ? `\n      ${why}` : ''}`);
    }
  }
  return s;
}
