import type { BirthDatePrecision, PatientSummary } from '../api/types';
import i18n from '../i18n';
import { formatDate, COMPACT, formatIdentity, practiceToday } from '../ui/format';
import { clock } from '../clock';

type T = (key: string, options?: Record<string, unknown>) => string;

export function formatPatientLine(patient: PatientSummary): string {
  return `${formatIdentity(patient)} — ${formatBirthDate(patient.birthDate, patient.birthDatePrecision)}`;
}

/** "1958-03-12" → "12/03/1958"; incomplete dates (RNIV) → "03/1958" or "1958". */
export function formatBirthDate(iso: string, precision: BirthDatePrecision = 'day'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  if (precision === 'year') return match[1]!;
  if (precision === 'month') return `${match[2]}/${match[1]}`;
  return formatDate(iso, COMPACT);
}

/** Age in whole years today (approximate when the day or month is unknown). */
export function ageOf(iso: string, today = clock.now()): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age -= 1;
  return age;
}

export function formatAge(iso: string, precision: BirthDatePrecision | undefined, t: T): string {
  const age = ageOf(iso);
  if (age === null) return '';
  return t(precision && precision !== 'day' ? 'patients.ageApprox' : 'patients.age', { count: age });
}

/** The last four digits of a phone number, to tell homonyms apart without showing the whole number. */
export function phoneEnding(phone: string | null | undefined): string {
  const digits = (phone ?? '').replace(/\D/g, '');
  if (digits.length < 4) return '';
  return `…${digits.slice(-4, -2)} ${digits.slice(-2)}`;
}

/** "ar" → "arabe" (in the interface language). */
export function languageName(code: string | null | undefined): string {
  if (!code) return '';
  try {
    const names = new Intl.DisplayNames([i18n.language === 'en' ? 'en' : 'fr'], { type: 'language' });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** ISO date "2026-10-13" → is it before today? */
export function isPast(isoDate: string | null | undefined): boolean {
  if (!isoDate) return false;
  return isoDate < practiceToday();
}
