import { stripAccents } from './normalize.js';

/**
 * A French phonetic key (« soundex-fr » simplifié, inspired by Phonex and Soundex2): two names that a
 * French speaker pronounces alike get the same key — Dupont/Dupond, Lefèvre/Lefebvre, Gauthier/Gautier,
 * Philippe/Filipe, Rousseau/Roussot, Mathieu/Matthieu. It is a recall tool (to find candidates), never
 * an identity proof. Pure; the result is stored in `patients.phonetic_keys` and indexed.
 */
const RULES: [RegExp, string][] = [
  [/[^A-Z]/g, ''],
  // Letter groups first (order matters). Lower-case letters are placeholders no later rule touches:
  // « c » = the sound of CH, « g » = hard G.
  [/^MAC/, 'MAK'],
  [/S?CH/g, 'c'],
  [/SH/g, 'c'],
  [/PH/g, 'F'],
  [/GU([EIY])/g, 'g$1'],
  [/G([EIY])/g, 'J$1'],
  [/GN/g, 'NI'],
  [/G/g, 'g'],
  [/QU/g, 'K'],
  [/Q/g, 'K'],
  [/C([EIY])/g, 'S$1'],
  [/CK/g, 'K'],
  [/C/g, 'K'],
  [/TH/g, 'T'],
  [/W/g, 'V'],
  [/BV/g, 'V'],
  [/Y/g, 'I'],
  [/Z/g, 'S'],
  [/H/g, ''],
  [/([AEIOU])S([AEIOU])/g, '$1Z$2'], // s between vowels sounds z: keep it apart from ss
  [/([A-Za-z])\1+/g, '$1'], // doubled letters sound single
  // Silent endings.
  [/(EAUX|AUX|EAU|AUD|AULT|AUT|OT|OS)$/, 'O'],
  [/(ET|EZ|ER|ES)$/, 'E'],
  [/(.{2})E$/, '$1'],
  [/[DTSXP]+$/, ''],
  // Vowel groups.
  [/EAU/g, 'O'],
  [/AU/g, 'O'],
  [/OU/g, 'U'],
  [/OI/g, 'OA'],
  [/(AI|EI)/g, 'E'],
  [/(AN|AM|EN|EM)(?=[^AEIOUN]|$)/g, 'A'],
  [/(AIN|EIN|IN|IM|UN|UM)(?=[^AEIOUN]|$)/g, '1'],
  [/(ON|OM)(?=[^AEIOUN]|$)/g, 'O2'],
  [/([A-Za-z])\1+/g, '$1'],
];

export function phoneticKey(word: string): string {
  let s = stripAccents(word).toUpperCase();
  for (const [re, to] of RULES) s = s.replace(re, to);
  return s.toUpperCase();
}

const PARTICLES = new Set(['DE', 'DU', 'DES', 'LA', 'LE', 'LES', 'D', 'L', 'VAN', 'VON', 'DER', 'DI', 'DA', 'DOS', 'EL', 'BEN']);

/** The words of a name, particles aside: « DUPONT-LEFÈVRE » → [DUPONT, LEFEVRE]; « d'Almeida » → [ALMEIDA]. */
export function nameWords(name: string): string[] {
  return stripAccents(name)
    .toUpperCase()
    .split(/[\s\-'’]+/)
    .map((w) => w.replace(/[^A-Z]/g, ''))
    .filter((w) => w.length > 0 && !PARTICLES.has(w));
}

/** Keys of every word of every name given, plus the joined key of compound names; deduplicated. */
export function phoneticKeys(...names: (string | null | undefined)[]): string[] {
  const keys = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    const words = nameWords(name);
    for (const w of words) {
      const k = phoneticKey(w);
      if (k) keys.add(k);
    }
    if (words.length > 1) {
      const joined = phoneticKey(words.join(''));
      if (joined) keys.add(joined);
    }
  }
  return [...keys].sort();
}
