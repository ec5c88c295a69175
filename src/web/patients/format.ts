import type { PatientSummary } from '../api/types';
import { formatIsoDate } from '../ui/format';

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * Identity display following the identity-vigilance habit: birth name in capitals first,
 * then the used name when it differs, then the first name and the birth date.
 * e.g. « DUPONT (nom utilisé : MARTIN) Marie — 12/03/1958 » (wording of the used-name part from i18n).
 */
export function formatPatientName(patient: PatientSummary, t: T): string {
  const birth = patient.birthName.toLocaleUpperCase('fr-FR');
  const used = patient.usedName?.trim();
  const usedPart =
    used && used.toLocaleUpperCase('fr-FR') !== birth
      ? ` (${t('patients.usedName', { name: used.toLocaleUpperCase('fr-FR') })})`
      : '';
  return `${birth}${usedPart} ${patient.firstName}`;
}

export function formatPatientLine(patient: PatientSummary, t: T): string {
  return `${formatPatientName(patient, t)} — ${formatIsoDate(patient.birthDate)}`;
}
