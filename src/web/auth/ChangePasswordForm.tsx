import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { Field } from '../ui/Field';
import { MIN_PASSWORD_LENGTH } from './ResetPasswordPage';
import { useFormAction } from '../ui/useFormAction';
import { FormActions } from '../ui/FormActions';

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const { error, setError, busy, run, done, setDone, restart } = useFormAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    restart();
    if (next.length < MIN_PASSWORD_LENGTH) return setError(t('password.tooShort', { min: MIN_PASSWORD_LENGTH }));
    if (next !== confirm) return setError(t('password.mismatch'));
    await run(async () => {
      await api.changePassword(current, next);
      setDone(true);
      setCurrent('');
      setNext('');
      setConfirm('');
    });
  }

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t('password.title')}</h2>
      <form onSubmit={submit} noValidate className="form form-narrow">
        <Field label={t('password.current')} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} testId="password-current" />
        <Field label={t('password.new')} hint={t('password.rule', { min: MIN_PASSWORD_LENGTH })} type="password" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} testId="password-new" />
        <Field label={t('password.confirm')} type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} testId="password-confirm" />
        <FormActions error={error} success={done && t('password.changed')} busy={busy} submitLabel={t('password.submit')} submitTestId="password-submit" />
      </form>
    </section>
  );
}
