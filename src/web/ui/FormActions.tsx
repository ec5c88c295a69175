import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from './Alert';

/**
 * The end of a form: its error (and its success message, if any), the submit button — disabled while the request
 * runs — and Cancel when the form can be left. Goes with useFormAction (`error`, `busy`).
 */
export function FormActions({ error = null, success, successTestId, busy = false, submitLabel, submitTestId, tone = 'primary', onCancel }: {
  error?: string | null;
  success?: ReactNode;
  successTestId?: string;
  busy?: boolean;
  submitLabel: ReactNode;
  submitTestId: string;
  tone?: 'primary' | 'danger';
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {error && <Alert tone="error">{error}</Alert>}
      {success && <Alert tone="success" testId={successTestId}>{success}</Alert>}
      <div className="button-row">
        <button type="submit" className={`button button-${tone}`} disabled={busy} data-testid={submitTestId}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </>
  );
}
