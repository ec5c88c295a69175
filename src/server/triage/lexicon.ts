/**
 * Shared vocabulary of the rules (normalised: lowercase, no accents, SMS expanded).
 * Kept as regex source fragments so that rules read like the clinical checklists.
 */

/** Build a global, word-bounded regex from alternatives. */
export function words(...alternatives: string[]): RegExp {
  return new RegExp(`\\b(?:${alternatives.join('|')})\\b`, 'g');
}

/** Up to `n` words in between ("douleur tres forte dans la poitrine"). */
export const gap = (n: number): string => `(?: [a-z0-9.]+){0,${n}}`;

const TEMP_NUMBER = String.raw`(?:3[89]|4[0-2])(?:\.\d)?(?! ?(?:ans|an|years?|yo|kg|euros?|e|semaines|sa|mois|minutes|min|h\b|heures?|cm|mm|%|ml|mg|jours|days|weeks|ieme|eme|e\b))`;
export const FEVER = words(
  'fievre', 'fievreux', 'fievreuse', 'febrile', 'temperature', 'temp', 'fever', 'feverish', 'hyperthermie', 'pyrexia',
  `(?:a|de|at|of|is|fait|fait du|fait de la|monte a|jusqu a|thermometre|temperature a) ${TEMP_NUMBER}`, `${TEMP_NUMBER} de (?:fievre|temperature)`,
  `(?:3[89]|4[0-2])\\.\\d`,
  // A bare "39" after a time word ("depuis hier 39"), not "le 39", "bus 40", "39 ans".
  `(?<!(?:le|du|au|numero|no|bus|ligne|chambre|rue|page|taille|pointure|n) )${TEMP_NUMBER}(?= ,| \\.| ?$| et| depuis| since| for| avec| with| this| ce| hier| le soir| ce soir)`,
);
export const HIGH_FEVER = words(
  String.raw`(?:39|4[0-2])(?:\.\d)?(?! ?(?:ans|an|years?|yo|kg|euros?|semaines|mois|minutes|min|h\b|heures?|jours|days))`, 'forte fievre', 'grosse fievre',
  'fievre (?:tres )?(?:forte|elevee)', 'high (?:fever|temperature|temp)', 'very high (?:fever|temperature|temp)', 'really high (?:fever|temperature|temp)',
);
/** Fever lasting 2 days or more. */
export const FEVER_48H = words(
  'depuis (?:2|3|4|5|6|7|deux|trois|quatre|cinq|six|sept|plusieurs|quelques) jours', 'for (?:2|3|4|5|two|three|four|five|several|a few) days',
  'since (?:2|3|4|two|three|four) days', 'depuis (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|avant hier)', 'since (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)',
  '(?:2|3|4|5|deux|trois|quatre|cinq) jours de fievre', '(?:2|3|4|5|two|three|four|five) days of fever',
);
export const FEVER_3D = words(
  'depuis (?:3|4|5|6|7|trois|quatre|cinq|six|sept|plusieurs) jours', 'for (?:3|4|5|6|three|four|five|six|several) days',
  'since (?:3|4|three|four) days', '(?:3|4|5|trois|quatre|cinq) jours de fievre', '(?:3|4|5|three|four|five) days of fever', 'depuis (?:une|1) semaine',
);

export const PREGNANT = words('enceinte', 'pregnant', 'grossesse', 'pregnancy', String.raw`\d+ (?:sa|semaines d amenorrhee)`);
export const ALLERGEN = words(
  'allergi\\w*', 'piqu\\w*', 'sting', 'stung', 'guepe', 'abeille', 'frelon', 'bee', 'wasp', 'hornet', 'crevettes?', 'cacahuetes?', 'arachides?',
  'peanuts?', 'nuts?', 'noix', 'fruits de mer', 'shellfish', 'seafood', 'prawns?', 'shrimps?', 'antibiotiques?', 'antibiotics?', 'penicilline',
  'amoxicilline', 'comprimes?', 'medicaments?', 'cachets?', 'tablets?', 'pills?', 'vaccin\\w*', 'injection', 'mange', 'ate', 'eaten', 'kiwi', 'oeufs?', 'lait',
);
export const DROWSY = words(
  'de plus en plus (?:endormi|endormie|somnolent|somnolente)', 's endort (?:tout le temps|sans arret|tout seul|toute seule|debout)',
  'somnolent\\w*', 'somnolence', 'difficile a reveiller', 'du mal a (?:le |la )?reveiller', 'hard to (?:wake|rouse)', 'drowsy', 'drowsiness',
  'barely (?:keep (?:my|his|her) eyes open|awake|conscious)', 'can barely stay awake', 'tres endormi\\w*', 'dort tout le temps', 'very sleepy',
  'constamment endormi\\w*', 'ne tient plus les yeux ouverts', 'groggy',
);
export const SHOCK_SIGNS = words(
  'gris', 'grise', 'grisatre', 'grey', 'gray', 'greyish', 'ashen', 'livide', 'pale comme un linge', 'marbre\\w*', 'marbrures', 'mottled',
  'sueurs? froides?', 'cold sweats?', 'clammy', 'moite', 'en sueur', 'sueurs', 'sweating', 'sweaty', 'pale', 'pales', 'tout pale', 'toute pale',
);
export const PAIN = words(
  'douleurs?', 'douloureu\\w*', 'mal', 'pain', 'pains', 'painful', 'hurts?', 'hurting', 'ache', 'aching', 'souffre', 'souffrir',
);
export const SEVERE = words(
  'atroce\\w*', 'terrible\\w*', 'enorme', 'insupportable', 'brutal\\w*', 'violent\\w*', 'intense', 'severe', 'excruciating', 'agoni\\w*',
  'worst', 'unbearable', 'tres fort\\w*', 'tres mal', 'horrible\\w*', 'soudain\\w*', 'sudden\\w*', 'd un coup', 'pleure de douleur',
  'hurle de douleur', 'crie de douleur', 'pire', 'really bad',
);
export const SUDDEN = words('d un coup', 'soudain\\w*', 'brutal\\w*', 'brusque\\w*', 'subit\\w*', 'sudden\\w*', 'all of a sudden', 'out of nowhere', 'tout a coup');
export const PROFESSIONAL_SENDER = words(
  'pharmacie', 'pharmacien\\w*', 'pharmacy', 'pharmacist', 'officine', 'laboratoire', 'labo', 'lab', 'infirmiere', 'infirmier', 'nurse',
  'ehpad', 'care home', 'nursing home', 'service des urgences', 'centre hospitalier', 'hopital', 'hospital', 'clinique', 'cabinet infirmier',
  'ssiad', 'ambulances?', 'transporteur', 'confrere', 'consoeur', 'colleague', 'collegue',
);

/** Child words; the age found (if any) decides for "fils de 20 ans". */
const CHILD_WORDS = words(
  'fils', 'fille', 'enfant', 'enfants', 'bebe', 'nourrisson', 'petit', 'petite', 'gamin', 'gamine', 'petit fils', 'petite fille', 'neveu',
  'niece', 'son', 'daughter', 'child', 'kid', 'toddler', 'baby', 'infant', 'newborn', 'nouveau ne', 'boy', 'girl', 'eleve', 'ado', 'adolescent\\w*',
);
const INFANT_WORDS = words('bebe', 'nourrisson', 'nouveau ne', 'newborn', 'baby', 'infant', 'bb');

export interface AgeInfo {
  /** Age in years of the person concerned, when stated ("mon fils de 3 ans", "10 weeks old"). */
  years?: number;
  child: boolean;
  infant: boolean;
  /** Younger than 3 months (README rule 5). */
  under3Months: boolean;
}

const UNIT_FACTOR: Record<string, number> = {
  ans: 1, an: 1, year: 1, years: 1, yo: 1, mois: 1 / 12, month: 1 / 12, months: 1 / 12,
  semaines: 1 / 52, semaine: 1 / 52, week: 1 / 52, weeks: 1 / 52, jours: 1 / 365, jour: 1 / 365, day: 1 / 365, days: 1 / 365,
};
const UNIT = '(ans|an|mois|semaines?|jours?|years?|months?|weeks?|days?|yo)';
const PERSON = '(?:bebe|baby|bb|nourrisson|fils|fille|son|daughter|enfant|child|kid|petit|petite|toddler|boy|girl|husband|wife|mari|femme|pere|mere|father|mother|dad|mum|mom|frere|soeur|brother|sister|neveu|niece)';
/** Age expressions, each capturing (number, unit). The earliest one in the message wins. */
const AGE_PATTERNS: RegExp[] = [
  new RegExp(`(?<!enceinte |pregnant |grossesse |enceinte depuis )\\b(?:de|agee?s? de|aged|is|est age de|, age) (\\d{1,3}) ${UNIT}\\b(?! (?:de fievre|of fever|ago|de grossesse|d amenorrhee|pregnant))`),
  new RegExp(`\\b${PERSON} ,? ?(\\d{1,3}) ${UNIT}\\b`),
  new RegExp(`\\b(\\d{1,3}) ${UNIT} old\\b`),
  new RegExp(`\\b(\\d{1,2}) ?(yo)\\b`),
  new RegExp(`\\b${PERSON} , (\\d{1,2}) ,()`),
  new RegExp(`(?<!depuis |pendant |il y a |il y |dans |for |since |apres |after |en |in |tous les |every |plus de |moins de )\\b(?:a|j ai|il a|elle a|i am|he is|she is) (\\d{1,3}) (ans|years)\\b`),
];

export function ageOf(norm: string): AgeInfo {
  let years: number | undefined;
  let at = Infinity;
  for (const re of AGE_PATTERNS) {
    const m = re.exec(norm);
    if (m && m[1] !== undefined && m.index < at) {
      // The first stated age is the one of the person concerned ("mon fils de 3 ans", "my 6yo").
      at = m.index;
      years = Number(m[1]) * (UNIT_FACTOR[m[2] || 'ans'] ?? 1);
    }
  }
  // "j ai 52 ans" is the sender; keep it anyway: the sender is then the patient.
  const childWord = CHILD_WORDS.test(norm);
  CHILD_WORDS.lastIndex = 0;
  const infantWord = INFANT_WORDS.test(norm);
  INFANT_WORDS.lastIndex = 0;
  const child = years !== undefined ? years < 16 : childWord;
  const infant = years !== undefined ? years < 1 : infantWord;
  const under3Months = years !== undefined ? years < 0.25 : /\b(?:nouveau ne|newborn)\b/.test(norm);
  return { years, child, infant, under3Months };
}
