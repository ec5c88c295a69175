import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

/**
 * The patient's choice of language on the public pages (online booking, the assistant's chat): one pressed button
 * per language, each named in its own language. The pages style it with their own classes.
 */
export function LanguageSwitch({ className, buttonClassName, testIdPrefix }: { className: string; buttonClassName: string; testIdPrefix?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <div className={className} role="group" aria-label={t('language.label')}>
      {(['fr', 'en'] as const).map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={buttonClassName}
          aria-pressed={lang === l}
          onClick={() => void setLanguage(l)}
          data-testid={testIdPrefix ? `${testIdPrefix}${l}` : undefined}
        >
          {l === 'fr' ? 'Français' : 'English'}
        </button>
      ))}
    </div>
  );
}
