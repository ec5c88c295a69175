import { describe, expect, it } from 'vitest';
import { bearer, useTestPivot } from '../../../tests/helpers.js';

/** The practice dictionary through HTTP on a fresh database with the demo practices: roles, isolation, the check. */
const t = useTestPivot({
  desk: 'accueil@demo.pivot', // secretary, Les Tilleuls
  doctor: 'medecin@demo.pivot', // practitioner, Les Tilleuls
  admin: 'admin@demo.pivot', // admin only, Les Tilleuls
  moreau: 'moreau@demo.pivot', // admin + practitioner of the other practice
});

const inject = (token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.pivot.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
const flagged = async (token: string, text: string) => {
  const r = await inject(token, 'POST', '/api/spellcheck', { text });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().issues as { word: string; suggestions: string[] }[]);
};
const words = async (token: string) => (await inject(token, 'GET', '/api/spellcheck/practice-words')).json().words as { id: string; word: string; addedBy: { name: string } }[];


describe('practice dictionary', () => {
  // Lower case: a capitalised unknown word mid-sentence is taken for a proper noun and never flagged.
  const text = 'Rééducation, puis orthèse podalix et semelles kinéflor.';

  it('a word the secretary adds is accepted by the check in her practice only', async () => {
    expect((await flagged(t.desk, text)).map((i) => i.word)).toEqual(['podalix', 'kinéflor']);
    const r = await inject(t.desk, 'POST', '/api/spellcheck/practice-words', { word: ' Podalix ' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().word).toMatchObject({ word: 'Podalix', addedBy: { name: 'Karim Accueil' } });
    expect((await flagged(t.desk, text)).map((i) => i.word)).toEqual(['kinéflor']);
    // Case-insensitive, and near misses now get the practice's word as a suggestion.
    expect(await flagged(t.doctor, 'PODALIX, podalix.')).toEqual([]);
    expect((await flagged(t.doctor, 'Une orthèse podallix.'))[0]?.suggestions[0]).toBe('Podalix');
    // The other practice does not see it, in its list or in its checks.
    expect(await words(t.moreau)).toEqual([]);
    expect((await flagged(t.moreau, text)).map((i) => i.word)).toEqual(['podalix', 'kinéflor']);
  });

  it('a practitioner adds too; the same word in another case is refused with a French (or English) 409', async () => {
    expect((await inject(t.doctor, 'POST', '/api/spellcheck/practice-words', { word: 'Ortholéon' })).statusCode).toBe(201);
    const fr = await inject(t.doctor, 'POST', '/api/spellcheck/practice-words', { word: 'PODALIX' });
    expect(fr.statusCode).toBe(409);
    expect(fr.json().error.details[0].message).toBe('Ce mot est déjà dans le dictionnaire du cabinet.');
    // A signed-in person's language is their account's (English here).
    await t.pivot.database.db.updateTable('accounts').set({ language: 'en' }).where('email', '=', 'medecin@demo.pivot').execute();
    const en = await inject(t.doctor, 'POST', '/api/spellcheck/practice-words', { word: 'podalix' });
    expect(en.statusCode).toBe(409);
    expect(en.json().error.details[0].message).toBe('This word is already in the practice dictionary.');
    // The other practice may add the same word for itself.
    expect((await inject(t.moreau, 'POST', '/api/spellcheck/practice-words', { word: 'podalix' })).statusCode).toBe(201);
    expect((await words(t.desk)).map((w) => w.word)).toEqual(['Ortholéon', 'Podalix']);
  });

  it('refuses what the checker could never match, with a clear 400', async () => {
    for (const word of ['', 'deux mots', 'HbA1c', 'x', 'l’Podalix', 'a'.repeat(61), '<b>']) {
      const r = await inject(t.desk, 'POST', '/api/spellcheck/practice-words', { word });
      expect(r.statusCode, word).toBe(400);
      expect(r.json().error.details[0].field, word).toBe('word');
    }
    expect((await inject(t.desk, 'POST', '/api/spellcheck/practice-words', { word: 12 })).statusCode).toBe(400);
  });

  it('only an admin removes a word, only in the admin’s practice; the removal is audited', async () => {
    const podalix = (await words(t.desk)).find((w) => w.word === 'Podalix')!;
    expect((await inject(t.desk, 'DELETE', `/api/spellcheck/practice-words/${podalix.id}`)).statusCode).toBe(403);
    expect((await inject(t.doctor, 'DELETE', `/api/spellcheck/practice-words/${podalix.id}`)).statusCode).toBe(403);
    const other = await inject(t.moreau, 'DELETE', `/api/spellcheck/practice-words/${podalix.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.details[0].message).toBe('Ce mot n’est pas dans le dictionnaire du cabinet.');
    expect((await inject(t.admin, 'POST', '/api/spellcheck/practice-words', { word: 'Adminix' })).statusCode).toBe(403);
    expect((await inject(t.admin, 'DELETE', `/api/spellcheck/practice-words/${podalix.id}`)).statusCode).toBe(204);
    expect((await inject(t.admin, 'DELETE', `/api/spellcheck/practice-words/${podalix.id}`)).statusCode).toBe(404);
    expect((await flagged(t.desk, text)).map((i) => i.word)).toEqual(['podalix', 'kinéflor']);
    expect((await words(t.moreau)).map((w) => w.word)).toEqual(['podalix']);

    const audit = await t.pivot.database.db
      .selectFrom('audit_log')
      .select(['action', 'resource_id'])
      .where('action', 'in', ['spellcheck_word.added', 'spellcheck_word.removed'])
      .execute();
    expect(audit.filter((a) => a.action === 'spellcheck_word.added')).toHaveLength(3);
    expect(audit.filter((a) => a.action === 'spellcheck_word.removed').map((a) => a.resource_id)).toEqual([podalix.id]);
  });

  it('the database keeps one word per practice and key, whoever writes the row', async () => {
    const row = await t.pivot.database.db
      .selectFrom('spellcheck_practice_words')
      .select(['practice_id', 'added_by'])
      .where('word', '=', 'Ortholéon')
      .executeTakeFirstOrThrow();
    await expect(
      t.pivot.database.db.insertInto('spellcheck_practice_words').values({ practice_id: row.practice_id, word: 'ORTHOLÉON', added_by: row.added_by }).execute(),
    ).rejects.toThrow(/spellcheck_practice_words_unique/);
    await expect(
      t.pivot.database.db.insertInto('spellcheck_practice_words').values({ practice_id: row.practice_id, word: 'deux mots', added_by: row.added_by }).execute(),
    ).rejects.toThrow(/check/);
  });
});
