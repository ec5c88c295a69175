/**
 * Rewritings of a message that must not change its urgency: accents removed, SMS spellings,
 * typos, case and punctuation, clauses reordered, written by a third party, buried inside an
 * administrative request. Used to augment the statistical detector's training data and by
 * the robustness property tests (`src/server/triage/robustness.test.ts`).
 *
 * Every function takes a random source so that fast-check (or a seeded PRNG) drives it.
 */
export type Rand = () => number;
export type Lang = 'fr' | 'en';

const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length) % xs.length] as T;

export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

const SMS_FR: Array<[RegExp, string]> = [
  [/\bj'ai\b/gi, 'jai'], [/\bje suis\b/gi, 'jsuis'], [/\brendez-vous\b/gi, 'rdv'], [/\bs'il vous plaît\b/gi, 'svp'], [/\bbeaucoup\b/gi, 'bcp'],
  [/\bc'est\b/gi, 'cest'], [/\baujourd'hui\b/gi, 'ajd'], [/\bquelqu'un\b/gi, 'qqn'], [/\bpourquoi\b/gi, 'pk'], [/\btoujours\b/gi, 'tjrs'],
  [/\bpour\b/gi, 'pr'], [/\bdans\b/gi, 'ds'], [/\bmaintenant\b/gi, 'mtn'], [/\bbébé\b/gi, 'bb'], [/\bordonnance\b/gi, 'ordo'],
  [/\bqu'il\b/gi, 'quil'], [/\bil y a\b/gi, 'ya'], [/\bvous\b/gi, 'vs'], [/\bquelque chose\b/gi, 'qqch'],
];
const SMS_EN: Array<[RegExp, string]> = [
  [/\byou\b/gi, 'u'], [/\byour\b/gi, 'ur'], [/\bplease\b/gi, 'pls'], [/\bI'm\b/g, 'im'], [/\bcan't\b/gi, 'cant'], [/\bdon't\b/gi, 'dont'],
  [/\bappointment\b/gi, 'appt'], [/\btomorrow\b/gi, 'tmrw'], [/\bthanks\b/gi, 'thx'], [/\bbecause\b/gi, 'cos'], [/\bwon't\b/gi, 'wont'],
];

/** SMS register: abbreviations, no accents, lower case, little punctuation. */
export function smsify(text: string, lang: Lang, rand: Rand): string {
  let s = text;
  for (const [re, rep] of lang === 'fr' ? SMS_FR : SMS_EN) if (rand() < 0.8) s = s.replace(re, rep);
  s = stripAccents(s).toLowerCase();
  if (rand() < 0.5) s = s.replace(/[.,;:]/g, rand() < 0.5 ? '' : ' ');
  return s.replace(/\s+/g, ' ').trim();
}

/** Typos inside words of 5+ letters: a swap, a dropped or a doubled letter (about one word in `every`). */
export function typos(text: string, rand: Rand, every = 6): string {
  return text.replace(/\p{L}{5,}/gu, (word) => {
    if (rand() * every >= 1) return word;
    const i = 1 + Math.floor(rand() * (word.length - 2));
    const kind = Math.floor(rand() * 3);
    if (kind === 0) return word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
    if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
    return word.slice(0, i) + (word[i] ?? '') + word.slice(i);
  });
}

export function changeCaseAndPunctuation(text: string, rand: Rand): string {
  const r = rand();
  let s = r < 0.33 ? text.toUpperCase() : r < 0.66 ? text.toLowerCase() : text;
  if (rand() < 0.5) s = s.replace(/[.!?]+/g, rand() < 0.5 ? '!!!' : '...');
  if (rand() < 0.5) s = s.replace(/,/g, '');
  return s;
}

/** Sentences in another order (the first stays first half of the time: greetings). */
export function reorderSentences(text: string, rand: Rand): string {
  const parts = text.split(/(?<=[.!?])\s+/).filter(Boolean);
  if (parts.length < 2) return text;
  for (let i = parts.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [parts[i], parts[j]] = [parts[j] as string, parts[i] as string];
  }
  return parts.join(' ');
}

const ADMIN_FR = [
  "Bonjour, je dois annuler mon rendez-vous de jeudi. ",
  "Bonjour, c'est pour décaler le rdv de mardi à plus tard. ",
  "Bonjour, je voudrais le renouvellement de mon ordonnance habituelle. ",
  "Bonjour, pouvez-vous m'envoyer une attestation de paiement pour la mutuelle ? ",
  "Bonjour, j'ai besoin d'un certificat pour le sport. ",
  "Bonjour, vous êtes ouverts samedi matin ? ",
];
const ADMIN_EN = [
  "Hi, I need to cancel my appointment on Thursday. ",
  "Hello, can I move my appointment to next week? ",
  "Hi, could I get my repeat prescription please. ",
  "Hello, I need a receipt for my insurance. ",
  "Hi, I need a sick note for work. ",
  "Hello, are you open on Saturday morning? ",
];
const AFTER_FR = [' Merci.', ' Bonne journée.', ' Cordialement.', ''];
const AFTER_EN = [' Thanks.', ' Kind regards.', ' Cheers.', ''];

/** The message buried inside an administrative request, before or after it. */
export function buryInAdmin(text: string, lang: Lang, rand: Rand): string {
  const admin = pick(rand, lang === 'fr' ? ADMIN_FR : ADMIN_EN);
  const tail = pick(rand, lang === 'fr' ? AFTER_FR : AFTER_EN);
  const body = text.replace(/^(bonjour|bonsoir|hello|hi|allo|allô)[ ,!.]*/i, '');
  return rand() < 0.7 ? `${admin}${lang === 'fr' ? 'Par ailleurs, ' : 'Also, '}${body}${tail}` : `${text} ${admin.replace(/^(Bonjour|Hello|Hi), /, lang === 'fr' ? 'Et sinon, ' : 'And, ')}`;
}

const THIRD_FR: Array<[RegExp, string]> = [
  [/\bj'ai\b/gi, 'il a'], [/\bje suis\b/gi, 'il est'], [/\bj'étais\b/gi, 'il était'], [/\bje n'arrive\b/gi, "il n'arrive"], [/\bje ne\b/gi, 'il ne'],
  [/\bje n'ai\b/gi, "il n'a"], [/\bje me sens\b/gi, 'il se sent'], [/\bmoi\b/gi, 'lui'], [/\bmon\b/gi, 'son'], [/\bma\b/gi, 'sa'], [/\bmes\b/gi, 'ses'],
];
const THIRD_EN: Array<[RegExp, string]> = [
  [/\bI've\b/g, "he's"], [/\bI'm\b/g, "he's"], [/\bI am\b/g, 'he is'], [/\bI have\b/g, 'he has'], [/\bI can't\b/g, "he can't"], [/\bI\b/g, 'he'],
  [/\bmy\b/gi, 'his'], [/\bme\b/gi, 'him'], [/\bmyself\b/gi, 'himself'],
];

/** Rewritten by someone else ("je suis" -> "mon mari … il est"). Crude on purpose: real third parties are too. */
export function asThirdParty(text: string, lang: Lang, rand: Rand): string {
  let s = text;
  for (const [re, rep] of lang === 'fr' ? THIRD_FR : THIRD_EN) s = s.replace(re, rep);
  const who = lang === 'fr' ? pick(rand, ["Je vous écris pour mon mari. ", "C'est pour mon père. ", "Je suis sa voisine. ", "Ici l'aide à domicile de M. Martin. "]) : pick(rand, ["I'm writing about my husband. ", "This is about my dad. ", "I'm his neighbour. "]);
  return who + s;
}

export type Variant = (text: string, lang: Lang, rand: Rand) => string;

export const VARIANTS: Record<string, Variant> = {
  accents: (t) => stripAccents(t),
  sms: smsify,
  typos: (t, _l, r) => typos(t, r),
  casePunctuation: (t, _l, r) => changeCaseAndPunctuation(t, r),
  reorder: (t, _l, r) => reorderSentences(t, r),
  thirdParty: asThirdParty,
  admin: buryInAdmin,
};
