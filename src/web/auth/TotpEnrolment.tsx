import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { TotpSetup } from '../api/types';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { CopyButton } from '../ui/CopyButton';
import { useFormAction } from '../ui/useFormAction';
import { FormActions } from '../ui/FormActions';

interface Props {
  autoStart?: boolean;
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel?: () => void;
}

/** Two-factor enrolment: show the QR code and secret, then confirm with a first 6-digit code. */
export function TotpEnrolment({ autoStart, onEnabled, onCancel }: Props) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const { error, busy, run } = useFormAction();

  async function start() {
    await run(async () => {
      setSetup(await api.totpSetup());
    });
  }

  useEffect(() => {
    if (autoStart) void start();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoStart]);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      const { recoveryCodes } = await api.totpEnable(code.replace(/\s+/g, ''));
      onEnabled(recoveryCodes);
    });
  }

  if (!setup) {
    return (
      <div className="stack">
        {error && <Alert tone="error">{error}</Alert>}
        {!autoStart || error ? (
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={start} disabled={busy} data-testid="totp-start">
              {t('totp.start')}
            </button>
          </div>
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )}
      </div>
    );
  }

  return (
    <form onSubmit={confirm} noValidate className="form totp-enrolment">
      <ol className="steps">
        <li>{t('totp.step1')}</li>
        <li>
          {t('totp.step2')}
          <div className="totp-qr">
            <img src={setup.qrCodeDataUrl} alt={t('totp.qrAlt')} width={180} height={180} data-testid="totp-qr" />
            <div className="totp-secret">
              <p className="muted">{t('totp.manual')}</p>
              <code data-testid="totp-secret">{setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
              <CopyButton text={setup.secret} label={t('totp.copySecret')} />
            </div>
          </div>
        </li>
        <li>
          <Field
            label={t('totp.code')}
            hint={t('totp.codeHint')}
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
            testId="totp-code"
            className="field-narrow"
          />
        </li>
      </ol>
      <FormActions error={error} busy={busy} submitLabel={t('totp.enable')} submitTestId="totp-enable" onCancel={onCancel} />
    </form>
  );
}
