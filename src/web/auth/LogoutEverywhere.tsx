import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { useSession } from './session';
import { useFormAction } from '../ui/useFormAction';

export function LogoutEverywhere() {
  const { t } = useTranslation();
  const { logout } = useSession();
  const [confirming, setConfirming] = useState(false);
  const { error, busy, run } = useFormAction();

  async function confirm() {
    await run(async () => {
      await api.logoutAll();
      setConfirming(false);
      await logout();
    });
  }

  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('sessions.title')}</h2>
      <p className="muted">{t('sessions.explain')}</p>
      <div className="button-row">
        <button type="button" className="button button-danger" onClick={() => setConfirming(true)} data-testid="logout-all">
          {t('sessions.logoutAll')}
        </button>
      </div>
      <Dialog open={confirming} title={t('sessions.confirmTitle')} onClose={() => setConfirming(false)}>
        <p>{t('sessions.confirmText')}</p>
        {error && <Alert tone="error">{error}</Alert>}
        <div className="button-row">
          <button type="button" className="button button-danger" onClick={confirm} disabled={busy} data-testid="logout-all-confirm">
            {t('sessions.logoutAll')}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
    </section>
  );
}
