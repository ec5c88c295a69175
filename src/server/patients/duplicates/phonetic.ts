/**
 * French phonetic key (Pivot's own rules, in the spirit of Phonex / Soundex-FR, pure function).
 *
 * Goal: two spellings of the same French name that a secretary could type for what she hears get the
 * same key; clearly different names do not. The key is not meant to be pronounced; it is compared for
 * equality (and stored in a column for the SQL candidate query).
 *
 * Pipeline, per word (particles such as "LE", "DE", "D'" are glued to the next word so that
 * "Le Goff" = "Legoff"):
 *  1. accents and ligatures folded, upper case, letters only (ç → c, so "François" = "Francois");
 *  2. double letters collapsed (SS kept as a hard S), "BV" → V (Lefebvre), "PT" → T (Baptiste);
 *  3. silent endings: -AULT → AU; final S, T, D, X, Z dropped (Dupont = Dupond = Dupon);
 *  4. consonant groups: PH → F, TH/RH/GH/KH → T/R/G/K, SCH/SH/CH → "ch" sound (CHR → KR),
 *     H muet removed, GN → NI, QU/Q/CK → K, C before E/I/Y → S else K, GU before E/I/Y → G,
 *     GE before A/O/U → J, G before E/I/Y → J, X → KS, W → V, Y between vowels → semi-vowel (= ILL), Y → I;
 *  5. nasal vowels (when not followed by a vowel, N or M): AN/AM/EN/EM → one code,
 *     AIN/EIN/IN/IM/UN → another, ON/OM → a third (Laurent = Lorand, Durand = Durant);
 *  6. vowel groups: EAU/AU → O, OEU/OE/EU → E (Lefeuvre = Lefèvre), OU → U, OI → OA, AI/EI → E,
 *     vowel + ILL → vowel + Y (Mireille), intervocalic S → Z;
 *  7. final mute E after a consonant dropped (Philippe = Filipe), repeated codes collapsed.
 *
 * Feminine/masculine pairs keep different keys (Martin ≠ Martine: the nasal is resolved before the mute E
 * is dropped); the scorer adds its own handling of Michel/Michèle-type pairs together with the sex.
 */
import { PARTICLES, nameTokens } from './normalize.js';

const VOWEL_LIKE = 'AEIOUaeiouy';

function isVowelLike(c: string | undefined): boolean {
  return c !== undefined && VOWEL_LIKE.includes(c);
}

/** Phonetic code of one word (already upper-case A–Z). Codes are upper-case letters and digits 1–3. */
export function phoneticWord(input: string): string {
  let w = input.replace(/[^A-Z]/g, '');
  if (w.length === 0) return '';

  // 2. doubles (SS stays a hard S, encoded lower case so it is not voiced later), silent letters in groups.
  w = w.replace(/SS+/g, 's').replace(/([A-Z])\1+/g, '$1');
  w = w.replace(/BV/g, 'V').replace(/PT/g, 'T');

  // 3. silent endings.
  w = w.replace(/AULT$/, 'AU');
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

/**
 * Phonetic key of a (possibly compound) name: words keyed separately and concatenated;
 * particles are glued to the following word first ("De la Fontaine" = "Delafontaine").
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
  return words.map(phoneticWord).join('');
}
