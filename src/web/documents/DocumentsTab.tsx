import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { PatientDocument } from '../api/types';
import { useMe } from '../auth/session';
import { Alert, LiveMessage } from '../ui/Alert';
import { formatDateTime, COMPACT } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { ArchiveDialog } from './ArchiveDialog';
import { DocumentPreview } from './DocumentPreview';
import { formatSize } from './labels';
import { UploadForm } from './UploadForm';
import './documents.css';

/** The patient's documents: upload, list, preview, archive (practitioners and admins only). */
export function DocumentsTab({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const canArchive = me.practice.roles.some((r) => r === 'admin' || r === 'practitioner');
  const [showArchived, setShowArchived] = useState(false);
  const result = useLoad(() => api.patientDocuments(patientId, showArchived), [patientId, showArchived]);
  const documents = result.data?.documents ?? [];
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [archiving, setArchiving] = useState<PatientDocument | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const selected = documents.find((d) => d.id === selectedId) ?? null;

  function onUploaded(doc: PatientDocument) {
    result.setData({ documents: [doc, ...documents] });
    setSelectedId(doc.id);
    setMessage(t('documents.uploaded', { title: doc.title }));
  }

  function onArchived(doc: PatientDocument) {
    setArchiving(null);
    result.setData({ documents: showArchived ? documents.map((d) => (d.id === doc.id ? doc : d)) : documents.filter((d) => d.id !== doc.id) });
    if (selectedId === doc.id && !showArchived) setSelectedId(null);
    setMessage(t('documents.archived', { title: doc.title }));
  }

  return (
    <div className="documents-tab" data-testid="documents-tab">
      <LiveMessage message={message} />
      <div className="documents-layout">
        <div className="documents-main">
          <UploadForm patientId={patientId} onUploaded={onUploaded} />
          <section className="card" aria-labelledby="documents-list-title">
            <div className="admin-section-header">
              <h2 id="documents-list-title">{t('documents.listTitle')}</h2>
              <label className="checkbox inline-check">
                <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} data-testid="show-archived" />
                {t('documents.showArchived')}
              </label>
            </div>
            {result.error && <Alert tone="error">{result.error.message}</Alert>}
            {result.loading && !result.data && <p className="muted">{t('common.loading')}</p>}
            {result.data && documents.length === 0 && <p className="empty">{t('documents.empty')}</p>}
            {documents.length > 0 && (
              <ul className="document-list" data-testid="document-list">
                {documents.map((doc) => (
                  <li key={doc.id} className={`document-item ${doc.id === selectedId ? 'document-item-selected' : ''} ${doc.archivedAt ? 'document-item-archived' : ''}`} data-testid="document-item">
                    <div className="document-info">
                      <button type="button" className="button-link document-title" aria-pressed={doc.id === selectedId}
                        onClick={() => setSelectedId(doc.id === selectedId ? null : doc.id)} data-testid="document-open">
                        {doc.title}
                      </button>
                      <span className="badge badge-neutral">{t(`documents.types.${doc.type}`)}</span>
                      {doc.archivedAt && <span className="badge badge-warning">{t('documents.archivedBadge')}</span>}
                      <div className="muted small">
                        {doc.fileName} — {formatSize(doc.size, i18n.language)} — {t('documents.uploadedBy', { name: doc.uploadedBy.displayName, date: formatDateTime(doc.uploadedAt, COMPACT) })}
                      </div>
                      {doc.archivedAt && (
                        <div className="muted small">{t('documents.archivedBy', { name: doc.archivedBy?.displayName ?? '', date: formatDateTime(doc.archivedAt, COMPACT), reason: doc.archiveReason ?? '' })}</div>
                      )}
                    </div>
                    {canArchive && !doc.archivedAt && (
                      <button type="button" className="button button-small" onClick={() => setArchiving(doc)} data-testid="document-archive">
                        {t('documents.archive')}<span className="visually-hidden"> : {doc.title}</span>
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <div className="documents-side">
          {selected ? <DocumentPreview key={selected.id} document={selected} /> : <p className="card muted preview-placeholder">{t('documents.selectToPreview')}</p>}
        </div>
      </div>
      <ArchiveDialog document={archiving} onClose={() => setArchiving(null)} onArchived={onArchived} />
    </div>
  );
}
