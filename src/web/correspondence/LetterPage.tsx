import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { PatientSummary } from '../api/types';
import { currentLanguage } from '../i18n';
import { PatientPicker } from '../phone-log/PatientPicker';
import { href } from '../router';
import { Alert, LiveMessage } from '../ui/Alert';
import { PageTitle } from '../ui/PageTitle';
import { SelectField } from '../ui/SelectField';
import { useLoad } from '../ui/useLoad';
import { corrApi, type Item } from './api';
import { CorrespondentSelect } from './CorrespondentSelect';
import './correspondence.css';

/** #/courrier/nouveau — a letter from a template: merge fields filled on the server, PDF preview, then send. */
export function LetterPage() {
  const { t } = useTranslation();
  const id = useId();
  const templates = useLoad(() => corrApi.templates(), []);
  const book = useLoad(() => corrApi.correspondents(), []);
  const practitioners = useLoad(() => corrApi.practitioners(), []);
  const [templateId, setTemplateId] = useState('referral');
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [recipientId, setRecipientId] = useState('');
  const [authorId, setAuthorId] = useState('');
  const [freeText, setFreeText] = useState('');
  const [letter, setLetter] = useState<Item | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const author = authorId || practitioners.data?.practitioners.find((p) => p.own)?.id || '';
  const recipient = book.data?.correspondents.find((c) => c.id === recipientId);

  async function run(action: () => Promise<{ item: Item }>) {
    setError(null);
    setBusy(true);
    try {
      setLetter((await action()).item);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!patient || !recipientId || !author) {
      setError(t('correspondence.letter.missing'));
      return;
    }
    void run(() => corrApi.createLetter({ templateId, patientId: patient.id, recipientId, authorId: author, freeText }));
  }

  const pdf = letter?.files.find((f) => f.kind === 'letter');
  return (
    <>
      <p><a href={href('/courrier')}>← {t('correspondence.register.title')}</a></p>
      <PageTitle title={t('correspondence.letter.new')}>{t('correspondence.letter.new')}</PageTitle>
      {error && <Alert tone="error" testId="letter-error">{error}</Alert>}
      <LiveMessage message={letter ? t(`correspondence.status.${letter.status}`) : null} />
      {!letter && (
        <form className="card form stack" onSubmit={submit} noValidate data-testid="letter-form">
          <div className="form-grid">
            <SelectField label={t('correspondence.letter.template')} value={templateId} onChange={setTemplateId} testId="letter-template">
              {(templates.data?.templates ?? []).map((tp) => <option key={tp.id} value={tp.id}>{tp.label[currentLanguage()]}</option>)}
            </SelectField>
            <CorrespondentSelect label={t('correspondence.col.to')} value={recipientId} onChange={setRecipientId} correspondents={book.data?.correspondents} testId="letter-recipient" />
            <SelectField label={t('correspondence.letter.author')} value={author} onChange={setAuthorId} testId="letter-author">
              <option value="">—</option>
              {(practitioners.data?.practitioners ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </SelectField>
          </div>
          <PatientPicker value={patient} onChange={setPatient} label={t('correspondence.col.patient')} testId="letter-patient" />
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('correspondence.letter.freeText')}</label>
            <p className="field-hint" id={`${id}-hint`}>{t('correspondence.letter.fields', { fields: (templates.data?.fields ?? []).map((f) => `{{${f}}}`).join(' ') })}</p>
            <textarea id={`${id}-text`} rows={6} value={freeText} onChange={(e) => setFreeText(e.target.value)} aria-describedby={`${id}-hint`} data-testid="letter-text" />
          </div>
          <button type="submit" className="button button-primary" disabled={busy} data-testid="letter-create">{t('correspondence.letter.create')}</button>
        </form>
      )}
      {letter && (
        <section className="stack" aria-label={letter.subject}>
          <p data-testid="letter-status"><span className={`badge corr-status-${letter.status}`}>{t(`correspondence.status.${letter.status}`)}</span> {letter.subject}{letter.recipient.address ? ` — ${letter.recipient.address}` : ''}</p>
          {letter.status === 'draft' && (
            <>
              <Alert tone="warning">{t('correspondence.letter.emailWarning')}</Alert>
              <div className="button-row">
                <button type="button" className="button button-primary" disabled={busy || !recipient?.mssante} onClick={() => void run(() => corrApi.sendLetter(letter.id, 'mssante'))} data-testid="send-mssante">{t('correspondence.letter.sendMssante')}</button>
                <button type="button" className="button" disabled={busy || !recipient?.email} onClick={() => void run(() => corrApi.sendLetter(letter.id, 'email'))} data-testid="send-email">{t('correspondence.letter.sendEmail')}</button>
                <button type="button" className="button" disabled={busy} onClick={() => void run(() => corrApi.sendLetter(letter.id, 'post'))} data-testid="send-post">{t('correspondence.letter.markPosted')}</button>
              </div>
            </>
          )}
          {letter.status !== 'draft' && <p><a href={href(`/courrier/${letter.id}`)} data-testid="letter-open">{t('correspondence.letter.inRegister')}</a></p>}
          {pdf && <iframe className="corr-preview" title={pdf.fileName} src={corrApi.fileUrl(letter.id, pdf.id)} data-testid="letter-preview" />}
        </section>
      )}
    </>
  );
}
