import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../api/types';
import { AccessibilityNeeds } from './AccessibilityIcons';
import { formatAge, formatBirthDate, languageName, phoneEnding } from './format';
import { AttributeBadges, IdentityBadge } from './IdentityBadge';
import { sexContext } from '../ui/format';

/**
 * What tells homonyms apart, on one or two lines: birth name (capitals), used name, first names,
 * birth date and age, sex, birth place (commune or country, code in the tooltip), status, phone ending,
 * preferred language when it is not French, accessibility needs.
 */
export function PatientTraits({ patient }: { patient: PatientSummary }) {
  const { t } = useTranslation();
  const birth = patient.birthName.toLocaleUpperCase('fr-FR');
  const used = patient.usedName?.trim();
  const showUsed = used && used.toLocaleUpperCase('fr-FR') !== birth;
  const givenNames = patient.givenNames || patient.firstName;
  const ending = phoneEnding(patient.phone);
  return (
    <span className="patient-traits">
      <span className="patient-traits-name">
        <strong className="birth-name">{birth}</strong>
        {showUsed && <span className="used-name"> ({t('patients.usedName', { name: used.toLocaleUpperCase('fr-FR') })})</span>}{' '}
        <span>{givenNames}</span>
        {patient.usedFirstName && <span className="muted"> ({t('patients.usedFirstNameShort', { name: patient.usedFirstName })})</span>}
      </span>
      <span className="patient-traits-meta">
        <span>{formatBirthDate(patient.birthDate, patient.birthDatePrecision)}</span>
        <span>{formatAge(patient.birthDate, patient.birthDatePrecision, t)}</span>
        <span>{t(`patients.sexShort_${patient.sex}`)}</span>
        {patient.birthPlaceCode && (
          <span title={patient.birthPlaceLabel ? patient.birthPlaceCode : undefined} data-testid="traits-birth-place">
            {t('patients.bornIn', { code: patient.birthPlaceLabel ?? patient.birthPlaceCode, context: sexContext(patient.sex) })}
          </span>
        )}
        {ending && <span>{t('patients.phoneEnding', { ending })}</span>}
        {patient.preferredLanguage && patient.preferredLanguage !== 'fr' && (
          <span className="badge badge-info" data-testid="traits-language">{t('patients.speaks', { language: languageName(patient.preferredLanguage) })}</span>
        )}
        <IdentityBadge status={patient.identityStatus} />
        <AttributeBadges attributes={patient.attributes} />
        <AccessibilityNeeds needs={patient.accessibilityNeeds ?? []} compact />
      </span>
    </span>
  );
}
