import { SECTIONS, type Section } from './contract.js';

/**
 * Consultation assistant, pure rules: a transcript (text) → a DRAFT synthesis whose every sentence cites the
 * passage it comes from (UTF-16 offsets into the transcript). No language model: passages are cut at sentence
 * ends, stripped of speaker labels and fillers, and sorted into sections by French keyword rules. A draft sentence
 * only ever uses words of the passage it cites, so that a reader can check it against its source.
 */
// The sections are part of the API (contract.ts); the rules sort sentences into them.
export { SECTIONS, type Section } from './contract.js';

export interface Source { start: number; end: number }
export interface DraftSentence { id: string; section: Section; text: string; source: Source | null }
export type DraftResult = { ok: true; sentences: DraftSentence[] } | { ok: false; reason: 'too_short' | 'nothing_found' };

/** Fewer words than this and there is nothing to synthesise (a greeting, a test). */
export const MIN_WORDS = 12;
const MIN_PASSAGE_WORDS = 3;

const WORD = /[\p{L}\p{N}]+/gu;
export const words = (s: string): string[] => (s.toLocaleLowerCase('fr-FR').match(WORD) ?? []);

const FILLERS = new Set(['euh', 'heu', 'hum', 'ben', 'bah', 'hein', 'voilà', 'bon', 'alors', 'donc', 'ok', 'okay', 'd', 'accord']);
const SPEAKER = /^\s*(?:dr|docteur|médecin|medecin|patient|patiente|m|p|secrétaire)\s*[:\-–]\s*/iu;

/** Keyword rules by section, first match order = priority when several sections match a passage. */
const RULES: [Section, RegExp][] = [
  ['prescriptions', /(?<!\p{L})(je vous (prescris|mets|donne)|ordonnance|prescri|comprimés?|gélules?|sachets?|\d+\s?(mg|g|ml)\b|fois par jour|matin et soir|paracétamol|doliprane|amoxicilline|ibuprofène|augmentin|spasfon|ventoline|metformine|lévothyrox|kardégic|oméprazole|cortisone|antibiotique)/iu],
  ['examination', /(?<!\p{L})(tension|ta à|pouls|température|fièvre à|auscultation|j'ausculte|j’ausculte|examen|palpation|à la palpation|saturation|sat à|poids|kilos|fréquence cardiaque|tympans?|gorge (est|rouge)|poumons|abdomen (est|souple)|souple|battements)/iu],
  ['conclusion', /(?<!\p{L})(il s'agit|il s’agit|diagnostic|conclusion|c'est (une|un|probablement)|c’est (une|un|probablement)|probablement|évoque|ça ressemble à|je pense que c'est|je pense que c’est)/iu],
  ['plan', /(?<!\p{L})(on va|je vous propose|je vous revois|revoir|contrôle|bilan|radio|échographie|prise de sang|analyses?|arrêt de travail|adresser|rendez-vous|revenez|reconsulter|surveill)/iu],
  ['history', /(?<!\p{L})(antécédents?|opérée?|opération|allergi|traitement habituel|diabète|diabétique|hypertension|asthme|tabac|fume|fumeur|fumeuse|alcool|enfance|déjà eu|chirurgie|famille)/iu],
  ['reason', /(?<!\p{L})(je viens (pour|parce)|je consulte|vous amène|motif|j'ai mal|j’ai mal|mal (à la|au|aux)|douleurs?|depuis (\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|hier|ce matin)|j'ai de la|j’ai de la|je tousse|toux|fièvre)/iu],
];
const ASKS_REASON = /(qu'est-ce qui vous amène|qu’est-ce qui vous amène|pourquoi (venez|consultez)|que puis-je pour vous)/iu;

export interface Passage extends Source { text: string }

/** Passages of the transcript: cut at . ! ? ; and line ends, speaker label and surrounding blanks left out. */
export function passages(transcript: string): Passage[] {
  const out: Passage[] = [];
  const cut = /[^.!?;\n\r]+[.!?;]*/gu;
  for (const m of transcript.matchAll(cut)) {
    let start = m.index;
    let end = start + m[0].length;
    const label = SPEAKER.exec(m[0]);
    if (label) start += label[0].length;
    while (start < end && /\s/u.test(transcript[start]!)) start++;
    while (end > start && /\s/u.test(transcript[end - 1]!)) end--;
    if (end > start) out.push({ start, end, text: transcript.slice(start, end) });
  }
  return out;
}

/** The draft sentence of a passage: fillers out, blanks collapsed, capital first, a final full stop. */
export function sentenceOf(passage: string): string {
  const kept = passage
    .replace(/[.!?;]+$/u, '')
    .split(/\s+/u)
    .filter((w) => w && !FILLERS.has(words(w).join(' ')) && words(w).length > 0)
    .join(' ')
    .replace(/^[,\s]+|[,\s]+$/gu, '');
  if (!kept) return '';
  const first = kept[0]!;
  const upper = first.toLocaleUpperCase('fr-FR');
  // Only a capital that reads back as the same letter (not « ß » → « SS »): the sentence keeps its source's words.
  return `${upper.toLocaleLowerCase('fr-FR') === first.toLocaleLowerCase('fr-FR') && upper.length === 1 ? upper : first}${kept.slice(1)}.`;
}

export function classify(text: string, afterReasonQuestion: boolean): Section | null {
  for (const [section, rule] of RULES) if (rule.test(text)) return section;
  return afterReasonQuestion ? 'reason' : null;
}

/** The rule-based draft, or why there is none. Sentences come in section order, then transcript order. */
export function draftFromTranscript(transcript: string): DraftResult {
  if (words(transcript).filter((w) => !FILLERS.has(w)).length < MIN_WORDS) return { ok: false, reason: 'too_short' };
  const sentences: DraftSentence[] = [];
  let asked = false;
  for (const p of passages(transcript)) {
    if (ASKS_REASON.test(p.text)) {
      asked = true;
      continue;
    }
    const text = sentenceOf(p.text);
    const section = words(text).length >= MIN_PASSAGE_WORDS && !p.text.trim().endsWith('?') ? classify(p.text, asked) : null;
    asked = false;
    if (section) sentences.push({ id: `s${p.start}`, section, text, source: { start: p.start, end: p.end } });
  }
  if (sentences.length === 0) return { ok: false, reason: 'nothing_found' };
  const rank = (s: Section) => SECTIONS.indexOf(s);
  sentences.sort((a, b) => rank(a.section) - rank(b.section) || a.source!.start - b.source!.start);
  return { ok: true, sentences };
}

export type SentenceProblem = 'no_source' | 'source_outside' | 'words_not_in_source' | 'empty';

/** Is this sentence backed by its cited passage? Every word it uses must appear there. */
export function checkSentence(transcript: string, s: { text: string; source: Source | null }): SentenceProblem | null {
  if (!s.text.trim()) return 'empty';
  if (!s.source) return 'no_source';
  const { start, end } = s.source;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > transcript.length || start >= end) return 'source_outside';
  const available = new Set(words(transcript.slice(start, end)));
  return words(s.text).every((w) => available.has(w)) ? null : 'words_not_in_source';
}
