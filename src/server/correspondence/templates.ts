import { FILLED_MERGE_FIELDS } from './fields.service.js';

/**
 * Built-in letter templates (French, as sent). Merge fields are `{{…}}` (rules.ts renderTemplate); an unknown field
 * stops the letter rather than printing braces. The list of fields is `MERGE_FIELDS`, shown in the letter page.
 */
export interface LetterTemplate {
  id: string;
  label: { fr: string; en: string };
  subject: string;
  body: string;
}

/** The fields a letter may hold: those filled from the file (fields.service.ts) and the letter's own text. */
export const MERGE_FIELDS = [...FILLED_MERGE_FIELDS, 'texte'] as const;

export const LETTER_TEMPLATES: readonly LetterTemplate[] = [
  {
    id: 'referral',
    label: { fr: 'Lettre d’adressage', en: 'Referral letter' },
    subject: 'Adressage de {{patient.civilite}} {{patient.nom}}',
    body: `{{correspondant.formule}},

Je vous adresse {{patient.civilite}} {{patient.nom}}, {{patient.ne}} le {{patient.date_naissance}}, pour avis et prise en charge.

{{texte}}

Je vous remercie de me tenir informé(e) de votre avis et reste à votre disposition.

Bien confraternellement,`,
  },
  {
    id: 'reply',
    label: { fr: 'Réponse à un confrère', en: 'Reply to a colleague' },
    subject: 'Concernant {{patient.civilite}} {{patient.nom}}',
    body: `{{correspondant.formule}},

Je vous remercie de m’avoir adressé {{patient.civilite}} {{patient.nom}}, {{patient.ne}} le {{patient.date_naissance}}, que j’ai vu(e) en consultation.

{{texte}}

Bien confraternellement,`,
  },
  {
    id: 'results',
    label: { fr: 'Transmission de résultats', en: 'Results sent on' },
    subject: 'Résultats de {{patient.civilite}} {{patient.nom}}',
    body: `{{correspondant.formule}},

Veuillez trouver ci-dessous les éléments concernant {{patient.civilite}} {{patient.nom}}, {{patient.ne}} le {{patient.date_naissance}}.

{{texte}}

Bien cordialement,`,
  },
  {
    id: 'administrative',
    label: { fr: 'Courrier administratif', en: 'Administrative letter' },
    subject: 'Dossier de {{patient.civilite}} {{patient.nom}}',
    body: `{{correspondant.formule}},

{{texte}}

Je vous prie d’agréer l’expression de mes salutations distinguées.`,
  },
];

export const templateById = (id: string) => LETTER_TEMPLATES.find((t) => t.id === id);
