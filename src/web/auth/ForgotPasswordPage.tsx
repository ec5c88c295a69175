import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { href } from '../router';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { PageTitle } from '../ui/PageTitle';
import { PublicLayout } from './PublicLayout';
import { useFormAction } from '../ui/useFormAction';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { error, busy, run } = useFormAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      await api.requestPasswordReset(email.trim());
      setSent(true);
    });
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
