import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog';
import { FormActions } from '../ui/FormActions';

/** Marks a waiting patient urgent, with the reason the practitioner will see at the top of the queue. */
export function UrgentDialog({ name, onClose, onConfirm }: { name: string; onClose: () => void; onConfirm: (reason: string | null) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onConfirm(reason.trim() || null);
  };
  return (
    <Dialog open title={t('reception.urgentFor', { name })} onClose={onClose} testId="urgent-dialog">
      <form className="stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor="urgent-reason">{t('reception.urgentReason')}</label>
          <input id="urgent-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} data-testid="urgent-reason" />
        </div>
        <FormActions submitLabel={t('reception.markUrgent')} submitTestId="urgent-submit" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
