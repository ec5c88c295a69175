import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { PatientDocument, PatientDocumentType } from '../api/types';
import { Alert } from '../ui/Alert';
import { DOCUMENT_TYPES } from './labels';

/** File + type + title; shows the upload's progress, and the server's own words when it refuses the file. */
export function UploadForm({ patientId, onUploaded }: { patientId: string; onUploaded: (doc: PatientDocument) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [type, setType] = useState<PatientDocumentType | ''>('');
  const [title, setTitle] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typeError, setTypeError] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setTypeError(file && !type ? t('documents.typeRequired') : null);
    setFileError(file ? null : t('documents.fileRequired'));
    if (!file || !type) return;
    setProgress(0);
    try {
      const { document } = await api.uploadDocument(patientId, { file, type, title: title.trim() || undefined }, setProgress);
      setFile(null);
      setTitle('');
      setType('');
      if (fileRef.current) fileRef.current.value = '';
      onUploaded(document);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setProgress(null);
    }
  }

  const busy = progress !== null;
  return (
    <form className="card form upload-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`} data-testid="upload-form">
      <h2 id={`${id}-title`}>{t('documents.uploadTitle')}</h2>
      {error && <Alert tone="error" testId="upload-error">{error}</Alert>}
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('documents.file')}</label>
        <p id={`${id}-file-hint`} className="field-hint">{t('documents.fileHint')}</p>
        <input ref={fileRef} id={`${id}-file`} type="file" accept="application/pdf,image/jpeg,image/png,image/webp,image/heic,image/heif,image/tiff,.heic,.heif,.tif,.tiff"
          aria-describedby={`${id}-file-hint${fileError ? ` ${id}-file-error` : ''}`} aria-invalid={fileError ? true : undefined}
          onChange={(e) => { const f = e.target.files?.[0] ?? null; setFile(f); setFileError(null); }} data-testid="upload-file" />
        {fileError && <p id={`${id}-file-error`} className="field-error">{fileError}</p>}
      </div>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('documents.type')}</label>
          <select id={`${id}-type`} value={type} required aria-invalid={typeError ? true : undefined}
            aria-describedby={typeError ? `${id}-type-error` : undefined}
            onChange={(e) => { setType(e.target.value as PatientDocumentType); setTypeError(null); }} data-testid="upload-type">
            <option value="">{t('documents.chooseType')}</option>
            {DOCUMENT_TYPES.map((code) => <option key={code} value={code}>{t(`documents.types.${code}`)}</option>)}
          </select>
          {typeError && <p id={`${id}-type-error`} className="field-error">{typeError}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-title-input`}>{t('documents.titleLabel')}</label>
          <p id={`${id}-title-hint`} className="field-hint">{t('documents.titleHint')}</p>
          <input id={`${id}-title-input`} type="text" value={title} maxLength={200} aria-describedby={`${id}-title-hint`}
            onChange={(e) => setTitle(e.target.value)} data-testid="upload-title" />
        </div>
      </div>
      {busy && (
        <div className="upload-progress" data-testid="upload-progress">
          <label htmlFor={`${id}-progress`}>{t('documents.uploading')}</label>
          <progress id={`${id}-progress`} max={1} value={progress ?? 0}>{Math.round((progress ?? 0) * 100)} %</progress>
        </div>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="upload-submit">{t('documents.upload')}</button>
      </div>
    </form>
  );
}
