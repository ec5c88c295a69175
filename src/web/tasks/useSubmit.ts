import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** A form's submit: runs the action, then shows its success text or the server's error message (French first). */
export function useSubmit(action: () => Promise<string>) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      setStatus({ tone: 'success', text: await action() });
    } catch (err) {
      setStatus({ tone: 'error', text: err instanceof ApiError ? err.message : t('errors.unexpectedShort') });
    }
  }
  return { status, setStatus, submit };
}
