import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { RecoveryCodes } from './RecoveryCodes';
import { TotpEnrolment } from './TotpEnrolment';
import { useMe, useSession } from './session';
import { useFormAction } from '../ui/useFormAction';
import { FormActions } from '../ui/FormActions';

export function TwoFactorSection() {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh } = useSession();
  const [mode, setMode] = useState<'idle' | 'enrol' | 'codes' | 'disable'>('idle');
  const [codes, setCodes] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const enabled = me.account.totpEnabled;

  return (
    <section className="card" aria-labelledby="totp-title">
      <h2 id="totp-title">{t('totp.title')}</h2>
      <p>
        {t('totp.status')}{' '}
        <span className={`badge ${enabled ? 'badge-success' : 'badge-neutral'}`} data-testid="totp-status">
          {enabled ? t('totp.on') : t('totp.off')}
        </span>
      </p>
      {notice && <Alert tone="success">{notice}</Alert>}
      {mode === 'codes' ? (
        <RecoveryCodes
          codes={codes}
          onDone={() => {
            setMode('idle');
            void refresh();
          }}
        />
      ) : mode === 'enrol' ? (
        <TotpEnrolment
          autoStart
          onEnabled={(recoveryCodes) => {
            setCodes(recoveryCodes);
            setMode('codes');
          }}
          onCancel={() => setMode('idle')}
        />
      ) : mode === 'disable' ? (
        <DisableTotpForm
          onDone={() => {
            setMode('idle');
            setNotice(t('totp.disabled'));
            void refresh();
          }}
          onCancel={() => setMode('idle')}
        />
      ) : (
        <>
          <p className="muted">{t('totp.explain')}</p>
          <div className="button-row">
            {enabled ? (
              <button type="button" className="button" onClick={() => { setNotice(null); setMode('disable'); }} data-testid="totp-disable-start">
                {t('totp.disable')}
              </button>
            ) : (
              <button type="button" className="button button-primary" onClick={() => { setNotice(null); setMode('enrol'); }} data-testid="totp-start">
                {t('totp.start')}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function DisableTotpForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const { error, busy, run } = useFormAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      await api.totpDisable(password, code.trim());
      onDone();
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form form-narrow">
      <p>{t('totp.disableIntro')}</p>
      <Field label={t('login.password')} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} testId="totp-disable-password" />
      <Field label={t('login.totp')} hint={t('login.totpHint')} autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} testId="totp-disable-code" />
      <FormActions error={error} busy={busy} tone="danger" submitLabel={t('totp.disable')} submitTestId="totp-disable-confirm" onCancel={onCancel} />
    </form>
  );
}
