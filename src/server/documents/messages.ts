/** The documents capability's sentences for a person, in both languages (the answer picks the request's). */
import type { Localized } from '../platform/http/errors.js';

export const DOCUMENT_MESSAGES = {
  valueTooLong: { fr: 'Valeur trop longue.', en: 'Value too long.' },
  fieldTwice: { fr: 'Champ envoyé deux fois.', en: 'Field sent twice.' },
  oneFilePerUpload: { fr: 'Un seul fichier par envoi.', en: 'One file per upload.' },
  sendOneFile: { fr: 'Envoyez un seul fichier à la fois.', en: 'Send one file at a time.' },
  tooManyFields: { fr: 'Trop de champs.', en: 'Too many fields.' },
  invalidField: { fr: 'Champ invalide.', en: 'Invalid field.' },
  unreadableForm: {
    fr: 'Le formulaire envoyé est illisible (multipart/form-data mal formé). Rien n’a été enregistré.',
    en: 'The form sent could not be read (malformed multipart/form-data). Nothing was saved.',
  },
  missingFile: { fr: 'Fichier manquant.', en: 'Missing file.' },
  attachFile: { fr: 'Joignez le fichier à déposer (champ « file »).', en: 'Attach the file to upload (field "file").' },
  emptyFile: { fr: 'Fichier vide.', en: 'Empty file.' },
  emptyFileHint: { fr: 'Ce fichier est vide (0 octet). Vérifiez le fichier choisi.', en: 'This file is empty (0 bytes). Check the file you chose.' },
} as const satisfies Record<string, Localized>;

export const atMostFiles = (n: number): Localized => ({ fr: `${n} fichiers au plus.`, en: `At most ${n} files.` });
export const sendAtMostFiles = (n: number): Localized => ({ fr: `Envoyez ${n} fichiers au plus à la fois.`, en: `Send at most ${n} files at a time.` });
