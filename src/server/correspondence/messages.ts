/** The correspondence capability's sentences for a person, in both languages. */
import type { Localized } from '../platform/http/errors.js';

export const CORRESPONDENCE_MESSAGES = {
  rppsDigits: { fr: 'Le RPPS compte 11 chiffres.', en: 'An RPPS has 11 digits.' },
  rppsKey: { fr: 'Ce RPPS est invalide (clé de contrôle fausse) : vérifiez la saisie.', en: 'This RPPS is invalid (wrong check digit): check what was typed.' },
  // The scan form's fields (POST /api/correspondence/scans), one sentence each.
  scanType: {
    fr: 'Type de courrier inconnu : choisissez résultat, compte rendu hospitalier, lettre, adressage, administratif ou autre.',
    en: 'Unknown item type: choose result, hospital report, letter, referral, administrative or other.',
  },
  scanSubject: { fr: 'Indiquez l’objet du courrier (300 caractères au plus).', en: 'Give the item’s subject (300 characters at most).' },
  scanSenderId: {
    fr: 'Expéditeur invalide : choisissez-le dans le carnet d’adresses, ou « Expéditeur inconnu ».',
    en: 'Invalid sender: pick one from the address book, or « Unknown sender ».',
  },
  scanSenderLabel: { fr: 'Le nom de l’expéditeur dépasse 300 caractères.', en: 'The sender’s name is longer than 300 characters.' },
} as const satisfies Record<string, Localized>;
