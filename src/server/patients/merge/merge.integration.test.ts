import crypto from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, useTestPivot } from '../../../../tests/helpers.js';
import { patientReferences, referenceProblems } from './references.js';
import { clock } from '../../platform/clock.js';

const t = useTestPivot({
  desk: 'secretaire@demo.pivot', // secretary of the Tilleuls
  admin: 'admin@demo.pivot', // admin of the Tilleuls
  moreau: 'moreau@demo.pivot', // admin of another practice
});
let practiceId: string;
let practitionerId: string;
let accountId: string;

beforeAll(async () => {
  const me = await t.pivot.app.inject({ method: 'GET', url: '/api/me', headers: bearer(t.desk) });
  practiceId = me.json().practice.id;
  accountId = me.json().account.id;
  const pr = await t.pivot.database.db.selectFrom('practitioners').select('id').where('practice_id', '=', practiceId).executeTakeFirstOrThrow();
  practitionerId = pr.id;
}, 120_000);

const db = () => t.pivot.database.db;
const api = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
  t.pivot.app.inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload: payload as object }) });

let seq = 0;
const letters = (n: number): string => (n < 26 ? '' : letters(Math.floor(n / 26) - 1)) + String.fromCharCode(97 + (n % 26));
async function newPatient(over: Record<string, unknown> = {}): Promise<string> {
  seq++;
  const res = await api(t.desk, 'POST', '/api/patients', {
    birthName: `Fusiontest${letters(seq)}`,
    givenNames: 'Camille',
    birthDate: `0${1 + (seq % 9)}/0${1 + (seq % 9)}/1971`,
    sex: 'F',
    confirmNotDuplicate: true,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().patient.id;
}

let slot = 0;
async function addAppointment(patientId: string): Promise<string> {
  slot++;
  const start = new Date(Date.UTC(2031, 0, 1, 0, 0) + slot * 3 * 3600_000 + Math.floor(Math.random() * 1000) * 24 * 3600_000 * 3);
  const end = new Date(start.getTime() + 15 * 60_000);
  const r = await db()
    .insertInto('appointments')
    .values({ practice_id: practiceId, practitioner_id: practitionerId, patient_id: patientId, starts_at: start, ends_at: end, busy_until: end, channel: 'desk' } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
async function addDocument(patientId: string): Promise<string> {
  const id = crypto.randomUUID();
  await db()
    .insertInto('documents')
    .values({ id, practice_id: practiceId, patient_id: patientId, type: 'result', title: 'Bilan sanguin', file_name: 'bilan.pdf', mime_type: 'application/pdf', size_bytes: 10, sha256: 'a'.repeat(64), uploaded_by: accountId } as never)
    .execute();
  return id;
}
async function addConversation(patientId: string): Promise<string> {
  const r = await db()
    .insertInto('conversations')
    .values({ practice_id: practiceId, channel: 'sms', external_address: '+33600000001', patient_id: patientId } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Every (table, primary key, column) that points to one of the given patients: what a merge + undo must leave unchanged. */
async function referenceSet(ids: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const r of await patientReferences(db())) {
    if (r.keep || r.primaryKey.length === 0) continue;
    const { rows } = await sql<{ k: string }>`
      SELECT ${sql.lit(r.table + '.' + r.column + ':')} || (${sql.join(r.primaryKey.map((c) => sql`${sql.id(c)}::text`), sql` || '/' || `)}) || '→' || ${sql.id(r.column)}::text AS k
      FROM ${sql.id(r.table)} WHERE ${sql.id(r.column)} = ANY (${ids}::uuid[])`.execute(db());
    out.push(...rows.map((x) => x.k));
  }
  return out.sort();
}

async function actions(resourceId: string) {
  return (await db().selectFrom('audit_log').select('action').where('resource_id', '=', resourceId).execute()).map((a) => a.action);
}

async function validate(id: string) {
  const res = await api(t.desk, 'POST', `/api/patients/${id}/identity/validation`, { documentType: 'passport', documentNumber: '19AB12345', traitsConfirmed: true });
  expect(res.statusCode, res.body).toBe(200);
}

describe('patient references', () => {
  it('finds every column that references a patient, by foreign key or by name, and each can be moved and undone', async () => {
    const refs = await patientReferences(db());
    const keys = refs.map((r) => `${r.table}.${r.column}`);
    for (const k of ['appointments.patient_id', 'documents.patient_id', 'conversations.patient_id', 'inbox_requests.patient_id', 'patient_legal_representatives.representative_patient_id']) {
      expect(keys).toContain(k);
    }
    expect(refs.find((r) => r.table === 'patients' && r.column === 'merged_into_id')?.keep).toBe(true);
    // The promise of the merge: no table references patients in a way the merge cannot handle.
    expect(referenceProblems(refs)).toEqual([]);
  });

  it('moves a table added later (foreign key or bare *_patient_id column) and refuses to merge when a referencing table has no primary key', async () => {
    await sql`CREATE TABLE test_invoices (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), practice_id uuid NOT NULL, patient_id uuid NOT NULL,
      FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id))`.execute(db());
    await sql`CREATE TABLE test_notes (n serial PRIMARY KEY, author_patient_id uuid)`.execute(db());
    const a = await newPatient();
    const b = await newPatient();
    await sql`INSERT INTO test_invoices (practice_id, patient_id) VALUES (${practiceId}, ${b}), (${practiceId}, ${b})`.execute(db());
    await sql`INSERT INTO test_notes (author_patient_id) VALUES (${b})`.execute(db());
    const res = await api(t.desk, 'POST', '/api/patients/merges', { survivorId: a, duplicateId: b, reason: 'Même personne saisie deux fois' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().moved).toMatchObject({ 'test_invoices.patient_id': 2, 'test_notes.author_patient_id': 1 });
    // The merged record may not be referenced anew, even by the new table.
    await expect(sql`INSERT INTO test_notes (author_patient_id) VALUES (${b})`.execute(db())).rejects.toThrow(/merged/);
    const undo = await api(t.admin, 'POST', `/api/patients/merges/${res.json().mergeId}/undo`, { reason: 'Erreur de fusion' });
    expect(undo.statusCode, undo.body).toBe(200);
    const back = await sql<{ n: string }>`SELECT count(*) AS n FROM test_invoices WHERE patient_id = ${b}`.execute(db());
    expect(Number(back.rows[0]!.n)).toBe(2);

    await sql`CREATE TABLE test_nopk (patient_id uuid)`.execute(db());
    expect(referenceProblems(await patientReferences(db()))).toEqual([expect.stringMatching(/test_nopk has no primary key/)]);
    const refused = await api(t.desk, 'POST', '/api/patients/merges', { survivorId: a, duplicateId: b, reason: 'Même personne saisie deux fois' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toMatch(/test_nopk/);
    await sql`DROP TABLE test_nopk, test_notes, test_invoices`.execute(db());
  });
});

describe('merge', () => {
  it('previews side by side with the higher status as default survivor, moves every linked row in one go, and an admin undoes it exactly', async () => {
    const low = await newPatient({ birthName: 'Lebrun', givenNames: 'Odile', birthDate: '14/02/1966', phone: '06 11 22 33 44' });
    const high = await newPatient({ birthName: 'Le Brun', givenNames: 'Odile Jeanne', birthDate: '14/02/1966', email: 'odile@example.fr' });
    await validate(high);
    // Who checked the identity document comes back by name.
    expect((await api(t.desk, 'GET', `/api/patients/${high}`)).json().patient.idDocument).toMatchObject({ checkedBy: accountId, checkedByName: 'Julie Secrétaire' });
    const child = await newPatient({ birthName: 'Lebrunette', givenNames: 'Lou', birthDate: '01/02/2018' });
    const rep = await api(t.desk, 'PATCH', `/api/patients/${child}/administrative`, { legalRepresentatives: [{ relationship: 'mother', name: 'Odile Lebrun', phone: null, email: null, patientId: low, note: null }] });
    expect(rep.statusCode, rep.body).toBe(200);
    const appointment = await addAppointment(low);
    const document = await addDocument(low);
    const conversation = await addConversation(low);
    await addAppointment(high);
    const before = await referenceSet([low, high]);

    const dup = await api(t.desk, 'GET', `/api/patients/${low}/duplicates`);
    expect(dup.json().possibleDuplicates.map((d: { id: string }) => d.id)).toContain(high);
    const preview = await api(t.desk, 'GET', `/api/patients/${low}/merge-preview?with=${high}`);
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    expect(p.defaultSurvivorId).toBe(high);
    expect(p.survivor.id).toBe(high);
    expect(p.blockers).toEqual([]);
    expect(p.moves).toMatchObject({ 'appointments.patient_id': 1, 'documents.patient_id': 1, 'conversations.patient_id': 1, 'patient_legal_representatives.representative_patient_id': 1 });
    const birthName = p.diffs.find((d: { field: string }) => d.field === 'birthName');
    expect(birthName).toMatchObject({ strict: true, choosable: false, defaultChoice: 'survivor' });
    expect(p.diffs.find((d: { field: string }) => d.field === 'phones')).toMatchObject({ defaultChoice: 'duplicate', choosable: true });

    // Strict traits of a validated identity are not overwritten by a lower-status record.
    const protectedTrait = await api(t.desk, 'POST', '/api/patients/merges', { survivorId: high, duplicateId: low, choices: { birthName: 'duplicate' }, reason: 'Doublon' });
    expect(protectedTrait.statusCode).toBe(422);
    expect(protectedTrait.json().error.message).toMatch(/Trait strict « nom de naissance »/);
    // The survivor must be the higher status.
    const wrongWay = await api(t.desk, 'POST', '/api/patients/merges', { survivorId: low, duplicateId: high, reason: 'Doublon' });
    expect(wrongWay.statusCode).toBe(422);
    expect(wrongWay.json().error.message).toMatch(/statut le plus élevé/);
    // Practitioners do not merge.
    const doctor = await t.pivot.login('medecin@demo.pivot');
    expect((await api(doctor, 'POST', '/api/patients/merges', { survivorId: high, duplicateId: low, reason: 'Doublon' })).statusCode).toBe(403);

    const res = await api(t.desk, 'POST', '/api/patients/merges', { survivorId: high, duplicateId: low, reason: 'Même personne : nom d’usage saisi comme nom de naissance' });
    expect(res.statusCode, res.body).toBe(200);
    const merge = res.json();
    expect(merge.moved).toMatchObject({ 'appointments.patient_id': 1, 'documents.patient_id': 1, 'conversations.patient_id': 1 });
    expect(merge.survivor.contact.phones[0].number).toBe('06 11 22 33 44'); // the survivor had none: taken from the duplicate
    expect(merge.survivor.identityStatus).toBe('validee');
    for (const [table, rowId] of [['appointments', appointment], ['documents', document], ['conversations', conversation]] as const) {
      const row = await db().selectFrom(table).select('patient_id').where('id', '=', rowId).executeTakeFirstOrThrow();
      expect(row.patient_id, table).toBe(high);
    }
    const childDetail = (await api(t.desk, 'GET', `/api/patients/${child}`)).json().patient;
    expect(childDetail.legalRepresentatives[0].patientId).toBe(high);

    // The merged record: kept, read-only, hidden from search, pointing to the survivor.
    const merged = (await api(t.desk, 'GET', `/api/patients/${low}`)).json().patient;
    expect(merged.mergedIntoId).toBe(high);
    const search = (await api(t.desk, 'GET', '/api/patients?q=lebrun%20odile')).json().patients.map((x: { id: string }) => x.id);
    expect(search).toContain(high);
    expect(search).not.toContain(low);
    expect((await api(t.desk, 'PATCH', `/api/patients/${low}/identity`, { usedName: 'X' })).statusCode).toBe(409);
    await expect(db().updateTable('patients').set({ email: 'x@example.fr' }).where('id', '=', low).execute()).rejects.toThrow(/read-only/);
    await expect(addAppointment(low)).rejects.toThrow(/merged/); // the database refuses to book a merged record
    const fhir = await api(t.desk, 'GET', `/fhir/R4/Patient/${low}`);
    expect(fhir.json()).toMatchObject({ active: false, link: [{ type: 'replaced-by', other: { reference: `Patient/${high}` } }] });

    expect(await actions(high)).toContain('patient.merged');
    expect(await actions(low)).toContain('patient.merged_into');
    expect(await actions(child)).toContain('patient.merge.reference_moved');

    const history = (await api(t.desk, 'GET', `/api/patients/${high}/history`)).json();
    expect(history.merges[0]).toMatchObject({ id: merge.mergeId, undoable: true, duplicate: { id: low } });

    // Only an admin undoes.
    expect((await api(t.desk, 'POST', `/api/patients/merges/${merge.mergeId}/undo`, { reason: 'Erreur' })).statusCode).toBe(403);
    expect((await api(t.moreau, 'POST', `/api/patients/merges/${merge.mergeId}/undo`, { reason: 'Erreur' })).statusCode).toBe(404);
    const undo = await api(t.admin, 'POST', `/api/patients/merges/${merge.mergeId}/undo`, { reason: 'Deux personnes différentes finalement' });
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json()).toMatchObject({ movedBack: 4, conflicts: [], survivorRestored: true });
    expect(await referenceSet([low, high])).toEqual(before);
    const revived = (await api(t.desk, 'GET', `/api/patients/${low}`)).json().patient;
    expect(revived.mergedIntoId).toBeNull();
    const survivorAfter = (await api(t.desk, 'GET', `/api/patients/${high}`)).json().patient;
    expect(survivorAfter.contact.phones).toEqual([]);
    expect(await actions(high)).toContain('patient.merge.undone');
    expect(await actions(low)).toContain('patient.merge.undone');
    expect((await api(t.admin, 'POST', `/api/patients/merges/${merge.mergeId}/undo`, { reason: 'Encore' })).statusCode).toBe(409);
  });

  it('refuses two records with different INS (two people), and foreign-practice ids', async () => {
    const a = await newPatient();
    const b = await newPatient();
    const ins = (m: string) => ({ ins_matricule: m, ins_oid: '1.2.250.1.213.1.4.8', ins_retrieved_at: clock.now(), identity_status: 'recuperee' as const });
    await db().updateTable('patients').set(ins('271017511234520')).where('id', '=', a).execute();
    await db().updateTable('patients').set(ins('271017511234621')).where('id', '=', b).execute();
    const res = await api(t.desk, 'POST', '/api/patients/merges', { survivorId: a, duplicateId: b, reason: 'Doublon supposé' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/INS différents/);
    const preview = (await api(t.desk, 'GET', `/api/patients/${a}/merge-preview?with=${b}`)).json();
    expect(preview.blockers.map((x: { code: string }) => x.code)).toContain('different_ins');

    expect((await api(t.moreau, 'POST', '/api/patients/merges', { survivorId: a, duplicateId: b, reason: 'Doublon supposé' })).statusCode).toBe(404);
    expect((await api(t.moreau, 'GET', `/api/patients/${a}/merge-preview?with=${b}`)).statusCode).toBe(404);
    const own = await api(t.moreau, 'POST', '/api/patients', { birthName: 'Autrecabinet', givenNames: 'Paul', birthDate: '01/01/1980', sex: 'M', confirmNotDuplicate: true });
    const foreign = own.json().patient.id;
    expect((await api(t.desk, 'POST', '/api/patients/merges', { survivorId: a, duplicateId: foreign, reason: 'Doublon supposé' })).statusCode).toBe(404);
    expect((await api(t.desk, 'POST', `/api/patients/${foreign}/split`, { identity: { birthName: 'X', givenNames: 'Y', birthDate: '1980', sex: 'M' }, items: [], reason: 'Collision' })).statusCode).toBe(404);
  });

  it('refuses an undo after 30 days, in the service and in the database', async () => {
    const a = await newPatient();
    const b = await newPatient();
    const res = await api(t.desk, 'POST', '/api/patients/merges', { survivorId: a, duplicateId: b, reason: 'Doublon évident' });
    const mergeId = res.json().mergeId;
    await db().updateTable('patient_merges').set({ merged_at: new Date(clock.nowMs() - 31 * 24 * 3600_000) }).where('id', '=', mergeId).execute();
    const undo = await api(t.admin, 'POST', `/api/patients/merges/${mergeId}/undo`, { reason: 'Trop tard' });
    expect(undo.statusCode).toBe(422);
    expect(undo.json().error.message).toMatch(/délai d’annulation de 30 jours est dépassé/);
    await expect(db().updateTable('patient_merges').set({ undone_at: clock.now(), undone_by: accountId, undo_reason: 'Trop tard' }).where('id', '=', mergeId).execute()).rejects.toThrow(/30_days/);
    await expect(db().updateTable('patients').set({ merged_into_id: null, merged_at: null }).where('id', '=', b).execute()).rejects.toThrow(/undo/);
    const history = (await api(t.desk, 'GET', `/api/patients/${a}/history`)).json();
    expect(history.merges[0].undoable).toBe(false);
  });

  it('reports rows changed since the merge and undoes the rest only when confirmed', async () => {
    const a = await newPatient();
    const b = await newPatient();
    const other = await newPatient();
    const appt1 = await addAppointment(b);
    await addAppointment(b);
    const merge = (await api(t.desk, 'POST', '/api/patients/merges', { survivorId: a, duplicateId: b, reason: 'Doublon évident' })).json();
    // Since the merge, one appointment was attached to a third record.
    await db().updateTable('appointments').set({ patient_id: other }).where('id', '=', appt1).execute();
    const refused = await api(t.admin, 'POST', `/api/patients/merges/${merge.mergeId}/undo`, { reason: 'Erreur' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/rattachée depuis à un autre dossier/);
    expect(refused.json().error.details.conflicts[0]).toMatchObject({ code: 'row_moved_elsewhere', table: 'appointments', pk: { id: appt1 } });
    const ok = await api(t.admin, 'POST', `/api/patients/merges/${merge.mergeId}/undo`, { reason: 'Erreur', acceptConflicts: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().movedBack).toBe(1);
    expect((await db().selectFrom('appointments').select('patient_id').where('id', '=', appt1).executeTakeFirstOrThrow()).patient_id).toBe(other);
  });

  it('merge then undo leaves every reference as it was (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ aAppts: fc.nat(2), bAppts: fc.nat(2), aDocs: fc.nat(2), bDocs: fc.nat(2), bConv: fc.nat(1), swap: fc.boolean() }),
        async (n) => {
          const a = await newPatient();
          const b = await newPatient();
          for (let i = 0; i < n.aAppts; i++) await addAppointment(a);
          for (let i = 0; i < n.bAppts; i++) await addAppointment(b);
          for (let i = 0; i < n.aDocs; i++) await addDocument(a);
          for (let i = 0; i < n.bDocs; i++) await addDocument(b);
          for (let i = 0; i < n.bConv; i++) await addConversation(b);
          const before = await referenceSet([a, b]);
          const [s, d] = n.swap ? [b, a] : [a, b];
          const m = await api(t.desk, 'POST', '/api/patients/merges', { survivorId: s, duplicateId: d, reason: 'Propriété' });
          expect(m.statusCode, m.body).toBe(200);
          expect((await referenceSet([a, b])).every((k) => k.endsWith(s))).toBe(true);
          const u = await api(t.admin, 'POST', `/api/patients/merges/${m.json().mergeId}/undo`, { reason: 'Propriété' });
          expect(u.statusCode, u.body).toBe(200);
          expect(await referenceSet([a, b])).toEqual(before);
        },
      ),
      { numRuns: 8 },
    );
  }, 120_000);
});

describe('split', () => {
  it('creates the second person with the items chosen, reviews the original identity, audits both', async () => {
    const source = await newPatient({ birthName: 'Collision', givenNames: 'Anne', birthDate: '03/04/1980' });
    await validate(source);
    const keep = await addAppointment(source);
    const theirs = await addAppointment(source);
    const doc = await addDocument(source);
    const linked = (await api(t.desk, 'GET', `/api/patients/${source}/linked`)).json().items as { table: string; column: string; pk: Record<string, string>; at: string | null }[];
    expect(linked.filter((i) => i.table === 'appointments')).toHaveLength(2);
    const items = linked.filter((i) => (i.table === 'appointments' && i.pk['id'] === theirs) || i.table === 'documents');
    const res = await api(t.desk, 'POST', `/api/patients/${source}/split`, {
      identity: { birthName: 'Collision', givenNames: 'Annie', birthDate: '03/04/1982', sex: 'F' },
      items: items.map(({ table, column, pk }) => ({ table, column, pk })),
      reason: 'Deux sœurs enregistrées dans le même dossier',
      resetSourceEvidence: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.newPatient).toMatchObject({ birthName: 'Collision', givenNames: 'Annie', identityStatus: 'provisoire' });
    expect(out.source.identityStatus).toBe('provisoire');
    expect(out.moved).toEqual({ 'appointments.patient_id': 1, 'documents.patient_id': 1 });
    const owner = async (table: 'appointments' | 'documents', id: string) => (await db().selectFrom(table).select('patient_id').where('id', '=', id).executeTakeFirstOrThrow()).patient_id;
    expect(await owner('appointments', keep)).toBe(source);
    expect(await owner('appointments', theirs)).toBe(out.newPatient.id);
    expect(await owner('documents', doc)).toBe(out.newPatient.id);
    expect(await actions(source)).toEqual(expect.arrayContaining(['patient.split', 'patient.identity.evidence_discarded']));
    expect(await actions(out.newPatient.id)).toEqual(expect.arrayContaining(['patient.created', 'patient.split.created_from']));
    const history = (await api(t.desk, 'GET', `/api/patients/${source}/history`)).json();
    expect(history.splits[0]).toMatchObject({ newPatient: { id: out.newPatient.id }, rowsMoved: 2 });
    // An item no longer on the record: refused, nothing changed.
    const again = await api(t.desk, 'POST', `/api/patients/${source}/split`, {
      identity: { birthName: 'Collision', givenNames: 'Bea', birthDate: '1985', sex: 'F' },
      items: [{ table: 'appointments', column: 'patient_id', pk: { id: theirs } }],
      reason: 'Encore une',
    });
    expect(again.statusCode).toBe(409);
    expect((await api(t.desk, 'GET', '/api/patients?q=collision%20bea')).json().patients.filter((x: { givenNames: string }) => x.givenNames === 'Bea')).toEqual([]);
    expect((await api(doctorToken(), 'POST', `/api/patients/${source}/split`, { identity: { birthName: 'X', givenNames: 'Y', birthDate: '1980', sex: 'M' }, items: [], reason: 'Collision' })).statusCode).toBe(403);
  });
});

let doctor = '';
function doctorToken() {
  return doctor;
}
beforeAll(async () => {
  doctor = await t.pivot.login('medecin@demo.pivot');
});
