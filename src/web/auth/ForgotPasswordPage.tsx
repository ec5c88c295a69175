import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { href } from '../router';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { PageTitle } from '../ui/PageTitle';
import { PublicLayout } from './PublicLayout';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api.requestPasswordReset(email.trim());
      setSent(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unexpectedShort'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <PublicLayout>
      <PageTitle title={t('forgot.title')}>{t('forgot.title')}</PageTitle>
      {sent ? (
        <Alert tone="success">{t('forgot.sent')}</Alert>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <p>{t('forgot.intro')}</p>
          <Field
            label={t('login.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            testId="forgot-email"
          />
          {error && <Alert tone="error">{error}</Alert>}
          <button type="submit" className="button button-primary button-block" disabled={busy} data-testid="forgot-submit">
            {t('forgot.submit')}
          </button>
        </form>
      )}
      <p className="form-links">
        <a href={href('/login')}>{t('forgot.backToLogin')}</a>
      </p>
    </PublicLayout>
  );
}
