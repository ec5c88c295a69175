import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { PatientSummary } from '../api/types';
import { currentLanguage } from '../i18n';
import { PatientPicker } from '../phone-log/PatientPicker';
import { href, navigate, useRoute } from '../router';
import { Alert } from '../ui/Alert';
import { COMPACT, formatDateTime } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { SelectField } from '../ui/SelectField';
import { useLoad } from '../ui/useLoad';
import { AuthorField, useAuthor } from './AuthorField';
import { FILTERS, reportsApi, type Filter } from './api';
import { RecipientsEditor, type RecipientDraft } from './RecipientsEditor';
import './reports.css';

/** #/comptes-rendus — the queue « À valider » (oldest first), drafts, validated reports; and a new report. */
export function ReportsPage({ practitioner }: { practitioner: boolean }) {
  const { t } = useTranslation();
  const route = useRoute();
  const filter = (FILTERS.find((f) => f === route.query.get('filtre')) ?? (practitioner ? 'to_validate' : 'drafts')) as Filter;
  const list = useLoad(() => reportsApi.list(filter), [filter]);
  // The practice's time (Paris), as on the PDF and every other screen; not the browser's zone.
  const dateTime = (iso: string | null) => (iso ? formatDateTime(iso, COMPACT) : '—');
  return (
    <>
      <PageTitle title={t('reports.title')}>{t('reports.title')}</PageTitle>
      <p><a className="button button-primary" href={href('/comptes-rendus/nouveau')} data-testid="report-new">{t('reports.new')}</a></p>
      <nav aria-label={t('reports.filterLabel')} className="button-row report-filters">
        {FILTERS.map((f) => (
          <a key={f} className={`button${f === filter ? ' is-active' : ''}`} aria-current={f === filter ? 'page' : undefined} href={href(`/comptes-rendus?filtre=${f}`)} data-testid={`report-filter-${f}`}>
            {t(`reports.filter.${f}`)}
          </a>
        ))}
      </nav>
      {list.error && <Alert tone="error">{list.error.message}</Alert>}
      {list.data && list.data.reports.length === 0 && <p data-testid="reports-empty">{t('reports.empty')}</p>}
      {list.data && list.data.reports.length > 0 && (
        <table className="table" data-testid="reports-table">
          <caption className="visually-hidden">{t(`reports.filter.${filter}`)}</caption>
          <thead>
            <tr><th scope="col">{t('reports.col.title')}</th><th scope="col">{t('reports.col.patient')}</th><th scope="col">{t('reports.col.author')}</th><th scope="col">{t('reports.col.status')}</th><th scope="col">{filter === 'to_validate' ? t('reports.col.submitted') : t('reports.col.created')}</th></tr>
          </thead>
          <tbody>
            {list.data.reports.map((r) => (
              <tr key={r.id} data-testid="report-row" data-status={r.status}>
                <td><a href={href(`/comptes-rendus/${r.id}`)}>{r.title}{r.amendsId ? ` (${t('reports.amendment')})` : ''}</a>{r.hasAudio && <span className="badge report-audio-badge">{t('reports.audio.badge')}</span>}</td>
                <td>{r.patient.name}</td>
                <td>{r.author.name}</td>
                <td><span className={`badge report-status-${r.status}`}>{t(`reports.status.${r.status}`)}</span></td>
                <td>{dateTime(filter === 'to_validate' ? r.submittedAt : r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** #/comptes-rendus/nouveau — template (per the author's specialty), author, patient, correspondents. */
export function NewReportPage() {
  const { t } = useTranslation();
  const id = useId();
  const authorState = useAuthor();
  const { author } = authorState;
  const templates = useLoad(() => reportsApi.templates(author), [author]);
  const [templateId, setTemplateId] = useState('');
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [recipients, setRecipients] = useState<RecipientDraft[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const template = templateId || templates.data?.templates[0]?.id || '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!patient || !author || !template) {
      setError(t('reports.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { report } = await reportsApi.create({ patientId: patient.id, authorId: author, templateId: template, recipients });
      navigate(`/comptes-rendus/${report.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setBusy(false);
    }
  }
  return (
    <>
      <p><a href={href('/comptes-rendus')}>← {t('reports.title')}</a></p>
      <PageTitle title={t('reports.new')}>{t('reports.new')}</PageTitle>
      {error && <Alert tone="error" testId="report-error">{error}</Alert>}
      <form className="card form stack" onSubmit={(e) => void submit(e)} noValidate data-testid="report-form">
        <div className="form-grid">
          <AuthorField id={`${id}-author`} label={t('reports.col.author')} testId="report-author" state={authorState} />
          <SelectField label={t('reports.template')} value={template} onChange={setTemplateId} testId="report-template">
            {(templates.data?.templates ?? []).map((tp) => <option key={tp.id} value={tp.id}>{tp.label[currentLanguage()]}</option>)}
          </SelectField>
        </div>
        <PatientPicker value={patient} onChange={setPatient} label={t('reports.col.patient')} testId="report-patient" />
        <RecipientsEditor value={recipients} onChange={setRecipients} disabled={false} />
        <button type="submit" className="button button-primary" disabled={busy} data-testid="report-create">{t('reports.create')}</button>
      </form>
    </>
  );
}
