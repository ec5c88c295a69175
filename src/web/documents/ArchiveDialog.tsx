import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { PatientDocument } from '../api/types';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { useFormAction } from '../ui/useFormAction';

interface Props { document: PatientDocument | null; onClose: () => void; onArchived: (doc: PatientDocument) => void }

/** Archiving takes a document out of the active file (never deleted), with a reason for the audit log. */
export function ArchiveDialog({ document, onClose, onArchived }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const { error, setError, busy, run } = useFormAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!document) return;
    if (reason.trim().length < 3) { setError(t('documents.archiveReasonRequired')); return; }
    await run(async () => {
      const r = await api.archiveDocument(document.id, reason.trim());
      setReason('');
      onArchived(r.document);
    });
  }

  return (
    <Dialog open={document !== null} title={t('documents.archiveTitle')} onClose={onClose} testId="archive-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <p>{t('documents.archiveIntro', { title: document?.title ?? '' })}</p>
        {error && <Alert tone="error">{error}</Alert>}
        <Field label={t('documents.archiveReason')} value={reason} required minLength={3} maxLength={500}
          onChange={(e) => setReason(e.target.value)} testId="archive-reason" />
        <div className="button-row">
          <button type="submit" className="button button-danger" disabled={busy} data-testid="archive-submit">{t('documents.archive')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
