import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { buildMessages } from './messages';
import type { Language } from '../api/types';

export const LANGUAGES: Language[] = ['fr', 'en'];
const STORAGE_KEY = 'pivot.language';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (value === 'fr' || value === 'en') return value;
  } catch {
    /* storage unavailable */
  }
  return 'fr';
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'fr';
}

/** Changes the UI language and remembers it on this device. */
export function setLanguage(language: Language): Promise<unknown> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    /* storage unavailable */
  }
  return i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: buildMessages('fr') }, en: { translation: buildMessages('en') } },
  lng: storedLanguage(),
  fallbackLng: 'fr',
  interpolation: { escapeValue: false },
  returnNull: false,
});

function syncDocumentLanguage(language: string) {
  document.documentElement.lang = language;
}
syncDocumentLanguage(i18n.language);
i18n.on('languageChanged', syncDocumentLanguage);

export default i18n;
