/**
 * Text keys of the spell-checker: the accent-free lower-case key of the suggestion index, and a coarse French
 * phonetic key for the medical lexicon (so that "ipertension", "cefalée" or "levotyrocsine" find their word).
 */

const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss' };

/** Lower case, no accents, ligatures spelled out, typographic apostrophe as ASCII. */
export function stripKey(word: string): string {
  if (/^[a-z'-]*$/.test(word)) return word; // most words: nothing to do
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[œŒæÆß]/g, (ch) => LIGATURES[ch]!)
    .toLowerCase()
    .replace(/’/g, "'");
}

export function isAllCaps(word: string): boolean {
  return /\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);
}

export function isCapitalized(word: string): boolean {
  const first = word[0] ?? '';
  return first !== first.toLowerCase() && !isAllCaps(word);
}

/** Gives `suggestion` the case pattern of the word typed: all caps stays all caps, a capital first letter stays. */
export function matchCase(typed: string, suggestion: string): string {
  if (typed.length > 1 && isAllCaps(typed)) return suggestion.toUpperCase();
  const first = typed[0] ?? '';
  if (first !== first.toLowerCase() && suggestion[0] === suggestion[0]?.toLowerCase()) {
    return suggestion[0]!.toUpperCase() + suggestion.slice(1);
  }
  return suggestion;
}

// Ordered rewrites: longer spellings first so that "eau" is not read as "e" + "au".
const PHONETIC_RULES: [RegExp, string][] = [
  [/sch/g, 'C'],
  [/ch/g, 'C'],
  [/ph/g, 'f'],
  [/qu/g, 'k'],
  [/ck/g, 'k'],
  [/c(?=[eiy])/g, 's'],
  [/c/g, 'k'],
  [/g(?=[eiy])/g, 'j'],
  [/gu(?=[ei])/g, 'g'],
  [/eau/g, 'o'],
  [/au/g, 'o'],
  [/[ae]i/g, 'e'],
  [/y/g, 'i'],
  [/h/g, ''],
  [/x/g, 'ks'],
  [/z/g, 's'],
  [/w/g, 'v'],
  [/(.)\1+/g, '$1'],
  [/(?:es|e|s)$/g, ''],
];

export function phoneticKey(word: string): string {
  let key = stripKey(word).replace(/[^a-z]/g, '');
  for (const [re, to] of PHONETIC_RULES) key = key.replace(re, to);
  return key;
}
