import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLetter } from '../../../bench/ocr-matching/render.js';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';
import { form } from '../documents/test-fixtures.js';
import { closeOcr } from './matching/index.js';

/** A scanned letter uploaded to the register: the OCR matcher proposes its patient, audited; a person still confirms. */
let pivot: TestPivot;
let desk: string;

beforeAll(async () => {
  pivot = await createTestPivot();
  desk = await pivot.login('accueil@demo.pivot');
}, 120_000);
afterAll(async () => {
  await closeOcr();
  await pivot?.close();
});

async function createPatient(body: Record<string, unknown>): Promise<string> {
  const res = await pivot.app.inject({ method: 'POST', url: '/api/patients', headers: bearer(desk), payload: { sex: 'F', confirmNotDuplicate: true, ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().patient.id as string;
}

async function upload(lines: string[]) {
  const [jpeg] = renderLetter({ id: 'T', layout: 'hospital', lines, truth: { patientKey: null } }, { clean: true });
  const f = form([{ name: 'subject', value: 'Compte rendu' }, { name: 'type', value: 'hospital_report' }, { name: 'file', filename: 'scan.jpg', contentType: 'image/jpeg', data: Buffer.from(jpeg!) }]);
  const res = await pivot.app.inject({ method: 'POST', url: '/api/correspondence/scans', headers: { ...bearer(desk), ...f.headers }, payload: f.payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().item;
}

describe('OCR proposal on scanned post', () => {
  it('proposes the patient read in the letter with its evidence, audits the files read, and files nothing by itself', async () => {
    const id = await createPatient({ birthName: 'Lozac’h', givenNames: 'Maëlys', birthDate: '09/11/1979' });
    await createPatient({ birthName: 'Lozac’h', givenNames: 'Maëlys', birthDate: '21/02/2004' });
    const item = await upload(['CENTRE HOSPITALIER DE QUIMPER', 'Service de cardiologie', '', 'Cher confrère,', 'J’ai revu Madame LOZAC’H Maëlys, née le 09/11/1979,', 'pour un bilan de palpitations.']);
    expect(item.status).toBe('to_match');
    expect(item.patient).toBeNull();
    expect(item.proposedPatients.map((p: { id?: string; patientId?: string }) => p.id ?? p.patientId)).toEqual([id]);
    expect(JSON.stringify(item.proposedPatients)).toMatch(/OCR/);
    // What the proposal rests on: the words read on the page, kept with the item, never a page of the patient's file.
    expect(item.readText).toMatch(/LOZAC.H Maëlys, née le 09\/11\/1979/);
    expect(item.readText).toMatch(/^CENTRE HOSPITALIER DE QUIMPER\n/);
    expect(item.files.map((f: { kind: string }) => f.kind)).toEqual(['page', 'ocr_text']);
    const audit = await pivot.database.db.selectFrom('audit_log').select(['details']).where('action', '=', 'correspondence.received').where('resource_id', '=', item.id).executeTakeFirstOrThrow();
    expect((audit.details as { matchCandidatesRead?: string[] }).matchCandidatesRead).toEqual(expect.arrayContaining([id]));
  }, 120_000);

  it('a letter about someone who is not a patient proposes nobody', async () => {
    const item = await upload(['Laboratoire Bio-Ouest', 'Patient : Monsieur INCONNU Zéphyrin, né le 01/01/1950', 'Glycémie à jeun : 1,02 g/L']);
    expect(item.proposedPatients).toEqual([]);
    expect(item.readText).toContain('Glycémie à jeun');
  }, 120_000);
});
