import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { href } from '../router';
import { Alert } from '../ui/Alert';
import { AccessibilityNeeds } from './AccessibilityIcons';
import { formatAge, formatBirthDate, languageName, phoneEnding } from './format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { formatIdentity } from '../ui/format';
import { AttributeBadges, IdentityBadge } from './IdentityBadge';
import './patients.css';
import { DataTable } from '../ui/DataTable';

const LIMIT = 50;

export function PatientsPage() {
  const { t } = useTranslation();
  const searchId = useId();
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');

  // Search as the user types, without a request per keystroke.
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(input.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [input]);

  const result = useLoad(() => api.patients(query, LIMIT), [query]);
  const patients = result.data?.patients ?? [];

  return (
    <>
      <PageTitle
        title={t('patients.title')}
        actions={<a href={href('/patients/new')} className="button button-primary" data-testid="patients-create">{t('patients.create.link')}</a>}
      >
        {t('patients.title')}
      </PageTitle>
      <form role="search" className="search-bar" onSubmit={(e) => { e.preventDefault(); setQuery(input.trim()); }}>
        <label htmlFor={searchId}>{t('patients.search')}</label>
        <input
          id={searchId}
          type="search"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          placeholder={t('patients.searchPlaceholder')}
          aria-describedby={`${searchId}-hint`}
          data-testid="patient-search"
        />
        <p id={`${searchId}-hint`} className="field-hint">{t('patients.searchHint')}</p>
      </form>
      {result.error && <Alert tone="error">{result.error.message}</Alert>}
      <p role="status" className="muted result-count">
        {result.loading ? t('common.loading') : t('patients.count', { count: patients.length })}
      </p>
      {patients.length > 0 && (
        <DataTable testId="patients-table" caption={t('patients.tableCaption')} columns={[t('patients.name'), t('patients.birthDate'), t('patients.sex'), t('patients.birthPlace'), t('patients.phone'), t('patients.identityStatus'), t('patients.needs.label')]}>
          {patients.map((patient) => (
            <tr key={patient.id} data-testid="patient-row">
              <th scope="row">
                <a href={href(`/patients/${encodeURIComponent(patient.id)}`)}>{formatIdentity(patient)}</a>
                {patient.givenNames && patient.givenNames !== patient.firstName && <span className="muted given-names"> ({patient.givenNames})</span>}
                {patient.preferredLanguage && patient.preferredLanguage !== 'fr' && (
                  <> <span className="badge badge-info" data-testid="row-language">{t('patients.speaks', { language: languageName(patient.preferredLanguage) })}</span></>
                )}
              </th>
              <td className="nowrap">{formatBirthDate(patient.birthDate, patient.birthDatePrecision)} <span className="muted">{formatAge(patient.birthDate, patient.birthDatePrecision, t)}</span></td>
              <td>{t(`patients.sex_${patient.sex}`)}</td>
              <td data-testid="row-birth-place">
                {patient.birthPlaceLabel ?? patient.birthPlaceCode ?? ''}
                {patient.birthPlaceLabel && <span className="muted"> ({patient.birthPlaceCode})</span>}
              </td>
              <td className="nowrap">{phoneEnding(patient.phone)}</td>
              <td><IdentityBadge status={patient.identityStatus} /> <AttributeBadges attributes={patient.attributes} /></td>
              <td><AccessibilityNeeds needs={patient.accessibilityNeeds ?? []} compact /></td>
            </tr>
          ))}
        </DataTable>
      )}
      {patients.length >= LIMIT && <p className="muted">{t('patients.refine', { limit: LIMIT })}</p>}
    </>
  );
}
