import { FILLED_MERGE_FIELDS } from '../correspondence/index.js';
import type { ReportKind } from './contract.js';
import { docFromTemplate, type RichDoc } from './richtext.js';

/**
 * Built-in report templates, by specialty (French, as sent). The body is template text (richtext.ts
 * docFromTemplate): `{{field}}` becomes a merge-field node the editor shows as a chip and the server fills.
 * `specialties` lists the practitioners' specialties (practitioners.specialty) the template is offered first to;
 * every template stays available to everyone.
 */
export interface ReportTemplate {
  id: string;
  kind: ReportKind;
  specialties: string[];
  label: { fr: string; en: string };
  title: string;
  body: string;
}

/** A report's merge fields: those correspondence fills for letters and reports alike (mergeFieldValues). */
export const REPORT_FIELDS = FILLED_MERGE_FIELDS;

const GP = ['Médecine générale', 'Pédiatrie'];
export const REPORT_TEMPLATES: readonly ReportTemplate[] = [
  {
    id: 'consultation-gp',
    kind: 'consultation_report',
    specialties: GP,
    label: { fr: 'Compte rendu de consultation', en: 'Consultation report' },
    title: 'Compte rendu de consultation',
    body: `{{correspondant.formule}},

J’ai vu ce jour en consultation {{patient.civilite}} {{patient.nom}}, {{patient.ne}} le {{patient.date_naissance}}.

# Motif

# Examen clinique

# Conclusion

Bien confraternellement,`,
  },
  {
    id: 'referral-gp',
    kind: 'referral_letter',
    specialties: GP,
    label: { fr: 'Lettre d’adressage', en: 'Referral letter' },
    title: 'Adressage',
    body: `{{correspondant.formule}},

Je vous adresse {{patient.civilite}} {{patient.nom}}, {{patient.ne}} le {{patient.date_naissance}}, pour avis et prise en charge.

# Antécédents

# Traitement en cours

Je vous remercie de me tenir informé(e) de votre avis.

Bien confraternellement,`,
  },
  {
    id: 'ultrasound',
    kind: 'ultrasound_report',
    specialties: ['Radiologie', 'Gynécologie', 'Médecine générale'],
    label: { fr: 'Compte rendu d’échographie', en: 'Ultrasound report' },
    title: 'Compte rendu d’échographie',
    body: `{{patient.civilite}} {{patient.nom}}, {{patient.ne}} le {{patient.date_naissance}}. Examen du {{date.jour}}.

# Indication

# Technique

# Résultats

# Conclusion`,
  },
  {
    id: 'operative',
    kind: 'operative_report',
    specialties: ['Chirurgie', 'Chirurgie dentaire'],
    label: { fr: 'Compte rendu opératoire', en: 'Operative report' },
    title: 'Compte rendu opératoire',
    body: `{{patient.civilite}} {{patient.nom}}, {{patient.ne}} le {{patient.date_naissance}}. Intervention du {{date.jour}}, opérateur : {{praticien.nom}}.

# Indication

# Anesthésie

# Déroulement

# Suites et consignes`,
  },
  {
    id: 'dental-plan',
    kind: 'dental_plan_letter',
    specialties: ['Chirurgie dentaire'],
    label: { fr: 'Lettre de plan de traitement dentaire', en: 'Dental treatment plan letter' },
    title: 'Plan de traitement dentaire',
    body: `{{correspondant.formule}},

Suite à l’examen bucco-dentaire de {{patient.civilite}} {{patient.nom}}, {{patient.ne}} le {{patient.date_naissance}}, je vous propose le plan de traitement suivant.

# Bilan

# Plan de traitement

- Séance 1 :
- Séance 2 :

Un devis détaillé est remis au patient.

Bien confraternellement,`,
  },
];

export const reportTemplateById = (id: string) => REPORT_TEMPLATES.find((t) => t.id === id);

export function templateDoc(t: ReportTemplate): RichDoc {
  return docFromTemplate(t.body);
}

/** The practitioner's specialty's templates first, then the others, in the list's order. */
export function templatesFor(specialty: string | null): ReportTemplate[] {
  const mine = REPORT_TEMPLATES.filter((t) => specialty !== null && t.specialties.includes(specialty));
  return [...mine, ...REPORT_TEMPLATES.filter((t) => !mine.includes(t))];
}
