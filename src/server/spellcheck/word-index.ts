/**
 * The suggestion index: every known word form under its accent-free lower-case key. One Map of strings (forms that
 * share a key are joined by a newline) keeps ~450,000 French forms in a few tens of megabytes.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { stripKey } from './normalize.js';

export class WordIndex {
  private readonly byKey = new Map<string, string>();

  add(form: string): void {
    const key = stripKey(form);
    const existing = this.byKey.get(key);
    if (existing === undefined) this.byKey.set(key, form);
    else if (!existing.split('\n').includes(form)) this.byKey.set(key, `${existing}\n${form}`);
  }

  /** Sets the forms of a key not yet in the index (newline-separated), as read from the prepared French list. */
  setKey(key: string, forms: string): void {
    this.byKey.set(key, forms);
  }

  hasKey(key: string): boolean {
    return this.byKey.has(key);
  }

  forms(key: string): string[] {
    const v = this.byKey.get(key);
    return v === undefined ? [] : v.split('\n');
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** Reads the expanded dictionary-fr forms (see scripts/build-spellcheck-forms.ts) into `index`. */
export function loadFrenchForms(index: WordIndex, file: URL): number {
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  let count = 0;
  let start = text.indexOf('\n') + 1; // the first line is the provenance header
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', start);
    if (tab < 0 || tab > end) index.setKey(text.slice(start, end), text.slice(start, end));
    else index.setKey(text.slice(start, tab), text.slice(tab + 1, end).replaceAll('\t', '\n'));
    start = end + 1;
    count++;
  }
  return count;
}
