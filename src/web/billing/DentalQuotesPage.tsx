import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../api/types';
import { PatientPicker } from '../phone-log/PatientPicker';
import { href, useRoute } from '../router';
import { Alert } from '../ui/Alert';
import { formatDate, formatMoney, uiLang } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { DentalQuoteDetail } from './DentalQuoteDetail';
import { DentalQuoteForm } from './DentalQuoteForm';
import { dentalApi } from './dentalApi';
import './billing.css';

/**
 * « Devis » (#/facturation/devis): the dental quotes per patient or dentist, a new quote with its acts and the
 * mandatory alternative, and one quote (present, sign on screen, print, bill a done act).
 */
export function DentalQuotesPage() {
  const { path } = useRoute();
  const sub = decodeURIComponent(path.slice('/facturation/devis'.length).replace(/^\//, ''));
  if (sub === 'nouveau') return <DentalQuoteForm />;
  if (sub) return <DentalQuoteDetail id={sub} />;
  return <QuoteList />;
}

function QuoteList() {
  const { t } = useTranslation();
  const lang = uiLang();
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [practitionerId, setPractitionerId] = useState('');
  const catalogue = useLoad(() => dentalApi.catalogue(), []);
  const list = useLoad(() => dentalApi.list({ patientId: patient?.id, practitionerId: practitionerId || undefined }), [patient?.id, practitionerId]);
  const quotes = list.data?.quotes ?? [];
  return (
    <div className="page dental-quotes" data-testid="dental-quotes">
      <PageTitle title={t('billing.dental.title')}>{t('billing.dental.title')}</PageTitle>
      <p><a className="button button-primary" href={href('/facturation/devis/nouveau')} data-testid="dental-new">{t('billing.dental.new')}</a></p>
      <div className="billing-filters">
        <PatientPicker value={patient} onChange={setPatient} label={t('billing.dental.patient')} testId="dental-filter-patient" />
        <label>{t('billing.dental.dentist')}{' '}
          <select value={practitionerId} onChange={(e) => setPractitionerId(e.target.value)} data-testid="dental-filter-dentist">
            <option value="">{t('billing.dental.allDentists')}</option>
            {catalogue.data?.dentists.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
        </label>
      </div>
      {list.error && <Alert tone="error">{list.error.message}</Alert>}
      {!list.loading && quotes.length === 0 && <p className="muted">{t('billing.dental.empty')}</p>}
      {quotes.length > 0 && (
        <div className="table-wrap">
          <table className="table table-dense" data-testid="dental-list">
            <thead>
              <tr>
                <th scope="col">{t('billing.dental.date')}</th><th scope="col">{t('billing.dental.patient')}</th><th scope="col">{t('billing.dental.dentist')}</th>
                <th scope="col">{t('billing.dental.status')}</th><th scope="col" className="num">{t('billing.dental.fee')}</th><th scope="col" className="num">{t('billing.dental.remaining')}</th>
                <th scope="col">{t('billing.dental.billed')}</th><th scope="col">{t('billing.desk.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {quotes.map((q) => (
                <tr key={q.id}>
                  <td>{formatDate(q.date)}</td><td>{q.patient.name}</td><td>{q.practitioner.name}</td>
                  <td><span className={`dq-status dq-status-${q.status}`}>{t(`billing.dental.states.${q.status}`)}</span></td>
                  <td className="num">{formatMoney(q.feeCents, lang)}</td><td className="num">{formatMoney(q.patientCents, lang)}</td>
                  <td>{q.billed > 0 ? t('billing.dental.billedCount', { count: q.billed }) : ''}</td>
                  <td><a className="button button-small" href={href(`/facturation/devis/${q.id}`)}>{t('billing.desk.open')}<span className="visually-hidden"> — {t('billing.dental.openFor', { name: q.patient.name, date: formatDate(q.date) })}</span></a></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
