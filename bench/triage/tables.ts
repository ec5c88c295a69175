/** Tables printed by the scoring scripts: recall per catalogue entry, intent confusion matrix. */
import { INTENTS } from '../../src/server/triage/types.js';
import type { LabelledMessage } from './data.js';
import type { Prediction } from './metrics.js';

type Row = LabelledMessage & { entry?: string; category?: string };

/** Vital recall and false alarms per catalogue entry (field `entry` or `category`). */
export function perCategory(rows: Row[], preds: Prediction[]): string {
  const by = new Map<string, { vital: number; caught: number; other: number; falseAlarm: number }>();
  rows.forEach((r, i) => {
    const key = r.entry || r.category || '(none)';
    const s = by.get(key) ?? { vital: 0, caught: 0, other: 0, falseAlarm: 0 };
    const vitalPred = preds[i]?.urgency === 'vital';
    if (r.urgency === 'vital') {
      s.vital++;
      if (vitalPred) s.caught++;
    } else {
      s.other++;
      if (vitalPred) s.falseAlarm++;
    }
    by.set(key, s);
  });
  const lines = ['entry'.padEnd(24) + 'vital caught   non-vital false-alarms'];
  for (const [k, s] of [...by.entries()].sort()) {
    lines.push(k.padEnd(24) + `${s.caught}/${s.vital}`.padStart(12) + `${s.falseAlarm}/${s.other}`.padStart(22));
  }
  return lines.join('\n');
}

export function intentMatrix(rows: Row[], preds: Prediction[]): string {
  const short = (s: string): string => s.slice(0, 6);
  const lines = ['truth \\ pred'.padEnd(22) + INTENTS.map((c) => short(c).padStart(7)).join('')];
  for (const t of INTENTS) {
    const cells = INTENTS.map((p) => String(rows.filter((r, i) => r.intent === t && preds[i]?.intent === p).length).padStart(7));
    lines.push(t.padEnd(22) + cells.join(''));
  }
  return lines.join('\n');
}
