/** What the practice sees of the triage rules: the catalogue with its sources, and the statistical detector. */
import { CATALOGUE } from './catalogue.js';
import { vitalModel } from './bundled-models.js';

export interface TriageRulesDescription {
  entries: Array<{ id: string; label: string; source: string; code: string }>;
  model: { threshold: number; trainedOn: number; features: number };
}

export function describeTriageRules(): TriageRulesDescription {
  const meta = vitalModel().meta ?? {};
  return {
    entries: CATALOGUE.map((e) => ({ id: e.id, label: e.label, source: e.source, code: `VITAL_C_${e.id.toUpperCase()}` })),
    model: { threshold: Number(meta.threshold ?? 0), trainedOn: Number(meta.trainedOn ?? 0), features: Number(meta.features ?? 0) },
  };
}
