import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from '@tiptap/core';
import { ApiError } from '../api/client';
import { COMPACT, formatDate, formatDateTime } from '../ui/format';
import { href, navigate } from '../router';
import { Alert, LiveMessage } from '../ui/Alert';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { reportsApi, type Report } from './api';
import { AudioPlayer, PEDAL_KEYS, Recorder } from './AudioPlayer';
import { ReportEditor } from './ReportEditor';
import { RecipientsEditor, type RecipientDraft } from './RecipientsEditor';
import { SourcesPanel } from './SourcesPanel';
import { focusCite } from './cite';
import './reports.css';

/** #/comptes-rendus/:id — the dictation, the text, the correspondents; submit (desk), validate (the author), amend. */
export function ReportPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const loaded = useLoad(() => reportsApi.get(id), [id]);
  const meta = useLoad(() => reportsApi.templates(), []);
  if (loaded.error) return <Alert tone="error">{loaded.error.message}</Alert>;
  if (!loaded.data || !meta.data) return <p aria-busy="true">{t('common.loading')}</p>;
  return <ReportScreen key={loaded.data.report.contentHash + loaded.data.report.status} initial={loaded.data.report} fields={meta.data.fields} speech={meta.data.speech} />;
}

function ReportScreen({ initial, fields, speech }: { initial: Report; fields: string[]; speech: string | null }) {
  const { t } = useTranslation();
  const ids = useId();
  const [report, setReport] = useState(initial);
  const [title, setTitle] = useState(initial.title);
  const [recipients, setRecipients] = useState<RecipientDraft[]>(initial.recipients.map((r) => ({ correspondentId: r.correspondentId, channel: r.channel })));
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const editor = useRef<Editor | null>(null);
  const [cite, setCite] = useState<string | null>(null);
  const editable = report.allowed.includes('edit');

  async function run<T>(action: () => Promise<T>, done?: string): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      const out = await action();
      if (done) setMessage(done);
      return out;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  /** Saves what is on screen (if anything changed) and returns the report as stored: its hash is what is validated. */
  async function save(): Promise<Report> {
    if (!dirty || !editor.current) return report;
    const { report: saved } = await reportsApi.save(report.id, { title, body: editor.current.getJSON(), recipients, baseHash: report.contentHash });
    setReport(saved);
    setDirty(false);
    return saved;
  }
  const onSave = () => run(save, t('reports.saved'));
  const onSubmit = () => run(async () => setReport((await reportsApi.submit((await save()).id)).report), t('reports.submitted'));
  const onValidate = () => run(async () => {
    const current = await save();
    setReport((await reportsApi.validate(current.id, current.contentHash)).report);
  }, t('reports.validated'));
  const onAmend = () => run(async () => navigate(`/comptes-rendus/${(await reportsApi.amend(report.id)).report.id}`));
  const onAudio = (blob: Blob, name: string) => run(async () => setReport((await reportsApi.uploadAudio(report.id, blob, name)).report), t('reports.audio.uploaded'));
  const onTranscribe = () => run(async () => {
    const { text } = await reportsApi.transcribe(report.id);
    editor.current?.chain().focus('end').insertContent({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }).run();
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 's' && editable) {
        e.preventDefault();
        void onSave();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // The practice's time (Paris), as printed on the signed PDF; not the browser's zone.
  const when = (iso: string) => formatDateTime(iso);
  return (
    <>
      <p><a href={href('/comptes-rendus')}>← {t('reports.title')}</a></p>
      <PageTitle title={report.title}>{report.title}</PageTitle>
      <p data-testid="report-status">
        <span className={`badge report-status-${report.status}`}>{t(`reports.status.${report.status}`)}</span> {report.patient.name} ({formatDate(report.patient.birthDate, COMPACT)}) — {report.author.name}
        {report.amendsId && <> — <a href={href(`/comptes-rendus/${report.amendsId}`)}>{t('reports.amends')}</a></>}
        {report.amendedById && <> — <a href={href(`/comptes-rendus/${report.amendedById}`)} data-testid="report-amended-by">{t('reports.amendedBy')}</a></>}
      </p>
      {error && <Alert tone="error" testId="report-error">{error}</Alert>}
      <LiveMessage message={message} />
      {report.validation && (
        <Alert tone="success" testId="report-validation">{t('reports.validation', { by: report.validation.by, at: when(report.validation.at), hash: report.validation.hash.slice(0, 16) })}</Alert>
      )}
      <section className="card stack" aria-labelledby={`${ids}-audio`}>
        <h2 id={`${ids}-audio`}>{t('reports.audio.title')}</h2>
        <p className="field-hint">{t('reports.audio.keys', { play: PEDAL_KEYS.playPause, rewind: PEDAL_KEYS.rewind, speed: PEDAL_KEYS.speed })}</p>
        {report.audio ? <AudioPlayer src={reportsApi.audioUrl(report.id)} version={report.audio.uploadedAt} /> : <p>{t('reports.audio.none')}</p>}
        {report.allowed.includes('audio') && (
          <div className="button-row">
            <label className="button" htmlFor={`${ids}-file`}>{t('reports.audio.upload')}</label>
            <input id={`${ids}-file`} className="visually-hidden" type="file" accept="audio/*" data-testid="audio-file" onChange={(e) => { const f = e.target.files?.[0]; if (f) void onAudio(f, f.name); }} />
            <Recorder onDone={(b, n) => void onAudio(b, n)} />
            {speech && report.audio && <button type="button" className="button" onClick={() => void onTranscribe()} disabled={busy} data-testid="audio-transcribe">{t('reports.audio.transcribe', { engine: speech })}</button>}
          </div>
        )}
      </section>
      <div className={report.sources ? 'report-with-sources' : undefined}>
      <section className="card stack" aria-labelledby={`${ids}-text`}>
        <h2 id={`${ids}-text`}>{t('reports.text')}</h2>
        <div className="field">
          <label htmlFor={`${ids}-title`}>{t('reports.col.title')}</label>
          <input id={`${ids}-title`} value={title} disabled={!editable} onChange={(e) => { setTitle(e.target.value); setDirty(true); }} data-testid="report-title" />
        </div>
        <span id={`${ids}-body`} className="visually-hidden">{t('reports.body')}</span>
        <ReportEditor content={report.body} values={report.fields} fields={fields} editable={editable} onChange={() => setDirty(true)} onReady={(e) => (editor.current = e)} labelledBy={`${ids}-body`} onCite={setCite} />
        {editable && <p className="field-hint">{t('reports.spell.hint')}</p>}
        {/* The sentence under review, outlined in the editor (its id comes from the server; escaped for the selector). */}
        {cite && <style>{`.report-editor [data-ref="${CSS.escape(cite)}"] { background: #fef08a; outline: 2px solid #ca8a04; }`}</style>}
      </section>
      {report.sources && (
        <SourcesPanel sources={report.sources} selected={cite} onSelect={(ref) => { setCite(ref); if (editor.current) focusCite(editor.current, ref); }} />
      )}
      </div>
      {report.status !== 'validated' && <RecipientsEditor value={recipients} onChange={(v) => { setRecipients(v); setDirty(true); }} disabled={!editable} />}
      {report.status === 'validated' && report.recipients.length > 0 && (
        <section className="card" aria-labelledby={`${ids}-sent`}>
        <h2 id={`${ids}-sent`}>{t('reports.recipients.sent')}</h2>
        <ul data-testid="report-sent">
          {report.recipients.map((r) => (
            <li key={`${r.correspondentId}-${r.channel}`}>
              {r.name} — {t(`reports.channel.${r.channel}`)}{r.address ? ` (${r.address})` : ''} — {r.itemId ? <a href={href(`/courrier/${r.itemId}`)}>{t('reports.inRegister')}</a> : '—'}
            </li>
          ))}
        </ul>
        </section>
      )}
      <div className="button-row">
        {editable && <button type="button" className="button" onClick={() => void onSave()} disabled={busy} aria-keyshortcuts="Control+S" data-testid="report-save">{t('reports.save')}</button>}
        {report.allowed.includes('submit') && <button type="button" className="button button-primary" onClick={() => void onSubmit()} disabled={busy} data-testid="report-submit">{t('reports.submit')}</button>}
        {report.allowed.includes('validate') && <button type="button" className="button button-primary" onClick={() => void onValidate()} disabled={busy} data-testid="report-validate">{t('reports.validate')}</button>}
        {report.allowed.includes('amend') && <button type="button" className="button" onClick={() => void onAmend()} disabled={busy} data-testid="report-amend">{t('reports.amend')}</button>}
        <a className="button" href={reportsApi.pdfUrl(report.id)} target="_blank" rel="noreferrer" data-testid="report-pdf">{report.status === 'validated' ? t('reports.pdf') : t('reports.preview')}</a>
      </div>
      {report.allowed.includes('validate') && <p className="field-hint">{t('reports.validateHint')}</p>}
    </>
  );
}
