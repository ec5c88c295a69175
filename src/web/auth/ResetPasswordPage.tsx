import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { href, useRoute } from '../router';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { PageTitle } from '../ui/PageTitle';
import { PublicLayout } from './PublicLayout';
import { useFormAction } from '../ui/useFormAction';

export const MIN_PASSWORD_LENGTH = 12;

/** Handles both the password-reset link and the invitation link (invite=1). */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { query } = useRoute();
  const token = query.get('token') ?? '';
  const invite = query.get('invite') === '1';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const { error, setError, busy, run } = useFormAction();
  const title = invite ? t('reset.inviteTitle') : t('reset.title');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (password.length < MIN_PASSWORD_LENGTH) return setError(t('password.tooShort', { min: MIN_PASSWORD_LENGTH }));
    if (password !== confirm) return setError(t('password.mismatch'));
    await run(async () => {
      await api.confirmPasswordReset(token, password);
      setDone(true);
    });
  }

  return (
    <PublicLayout>
      <PageTitle title={title}>{title}</PageTitle>
      {!token ? (
        <Alert tone="error">{t('reset.missingToken')}</Alert>
      ) : done ? (
        <Alert tone="success">{invite ? t('reset.inviteDone') : t('reset.done')}</Alert>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <p>{invite ? t('reset.inviteIntro') : t('reset.intro')}</p>
          <Field
            label={t('password.new')}
            hint={t('password.rule', { min: MIN_PASSWORD_LENGTH })}
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            testId="reset-password"
          />
          <Field
            label={t('password.confirm')}
            type="password"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            testId="reset-password-confirm"
          />
          {error && <Alert tone="error">{error}</Alert>}
          <button type="submit" className="button button-primary button-block" disabled={busy} data-testid="reset-submit">
            {invite ? t('reset.inviteSubmit') : t('reset.submit')}
          </button>
        </form>
      )}
      <p className="form-links">
        <a href={href('/login')}>{done ? t('reset.goToLogin') : t('forgot.backToLogin')}</a>
      </p>
    </PublicLayout>
  );
}
