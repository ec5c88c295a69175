/**
 * Trigram similarity computed the way PostgreSQL's `pg_trgm` does, so that the SQL candidate query
 * (`similarity()`, `%`, `<->` on the `search_name` column) and this scorer agree:
 *  - the string is lower-cased and split into words on every non-alphanumeric character;
 *  - each word is padded with two spaces in front and one behind ("  word ");
 *  - the trigrams of all words form a set (duplicates counted once);
 *  - similarity = shared / (|A| + |B| − shared), 0 when either set is empty; returned rounded to a
 *    float4 like PostgreSQL (`similarity('word', 'two words')` = 0.36363637).
 *
 * Exact agreement holds for ASCII text, which is what `pivot_normalize()` (lower(unaccent(x))) stores for
 * French names. For non-ASCII letters this follows a UTF-8 locale (letters are word characters); a cluster
 * with the C ctype treats them as separators, so always compare normalised strings.
 */

/** pg_trgm `show_trgm` equivalent (sorted set of trigrams). */
export function trigrams(s: string): string[] {
  return [...trigramSet(s)].sort();
}

export function trigramSet(s: string): Set<string> {
  const out = new Set<string>();
  const words = s.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  for (const word of words) {
    if (word.length === 0) continue;
    const chars = Array.from(`  ${word} `);
    for (let i = 0; i + 3 <= chars.length; i++) out.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  }
  return out;
}

/** Similarity of two trigram sets (pg_trgm `cnt_sml` without word-similarity mode). */
export function trigramSetSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  return Math.fround(shared / (a.size + b.size - shared));
}

/** `similarity(a, b)` of pg_trgm. */
export function trigramSimilarity(a: string, b: string): number {
  return trigramSetSimilarity(trigramSet(a), trigramSet(b));
}
