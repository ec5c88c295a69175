import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { PatientDocument } from '../api/types';
import { previewKind } from './labels';

/**
 * Preview of the decrypted file, served by Pivot with a strict CSP. PDFs in an iframe *without* a sandbox
 * attribute (Chrome's PDF viewer refuses to start in a sandboxed frame); images in <img>; HEIC/TIFF: download.
 */
export function DocumentPreview({ document }: { document: PatientDocument }) {
  const { t } = useTranslation();
  const kind = previewKind(document.mimeType);
  const url = api.documentContentUrl(document.id);
  return (
    <section className="card document-preview" aria-labelledby="preview-title" data-testid="document-preview">
      <div className="admin-section-header">
        <h2 id="preview-title">{t('documents.preview', { title: document.title })}</h2>
        <a className="button button-small" href={api.documentContentUrl(document.id, true)} download={document.fileName} data-testid="document-download">
          {t('documents.download')}
        </a>
      </div>
      {kind === 'pdf' && <iframe className="preview-frame" src={url} title={t('documents.previewFrame', { title: document.title })} data-testid="preview-pdf" />}
      {kind === 'image' && (
        <div className="preview-image-wrap">
          <img className="preview-image" src={url} alt={t('documents.previewImage', { title: document.title })} data-testid="preview-image" />
        </div>
      )}
      {kind === 'download' && <p className="alert alert-info" data-testid="preview-unsupported">{t('documents.noPreview')}</p>}
    </section>
  );
}
