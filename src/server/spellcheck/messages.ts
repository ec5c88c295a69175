/** The practice dictionary's sentences, in both languages (the answer picks the request's). */
import type { Localized } from '../platform/http/errors.js';

export const SPELLCHECK_MESSAGES = {
  empty: { fr: 'Écrivez le mot à ajouter.', en: 'Write the word to add.' },
  too_long: { fr: 'Un mot du dictionnaire fait 60 caractères au plus.', en: 'A dictionary word is 60 characters at most.' },
  not_one_word: {
    fr: 'Un seul mot : des lettres (au moins deux), avec au besoin un trait d’union ou une apostrophe, sans chiffre ni espace.',
    en: 'One word only: letters (two at least), with a hyphen or an apostrophe if needed, no digit and no space.',
  },
  duplicate: { fr: 'Ce mot est déjà dans le dictionnaire du cabinet.', en: 'This word is already in the practice dictionary.' },
  full: {
    fr: 'Le dictionnaire du cabinet est plein (2 000 mots) : retirez d’abord des mots qui ne servent plus.',
    en: 'The practice dictionary is full (2,000 words): remove words no longer used first.',
  },
  unknownWord: { fr: 'Ce mot n’est pas dans le dictionnaire du cabinet.', en: 'This word is not in the practice dictionary.' },
} as const satisfies Record<string, Localized>;
