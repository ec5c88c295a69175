/**
 * Hyphenated proper nouns. French place names are compounds of capitalised parts joined by fixed linkers
 * (Saint-Germain-en-Laye, Boulogne-sur-Mer, Sainte-Foy-lès-Lyon, Villeneuve-d'Ascq, Pont-de-l'Arche): read part by
 * part, their rare or invented parts were flagged as misspellings. A town comes from the patient's record or the
 * letterhead, not from the writer's spelling, so the whole name is accepted, like a single capitalised word
 * mid-sentence (see checker.ts). The shape is strict so that ordinary compounds keep their check: the linkers must be
 * exact lower-case words (a misspelled linker, `Neuilly-sru-Seine`, breaks the shape), every other part is one
 * capital then lower case, and a compound with a lower-case word part (`Gastro-entérologue`) is not a name.
 */

// Words that join the parts of a French place name: prepositions, articles and the old « lès / lez » (near).
const LINKERS = new Set(['sur', 'sous', 'lès', 'lez', 'les', 'le', 'la', 'en', 'de', 'du', 'des', 'aux', 'au', 'et', 'à', 'lo', 'los']);
// First parts that make a place (or a saint's name) on their own: Saint-Donat, Sainte-Maxime.
const SAINTS = new Set(['saint', 'sainte', 'saints', 'saintes', 'st', 'ste']);
// One capital then lower case, optionally behind an elided article (l'Adour, d'Ascq).
const NAME = /^(?:[dl]['’])?\p{Lu}[\p{Ll}\p{M}]+$/u;

// Weighted distance (distance.ts) at or below which a place-name part is a slip of a known place: a doubled or
// undoubled letter, an accent, a lost h. An invented or unlisted village is usually further from any known one.
export const PROPER_NOUN_SLIP = 0.5;

export type CompoundShape = 'place' | 'names' | 'other';

/**
 * `place`: capitalised parts with at least one linker, or behind Saint/Sainte (a toponym). `names`: capitalised
 * parts only (Terre-Neuve, a double surname, an eponym such as Guillain-Barré). `other`: anything else.
 */
export function compoundShape(parts: readonly string[]): CompoundShape {
  if (parts.length < 2 || !NAME.test(parts[0]!) || !NAME.test(parts[parts.length - 1]!)) return 'other';
  let linkers = 0;
  for (const part of parts) {
    if (LINKERS.has(part)) linkers++;
    else if (!NAME.test(part)) return 'other';
  }
  if (linkers > 0 || SAINTS.has(parts[0]!.toLowerCase())) return 'place';
  return 'names';
}
