import { useTranslation } from 'react-i18next';
import { Alert } from '../ui/Alert';
import { CopyButton } from '../ui/CopyButton';

/** Shown once, right after 2FA is enabled. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="stack recovery-codes" aria-labelledby="recovery-title" data-testid="recovery-codes">
      <Alert tone="success">{t('totp.enabled')}</Alert>
      <h2 id="recovery-title">{t('totp.recoveryTitle')}</h2>
      <p>{t('totp.recoveryIntro')}</p>
      <ul className="code-list">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p className="muted">{t('totp.recoveryAdvice')}</p>
      <div className="button-row no-print">
        <CopyButton text={codes.join('\n')} label={t('totp.copyCodes')} />
        <button type="button" className="button button-small" onClick={() => window.print()}>
          {t('totp.printCodes')}
        </button>
      </div>
      <div className="button-row no-print">
        <button type="button" className="button button-primary" onClick={onDone} data-testid="recovery-done">
          {t('totp.recoveryDone')}
        </button>
      </div>
    </section>
  );
}
