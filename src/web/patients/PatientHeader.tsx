import { useTranslation } from 'react-i18next';
import type { Patient } from '../api/types';
import { formatDate, COMPACT, formatPhone, sexContext } from '../ui/format';
import { AccessibilityNeeds } from './AccessibilityIcons';
import { formatAge, formatBirthDate, languageName } from './format';
import { AttributeBadges, IdentityBadge } from './IdentityBadge';

/** What the desk must see at once: status, warnings, accessibility needs, language, expired rights. */
export function PatientHeader({ patient }: { patient: Patient }) {
  const { t } = useTranslation();
  const language = patient.contact.preferredLanguage;
  const interpreterLanguage = patient.accessibility?.interpreterLanguage ? languageName(patient.accessibility.interpreterLanguage) : null;
  const expired = patient.rightsAlerts.filter((a) => a.state === 'expired');
  const expiring = patient.rightsAlerts.filter((a) => a.state === 'expiring');
  return (
    <section className="patient-header card" aria-label={t('patients.headerLabel')} data-testid="patient-header">
      <div className="patient-header-line">
        <span>{formatBirthDate(patient.birthDate, patient.birthDatePrecision)} ({formatAge(patient.birthDate, patient.birthDatePrecision, t)})</span>
        <span>{t(`patients.sex_${patient.sex}`)}</span>
        {patient.birthPlaceLabel && <span>{t('patients.bornInPlace', { place: patient.birthPlaceLabel, context: sexContext(patient.sex) })}</span>}
        {patient.phone && <span>{formatPhone(patient.phone)}</span>}
        {patient.isMinor && <span className="badge badge-neutral">{t('patients.minor')}</span>}
        {patient.gp && (
          <span data-testid="header-gp">
            {t('patients.gpLine', { name: patient.gp.name })}
            {patient.gp.inPractice && <> <span className="badge badge-accent">{t('patients.admin.inPractice')}</span></>}
          </span>
        )}
      </div>
      <div className="patient-header-line">
        <IdentityBadge status={patient.identityStatus} />
        <AttributeBadges attributes={patient.attributes} />
        {language && language !== 'fr' && (
          <span className="badge badge-info" data-testid="preferred-language">{t('patients.speaks', { language: languageName(language) })}</span>
        )}
      </div>
      {patient.accessibilityNeeds.length > 0 && (
        <div className="patient-header-needs">
          <AccessibilityNeeds needs={patient.accessibilityNeeds} interpreterLanguage={interpreterLanguage} />
          {patient.accessibility?.notes && <p className="muted needs-notes">{patient.accessibility.notes}</p>}
        </div>
      )}
      {expired.length > 0 && (
        <div className="alert alert-error rights-flag" data-testid="rights-expired">
          <strong>{t('patients.rights.expiredTitle')}</strong>{' '}
          {expired.map((a) => t('patients.rights.item', { label: a.label, date: formatDate(a.until, COMPACT) })).join(' · ')}
        </div>
      )}
      {expiring.length > 0 && (
        <div className="alert alert-warning rights-flag" data-testid="rights-expiring">
          <strong>{t('patients.rights.expiringTitle')}</strong>{' '}
          {expiring.map((a) => t('patients.rights.item', { label: a.label, date: formatDate(a.until, COMPACT) })).join(' · ')}
        </div>
      )}
    </section>
  );
}
