import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { href } from '../router';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { PageTitle } from '../ui/PageTitle';
import { PublicLayout } from './PublicLayout';
import { useSession } from './session';

export function LoginPage({ expired }: { expired?: boolean }) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState<DemoInfo | null>(null);
  useEffect(() => {
    let live = true;
    api.health().then((h) => live && setDemo(h.demo ?? null), () => undefined);
    return () => {
      live = false;
    };
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api.login({ email: email.trim(), password, totp: step === 'totp' ? totp.trim() : undefined });
      await refresh();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        setStep('totp');
      } else {
        setError(err instanceof ApiError ? err.message : t('errors.unexpectedShort'));
        if (err instanceof ApiError && err.code === 'totp_invalid') setTotp('');
      }
    } finally {
      setBusy(false);
    }
  }

  function backToPassword() {
    setStep('password');
    setTotp('');
    setPassword('');
    setError(null);
  }

  return (
    <PublicLayout>
      <PageTitle title={t('login.title')}>{t('login.title')}</PageTitle>
      {expired && step === 'password' && <Alert tone="info">{t('login.sessionExpired')}</Alert>}
      <form onSubmit={submit} noValidate className="form">
        {step === 'password' ? (
          <>
            <Field
              label={t('login.email')}
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              testId="login-email"
            />
            <Field
              label={t('login.password')}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              testId="login-password"
            />
          </>
        ) : (
          <>
            <p>{t('login.totpIntro')}</p>
            <Field
              label={t('login.totp')}
              hint={t('login.totpHint')}
              name="totp"
              inputMode="text"
              autoComplete="one-time-code"
              autoFocus
              required
              value={totp}
              onChange={(e) => setTotp(e.target.value)}
              testId="login-totp"
            />
          </>
        )}
        {error && <Alert tone="error" testId="login-error">{error}</Alert>}
        <button type="submit" className="button button-primary button-block" disabled={busy} data-testid="login-submit">
          {busy ? t('login.submitting') : step === 'totp' ? t('login.verify') : t('login.submit')}
        </button>
      </form>
      <p className="form-links">
        {step === 'totp' ? (
          <button type="button" className="button-link" onClick={backToPassword}>
            {t('login.back')}
          </button>
        ) : (
          <a href={href('/forgot-password')}>{t('login.forgot')}</a>
        )}
      </p>
      {demo && step === 'password' && <DemoAccounts demo={demo} onPick={(address) => setEmail(address)} />}
    </PublicLayout>
  );
}

interface DemoInfo {
  accounts: { email: string; name: string }[];
}

/** A demonstration server says how to try it: its fictitious accounts (the password is printed where Pivot started). */
function DemoAccounts({ demo, onPick }: { demo: DemoInfo; onPick: (email: string) => void }) {
  const { t } = useTranslation();
  return (
    <section className="card demo-accounts" aria-labelledby="demo-accounts-title" data-testid="demo-accounts">
      <h2 id="demo-accounts-title">{t('login.demo.title')}</h2>
      <p>{t('login.demo.intro')}</p>
      <ul className="plain-list">
        {demo.accounts.map((a) => (
          <li key={a.email}>
            <button type="button" className="button-link" onClick={() => onPick(a.email)}>{a.email}</button> — {a.name}
          </li>
        ))}
      </ul>
      <p className="muted">{t('login.demo.password')}</p>
    </section>
  );
}
