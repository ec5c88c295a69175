/**
 * A capability's sentences are data, as on the web side: one JSON file per language
 * (`<capability>/locales/{fr,en}.json`, one top-level key per catalogue), zipped here into the `{ fr, en }` pairs that
 * error answers and dialogs pick from. Why data: written as TypeScript, every capability's catalogue was the same
 * object shape again; as JSON a translator reads and diffs the texts alone, while the keys stay typed (from the French
 * file, the English one must have the same) so that a caller's misspelt key still fails to compile.
 */
import type { Localized } from './errors.js';

export type Catalogue<K extends string> = { readonly [key in K]: Localized };

/** Fails at load, naming the catalogue and the key, when a text is missing or empty in one language. */
export function catalogue<K extends string>(fr: Readonly<Record<K, string>>, en: Readonly<Record<NoInfer<K>, string>>, name: string): Catalogue<K> {
  const pairs = {} as Record<K, Localized>;
  for (const key of Object.keys(fr) as K[]) {
    const pair = { fr: fr[key], en: en[key] };
    if (typeof pair.fr !== 'string' || pair.fr === '') throw new Error(`catalogue ${name}: « ${key} » has no French text`);
    if (typeof pair.en !== 'string' || pair.en === '') throw new Error(`catalogue ${name}: « ${key} » has no English text`);
    pairs[key] = pair;
  }
  const extra = Object.keys(en).filter((key) => !Object.hasOwn(fr, key));
  if (extra.length > 0) throw new Error(`catalogue ${name}: « ${extra.join(', ')} » only in English`);
  return pairs;
}
