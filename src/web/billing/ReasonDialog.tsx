import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';

/**
 * Asks the reason of a reversal (contre-passation) in a modal dialog: the field takes the focus, Enter submits,
 * Escape or « Annuler » closes and gives the focus back to the button that opened it. A refusal of the server (too
 * short a reason, already reversed…) is shown inside the dialog, which stays open. Replaces window.prompt, which
 * is neither translatable nor styled, and which some browsers block.
 */
export function ReasonDialog({ open, title, intro, submitLabel, testId, onSubmit, onClose, onDone }: {
  open: boolean;
  title: string;
  intro: string | null;
  submitLabel: string;
  testId: string;
  /** Sends the reason; resolves with the message to announce once done. */
  onSubmit: (reason: string) => Promise<string>;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { setReason(''); setError(null); }, [open, intro]);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await onSubmit(reason.trim()));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} title={title} onClose={onClose} testId={testId}>
      {intro && <p id={`${id}-intro`}>{intro}</p>}
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-busy={busy}>
        <div className="field">
          <label htmlFor={`${id}-r`}>{t('billing.booksUi.reason')}</label>
          <input id={`${id}-r`} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={500}
            aria-describedby={intro ? `${id}-intro` : undefined} aria-invalid={error ? true : undefined} data-testid="reason-input" />
        </div>
        {error && <Alert tone="error" testId="reason-error">{error}</Alert>}
        <div className="collect-actions">
          <button type="submit" className="button button-primary" disabled={busy} data-testid="reason-submit">{submitLabel}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
