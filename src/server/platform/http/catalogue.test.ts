import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue.js';

const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every `<capability>/locales` folder of the server, found on disk so that a new one is checked without listing it. */
function localeFolders(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.name === 'locales') found.push(full);
    else localeFolders(full, found);
  }
  return found;
}

const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;

describe('server message catalogues (<capability>/locales/{fr,en}.json)', () => {
  const folders = localeFolders(SERVER);

  it('are found (the scan would pass vacuously otherwise)', () => {
    expect(folders.map((f) => path.relative(SERVER, f))).toEqual(expect.arrayContaining(['agenda/locales', 'assistant/locales', 'phone-log/locales']));
  });

  it.each(folders.map((f) => [path.relative(SERVER, f), f]))('%s: same keys in both languages, every text non-empty', (_name, folder) => {
    const fr = read(path.join(folder, 'fr.json'));
    const en = read(path.join(folder, 'en.json'));
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [name, texts] of Object.entries(fr)) {
      const english = en[name] ?? {};
      expect(Object.keys(english).sort(), name).toEqual(Object.keys(texts).sort());
      for (const [key, text] of Object.entries(texts)) {
        expect(typeof text === 'string' && text.trim() !== '', `${name}.${key} (fr)`).toBe(true);
        const other = english[key];
        expect(typeof other === 'string' && other.trim() !== '', `${name}.${key} (en)`).toBe(true);
      }
    }
  });
});

describe('catalogue()', () => {
  it('pairs the two languages by key', () => {
    expect(catalogue({ a: 'Bonjour', b: 'Merci' }, { a: 'Hello', b: 'Thanks' }, 'test')).toEqual({
      a: { fr: 'Bonjour', en: 'Hello' },
      b: { fr: 'Merci', en: 'Thanks' },
    });
  });

  it('fails on a text missing or empty in one language, or a key only in English', () => {
    expect(() => catalogue({ a: 'Bonjour' } as Record<'a', string>, {} as Record<'a', string>, 'test')).toThrow('« a » has no English text');
    expect(() => catalogue({ a: '' }, { a: 'Hello' }, 'test')).toThrow('« a » has no French text');
    const english = { a: 'Hello', b: 'Thanks' }; // a JSON file is not an object literal: its extra keys pass the compiler
    expect(() => catalogue({ a: 'Bonjour' }, english, 'test')).toThrow('« b » only in English');
  });
});
