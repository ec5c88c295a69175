import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';

/** The catalogued error details (agenda, reception) are answered in the user's language: French, or English. */
let pivot: TestPivot;
let desk: string;
let admin: string;

const setLanguage = (email: string, language: 'fr' | 'en') =>
  pivot.database.db.updateTable('accounts').set({ language }).where('email', '=', email).execute();

beforeAll(async () => {
  process.env.PIVOT_PHONE_WEBHOOK_SECRET = 'secret-of-this-test';
  pivot = await createTestPivot();
  desk = await pivot.login('accueil@demo.pivot');
  admin = await pivot.login('moreau@demo.pivot');
}, 120_000);
afterAll(async () => pivot?.close());

describe('error details in both languages', () => {
  it('agenda: a window over 92 days', async () => {
    const url = '/api/agenda/free-slots?from=2030-01-01T00:00:00Z&to=2030-12-01T00:00:00Z';
    const fr = await pivot.app.inject({ method: 'GET', url, headers: bearer(desk) });
    expect(fr.statusCode).toBe(400);
    expect(fr.json().error.details).toEqual([{ field: 'to', message: 'Fenêtre de 92 jours au plus.' }]);
    await setLanguage('accueil@demo.pivot', 'en');
    const en = await pivot.app.inject({ method: 'GET', url, headers: bearer(desk) });
    expect(en.json().error.details).toEqual([{ field: 'to', message: 'A window of 92 days at most.' }]);
    await setLanguage('accueil@demo.pivot', 'fr');
  });

  it('reception: a no-show delay shorter than the late delay', async () => {
    const payload = { lateGraceMinutes: 30, noShowGraceMinutes: 10, boardDisplay: 'ticket', boardShowAverageWait: true };
    const fr = await pivot.app.inject({ method: 'PUT', url: '/api/reception/settings', headers: bearer(admin), payload });
    expect(fr.statusCode).toBe(400);
    expect(fr.json().error.details[0].message).toBe('Le délai d’absence doit dépasser le délai de retard.');
    await setLanguage('moreau@demo.pivot', 'en');
    const en = await pivot.app.inject({ method: 'PUT', url: '/api/reception/settings', headers: bearer(admin), payload });
    expect(en.json().error.details[0].message).toBe('The no-show delay must exceed the late delay.');
    await setLanguage('moreau@demo.pivot', 'fr');
  });

  it('assistant: a signed-out request follows Accept-Language (a call transcript without its practice)', async () => {
    for (const [lang, text] of [['fr-FR', 'Cabinet (slug) manquant.'], ['en-GB', 'Practice (slug) missing.']] as const) {
      const headers = { 'accept-language': lang, 'x-pivot-webhook-secret': 'secret-of-this-test' };
      const res = await pivot.app.inject({ method: 'POST', url: '/api/assistant/phone/transcript', headers, payload: { callId: 'c1', transcript: 'Bonjour' } });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details[0].message).toBe(text);
    }
  });
});
