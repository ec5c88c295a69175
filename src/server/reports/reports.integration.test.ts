import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { sql } from 'kysely';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';
import { sineWav } from '../../../tests/wav.js';
import { startLoopbackSmtp } from '../../../tests/smtp.js';
import { form } from '../documents/test-fixtures.js';
import { pdfText } from '../platform/pdf/testing.js';
import type { SimulatedMssante } from '../correspondence/index.js';

/** Reports through HTTP: rights, the practitioner's queue, validation bound to a version, immutability, amendments, tenancy. */
let pivot: TestPivot;
let received: ParsedMail[] = [];
let smtp: Awaited<ReturnType<typeof startLoopbackSmtp>>;
let desk: string; // accueil@ — secretary
let martin: string; // medecin@ — practitioner
let lefevre: string; // medecin2@
let moreau: string; // another practice
let patientId: string;
let martinId: string;
let garnier: string;
let hospital: string;

const call = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => pivot.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

beforeAll(async () => {
  smtp = await startLoopbackSmtp();
  received = smtp.received;
  pivot = await createTestPivot({ SMTP_URL: smtp.url });
  desk = await pivot.login('accueil@demo.pivot');
  martin = await pivot.login('medecin@demo.pivot');
  lefevre = await pivot.login('medecin2@demo.pivot');
  moreau = await pivot.login('moreau@demo.pivot');
  const db = pivot.database.db;
  const practiceId = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  patientId = (await db.selectFrom('patients').select('id').where('practice_id', '=', practiceId).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  const practitioners = (await call(desk, 'GET', '/api/correspondence/practitioners')).json().practitioners as { id: string; name: string }[];
  martinId = practitioners.find((p) => p.name === 'Dr Claire Martin')!.id;
  const book = (await call(desk, 'GET', '/api/correspondents')).json().correspondents as { id: string; name: string; kind: string }[];
  garnier = book.find((c) => c.name === 'Garnier')!.id;
  hospital = book.find((c) => c.kind === 'hospital')!.id;
}, 120_000);
afterAll(async () => {
  await pivot?.close();
  await smtp?.close();
});

async function draft(token = desk, recipients = [{ correspondentId: garnier, channel: 'email' }, { correspondentId: hospital, channel: 'mssante' }]) {
  const r = await call(token, 'POST', '/api/reports', { patientId, authorId: martinId, templateId: 'consultation-gp', recipients });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().report as { id: string; contentHash: string; body: { content: unknown[] }; status: string; allowed: string[] };
}

async function type(token: string, report: { id: string; contentHash: string; body: { content: unknown[] } }, text: string, recipients?: object[]) {
  const current = (await call(token, 'GET', `/api/reports/${report.id}`)).json().report;
  const r = await call(token, 'PUT', `/api/reports/${report.id}`, {
    title: 'Compte rendu de consultation', baseHash: report.contentHash, body: { type: 'doc', content: [...report.body.content, paragraph(text)] },
    recipients: recipients ?? current.recipients.map((x: { correspondentId: string; channel: string }) => ({ correspondentId: x.correspondentId, channel: x.channel })),
  });
  return r;
}

describe('a report from dictation to validation', () => {
  it('the desk drafts from a template (merge fields filled), attaches the dictation, submits; Dr Martin validates; PDF filed, e-mailed and sent to the MSSanté simulator', async () => {
    const report = await draft();
    expect(report.status).toBe('draft');
    expect(report.allowed).not.toContain('validate');
    const upload = form([{ name: 'file', filename: 'dictee.wav', contentType: 'audio/wav', data: sineWav(2) }]);
    const up = await pivot.app.inject({ method: 'POST', url: `/api/reports/${report.id}/audio`, headers: { ...bearer(desk), ...upload.headers }, payload: upload.payload });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().report.audio.mimeType).toBe('audio/wav');
    const audio = await call(desk, 'GET', `/api/reports/${report.id}/audio`);
    expect(audio.rawPayload.subarray(0, 4).toString()).toBe('RIFF');
    const saved = await type(desk, report, 'Tension artérielle à 13/8, auscultation normale.');
    expect(saved.statusCode, saved.body).toBe(200);
    const view = saved.json().report;
    expect(view.text).toContain('Tension artérielle à 13/8');
    expect(view.html).toContain('Cher confrère'); // the merge field, filled for the first correspondent
    expect((await call(desk, 'POST', `/api/reports/${report.id}/submit`)).statusCode).toBe(200);
    // The secretary cannot validate; another practitioner does not even see it.
    expect((await call(desk, 'POST', `/api/reports/${report.id}/validate`, { versionHash: view.contentHash })).statusCode).toBe(403);
    expect((await call(lefevre, 'POST', `/api/reports/${report.id}/validate`, { versionHash: view.contentHash })).statusCode).toBe(404);
    const queue = (await call(martin, 'GET', '/api/reports?filter=to_validate')).json().reports as { id: string }[];
    expect(queue.map((q) => q.id)).toContain(report.id);
    const mssante = pivot.mssante as SimulatedMssante;
    const before = mssante.sent.length;
    const ok = await call(martin, 'POST', `/api/reports/${report.id}/validate`, { versionHash: view.contentHash });
    expect(ok.statusCode, ok.body).toBe(200);
    const validated = ok.json().report;
    expect(validated.status).toBe('validated');
    expect(validated.validation).toMatchObject({ by: 'Dr Claire Martin', hash: view.contentHash });
    expect(validated.recipients.every((r: { itemId: string | null }) => r.itemId)).toBe(true);
    // Filed once in the patient's documents; the register's letters point at that document.
    const docs = (await call(martin, 'GET', `/api/patients/${patientId}/documents`)).json().documents as { id: string }[];
    expect(docs.map((d) => d.id)).toContain(validated.documentId);
    const pdf = (await call(martin, 'GET', `/api/reports/${report.id}/pdf`)).rawPayload;
    expect(pdfText(pdf)).toContain('Validé électroniquement par Dr Claire Martin');
    expect(pdfText(pdf)).toContain('Tension artérielle à 13/8');
    // The template's « Motif » and « Examen clinique » were left empty: not printed; « Conclusion » has text under it.
    expect(pdfText(pdf)).not.toMatch(/Motif|Examen clinique/);
    expect(pdfText(pdf)).toContain('Conclusion');
    expect(mssante.sent.length).toBe(before + 1);
    expect(mssante.sent.at(-1)!.to).toBe('cardiologie@ch-demo.mssante.fr');
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
    expect(JSON.stringify(received[0]!.to)).toContain('h.garnier@exemple.test');
    expect(pdfText(received[0]!.attachments[0]!.content)).toContain('Tension artérielle à 13/8');
    const out = (await call(desk, 'GET', '/api/correspondence/items?filter=out')).json().items as { id: string; status: string; documentIds: string[] }[];
    for (const r of validated.recipients) expect(out.find((i) => i.id === r.itemId)).toMatchObject({ status: 'sent', documentIds: [validated.documentId] });
    expect(queue.length).toBeGreaterThan(0);
    expect((await call(martin, 'GET', '/api/reports?filter=to_validate')).json().reports.map((q: { id: string }) => q.id)).not.toContain(report.id);
  });

  it('the validated PDF prints the filled sections and the template’s closing, not the headings left empty', async () => {
    const report = await draft(desk, []);
    const content = [...report.body.content] as { type: string; content?: { text?: string }[] }[];
    const motif = content.findIndex((n) => n.type === 'heading' && n.content?.[0]?.text === 'Motif');
    content.splice(motif + 1, 0, paragraph('Toux depuis huit jours.'));
    const saved = await call(desk, 'PUT', `/api/reports/${report.id}`, { title: 'Compte rendu de consultation', baseHash: report.contentHash, body: { type: 'doc', content }, recipients: [] });
    expect(saved.statusCode, saved.body).toBe(200);
    const draftPdf = pdfText((await call(martin, 'GET', `/api/reports/${report.id}/pdf`)).rawPayload);
    expect(draftPdf).toMatch(/Examen clinique[\s\S]*Conclusion/); // the draft shows what is left to write
    expect((await call(martin, 'POST', `/api/reports/${report.id}/validate`, { versionHash: saved.json().report.contentHash })).statusCode).toBe(200);
    const pdf = pdfText((await call(martin, 'GET', `/api/reports/${report.id}/pdf`)).rawPayload);
    expect(pdf).toMatch(/Motif\s+Toux depuis huit jours\.\s+Bien confraternellement,/);
    expect(pdf).not.toMatch(/Examen clinique|Conclusion/);
  });

  it('the queue is oldest first', async () => {
    const a = await draft(desk, []);
    const b = await draft(desk, []);
    expect((await call(desk, 'POST', `/api/reports/${b.id}/submit`)).statusCode).toBe(200);
    expect((await call(desk, 'POST', `/api/reports/${a.id}/submit`)).statusCode).toBe(200);
    const order = async () => ((await call(martin, 'GET', '/api/reports?filter=to_validate')).json().reports as { id: string; submittedAt: string }[]);
    const mine = async () => (await order()).filter((r) => r.id === a.id || r.id === b.id).map((r) => r.id);
    const shift = (id: string, interval: string) => pivot.database.db.updateTable('reports').set({ submitted_at: sql`submitted_at + ${interval}::interval` }).where('id', '=', id).execute();
    await shift(a.id, '1 hour');
    expect(await mine()).toEqual([b.id, a.id]);
    await shift(b.id, '2 hours');
    expect(await mine()).toEqual([a.id, b.id]);
    const ids = await order();
    expect([...ids].sort((x, y) => x.submittedAt.localeCompare(y.submittedAt))).toEqual(ids);
  });

  it('validation is bound to the version read: a save in between is a 409', async () => {
    const report = await draft(martin, []);
    const seen = (await type(martin, report, 'Première version.')).json().report;
    const changed = await type(desk, { ...report, contentHash: seen.contentHash }, 'Deuxième version.');
    expect(changed.statusCode).toBe(200);
    const stale = await call(martin, 'POST', `/api/reports/${report.id}/validate`, { versionHash: seen.contentHash });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/a changé depuis votre lecture/);
    // A save from a stale editor is refused too (nothing lost silently).
    expect((await type(desk, { ...report, contentHash: seen.contentHash }, 'Troisième.')).statusCode).toBe(409);
  });
});

describe('immutability and amendments', () => {
  it('a validated report refuses every change, through HTTP and in the database; an amendment is validated on its own', async () => {
    const report = await draft(desk, []);
    const seen = (await type(desk, report, 'Conclusion : angine virale.')).json().report;
    expect((await call(martin, 'POST', `/api/reports/${report.id}/validate`, { versionHash: seen.contentHash })).statusCode).toBe(200);
    expect((await type(desk, { ...report, contentHash: seen.contentHash }, 'Modifié après coup.')).statusCode).toBe(409);
    const upload = form([{ name: 'file', filename: 'x.wav', contentType: 'audio/wav', data: sineWav(1) }]);
    expect((await pivot.app.inject({ method: 'POST', url: `/api/reports/${report.id}/audio`, headers: { ...bearer(desk), ...upload.headers }, payload: upload.payload })).statusCode).toBe(409);
    const db = pivot.database.db;
    await expect(db.updateTable('reports').set({ body_text: 'falsifié' }).where('id', '=', report.id).execute()).rejects.toThrow(/does not change/);
    await expect(db.deleteFrom('reports').where('id', '=', report.id).execute()).rejects.toThrow(/kept/);
    await expect(db.insertInto('report_recipients').values({ practice_id: (await db.selectFrom('reports').select('practice_id').where('id', '=', report.id).executeTakeFirstOrThrow()).practice_id, report_id: report.id, correspondent_id: garnier, channel: 'post', position: 0 }).execute()).rejects.toThrow(/does not change/);
    const amended = await call(desk, 'POST', `/api/reports/${report.id}/amend`);
    expect(amended.statusCode, amended.body).toBe(201);
    const amendment = amended.json().report;
    expect(amendment).toMatchObject({ status: 'draft', amendsId: report.id });
    expect((await call(desk, 'POST', `/api/reports/${report.id}/amend`)).statusCode).toBe(409); // one amendment per version
    const seen2 = (await type(desk, amendment, 'Correction : angine bactérienne, TDR positif.')).json().report;
    expect((await call(martin, 'POST', `/api/reports/${amendment.id}/validate`, { versionHash: seen2.contentHash })).statusCode).toBe(200);
    const pdf = pdfText((await call(martin, 'GET', `/api/reports/${amendment.id}/pdf`)).rawPayload);
    expect(pdf).toContain('Avenant au compte rendu validé le');
    expect(pdf).toContain('TDR positif');
    const original = (await call(martin, 'GET', `/api/reports/${report.id}`)).json().report;
    expect(original).toMatchObject({ status: 'validated', amendedById: amendment.id, allowed: [] });
    expect(original.text).not.toContain('TDR positif');
  });
});

describe('rights and tenancy', () => {
  it('a practitioner writes only their own reports; the desk for anyone; another practice sees nothing', async () => {
    const forMartin = await call(lefevre, 'POST', '/api/reports', { patientId, authorId: martinId, templateId: 'consultation-gp', recipients: [] });
    expect(forMartin.statusCode).toBe(422);
    expect(forMartin.json().error.message).toMatch(/propres comptes rendus/);
    const report = await draft(desk, []);
    expect((await call(lefevre, 'GET', `/api/reports/${report.id}`)).statusCode).toBe(404);
    expect((await call(moreau, 'GET', `/api/reports/${report.id}`)).statusCode).toBe(404);
    expect((await call(moreau, 'GET', `/api/reports/${report.id}/audio`)).statusCode).toBe(404);
    expect((await call(moreau, 'GET', '/api/reports')).json().reports).toEqual([]);
    expect((await call(lefevre, 'GET', '/api/reports')).json().reports.some((r: { author: { id: string } }) => r.author.id === martinId)).toBe(false);
    const foreign = await call(moreau, 'POST', '/api/reports', { patientId, authorId: martinId, templateId: 'consultation-gp', recipients: [] });
    expect(foreign.statusCode).toBe(422);
  });

  it('refuses HTML or unknown nodes, unknown merge fields and a non-audio file, in French', async () => {
    const report = await draft(desk, []);
    const bad = await call(desk, 'PUT', `/api/reports/${report.id}`, { title: 'x', baseHash: report.contentHash, recipients: [], body: { type: 'doc', content: [{ type: 'iframe' }] } });
    expect(bad.statusCode).toBe(400);
    const field = await call(desk, 'PUT', `/api/reports/${report.id}`, { title: 'x', baseHash: report.contentHash, recipients: [], body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'mergeField', attrs: { field: 'patient.secret' } }] }] } });
    expect(field.statusCode).toBe(422);
    const script = await type(desk, report, '<script>alert(1)</script>');
    expect(script.json().report.html).toContain('&lt;script&gt;');
    const upload = form([{ name: 'file', filename: 'dictee.wav', contentType: 'audio/wav', data: Buffer.from('%PDF-1.4 not audio') }]);
    const r = await pivot.app.inject({ method: 'POST', url: `/api/reports/${report.id}/audio`, headers: { ...bearer(desk), ...upload.headers }, payload: upload.payload });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.message).toMatch(/enregistrement audio/);
  });

  it('writes its reads and writes to the audit log', async () => {
    const report = await draft(desk, []);
    await call(desk, 'GET', `/api/reports/${report.id}`);
    const actions = (await pivot.database.db.selectFrom('audit_log').select('action').where('resource_id', '=', report.id).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['report.created', 'report.read']));
  });
});

describe('speech-to-text adapter', () => {
  it('is off by default: a clear 422, typing is the path', async () => {
    const report = await draft(desk, []);
    const r = await call(desk, 'POST', `/api/reports/${report.id}/transcribe`);
    expect(r.statusCode).toBe(422);
    expect(r.json().error.message).toMatch(/PIVOT_SPEECH_URL/);
  });

  it('posts the recording to the practice’s engine when configured', async () => {
    let got = 0;
    const engine = http.createServer((req, res) => {
      req.on('data', (c: Buffer) => (got += c.length));
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text: 'patient vu ce jour' })));
    });
    await new Promise<void>((r) => engine.listen(0, '127.0.0.1', r));
    const { HttpSpeechToText } = await import('./index.js');
    const stt = new HttpSpeechToText(`http://127.0.0.1:${(engine.address() as AddressInfo).port}/`);
    const wav = sineWav(1);
    expect(await stt.transcribe(wav, 'audio/wav')).toEqual({ text: 'patient vu ce jour' });
    expect(got).toBe(wav.length);
    await new Promise<void>((r) => engine.close(() => r()));
  });
});
