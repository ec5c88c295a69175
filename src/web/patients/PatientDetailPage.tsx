import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { href } from '../router';
import { Alert } from '../ui/Alert';
import { formatIsoDate } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { formatPatientLine } from './format';
import { IdentityBadge } from './IdentityBadge';

export function PatientDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const result = useLoad(() => api.patient(id), [id]);
  const patient = result.data?.patient;
  const title = patient ? formatPatientLine(patient, t) : t('patients.detailTitle');
  return (
    <>
      <p className="breadcrumb">
        <a href={href('/patients')}>← {t('patients.backToList')}</a>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      {result.error && <Alert tone="error">{result.error.message}</Alert>}
      {result.loading && <p className="muted">{t('common.loading')}</p>}
      {patient && (
        <section className="card">
          <dl className="details-grid" data-testid="patient-details">
            <dt>{t('patients.birthName')}</dt>
            <dd>{patient.birthName.toLocaleUpperCase('fr-FR')}</dd>
            <dt>{t('patients.usedNameLabel')}</dt>
            <dd>{patient.usedName ? patient.usedName.toLocaleUpperCase('fr-FR') : <span className="muted">—</span>}</dd>
            <dt>{t('patients.firstName')}</dt>
            <dd>{patient.firstName}</dd>
            <dt>{t('patients.birthDate')}</dt>
            <dd>{formatIsoDate(patient.birthDate)}</dd>
            <dt>{t('patients.sex')}</dt>
            <dd>{t(`patients.sex_${patient.sex}`)}</dd>
            <dt>{t('patients.identityStatus')}</dt>
            <dd><IdentityBadge status={patient.identityStatus} /></dd>
            <dt>{t('patients.phone')}</dt>
            <dd>{patient.phone || <span className="muted">—</span>}</dd>
            <dt>{t('patients.email')}</dt>
            <dd>{patient.email || <span className="muted">—</span>}</dd>
          </dl>
        </section>
      )}
    </>
  );
}
