import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { PatientSummary } from '../api/types';
import { PatientPicker } from '../phone-log/PatientPicker';
import { href } from '../router';
import { Alert, LiveMessage } from '../ui/Alert';
import { COMPACT, formatDate, formatDateTime } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { channelLabel, corrApi, type Item } from './api';
import './correspondence.css';

const INLINE_IMAGES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

/** #/courrier/:id — one item: its pages (PDF and images shown inline) or text; confirm the patient, route, mark read, file. */
export function ItemPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const fid = useId();
  const result = useLoad(() => corrApi.item(id), [id]);
  const practitioners = useLoad(() => corrApi.practitioners(), []);
  const [picked, setPicked] = useState<PatientSummary | null>(null);
  const [reader, setReader] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const item = result.data?.item;

  async function act(run: () => Promise<{ item: Item }>, doneKey: string) {
    setError(null);
    setDone(null);
    try {
      result.setData(await run());
      setDone(t(doneKey));
      setPicked(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }

  if (result.error) return <Alert tone="error">{result.error.message}</Alert>;
  if (!item) return <p aria-busy="true">{t('common.loading')}</p>;
  const can = (a: Item['allowed'][number]) => item.allowed.includes(a);
  const pdfs = item.files.filter((f) => f.mimeType === 'application/pdf');
  // Scanned pages and attached images a browser shows (not TIFF nor HEIC: those stay links to download).
  const images = item.files.filter((f) => (f.kind === 'page' || f.kind === 'attachment') && INLINE_IMAGES.includes(f.mimeType));
  const readText = item.readText && (
    <details className="corr-read-text" data-testid="item-read-text">
      <summary>{t('correspondence.readText')}</summary>
      <pre className="corr-text">{item.readText}</pre>
    </details>
  );
  return (
    <>
      <p><a href={href('/courrier')}>← {t('correspondence.register.title')}</a></p>
      <PageTitle title={item.subject}>{item.subject}</PageTitle>
      <LiveMessage message={done} />
      {error && <Alert tone="error" testId="item-error">{error}</Alert>}
      <dl className="details-grid card" data-testid="item-details">
        <dt>{t('correspondence.col.status')}</dt>
        <dd><span className={`badge corr-status-${item.status}`} data-testid="item-status">{t(`correspondence.status.${item.status}`)}</span>{item.abnormal && <> <span className="badge badge-warning">{t('correspondence.abnormal')}</span></>}</dd>
        <dt>{t('correspondence.col.channel')}</dt>
        <dd>{t(`correspondence.direction.${item.direction}`)} · {channelLabel(t, item)} · {t(`correspondence.type.${item.type}`)}</dd>
        <dt>{item.direction === 'in' ? t('correspondence.col.from') : t('correspondence.col.to')}</dt>
        <dd>{item.direction === 'in' ? item.sender.correspondent?.name ?? item.sender.label ?? t('correspondence.unknownSender') : `${item.recipient.correspondent?.name ?? ''}${item.recipient.address ? ` — ${item.recipient.address}` : ''}`}</dd>
        <dt>{t('correspondence.col.date')}</dt>
        <dd>{formatDateTime(item.sentAt ?? item.receivedAt, COMPACT)}</dd>
        <dt>{t('correspondence.col.patient')}</dt>
        <dd data-testid="item-patient">{item.patient ? `${item.patient.name} (${formatDate(item.patient.birthDate, COMPACT)})` : t('correspondence.noPatient')}</dd>
        <dt>{t('correspondence.col.reader')}</dt>
        <dd data-testid="item-reader">{item.reader?.name ?? '—'}</dd>
        {item.documentIds.length > 0 && item.patient && (<><dt>{t('correspondence.filedIn')}</dt><dd><a data-testid="item-filed-in" href={href(`/patients/${item.patient.id}`)}>{t('correspondence.documents', { count: item.documentIds.length })}</a></dd></>)}
      </dl>

      {can('confirm') && (
        <section className="card stack" aria-labelledby={`${fid}-match`} data-testid="confirm-section">
          <h2 id={`${fid}-match`}>{t('correspondence.match.title')}</h2>
          <p className="muted">{t('correspondence.match.intro')}</p>
          {item.proposedPatients.length > 0 && (
            <ul className="corr-proposals" data-testid="proposals">
              {item.proposedPatients.map((p) => (
                <li key={p.id} data-testid="proposal">
                  <strong data-testid="proposal-name">{p.name}</strong> (<span data-testid="proposal-birth-date">{formatDate(p.birthDate, COMPACT)}</span>) — <span className="muted" data-testid="proposal-evidence">{t('correspondence.match.evidence', { evidence: p.evidence })}</span>{' '}
                  <button type="button" className="button button-small" onClick={() => void act(() => corrApi.setPatient(item.id, p.id), 'correspondence.done.confirmed')} data-testid="accept-proposal">{t('correspondence.match.confirmThis')}</button>
                </li>
              ))}
            </ul>
          )}
          {readText}
          <PatientPicker value={picked} onChange={setPicked} label={t('correspondence.match.search')} testId="match-patient" />
          <button type="button" className="button button-primary" disabled={!picked} onClick={() => picked && void act(() => corrApi.setPatient(item.id, picked.id), 'correspondence.done.confirmed')} data-testid="confirm-patient">
            {t('correspondence.match.confirm')}
          </button>
        </section>
      )}

      {item.allowed.some((a) => a !== 'confirm') && (
      <div className="button-row card">
        {can('route') && (
          <>
            <label htmlFor={`${fid}-reader`}>{t('correspondence.route.label')}</label>
            <select id={`${fid}-reader`} value={reader} onChange={(e) => setReader(e.target.value)} data-testid="route-select">
              <option value="">—</option>
              {(practitioners.data?.practitioners ?? []).map((p) => <option key={p.id} value={p.id}>{p.name} — {p.specialty}</option>)}
            </select>
            <button type="button" className="button" disabled={!reader} onClick={() => void act(() => corrApi.route(item.id, reader), 'correspondence.done.routed')} data-testid="route-submit">{t('correspondence.route.submit')}</button>
          </>
        )}
        {can('read') && <button type="button" className="button button-primary" onClick={() => void act(() => corrApi.read(item.id, true), 'correspondence.done.read')} data-testid="mark-read">{t('correspondence.action.read')}</button>}
        {can('unread') && <button type="button" className="button" onClick={() => void act(() => corrApi.read(item.id, false), 'correspondence.done.unread')}>{t('correspondence.action.unread')}</button>}
        {can('file') && <button type="button" className="button button-primary" onClick={() => void act(() => corrApi.file(item.id), 'correspondence.done.filed')} data-testid="file-item">{t('correspondence.action.file')}</button>}
        {can('unmatch') && <button type="button" className="button" onClick={() => void act(() => corrApi.setPatient(item.id, null), 'correspondence.done.unmatched')}>{t('correspondence.action.unmatch')}</button>}
      </div>
      )}

      {item.text && (<section aria-labelledby={`${fid}-text`}><h2 id={`${fid}-text`}>{t('correspondence.text')}</h2><pre className="corr-text" data-testid="item-text">{item.text}</pre></section>)}
      {item.files.length > 0 && (
        <section aria-labelledby={`${fid}-files`}>
          <h2 id={`${fid}-files`}>{t('correspondence.files')}</h2>
          <ul>
            {item.files.filter((f) => f.kind !== 'body' && f.kind !== 'ocr_text').map((f) => (
              <li key={f.id}><a href={corrApi.fileUrl(item.id, f.id)} target="_blank" rel="noreferrer">{f.fileName}</a> <span className="muted">({t(`correspondence.fileKind.${f.kind}`)})</span></li>
            ))}
          </ul>
          {pdfs[0] && <iframe className="corr-preview" title={pdfs[0].fileName} src={corrApi.fileUrl(item.id, pdfs[0].id)} data-testid="item-preview" />}
          {images.map((f, i) => (
            <figure key={f.id} className="corr-page">
              <img src={corrApi.fileUrl(item.id, f.id)} alt={t('correspondence.pageAlt', { n: i + 1, subject: item.subject })} data-testid="item-page-image" />
              <figcaption className="muted">{f.fileName}</figcaption>
            </figure>
          ))}
          {!can('confirm') && readText}
        </section>
      )}
    </>
  );
}
