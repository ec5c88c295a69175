import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { PracticeSettings } from '../api/types';
import { useSession } from '../auth/session';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { useFormAction } from '../ui/useFormAction';
import { FormActions } from '../ui/FormActions';

export function PracticeSettingsPage() {
  const { t } = useTranslation();
  const practice = useLoad(() => api.practice(), []);
  return (
    <>
      <PageTitle title={t('practiceSettings.title')}>{t('practiceSettings.title')}</PageTitle>
      {practice.error && <Alert tone="error">{practice.error.message}</Alert>}
      {practice.data ? (
        <PracticeForm key={practice.data.id} initial={practice.data} />
      ) : (
        !practice.error && <p className="muted">{t('common.loading')}</p>
      )}
    </>
  );
}

function PracticeForm({ initial }: { initial: PracticeSettings }) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [name, setName] = useState(initial.name);
  const [requireMfa, setRequireMfa] = useState(initial.requireMfa);
  const [saved, setSaved] = useState<PracticeSettings>(initial);
  const { error, setError, busy, run, done, setDone, restart } = useFormAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    restart();
    if (!name.trim()) return setError(t('practiceSettings.nameRequired'));
    await run(async () => {
      const changes: { name?: string; requireMfa?: boolean } = {};
      if (name.trim() !== saved.name) changes.name = name.trim();
      if (requireMfa !== saved.requireMfa) changes.requireMfa = requireMfa;
      const next = await api.updatePractice(changes);
      setSaved(next);
      setName(next.name);
      setRequireMfa(next.requireMfa);
      setDone(true);
      // The top bar shows the practice name; requiring 2FA may also apply to the admin themself.
      await refresh();
    });
  }

  return (
    <form onSubmit={submit} noValidate className="card form form-narrow">
      <Field label={t('practiceSettings.name')} required value={name} onChange={(e) => setName(e.target.value)} testId="practice-name-input" />
      <div className="field">
        <span className="field-label">{t('practiceSettings.timezone')}</span>
        <span data-testid="practice-timezone">{saved.timezone}</span>
      </div>
      <div className="checkbox">
        <input type="checkbox" id="require-mfa" checked={requireMfa} onChange={(e) => setRequireMfa(e.target.checked)} aria-describedby="require-mfa-hint" data-testid="practice-require-mfa" />
        <label htmlFor="require-mfa">{t('practiceSettings.requireMfa')}</label>
      </div>
      <p id="require-mfa-hint" className="field-hint">{t('practiceSettings.requireMfaHint')}</p>
      <FormActions error={error} success={done && t('practiceSettings.saved')} busy={busy} submitLabel={t('common.save')} submitTestId="practice-save" />
    </form>
  );
}
