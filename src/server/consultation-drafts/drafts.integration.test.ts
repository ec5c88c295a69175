import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, useTestPivot } from '../../../tests/helpers.js';

/** The consultation assistant through HTTP. */
const t = useTestPivot({ martin: 'medecin@demo.pivot', desk: 'accueil@demo.pivot' });
let patientA: string;
let patientB: string;

const post = (token: string, url: string, payload: object) => t.pivot.app.inject({ method: 'POST', url, headers: bearer(token), payload });

const TRANSCRIPT = [
  'Médecin : Bonjour madame, qu’est-ce qui vous amène ?',
  'Patiente : Euh, j’ai mal à la gorge depuis trois jours, avec de la fièvre.',
  'Médecin : Des antécédents particuliers ? Patiente : J’ai un asthme depuis l’enfance.',
  'Médecin : Température à 38,5. La gorge est rouge, les amygdales sont gonflées.',
  'Médecin : Il s’agit probablement d’une angine virale.',
  'Médecin : Je vous prescris du paracétamol 1 g trois fois par jour.',
  'Médecin : Je vous revois dans une semaine si la fièvre persiste.',
].join('\n');

beforeAll(async () => {
  const db = t.pivot.database.db;
  const practiceA = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  patientA = (await db.selectFrom('patients').select('id').where('practice_id', '=', practiceA).limit(1).executeTakeFirstOrThrow()).id;
  patientB = (await db.selectFrom('patients').select('id').where('practice_id', '!=', practiceA).limit(1).executeTakeFirstOrThrow()).id;
}, 120_000);

describe('consultation drafts', () => {
  it('a transcript gives a draft marked « Brouillon — à vérifier », every sentence citing its passage, and a letter; audited with the patient', async () => {
    const r = await post(t.martin, '/api/consultation-drafts', { transcript: TRANSCRIPT, patientId: patientA });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json().draft;
    expect(d.label.fr).toBe('Brouillon — à vérifier');
    expect(d.status).toBe('draft');
    expect(d.problems).toEqual([]);
    expect(new Set(d.sentences.map((s: { section: string }) => s.section))).toEqual(new Set(['reason', 'history', 'examination', 'conclusion', 'plan', 'prescriptions']));
    for (const s of d.sentences) expect(TRANSCRIPT.slice(s.source.start, s.source.end).toLowerCase()).toContain(s.text.slice(1, 12).toLowerCase());
    const body = d.letter.filter((l: { template: boolean }) => !l.template);
    expect(body.length).toBe(d.sentences.length);
    expect(d.letter[0].text).toMatch(/^Cher confrère/);
    const audit = await t.pivot.database.db.selectFrom('audit_log').select(['resource_id']).where('action', '=', 'consultation_draft.generated').execute();
    expect(audit.map((a) => a.resource_id)).toContain(patientA);
  });

  it('an empty or near-empty transcript produces no draft (422, in French)', async () => {
    for (const transcript of ['', '   ', 'Bonjour docteur. Au revoir.']) {
      const r = await post(t.desk, '/api/consultation-drafts', { transcript });
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().error.message).toMatch(/Transcription vide ou trop courte/);
    }
    const chat = await post(t.desk, '/api/consultation-drafts', { transcript: 'Il fait très beau aujourd’hui, nous parlons du match de football d’hier soir avec les voisins du quartier.' });
    expect(chat.statusCode).toBe(422);
    expect(chat.json().error.message).toMatch(/aucun brouillon/);
  });

  it('another practice’s patient is refused', async () => {
    expect((await post(t.martin, '/api/consultation-drafts', { transcript: TRANSCRIPT, patientId: patientB })).statusCode).toBe(422);
  });

  it('a corrected sentence without source, or saying what its passage does not, cannot be validated as is', async () => {
    const d = (await post(t.martin, '/api/consultation-drafts', { transcript: TRANSCRIPT })).json().draft;
    const ok = await post(t.martin, '/api/consultation-drafts/check', { transcript: TRANSCRIPT, sentences: d.sentences });
    expect(ok.json()).toEqual({ ready: true, problems: [] });
    const edited = d.sentences.map((s: { id: string; text: string }, i: number) => (i === 0 ? { ...s, text: 'Angine bactérienne certaine.' } : s));
    edited.push({ id: 'added', section: 'plan', text: 'Hospitalisation.', source: null });
    const r = await post(t.martin, '/api/consultation-drafts/check', { transcript: TRANSCRIPT, sentences: edited });
    expect(r.json().ready).toBe(false);
    expect(r.json().problems).toEqual([{ id: d.sentences[0].id, problem: 'words_not_in_source' }, { id: 'added', problem: 'no_source' }]);
  });
});
