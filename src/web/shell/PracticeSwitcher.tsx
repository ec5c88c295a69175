import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe, useSession } from '../auth/session';
import type { Me } from '../api/types';
import { useFormAction } from '../ui/useFormAction';

/** Shows the practice the user acts in; lets them switch when they belong to several. */
export function PracticeSwitcher({ onSwitched }: { onSwitched: (me: Me) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { switchPractice } = useSession();
  const id = useId();
  const { error, busy, run } = useFormAction();

  if (me.practices.length <= 1) {
    return (
      <div className="practice-current">
        <span className="practice-label">{t('practice.current')}</span>
        <strong data-testid="practice-name">{me.practice.name}</strong>
      </div>
    );
  }

  async function change(practiceId: string) {
    await run(async () => {
      const next = await switchPractice(practiceId);
      onSwitched(next);
    });
  }

  return (
    <div className="practice-current">
      <label htmlFor={id} className="practice-label">
        {t('practice.current')}
      </label>
      <select
        id={id}
        className="practice-select"
        data-testid="practice-switcher"
        value={me.practice.id}
        disabled={busy}
        onChange={(event) => void change(event.target.value)}
      >
        {me.practices.map((practice) => (
          <option key={practice.id} value={practice.id}>
            {practice.name}
          </option>
        ))}
      </select>
      <span className="visually-hidden" data-testid="practice-name">{me.practice.name}</span>
      {error && <span role="alert" className="field-error">{error}</span>}
    </div>
  );
}
