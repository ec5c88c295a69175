import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** What a failed request shows: the server's sentence (already in the user's language), else the generic one. */
export function failureMessage(err: unknown, t: TFunction): string {
  return err instanceof ApiError ? err.message : t('errors.unexpectedShort');
}

/**
 * A request the user starts (a form's submit, a button): `busy` while it runs (the screens disable the button),
 * `error` when it fails (the server's message, else the generic one). Checks made before the request call
 * `setError` themselves and return. A form that says « saved » sets `done` when its request succeeded; `restart()`
 * at the next submit takes the last error and « saved » away.
 */
export function useFormAction() {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  function restart() {
    setError(null);
    setDone(false);
  }
  async function run(action: () => Promise<void>): Promise<void> {
    setError(null);
    setBusy(true);
    try {
      await action();
    } catch (err) {
      setError(failureMessage(err, t));
    } finally {
      setBusy(false);
    }
  }
  return { error, setError, busy, run, done, setDone, restart };
}
