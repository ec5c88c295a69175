import type { Accessibility, Amc, Amo } from './contract.js';

/**
 * Expired or soon-expired rights, computed from the administrative file for the desk. Pure.
 * A right « until » a date is valid through that date (inclusive).
 */
export interface RightsAlert {
  section: 'amo' | 'ald' | 'exemption' | 'amc';
  label: string;
  until: string;
  state: 'expired' | 'expiring';
}

export function rightsAlerts(amo: Amo | null, amc: Amc | null, today: string, soonDays = 30): RightsAlert[] {
  const soon = addDays(today, soonDays);
  const alerts: RightsAlert[] = [];
  const check = (section: RightsAlert['section'], label: string, until: string | null) => {
    if (!until) return;
    if (until < today) alerts.push({ section, label, until, state: 'expired' });
    else if (until <= soon) alerts.push({ section, label, until, state: 'expiring' });
  };
  if (amo) {
    check('amo', `Droits AMO (${amo.caisse})`, amo.rightsUntil);
    for (const a of amo.ald) check('ald', `ALD\u00a0: ${a.label}`, a.until);
    for (const e of amo.exemptions) check('exemption', EXEMPTION_LABELS[e.kind] + (e.label ? ` (${e.label})` : ''), e.until);
  }
  // « Mutuelle (Mutuelle Générale) », not « Mutuelle Mutuelle Générale »: the organism's name often says it already.
  if (amc) check('amc', `Mutuelle (${amc.organisme})`, amc.validUntil);
  return alerts;
}

export const EXEMPTION_LABELS: Record<Amo['exemptions'][number]['kind'], string> = {
  css: 'Complémentaire santé solidaire (CSS)',
  ame: 'Aide médicale de l’État (AME)',
  maternite: 'Maternité',
  at_mp: 'Accident du travail / maladie professionnelle',
  invalidite: 'Invalidité',
  other: 'Exonération',
};

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The accessibility needs to show wherever the patient appears (list, agenda, desk). */
export function accessibilityFlags(a: Accessibility | null): ('hearing' | 'sight' | 'mobility' | 'cognitive' | 'interpreter')[] {
  if (!a) return [];
  return (['hearing', 'sight', 'mobility', 'cognitive', 'interpreter'] as const).filter((k) => a[k]);
}

/** Age in whole years on a day (for « minor » rules: legal representative expected under 18). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
