import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import type { Language } from '../api/types';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { changeLanguage } = useSession();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id} className="visually-hidden">
        {t('language.label')}
      </label>
      <select
        id={id}
        data-testid="language-switch"
        value={i18n.language === 'en' ? 'en' : 'fr'}
        onChange={(event) => void changeLanguage(event.target.value as Language)}
      >
        <option value="fr" lang="fr">Français</option>
        <option value="en" lang="en">English</option>
      </select>
    </div>
  );
}
