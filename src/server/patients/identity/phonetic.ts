/**
 * French phonetic key — the single algorithm of Pivot, used by the search box (stored, indexed keys),
 * FHIR `phonetic` search, the SQL duplicate candidate query and the duplicate scorer. Pure.
 *
 * Goal: two spellings of the same French name that a secretary could type for what she hears get the
 * same key (Dupont = Dupond = Dupon, Lefèvre = Lefebvre = Lefeuvre, Gauthier = Gautier, Philippe =
 * Filipe, Rousseau = Roussot, Mathieu = Matthieu); clearly different names do not. It is a recall tool
 * (to find candidates), never an identity proof. Chosen over a second implementation by measurement
 * on bench/patients/duplicates-pairs.jsonl (see docs/patients.md « Phonetic key »).
 *
 * Pipeline, per word:
 *  1. accents and ligatures folded, upper case, letters only (ç → c, so "François" = "Francois");
 *  2. double letters collapsed (SS kept as a hard S), "BV" → V (Lefebvre), "PT" → T (Baptiste);
 *  3. silent endings: -AULT → AU; -ER → É (Garnier = Garnié); final S, T, D, X, Z dropped (Dupont = Dupond);
 *  4. consonant groups: PH → F, TH/RH/GH/KH → T/R/G/K, SCH/SH/CH → "ch" sound (CHR → KR),
 *     H muet removed, GN → NI, QU/Q/CK → K, C before E/I/Y → S else K, GU before E/I/Y → G,
 *     GE before A/O/U → J, G before E/I/Y → J, X → KS, W → V, Y between vowels → semi-vowel (= ILL), Y → I;
 *  5. nasal vowels (when not followed by a vowel, N or M): AN/AM/EN/EM → 1,
 *     AIN/EIN/IN/IM/UN → 2, ON/OM → 3 (Laurent = Lorand, Durand = Durant);
 *  6. vowel groups: EAU/AU → O, OEU/OE/EU → E (Lefeuvre = Lefèvre), OU → U, OI → OA, AI/EI → E,
 *     vowel + ILL → vowel + Y (Gaillard = Gayard), intervocalic S → Z;
 *  7. final mute E after a consonant dropped (Philippe = Filipe), repeated codes collapsed.
 *
 * Feminine/masculine pairs keep different keys (Martin ≠ Martine, Jean ≠ Jeanne, Simon ≠ Simone: the
 * nasal is resolved before the mute E is dropped). They are pronounced differently, the search box
 * still finds one from the other through its one-typo word lookup, and the scorer handles
 * Michel/Michèle-type first names together with the sex.
 *
 * Changing the output of this module changes the stored `patients.phonetic_keys`: bump
 * `PHONETIC_KEYS_VERSION`, add a migration that marks older rows stale, and let
 * `backfillPhoneticKeys` (patients/backfill.ts) recompute them.
 */
import { PARTICLES, foldAccents, nameTokens } from './normalize.js';

/** Version of the keys stored in `patients.phonetic_keys` (`patients.phonetic_keys_version`). */
export const PHONETIC_KEYS_VERSION = 2;

const VOWEL_LIKE = 'AEIOUaeiouy';

function isVowelLike(c: string | undefined): boolean {
  return c !== undefined && VOWEL_LIKE.includes(c);
}

/** Phonetic code of one upper-case A–Z word. Codes are upper-case letters and digits 1–3. */
function codeWord(input: string): string {
  let w = input.replace(/[^A-Z]/g, '');
  if (w.length === 0) return '';

  // 2. doubles (SS stays a hard S, encoded lower case so it is not voiced later), silent letters in groups.
  w = w.replace(/SS+/g, 's').replace(/([A-Z])\1+/g, '$1');
  w = w.replace(/BV/g, 'V').replace(/PT/g, 'T');

  // 3. silent endings.
  w = w.replace(/AULT$/, 'AU');
  if (w.length > 3) w = w.replace(/ER$/, 'E');
  if (w.length > 2) w = w.replace(/(?<=..)[STDXZs]+$/, '');

  // 4. consonants (outputs in lower case so that later rules never re-read them as letters).
  w = w
    .replace(/PH/g, 'f')
    .replace(/TH/g, 't')
    .replace(/RH/g, 'r')
    .replace(/GH/g, 'g')
    .replace(/KH/g, 'k')
    .replace(/CHR/g, 'kr')
    .replace(/SCH|SH|CH/g, 'x')
    .replace(/H/g, '')
    .replace(/GN/g, 'nI')
    .replace(/SC(?=[EIY])/g, 's')
    .replace(/QU|Q|CK/g, 'k')
    .replace(/C(?=[EIY])/g, 's')
    .replace(/C/g, 'k')
    .replace(/GU(?=[EIY])/g, 'g')
    .replace(/GE(?=[AOU])/g, 'j')
    .replace(/G(?=[EIY])/g, 'j')
    .replace(/G/g, 'g')
    .replace(/X/g, 'ks')
    .replace(/W/g, 'v')
    .replace(/(?<=[AEIOU])Y(?=[AEIOU])/g, 'y')
    .replace(/Y/g, 'I')
    .replace(/J/g, 'j')
    .replace(/K/g, 'k');

  // 5. nasal vowels: not followed by a vowel, N or M.
  const notVowelNext = '(?![AEIOUNM])';
  w = w
    .replace(new RegExp(`(?:AIN|EIN|AIM|EIM|IN|IM|UN|UM)${notVowelNext}`, 'g'), '2')
    .replace(new RegExp(`(?:ON|OM)${notVowelNext}`, 'g'), '3')
    .replace(new RegExp(`(?:AN|AM|EN|EM)${notVowelNext}`, 'g'), '1');

  // 6. vowel groups.
  w = w
    .replace(/([AEIOU])ILL?(?=[AEIOU]|$)/g, '$1y')
    .replace(/ILL/g, 'IL')
    .replace(/EAU|AU/g, 'o')
    .replace(/OEU|OE|EU/g, 'e')
    .replace(/OU/g, 'u')
    .replace(/OI/g, 'oa')
    .replace(/AI|EI/g, 'e')
    .replace(/S/g, (s, offset: number, whole: string) =>
      isVowelLike(whole[offset - 1]) && isVowelLike(whole[offset + 1]) ? 'z' : s,
    );

  // 7. final mute E, upper case, repeated codes collapsed.
  if (w.length > 2) w = w.replace(/(?<=[^AEIOUaeiou])E$/, '');
  return w.toUpperCase().replace(/(.)\1+/g, '$1');
}

/** Phonetic key of one word (any case, accents allowed; non-letters ignored): "Dupond" → "DUP3". */
export function phoneticKey(word: string): string {
  return codeWord(foldAccents(word).toUpperCase());
}

/** The words of a name, particles aside: « DUPONT-LEFÈVRE » → [DUPONT, LEFEVRE]; « d'Almeida » → [ALMEIDA]. */
export function nameWords(name: string): string[] {
  return nameTokens(name)
    .map((t) => t.replace(/[^A-Z]/g, ''))
    .filter((w) => w.length > 0 && !PARTICLES.has(w));
}

/**
 * Phonetic key of a whole (possibly compound) name: words keyed separately and concatenated;
 * particles are glued to the following word first ("De la Fontaine" = "Delafontaine", "Le Goff" = "Legoff").
 */
export function frenchPhoneticKey(name: string): string {
  const tokens = nameTokens(name).map((t) => t.replace(/[^A-Z]/g, '')).filter((t) => t.length > 0);
  const words: string[] = [];
  let pending = '';
  for (const t of tokens) {
    if (PARTICLES.has(t)) {
      pending += t;
      continue;
    }
    words.push(pending + t);
    pending = '';
  }
  if (pending) words.push(pending);
  return words.map(codeWord).join('');
}

/** Keys of the words of a query (particles aside): what the stored keys must all contain. */
export function wordKeys(name: string): string[] {
  return [...new Set(nameWords(name).map(codeWord).filter((k) => k.length > 0))].sort();
}

/**
 * The keys stored in `patients.phonetic_keys`: the key of every word of every name given, plus the
 * whole-name key of compound names (so that "Legoff" finds "Le Goff"); deduplicated and sorted.
 */
export function phoneticKeys(...names: (string | null | undefined)[]): string[] {
  const keys = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    for (const k of wordKeys(name)) keys.add(k);
    if (nameTokens(name).length > 1) {
      const whole = frenchPhoneticKey(name);
      if (whole) keys.add(whole);
    }
  }
  return [...keys].sort();
}
