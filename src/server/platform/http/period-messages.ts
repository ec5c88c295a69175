/** Sentences shared by every screen that asks for a period of dates (journals, statistics, exports). */
import type { Localized } from './errors.js';

export const PERIOD_MESSAGES = {
  invalidDate: { fr: 'Date invalide.', en: 'Invalid date.' },
  periodReversed: { fr: 'La fin de période précède son début.', en: 'The end of the period comes before its start.' },
} as const satisfies Record<string, Localized>;

/** « Période limitée à 3 mois. » — the longest period a screen accepts, said in its own unit. */
export function periodLimited(fr: string, en: string): Localized {
  return { fr: `Période limitée à ${fr}.`, en: `The period is limited to ${en}.` };
}
