import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';
import { form, pdf, PNG } from '../documents/test-fixtures.js';
import { HPRIM_SANTE_BIOCHEMISTRY } from '../lab-results/fixtures/samples.js';
import { withLuhnKey } from '../platform/luhn.js';
import { createLogger } from '../platform/logger.js';
import { canMove } from './rules.js';
import { ITEM_STATUSES } from './contract.js';
import { startCorrespondenceSmtp, type SimulatedMssante } from './index.js';

/** The register through HTTP, a real SMTP server on loopback for outgoing letters, and the inbound SMTP endpoint. */
let pivot: TestPivot;
let received: ParsedMail[] = [];
let smtp: SMTPServer;
let desk: string; // accueil@ — secretary
let martin: string; // medecin@ — practitioner
let lefevre: string; // medecin2@
let practiceId: string;
let patientId: string;
let martinPractitioner: string;

const call = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => pivot.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      simpleParser(stream).then((m) => { received.push(m); cb(); }, cb);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const port = (smtp.server.address() as AddressInfo).port;
  pivot = await createTestPivot({ SMTP_URL: `smtp://127.0.0.1:${port}?ignoreTLS=true` });
  desk = await pivot.login('accueil@demo.pivot');
  martin = await pivot.login('medecin@demo.pivot');
  lefevre = await pivot.login('medecin2@demo.pivot');
  const db = pivot.database.db;
  practiceId = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  patientId = (await db.selectFrom('patients').select('id').where('practice_id', '=', practiceId).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  const martinAccount = (await db.selectFrom('accounts').select('id').where('email', '=', 'medecin@demo.pivot').executeTakeFirstOrThrow()).id;
  martinPractitioner = (await db.selectFrom('practitioners').select('id').where('account_id', '=', martinAccount).where('practice_id', '=', practiceId).executeTakeFirstOrThrow()).id;
}, 120_000);
afterAll(async () => {
  await pivot?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

describe('address book', () => {
  it('refuses a wrong RPPS key and a non-MSSanté address, in French', async () => {
    const bad = await call(desk, 'POST', '/api/correspondents', { kind: 'practitioner', name: 'Durand', rpps: '10003456788' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toMatch(/clé de contrôle/);
    const ms = await call(desk, 'POST', '/api/correspondents', { kind: 'practitioner', name: 'Durand', mssante: 'durand@gmail.com' });
    expect(ms.statusCode).toBe(422);
    expect(ms.json().error.message).toMatch(/mssante\.fr/);
  });

  it('imports a CSV with a report: created, refused lines and duplicates shown', async () => {
    const rpps = withLuhnKey('1088800001');
    const csv = ['Type;Civilité;Nom;Prénom;RPPS;Spécialité;Adresse;Code postal;Ville;E-mail;MSSanté',
      `praticien;Dr;Lemoine;Anne;${rpps};Pneumologie;2 rue Haute;75999;Paris;a.lemoine@exemple.test;anne.lemoine@demo.mssante.fr`,
      `praticien;Docteur;LEMOINE;Anne;;Pneumologie;2 rue Haute;75999;PARIS;;`,
      'praticien;Dr;Faux;Jean;12345678901;;;;;;',
      'laboratoire;;Labo Sud;;;;1 av. du Port;13999;Marseille;;'].join('\n');
    const r = await call(desk, 'POST', '/api/correspondents/import', { csv });
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json();
    expect(report.created).toBe(3);
    expect(report.refused).toEqual([{ line: 4, messages: [expect.stringMatching(/RPPS/)] }]);
    expect(report.duplicates.map((d: { line: number }) => d.line).sort()).toEqual([2, 3]);
    const dups = await call(desk, 'GET', '/api/correspondents?duplicates=1');
    expect(dups.json().correspondents.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['Lemoine', 'LEMOINE']));
  });

  it('is kept by the desk, not by a practitioner', async () => {
    expect((await call(martin, 'POST', '/api/correspondents', { kind: 'other', name: 'X' })).statusCode).toBe(403);
    expect((await call(martin, 'GET', '/api/correspondents')).statusCode).toBe(200);
  });
});

describe('register, incoming', () => {
  it('scan → confirm patient → route → the practitioner reads → filed in the patient documents; every step audited', async () => {
    const f = form([{ name: 'subject', value: 'Compte rendu de cardiologie' }, { name: 'type', value: 'hospital_report' },
      { name: 'file', filename: 'page1.png', contentType: 'image/png', data: PNG }, { name: 'file', filename: 'page2.pdf', contentType: 'application/pdf', data: pdf('page 2') }]);
    const up = await pivot.app.inject({ method: 'POST', url: '/api/correspondence/scans', headers: { ...bearer(desk), ...f.headers }, payload: f.payload });
    expect(up.statusCode, up.body).toBe(201);
    const item = up.json().item;
    expect(item).toMatchObject({ status: 'to_match', patient: null, proposedPatients: [] });
    expect(item.files).toHaveLength(2);
    // Nothing is filed without a confirmed patient; Dr Martin does not see an item not routed to him.
    expect((await call(desk, 'POST', `/api/correspondence/items/${item.id}/file`)).statusCode).toBe(422);
    expect((await call(martin, 'GET', `/api/correspondence/items/${item.id}`)).statusCode).toBe(404);

    const conf = await call(desk, 'POST', `/api/correspondence/items/${item.id}/patient`, { patientId });
    expect(conf.statusCode, conf.body).toBe(200);
    expect(conf.json().item).toMatchObject({ status: 'to_read', patient: { id: patientId } });
    expect((await call(desk, 'POST', `/api/correspondence/items/${item.id}/route`, { practitionerId: martinPractitioner })).statusCode).toBe(200);
    // Only the practitioner it was routed to reads it.
    expect((await call(lefevre, 'POST', `/api/correspondence/items/${item.id}/read`, { read: true })).statusCode).toBe(404);
    const mine = await call(martin, 'GET', '/api/correspondence/items?filter=mine');
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(item.id);
    const read = await call(martin, 'POST', `/api/correspondence/items/${item.id}/read`, { read: true });
    expect(read.json().item.status).toBe('read');
    const filed = await call(martin, 'POST', `/api/correspondence/items/${item.id}/file`);
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json().item.status).toBe('filed');
    expect(filed.json().item.documentIds).toHaveLength(2);
    const docs = await call(desk, 'GET', `/api/patients/${patientId}/documents`);
    expect(docs.json().documents.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining(filed.json().item.documentIds));
    const audit = await pivot.database.db.selectFrom('audit_log').select('action').where('resource_id', '=', item.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['correspondence.received', 'correspondence.patient_confirmed', 'correspondence.routed', 'correspondence.read', 'correspondence.filed']));
  });

  it('the database allows exactly the rule’s status changes', async () => {
    const db = pivot.database.db;
    const account = (await db.selectFrom('accounts').select('id').where('email', '=', 'accueil@demo.pivot').executeTakeFirstOrThrow()).id;
    for (const from of ['to_match', 'to_read', 'read'] as const) {
      for (const to of ITEM_STATUSES) {
        if (to === from) continue;
        const ok = await db.transaction().execute(async (tx) => {
          const withPatient = from !== 'to_match';
          const row = await sql<{ id: string }>`INSERT INTO correspondence_items (practice_id, direction, channel, type, status, subject, patient_id, patient_confirmed_by, patient_confirmed_at, read_by, read_at)
            VALUES (${practiceId}, 'in', 'post', 'letter', ${from}, 'x', ${withPatient ? patientId : null}, ${withPatient ? account : null}, ${withPatient ? new Date() : null}, ${from === 'read' ? account : null}, ${from === 'read' ? new Date() : null}) RETURNING id`.execute(tx);
          const id = row.rows[0]!.id;
          try {
            await sql`SAVEPOINT s`.execute(tx);
            await sql`UPDATE correspondence_items SET status = ${to}, patient_id = ${patientId}, patient_confirmed_by = ${account}, patient_confirmed_at = now(),
              read_by = ${to === 'read' || to === 'filed' ? account : null}, read_at = ${to === 'read' || to === 'filed' ? new Date() : null},
              filed_by = ${to === 'filed' ? account : null}, filed_at = ${to === 'filed' ? new Date() : null} WHERE id = ${id}`.execute(tx);
            return true;
          } catch (err) {
            await sql`ROLLBACK TO SAVEPOINT s`.execute(tx);
            // Only the transition trigger or a CHECK may refuse: anything else is a broken test.
            if (!/correspondence|violates check/.test((err as Error).message)) throw err;
            return false;
          }
        });
        expect(ok, `${from} → ${to}`).toBe(canMove('in', from, to));
      }
    }
  });

  it('a refused scan names each invalid field with its own message, in the request’s language', async () => {
    const post = (parts: Parameters<typeof form>[0]) => {
      const f = form([...parts, { name: 'file', filename: 'page1.png', contentType: 'image/png', data: PNG }]);
      return pivot.app.inject({ method: 'POST', url: '/api/correspondence/scans', headers: { ...bearer(desk), ...f.headers }, payload: f.payload });
    };
    const r = await post([{ name: 'subject', value: 'Courrier' }, { name: 'type', value: 'facture' }, { name: 'senderId', value: 'pas-un-id' }]);
    expect(r.statusCode).toBe(400);
    const { error } = r.json();
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([
      { in: 'body', field: 'type', message: expect.stringMatching(/^Type de courrier inconnu/) },
      { in: 'body', field: 'senderId', message: expect.stringMatching(/^Expéditeur invalide/) },
    ]);
    // Not the subject's message: the subject was given.
    expect(error.message).not.toMatch(/objet/);
    expect(error.message).toMatch(/Type de courrier inconnu.*Expéditeur invalide/);
    // The account's language decides: English for this one request, then the desk's own back.
    const db = pivot.database.db;
    const { language } = await db.selectFrom('accounts').select('language').where('email', '=', 'accueil@demo.pivot').executeTakeFirstOrThrow();
    const setLanguage = (l: typeof language) => db.updateTable('accounts').set({ language: l }).where('email', '=', 'accueil@demo.pivot').execute();
    await setLanguage('en');
    const en = await post([{ name: 'subject', value: '   ' }]).then((x) => x.json().error).finally(() => setLanguage(language));
    expect(en.details).toEqual([{ in: 'body', field: 'subject', message: 'Give the item’s subject (300 characters at most).' }]);
    expect(en.message).toBe('Give the item’s subject (300 characters at most).');
  });

  it('a lab file: one item per patient, abnormal flagged, routed to the prescriber by RPPS', async () => {
    const practitioners = await pivot.database.db.selectFrom('practitioners').select(['id', 'rpps', 'display_name']).where('practice_id', '=', practiceId).execute();
    const rppsOf = (id: string) => practitioners.find((p) => p.id === id)!.rpps!;
    const lefevrePractitioner = practitioners.find((p) => p.display_name === 'Dr Paul Lefèvre')!.id;
    const importAs = async (prescriber: string) => {
      const f = form([{ name: 'file', filename: 'res.hpr', data: Buffer.from(HPRIM_SANTE_BIOCHEMISTRY.replace(/10003456789~MARTIN~Paul/g, prescriber), 'latin1') }]);
      const r = await pivot.app.inject({ method: 'POST', url: '/api/correspondence/lab-results', headers: { ...bearer(desk), ...f.headers }, payload: f.payload });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().items[0];
    };
    // OBR.17 « RPPS~NAME~First name »: Dr Martin's RPPS with a first name the lab got wrong — the name alone matches nobody.
    const item = await importAs(`${rppsOf(martinPractitioner)}~MARTIN~Paul`);
    expect(item.reader?.id).toBe(martinPractitioner);
    // The RPPS wins over the name; the national-id form « 8 » + RPPS is read too.
    expect((await importAs(`8${rppsOf(lefevrePractitioner)}~MARTIN~Claire`)).reader?.id).toBe(lefevrePractitioner);
    // An RPPS that is not the practice's: routed by the unique name match, as before.
    expect((await importAs(`${withLuhnKey('1099999999')}~MARTIN~Claire`)).reader?.id).toBe(martinPractitioner);
    expect(item).toMatchObject({ type: 'result', channel: 'lab', status: 'to_match', abnormal: true });
    expect(item.text).toMatch(/Créatinine/);
    const bad = form([{ name: 'file', filename: 'x.hpr', data: Buffer.from('bonjour') }]);
    const refused = await pivot.app.inject({ method: 'POST', url: '/api/correspondence/lab-results', headers: { ...bearer(desk), ...bad.headers }, payload: bad.payload });
    expect(refused.statusCode).toBe(422);
  });

  it('a lab identity proposal says « né » or « née » as the proposed patient’s file records the sex', async () => {
    const db = pivot.database.db;
    for (const sex of ['F', 'M'] as const) {
      const rows = await db.selectFrom('patients').select(['id', 'birth_name', 'first_name', sql<string>`to_char(birth_date, 'YYYYMMDD')`.as('birth')])
        .where('practice_id', '=', practiceId).where('sex', '=', sex).where('merged_into_id', 'is', null).orderBy('birth_name').execute();
      // A name the Latin-1 file can carry as is.
      const p = rows.find((x) => /^[A-Za-zÀ-ÿ' -]+$/.test(`${x.birth_name}${x.first_name}`))!;
      // The file's P line names this patient (P.6 name~first name, P.7 birth name, P.8 birth date); its P.9 sex is left out.
      const hprim = HPRIM_SANTE_BIOCHEMISTRY.replace(/^P\|.*$/m, `P|1|PAT-1|||${p.birth_name.toUpperCase()}~${p.first_name}|${p.birth_name.toUpperCase()}|${p.birth}|`);
      const f = form([{ name: 'file', filename: 'res.hpr', data: Buffer.from(hprim, 'latin1') }]);
      const r = await pivot.app.inject({ method: 'POST', url: '/api/correspondence/lab-results', headers: { ...bearer(desk), ...f.headers }, payload: f.payload });
      expect(r.statusCode, r.body).toBe(201);
      const proposal = (r.json().items[0].proposedPatients as { id: string; evidence: string }[]).find((x) => x.id === p.id);
      const date = `${p.birth.slice(6)}/${p.birth.slice(4, 6)}/${p.birth.slice(0, 4)}`;
      expect(proposal?.evidence).toContain(`${sex === 'F' ? 'née' : 'né'} le ${date}`);
      expect(proposal?.evidence).not.toContain('né(e)');
    }
  });

  it('an e-mail sent by a real SMTP client to the inbound endpoint becomes an item with its attachment', async () => {
    const stored: string[] = [];
    const inbound = await startCorrespondenceSmtp({ db: pivot.database.db, keyring: pivot.keyring, log: createLogger('silent'), port: 0, onStored: (r) => stored.push(r.itemId) });
    try {
      const client = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
      await client.sendMail({ from: 'Service de cardiologie <cardiologie@ch-demo.exemple.test>', to: 'maison-de-sante-des-tilleuls@pivot.test', subject: 'CR hospitalisation', text: 'Veuillez trouver le compte rendu.', attachments: [{ filename: 'cr.pdf', content: pdf('CR') }] });
      await expect(client.sendMail({ from: 'a@b.test', to: 'inconnu@pivot.test', subject: 'x', text: 'x' })).rejects.toThrow(/550/);
      client.close();
    } finally {
      await inbound.close();
    }
    expect(stored).toHaveLength(1);
    const item = (await call(desk, 'GET', `/api/correspondence/items/${stored[0]}`)).json().item;
    expect(item).toMatchObject({ channel: 'email', type: 'hospital_report', status: 'to_match', sender: { correspondent: { name: 'Centre hospitalier de démonstration' } } });
    expect(item.text).toMatch(/compte rendu/);
    // The attached PDF has too little text of its own: its page went through the OCR, whose reading is kept.
    expect(item.files.map((f: { kind: string }) => f.kind)).toEqual(['body', 'attachment', 'ocr_text']);
    expect(item.readText).toMatch(/CR/);
  });
});

describe('letters', () => {
  it('template → PDF → sent by e-mail to a real SMTP server on loopback → filed; MSSanté goes to the simulator', async () => {
    const book = (await call(desk, 'GET', '/api/correspondents?q=garnier')).json().correspondents;
    const garnier = book[0];
    const r = await call(desk, 'POST', '/api/correspondence/letters', { templateId: 'referral', patientId, recipientId: garnier.id, authorId: martinPractitioner, freeText: 'Douleur thoracique d’effort.' });
    expect(r.statusCode, r.body).toBe(201);
    const item = r.json().item;
    expect(item).toMatchObject({ direction: 'out', status: 'draft' });
    received = [];
    const sent = await call(desk, 'POST', `/api/correspondence/letters/${item.id}/send`, { channel: 'email' });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().item).toMatchObject({ status: 'sent', channel: 'email', recipient: { address: 'h.garnier@exemple.test' } });
    expect(sent.json().item.documentIds).toHaveLength(1);
    expect(received).toHaveLength(1);
    expect(received[0]!.attachments[0]!.contentType).toBe('application/pdf');
    expect(received[0]!.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await call(desk, 'POST', `/api/correspondence/letters/${item.id}/send`, { channel: 'email' })).statusCode).toBe(422);

    const second = (await call(martin, 'POST', '/api/correspondence/letters', { templateId: 'reply', patientId, recipientId: garnier.id, authorId: martinPractitioner, freeText: 'RAS.' })).json().item;
    const ms = await call(martin, 'POST', `/api/correspondence/letters/${second.id}/send`, { channel: 'mssante' });
    expect(ms.json().item).toMatchObject({ status: 'sent', channel: 'mssante', simulated: true });
    expect((pivot.mssante as SimulatedMssante).sent.at(-1)!.to).toBe('helene.garnier@demo.mssante.fr');
  });
});
