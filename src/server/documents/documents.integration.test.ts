import crypto from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, useTestPivot } from '../../../tests/helpers.js';
import { EXE, HTML, JPEG, PNG, SVG, form, pdf, type Part } from './test-fixtures.js';
import { clock } from '../platform/clock.js';

/** Documents through HTTP: upload, list, preview, archive, on a fresh database; the limit is lowered to 3 MB for the size tests. */
const MAX_MB = 3;
const t = useTestPivot(
  {
    secretary: 'accueil@demo.pivot', // secretary at Les Tilleuls
    doctor: 'medecin@demo.pivot', // practitioner at Les Tilleuls
    moreau: 'moreau@demo.pivot', // admin and practitioner of the other practice
  },
  { PIVOT_DOCUMENT_MAX_MB: String(MAX_MB) },
);
let patientA: string; // a patient of Les Tilleuls
let patientB: string; // a patient of Dr Moreau's practice


const upload = (token: string, patientId: string, parts: Part[]) => {
  const f = form(parts);
  return t.pivot.app.inject({ method: 'POST', url: `/api/patients/${patientId}/documents`, headers: { ...bearer(token), ...f.headers }, payload: f.payload });
};
const file = (filename: string, data: Buffer, contentType?: string): Part => ({ name: 'file', filename, data, ...(contentType ? { contentType } : {}) });
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

const counts = async () => {
  const db = t.pivot.database.db;
  const [d, c] = await Promise.all([
    db.selectFrom('documents').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('document_contents').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { documents: d.n, contents: c.n };
};
const auditOf = (action: string, resourceId: string) =>
  t.pivot.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('resource_id', '=', resourceId).execute();

beforeAll(async () => {
  const db = t.pivot.database.db;
  const practiceOf = (slug: string) => db.selectFrom('practices').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  const tilleuls = (await practiceOf('maison-de-sante-des-tilleuls')).id;
  const moreauPractice = (await practiceOf('cabinet-du-dr-moreau')).id;
  patientA = (await db.selectFrom('patients').select('id').where('practice_id', '=', tilleuls).orderBy('id').executeTakeFirstOrThrow()).id;
  patientB = (await db.selectFrom('patients').select('id').where('practice_id', '=', moreauPractice).orderBy('id').executeTakeFirstOrThrow()).id;
}, 120_000);

describe('patient documents', () => {
  const secret = pdf('DUPONT-CONFIDENTIEL-1958');
  let docId: string;

  it('uploads a PDF: checksum recorded, uploader named, every field in the answer', async () => {
    const res = await upload(t.secretary, patientA, [{ name: 'type', value: 'referral_letter' }, { name: 'title', value: 'Lettre du Dr Durand' }, file('lettre adressage.pdf', secret, 'application/pdf')]);
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json().document;
    expect(d).toMatchObject({
      patientId: patientA,
      type: 'referral_letter',
      title: 'Lettre du Dr Durand',
      fileName: 'lettre adressage.pdf',
      mimeType: 'application/pdf',
      size: secret.length,
      sha256: sha256(secret),
      uploadedBy: { displayName: 'Karim Accueil' },
      archivedAt: null,
      archivedBy: null,
      archiveReason: null,
    });
    expect(Date.parse(d.uploadedAt)).toBeGreaterThan(clock.nowMs() - 60_000);
    docId = d.id;
  });

  it('stores the content encrypted: no plaintext in the database, metadata apart from the blob', async () => {
    const stored = await t.pivot.database.db.selectFrom('document_contents').selectAll().where('document_id', '=', docId).executeTakeFirstOrThrow();
    expect(stored.ciphertext.length).toBe(secret.length);
    expect(stored.ciphertext.includes(Buffer.from('DUPONT'))).toBe(false);
    expect(stored.ciphertext.includes(Buffer.from('%PDF'))).toBe(false);
    expect(stored.ciphertext.equals(secret)).toBe(false);
    // Not even the database's own text rendering of the whole row shows it.
    const dump = await sql<{ t: string }>`SELECT (SELECT string_agg(encode(ciphertext, 'escape'), '') FROM document_contents) AS t`.execute(t.pivot.database.db);
    expect(dump.rows[0]!.t.includes('DUPONT')).toBe(false);
  });

  it('lists, reads the metadata and previews the file with safe headers; downloads on ?download=1', async () => {
    const list = await t.pivot.app.inject({ method: 'GET', url: `/api/patients/${patientA}/documents`, headers: bearer(t.doctor) });
    expect(list.statusCode).toBe(200);
    expect(list.json().documents.map((d: { id: string }) => d.id)).toContain(docId);

    const meta = await t.pivot.app.inject({ method: 'GET', url: `/api/documents/${docId}`, headers: bearer(t.doctor) });
    expect(meta.statusCode).toBe(200);
    expect(meta.json().document.sha256).toBe(sha256(secret));

    const preview = await t.pivot.app.inject({ method: 'GET', url: `/api/documents/${docId}/content`, headers: bearer(t.doctor) });
    expect(preview.statusCode).toBe(200);
    expect(preview.rawPayload.equals(secret)).toBe(true);
    expect(sha256(preview.rawPayload)).toBe(meta.json().document.sha256);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(preview.headers['content-disposition']).toBe(`inline; filename="lettre adressage.pdf"; filename*=UTF-8''lettre%20adressage.pdf`);
    expect(preview.headers['x-content-type-options']).toBe('nosniff');
    expect(preview.headers['cache-control']).toBe('no-store');
    expect(preview.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(preview.headers['content-security-policy']).not.toMatch(/sandbox/); // Chrome's PDF viewer does not run sandboxed

    const dl = await t.pivot.app.inject({ method: 'GET', url: `/api/documents/${docId}/content?download=1`, headers: bearer(t.secretary) });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment; /);
    expect(dl.headers['content-security-policy']).toMatch(/sandbox$/);
    expect(dl.rawPayload.equals(secret)).toBe(true);
  });

  it('previews images sandboxed, adds the real extension, takes fields after the file and defaults the title', async () => {
    const res = await upload(t.secretary, patientA, [file('C:\\scans\\carte vitale', PNG, 'image/png'), { name: 'type', value: 'health_insurance_card' }]);
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json().document;
    expect(d).toMatchObject({ fileName: 'carte vitale.png', title: 'carte vitale', mimeType: 'image/png', type: 'health_insurance_card' });
    const img = await t.pivot.app.inject({ method: 'GET', url: `/api/documents/${d.id}/content`, headers: bearer(t.secretary) });
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['content-security-policy']).toBe("default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox");
    expect(img.rawPayload.equals(PNG)).toBe(true);
  });

  it('accepts a file above the platform default of 1 MiB, up to the configured limit', async () => {
    const big = Buffer.concat([JPEG.subarray(0, 20), crypto.randomBytes(2 * 1024 * 1024)]);
    const res = await upload(t.secretary, patientA, [{ name: 'type', value: 'result' }, file('irm.jpg', big, 'image/jpeg')]);
    expect(res.statusCode, res.body).toBe(201);
    const back = await t.pivot.app.inject({ method: 'GET', url: `/api/documents/${res.json().document.id}/content`, headers: bearer(t.secretary) });
    expect(back.rawPayload.equals(big)).toBe(true);
  });

  it('refuses a file whose content is not what it claims, with a precise message, and stores nothing', async () => {
    const before = await counts();
    const png = await upload(t.secretary, patientA, [{ name: 'type', value: 'result' }, file('resultats.pdf', PNG, 'application/pdf')]);
    expect(png.statusCode).toBe(422);
    expect(png.json().error).toMatchObject({
      code: 'unprocessable',
      message: "Ce fichier n'est pas un PDF : son contenu est celui d'une image PNG. Vérifiez le fichier choisi.",
      details: { field: 'file', reason: 'mismatch', detected: 'image/png' },
    });
    const noMime = await upload(t.secretary, patientA, [{ name: 'type', value: 'result' }, file('resultats.pdf', PNG)]);
    expect(noMime.statusCode).toBe(422);

    const exe = await upload(t.secretary, patientA, [{ name: 'type', value: 'other' }, file('photo.jpg', EXE, 'image/jpeg')]);
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.message).toMatch(/programme exécutable/);
    for (const [name, data, type] of [['page.html', HTML, 'text/html'], ['logo.svg', SVG, 'image/svg+xml'], ['photo.png', HTML, 'image/png']] as const) {
      const res = await upload(t.secretary, patientA, [{ name: 'type', value: 'other' }, file(name, data, type)]);
      expect(res.statusCode, name).toBe(415);
      expect(res.json().error.code).toBe('unsupported_media_type');
    }
    const truncated = await upload(t.secretary, patientA, [{ name: 'type', value: 'result' }, file('cr.pdf', secret.subarray(0, 200))]);
    expect(truncated.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('refuses a file above the limit with 413 and stores nothing', async () => {
    const before = await counts();
    const tooBig = Buffer.concat([secret, Buffer.alloc(MAX_MB * 1024 * 1024)]);
    const res = await upload(t.secretary, patientA, [{ name: 'type', value: 'result' }, file('enorme.pdf', tooBig)]);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload_too_large', details: { maxBytes: MAX_MB * 1024 * 1024 } });
    expect(res.json().error.message).toMatch(/taille maximale de 3 Mo/);
    expect(await counts()).toEqual(before);
  });

  it('answers every malformed upload with a clear 4xx', async () => {
    const cases: [string, Awaited<ReturnType<typeof upload>>, number][] = [
      ['no file', await upload(t.secretary, patientA, [{ name: 'type', value: 'result' }]), 400],
      ['no type', await upload(t.secretary, patientA, [file('a.png', PNG)]), 400],
      ['unknown type', await upload(t.secretary, patientA, [{ name: 'type', value: 'radiographie' }, file('a.png', PNG)]), 400],
      ['empty file', await upload(t.secretary, patientA, [{ name: 'type', value: 'result' }, file('a.png', Buffer.alloc(0))]), 400],
      ['two files', await upload(t.secretary, patientA, [{ name: 'type', value: 'result' }, file('a.png', PNG), file('b.png', PNG)]), 400],
      ['file under another name', await upload(t.secretary, patientA, [{ name: 'type', value: 'result' }, { name: 'scan', filename: 'a.png', data: PNG }]), 400],
      ['title too long', await upload(t.secretary, patientA, [{ name: 'type', value: 'result' }, { name: 'title', value: 'x'.repeat(300) }, file('a.png', PNG)]), 400],
      ['unknown patient', await upload(t.secretary, crypto.randomUUID(), [{ name: 'type', value: 'result' }, file('a.png', PNG)]), 404],
    ];
    for (const [label, res, status] of cases) {
      expect(res.statusCode, `${label}: ${res.body}`).toBe(status);
      expect(res.json().error.message, label).toBeTruthy();
    }
    expect(cases[2]![1].json().error.message).toMatch(/Choisissez le type du document/);

    const json = await t.pivot.app.inject({ method: 'POST', url: `/api/patients/${patientA}/documents`, headers: bearer(t.secretary), payload: { type: 'result' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.message).toMatch(/multipart\/form-data/);
    const noBoundary = await t.pivot.app.inject({ method: 'POST', url: `/api/patients/${patientA}/documents`, headers: { ...bearer(t.secretary), 'content-type': 'multipart/form-data' }, payload: 'x' });
    expect(noBoundary.statusCode).toBe(400);
    const garbage = await t.pivot.app.inject({
      method: 'POST',
      url: `/api/patients/${patientA}/documents`,
      headers: { ...bearer(t.secretary), 'content-type': 'multipart/form-data; boundary=abc' },
      payload: '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\u0089PNG',
    });
    expect(garbage.statusCode).toBeGreaterThanOrEqual(400);
    expect(garbage.statusCode).toBeLessThan(500);

    // A multipart form sent to a JSON route is refused, not half-read.
    const f = form([{ name: 'reason', value: 'doublon' }]);
    const toJson = await t.pivot.app.inject({ method: 'POST', url: `/api/documents/${docId}/archive`, headers: { ...bearer(t.doctor), ...f.headers }, payload: f.payload });
    expect(toJson.statusCode).toBe(415);
    const toLogin = await t.pivot.app.inject({ method: 'POST', url: '/api/auth/login', headers: f.headers, payload: f.payload });
    expect(toLogin.statusCode).toBe(415);
  });

  it('never serves tampered content: flipped byte, swapped ciphertext, altered checksum', async () => {
    const db = t.pivot.database.db;
    const mk = async (text: string) => {
      const res = await upload(t.secretary, patientA, [{ name: 'type', value: 'result' }, file(`${text}.pdf`, pdf(text))]);
      expect(res.statusCode).toBe(201);
      return res.json().document.id as string;
    };
    const [flipped, swapped, rehashed, source] = [await mk('flip'), await mk('swap'), await mk('rehash'), await mk('source')];
    await sql`UPDATE document_contents SET ciphertext = overlay(ciphertext placing decode(lpad(to_hex(get_byte(ciphertext, 10) # 1), 2, '0'), 'hex') from 11 for 1) WHERE document_id = ${flipped}`.execute(db);
    await sql`UPDATE document_contents t SET iv = s.iv, auth_tag = s.auth_tag, ciphertext = s.ciphertext FROM document_contents s WHERE s.document_id = ${source} AND t.document_id = ${swapped}`.execute(db);
    await db.updateTable('documents').set({ sha256: '0'.repeat(64) }).where('id', '=', rehashed).execute();

    for (const [id, failure] of [[flipped, 'decryption_failed'], [swapped, 'decryption_failed'], [rehashed, 'checksum_mismatch']] as const) {
      const res = await t.pivot.app.inject({ method: 'GET', url: `/api/documents/${id}/content`, headers: bearer(t.doctor) });
      expect(res.statusCode, id).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json().error.message).toMatch(/Ce document est endommagé/);
      expect(res.body.includes('%PDF')).toBe(false);
      const entries = await auditOf('document.integrity_failed', id);
      expect(entries).toHaveLength(1);
      expect(entries[0]!.details).toMatchObject({ failure });
      expect(await auditOf('document.content_read', id)).toHaveLength(0);
    }
    // The untouched source still reads.
    expect((await t.pivot.app.inject({ method: 'GET', url: `/api/documents/${source}/content`, headers: bearer(t.doctor) })).statusCode).toBe(200);
  });

  it('keeps each practice to its own documents: 404 everywhere from the other practice', async () => {
    const calls = [
      { method: 'GET' as const, url: `/api/documents/${docId}` },
      { method: 'GET' as const, url: `/api/documents/${docId}/content` },
      { method: 'GET' as const, url: `/api/patients/${patientA}/documents` },
      { method: 'POST' as const, url: `/api/documents/${docId}/archive`, payload: { reason: 'essai intrusion' } },
    ];
    for (const c of calls) {
      const res = await t.pivot.app.inject({ ...c, headers: bearer(t.moreau) });
      expect(res.statusCode, c.url).toBe(404);
      expect(res.body.includes('DUPONT')).toBe(false);
    }
    const res = await upload(t.moreau, patientA, [{ name: 'type', value: 'result' }, file('a.png', PNG)]);
    expect(res.statusCode).toBe(404);
    // And Dr Moreau's own patient has an empty, separate file.
    const own = await t.pivot.app.inject({ method: 'GET', url: `/api/patients/${patientB}/documents`, headers: bearer(t.moreau) });
    expect(own.json()).toEqual({ documents: [] });
    const cross = await upload(t.secretary, patientB, [{ name: 'type', value: 'result' }, file('a.png', PNG)]);
    expect(cross.statusCode).toBe(404);
    expect((await t.pivot.database.db.selectFrom('documents').select('id').where('patient_id', '=', patientB).execute()).length).toBe(0);
  });

  it('archives with a reason (practitioner or admin only), hidden from the default list, never deleted', async () => {
    const bySecretary = await t.pivot.app.inject({ method: 'POST', url: `/api/documents/${docId}/archive`, headers: bearer(t.secretary), payload: { reason: 'doublon' } });
    expect(bySecretary.statusCode).toBe(403);
    const noReason = await t.pivot.app.inject({ method: 'POST', url: `/api/documents/${docId}/archive`, headers: bearer(t.doctor), payload: { reason: ' ' } });
    expect(noReason.statusCode).toBe(400);

    const res = await t.pivot.app.inject({ method: 'POST', url: `/api/documents/${docId}/archive`, headers: bearer(t.doctor), payload: { reason: 'Déposé dans le mauvais dossier' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().document).toMatchObject({ archiveReason: 'Déposé dans le mauvais dossier', archivedBy: { displayName: 'Dr Claire Martin' } });
    expect(res.json().document.archivedAt).toBeTruthy();

    const again = await t.pivot.app.inject({ method: 'POST', url: `/api/documents/${docId}/archive`, headers: bearer(t.doctor), payload: { reason: 'encore' } });
    expect(again.statusCode).toBe(409);

    const active = await t.pivot.app.inject({ method: 'GET', url: `/api/patients/${patientA}/documents`, headers: bearer(t.secretary) });
    expect(active.json().documents.map((d: { id: string }) => d.id)).not.toContain(docId);
    const all = await t.pivot.app.inject({ method: 'GET', url: `/api/patients/${patientA}/documents?archived=1`, headers: bearer(t.secretary) });
    expect(all.json().documents.map((d: { id: string }) => d.id)).toContain(docId);
    // Still readable (the medical file keeps it).
    expect((await t.pivot.app.inject({ method: 'GET', url: `/api/documents/${docId}/content`, headers: bearer(t.doctor) })).statusCode).toBe(200);
    // The database itself refuses a hard delete.
    await expect(t.pivot.database.db.deleteFrom('documents').where('id', '=', docId).execute()).rejects.toThrow(/archived, never deleted/);
  });

  it('audits every access: upload, list, metadata, content (inline and download), archive with its reason', async () => {
    const db = t.pivot.database.db;
    const uploaded = await auditOf('document.uploaded', docId);
    expect(uploaded).toHaveLength(1);
    expect(uploaded[0]!.details).toMatchObject({ patientId: patientA, type: 'referral_letter', sha256: sha256(secret) });
    expect(JSON.stringify(uploaded[0]!.details)).not.toMatch(/Durand|lettre/); // no titles or file names in the log
    expect(await auditOf('document.read', docId)).toHaveLength(1);
    const reads = await auditOf('document.content_read', docId);
    expect(reads.map((r) => (r.details as { disposition: string }).disposition).sort()).toEqual(['attachment', 'inline', 'inline']);
    const archived = await auditOf('document.archived', docId);
    expect(archived).toHaveLength(1);
    expect(archived[0]!.reason).toBe('Déposé dans le mauvais dossier');
    const listed = await db.selectFrom('audit_log').select('details').where('action', '=', 'document.listed').where('resource_id', '=', patientA).execute();
    expect(listed.length).toBeGreaterThanOrEqual(3);
    // Refused requests leave no "served" trace.
    expect((await auditOf('document.read', crypto.randomUUID())).length).toBe(0);
    // The chain is intact.
    const verify = await t.pivot.app.inject({ method: 'GET', url: '/api/audit/verify', headers: bearer(await t.pivot.login('admin@demo.pivot')) });
    expect(verify.statusCode).toBe(200);
  });

  it('over a real socket: a browser FormData upload is stored, an oversized one gets a readable 413', async () => {
    const address = await t.pivot.app.listen({ port: 0, host: '127.0.0.1' });
    const send = (data: Buffer, name: string) => {
      const fd = new FormData();
      fd.append('type', 'result');
      fd.append('file', new Blob([new Uint8Array(data)], { type: 'application/pdf' }), name);
      return fetch(`${address}/api/patients/${patientA}/documents`, { method: 'POST', body: fd, headers: bearer(t.secretary) });
    };
    const ok = await send(pdf('socket'), 'compte rendu.pdf');
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { document: { fileName: string } }).document.fileName).toBe('compte rendu.pdf');
    const big = await send(Buffer.concat([pdf('big'), Buffer.alloc(2 * MAX_MB * 1024 * 1024)]), 'enorme.pdf');
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toMatch(/taille maximale/);
  });

  it('publishes the routes in the OpenAPI document', async () => {
    const res = await t.pivot.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = res.json().paths;
    expect(paths['/api/patients/{patientId}/documents'].post.summary).toMatch(/multipart\/form-data/);
    expect(paths['/api/patients/{patientId}/documents'].get).toBeDefined();
    expect(paths['/api/documents/{id}/content'].get).toBeDefined();
    expect(paths['/api/documents/{id}/archive'].post).toBeDefined();
  });
});
