import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';

/**
 * A consultation draft handed to the report editor, through HTTP: the draft from a transcript, then the report draft
 * with each sentence's source kept; an unsourced sentence blocks validation until reworded; then validated as any report.
 */
let pivot: TestPivot;
let desk: string;
let martin: string;
let moreau: string;
let patientId: string;
let martinId: string;

const call = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => pivot.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

const TRANSCRIPT = [
  'Docteur : Qu’est-ce qui vous amène ?',
  'Patient : J’ai mal à la gorge depuis trois jours avec de la fièvre.',
  'Docteur : Vous avez des antécédents particuliers ? Patient : Je suis asthmatique depuis l’enfance.',
  'Docteur : La gorge est rouge, les tympans sont normaux, température à 38,5.',
  'Docteur : Il s’agit probablement d’une angine virale.',
  'Docteur : Je vous prescris du paracétamol 1 g trois fois par jour.',
].join('\n');

interface Sentence { id: string; section: string; text: string; source: { start: number; end: number } | null }
interface Report { id: string; contentHash: string; body: { type: string; content: object[] }; allowed: string[]; status: string; text: string; sources: { transcript: string; sentences: (Sentence & { unsourced: boolean; blocking: boolean })[] } | null }

beforeAll(async () => {
  pivot = await createTestPivot();
  desk = await pivot.login('accueil@demo.pivot');
  martin = await pivot.login('medecin@demo.pivot');
  moreau = await pivot.login('moreau@demo.pivot');
  const db = pivot.database.db;
  const practiceId = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  patientId = (await db.selectFrom('patients').select('id').where('practice_id', '=', practiceId).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  const practitioners = (await call(desk, 'GET', '/api/correspondence/practitioners')).json().practitioners as { id: string; name: string }[];
  martinId = practitioners.find((p) => p.name === 'Dr Claire Martin')!.id;
}, 120_000);
afterAll(async () => {
  await pivot?.close();
});

async function consultationDraft(): Promise<Sentence[]> {
  const r = await call(desk, 'POST', '/api/consultation-drafts', { transcript: TRANSCRIPT, patientId });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().draft.sentences;
}

/** Replaces the text of one cited sentence in the stored body (what the editor saves when the secretary retypes it). */
function retype(body: Report['body'], ref: string, text: string): Report['body'] {
  const copy = JSON.parse(JSON.stringify(body)) as Report['body'];
  const walk = (n: { text?: string; marks?: { type: string; attrs?: { ref?: string } }[]; content?: object[] }) => {
    if (n.marks?.some((m) => m.type === 'cite' && m.attrs?.ref === ref)) n.text = text;
    (n.content ?? []).forEach((c) => walk(c as typeof n));
  };
  walk(copy);
  return copy;
}

describe('consultation draft → report draft → validation', () => {
  it('keeps every sentence’s source; the server re-checks them; an unsourced sentence blocks validation until reworded', async () => {
    const sentences = await consultationDraft();
    expect(sentences.length).toBeGreaterThanOrEqual(4);
    // On the draft screen the secretary changed one sentence beyond its source, and the screen claims it is fine.
    const changed = sentences[0]!;
    const edited = sentences.map((s) => (s.id === changed.id ? { ...s, text: `${s.text.slice(0, -1)} et une toux grasse.` } : s));
    const created = await call(desk, 'POST', '/api/reports/from-draft', { patientId, authorId: martinId, transcript: TRANSCRIPT, sentences: edited });
    expect(created.statusCode, created.body).toBe(201);
    let report = created.json().report as Report;
    expect(report.status).toBe('draft');
    expect(report.text).toContain('J’ai vu ce jour en consultation');
    for (const s of sentences.slice(1)) expect(report.text).toContain(s.text);
    expect(report.sources!.transcript).toBe(TRANSCRIPT);
    const byId = new Map(report.sources!.sentences.map((s) => [s.id, s]));
    expect(byId.get(changed.id)).toMatchObject({ unsourced: true, blocking: true });
    for (const s of sentences.slice(1)) {
      expect(byId.get(s.id)).toMatchObject({ unsourced: false, blocking: false, source: s.source });
      expect(TRANSCRIPT.slice(s.source!.start, s.source!.end)).toBeTruthy();
    }
    // The review marks are not printed: the rendered HTML has no trace of them.
    expect(JSON.stringify(report.body)).toContain('"cite"');
    expect((await call(martin, 'GET', `/api/reports/${report.id}`)).json().report.html).not.toContain(changed.id);

    // Dr Martin tries to validate as is: refused, in French, with nothing filed.
    const refused = await call(martin, 'POST', `/api/reports/${report.id}/validate`, { versionHash: report.contentHash });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/1 phrase sans source .* reformulez-la ou supprimez-la avant de valider/);
    expect((await call(martin, 'GET', `/api/reports/${report.id}`)).json().report.status).toBe('draft');

    // A save that keeps the sentence word for word (e.g. it only got split by a format) still blocks.
    const same = await call(desk, 'PUT', `/api/reports/${report.id}`, { title: 'Compte rendu de consultation', body: report.body, recipients: [], baseHash: report.contentHash });
    report = same.json().report;
    expect(report.sources!.sentences.find((s) => s.id === changed.id)!.blocking).toBe(true);
    // Reworded by a person: still marked unsourced (for the reader), no longer blocking.
    const saved = await call(desk, 'PUT', `/api/reports/${report.id}`, { title: 'Compte rendu de consultation', body: retype(report.body, changed.id, 'Mal de gorge depuis trois jours, fébrile, toux grasse selon la patiente.'), recipients: [], baseHash: report.contentHash });
    expect(saved.statusCode, saved.body).toBe(200);
    report = saved.json().report;
    expect(report.sources!.sentences.find((s) => s.id === changed.id)).toMatchObject({ unsourced: true, blocking: false });
    const validated = await call(martin, 'POST', `/api/reports/${report.id}/validate`, { versionHash: report.contentHash });
    expect(validated.statusCode, validated.body).toBe(200);
    expect(validated.json().report.status).toBe('validated');
    expect(validated.json().report.documentId).toBeTruthy();

    // The sources never change, and an amendment keeps them.
    await expect(pivot.database.db.updateTable('report_sources').set({ transcript: 'x' }).where('report_id', '=', report.id).execute()).rejects.toThrow(/never change/);
    const amendment = (await call(martin, 'POST', `/api/reports/${report.id}/amend`)).json().report as Report;
    expect(amendment.sources!.sentences.length).toBe(report.sources!.sentences.length);
    const audit = await pivot.database.db.selectFrom('audit_log').select('details').where('action', '=', 'report.created').where('resource_id', '=', report.id).executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ from: 'consultation_draft', patientId });
  });

  it('refuses what is not a draft of this practice: another practice’s patient, bad offsets are unsourced, no sentence is a 400', async () => {
    const sentences = await consultationDraft();
    const other = await call(moreau, 'POST', '/api/reports/from-draft', { patientId, authorId: martinId, transcript: TRANSCRIPT, sentences });
    expect(other.statusCode).toBe(422); // Dr Martin is not a practitioner of Dr Moreau's practice
    expect((await call(desk, 'POST', '/api/reports/from-draft', { patientId, authorId: martinId, transcript: TRANSCRIPT, sentences: [] })).statusCode).toBe(400);
    const outside = sentences.map((s, i) => (i === 1 ? { ...s, source: { start: TRANSCRIPT.length + 5, end: TRANSCRIPT.length + 20 } } : s));
    const r = await call(desk, 'POST', '/api/reports/from-draft', { patientId, authorId: martinId, transcript: TRANSCRIPT, sentences: outside });
    expect(r.statusCode, r.body).toBe(201);
    expect((r.json().report as Report).sources!.sentences.filter((s) => s.blocking).map((s) => s.id)).toEqual([sentences[1]!.id]);
  });
});
