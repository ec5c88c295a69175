import type { DraftSentence, Section } from './rules.js';

/**
 * The draft letter to a colleague, from the draft synthesis: fixed template lines (salutation, politeness — marked
 * `template`, they state nothing about the patient) around the synthesis's sentences, which keep their citations.
 */
export interface LetterLine { text: string; source: DraftSentence['source']; sentenceId: string | null; template: boolean }

const HEADINGS: Record<Section, { fr: string; en: string }> = {
  reason: { fr: 'Motif de consultation', en: 'Reason for visit' },
  history: { fr: 'Antécédents', en: 'History' },
  examination: { fr: 'Examen', en: 'Examination' },
  conclusion: { fr: 'Conclusion', en: 'Conclusion' },
  plan: { fr: 'Conduite à tenir', en: 'Plan' },
  prescriptions: { fr: 'Prescriptions évoquées', en: 'Prescriptions mentioned' },
};
export const sectionHeading = (s: Section, lang: 'fr' | 'en') => HEADINGS[s][lang];

export function draftLetter(sentences: DraftSentence[], who: { patient: string | null; practitioner: string | null }): LetterLine[] {
  const t = (text: string): LetterLine => ({ text, source: null, sentenceId: null, template: true });
  const lines: LetterLine[] = [t('Cher confrère, chère consœur,'), t(who.patient ? `J’ai vu en consultation ${who.patient}.` : 'J’ai vu en consultation votre patient(e).')];
  let last: Section | null = null;
  for (const s of sentences) {
    if (s.section !== last) lines.push(t(`${HEADINGS[s.section].fr} :`));
    last = s.section;
    lines.push({ text: s.text, source: s.source, sentenceId: s.id, template: false });
  }
  lines.push(t('Je vous remercie de votre accueil et reste à votre disposition.'), t('Bien confraternellement,'));
  if (who.practitioner) lines.push(t(who.practitioner));
  return lines;
}
