import crypto from 'node:crypto';
import type { Db } from '../platform/db/database.js';
import type { Role } from '../platform/db/schema.js';
import { hashPassword } from '../auth/index.js';
import { appendAudit } from '../audit/service.js';
import { demoIdentities, type DemoIdentity } from './names.js';
import { phoneticKeys } from '../patients/index.js';
import { OID_INS_NIR } from '../patients/index.js';
import { seedAgendaDemo } from '../agenda/index.js';
import { seedBillingBooksDemo, seedBillingDemo, seedDentalQuotesDemo } from '../billing/index.js';
import { seedCorrespondenceDemo } from '../correspondence/index.js';
import { clock } from '../platform/clock.js';

export const DEMO_PRACTICE_SLUG = 'maison-de-sante-des-tilleuls';
export const SECOND_PRACTICE_SLUG = 'cabinet-du-dr-moreau';

interface DemoAccount {
  email: string;
  name: string;
  memberships: { practice: 'tilleuls' | 'moreau'; roles: Role[] }[];
}

/** The demo accounts. `secretaire@` serves both practices (default: the Maison de santé). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@demo.pivot', name: 'Sandrine Admin (gérante)', memberships: [{ practice: 'tilleuls', roles: ['admin'] }] },
  {
    email: 'secretaire@demo.pivot',
    name: 'Julie Secrétaire',
    memberships: [
      { practice: 'tilleuls', roles: ['secretary'] },
      { practice: 'moreau', roles: ['secretary'] },
    ],
  },
  { email: 'accueil@demo.pivot', name: 'Karim Accueil', memberships: [{ practice: 'tilleuls', roles: ['secretary'] }] },
  { email: 'medecin@demo.pivot', name: 'Dr Claire Martin', memberships: [{ practice: 'tilleuls', roles: ['practitioner'] }] },
  { email: 'medecin2@demo.pivot', name: 'Dr Paul Lefèvre', memberships: [{ practice: 'tilleuls', roles: ['practitioner'] }] },
  { email: 'medecin3@demo.pivot', name: 'Dr Amina Benali', memberships: [{ practice: 'tilleuls', roles: ['practitioner'] }] },
  { email: 'pediatre@demo.pivot', name: 'Dr Hélène Rousseau (pédiatre)', memberships: [{ practice: 'tilleuls', roles: ['practitioner'] }] },
  { email: 'dentiste@demo.pivot', name: 'Dr Marc Nguyen (chirurgien-dentiste)', memberships: [{ practice: 'tilleuls', roles: ['practitioner'] }] },
  { email: 'moreau@demo.pivot', name: 'Dr Jacques Moreau', memberships: [{ practice: 'moreau', roles: ['admin', 'practitioner'] }] },
];

export async function hasDemoPractice(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('practices').select('id').where('slug', '=', DEMO_PRACTICE_SLUG).executeTakeFirst());
}

/** Only the two demo practices in this database: a reset may wipe it. */
export async function onlyDemoPractices(db: Db): Promise<boolean> {
  const slugs = (await db.selectFrom('practices').select('slug').execute()).map((p) => p.slug);
  return slugs.every((s) => s === DEMO_PRACTICE_SLUG || s === SECOND_PRACTICE_SLUG);
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('practices').select('id').limit(1).executeTakeFirst();
  return !row;
}

/**
 * Seeds the demo practices in one transaction; returns the password to print. `now` is the reference date of
 * the demo (appointments around it, identities checked before it): the clock's, unless a test gives its own.
 */
export async function seedDemo(db: Db, password: string | undefined, now: Date = clock.now()): Promise<{ password: string; generated: boolean }> {
  const generated = !password;
  const pw = password ?? crypto.randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(pw);
  await db.transaction().execute(async (tx) => {
    const practices = await tx
      .insertInto('practices')
      .values([
        { name: 'Maison de santé des Tilleuls', slug: DEMO_PRACTICE_SLUG },
        { name: 'Cabinet du Dr Moreau', slug: SECOND_PRACTICE_SLUG },
      ])
      .returning(['id', 'slug'])
      .execute();
    const idOf = (p: 'tilleuls' | 'moreau') => practices.find((x) => x.slug === (p === 'tilleuls' ? DEMO_PRACTICE_SLUG : SECOND_PRACTICE_SLUG))!.id;
    for (const a of DEMO_ACCOUNTS) {
      const account = await tx
        .insertInto('accounts')
        .values({
          email: a.email,
          display_name: a.name,
          password_hash: passwordHash,
          default_practice_id: idOf(a.memberships[0]!.practice),
          password_changed_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('memberships')
        .values(a.memberships.map((m) => ({ practice_id: idOf(m.practice), account_id: account.id, roles: m.roles })))
        .execute();
    }
    const checker = await tx.selectFrom('accounts').select('id').where('email', '=', 'secretaire@demo.pivot').executeTakeFirstOrThrow();
    const seedPatients = async (practice: 'tilleuls' | 'moreau', count: number, seed: number) => {
      const people = demoIdentities(count, seed);
      const practiceId = idOf(practice);
      const rows = people.map((p, i) => demoPatientRow(p, i, practiceId, checker.id, now));
      await tx.insertInto('patients').values(rows).execute();
      const reps = people.flatMap((p, i) =>
        p.legalRepresentatives.map((r, position) => ({
          practice_id: practiceId,
          patient_id: rows[i]!.id,
          position,
          relationship: r.relationship,
          name: r.name,
          phone: r.phone,
          email: null,
          representative_patient_id: null,
          note: null,
        })),
      );
      if (reps.length) await tx.insertInto('patient_legal_representatives').values(reps).execute();
    };
    await seedPatients('tilleuls', 300, 1);
    await seedPatients('moreau', 40, 2);
    await appendAudit(tx, [
      { accountId: null, practiceId: idOf('tilleuls'), action: 'demo.seeded', resourceType: 'practice', resourceId: idOf('tilleuls'), details: { patients: 300 } },
      { accountId: null, practiceId: idOf('moreau'), action: 'demo.seeded', resourceType: 'practice', resourceId: idOf('moreau'), details: { patients: 40 } },
    ]);
  });
  // The agenda of the demo practices (practitioners, hours, motifs, appointments), in its own transaction.
  await seedAgendaDemo(db, now);
  // Billing profiles of the demo practitioners (needs the agenda's practitioners).
  await seedBillingDemo(db);
  await seedBillingBooksDemo(db, now);
  // The dentist's quotes: one signed with an act billed, one presented.
  await seedDentalQuotesDemo(db, now);
  // The demo practice's address book of correspondents.
  await seedCorrespondenceDemo(db);
  return { password: pw, generated };
}

/** A demo person as a `patients` row, with the evidence its identity status requires. */
function demoPatientRow(p: DemoIdentity, i: number, practiceId: string, checkerId: string, now: Date) {
  const checkedAt = new Date(now.getTime() - (i + 1) * 3_600_000 * 24);
  const docChecked = p.identityStatus === 'validee' || p.identityStatus === 'qualifiee';
  const insRetrieved = p.identityStatus === 'recuperee' || p.identityStatus === 'qualifiee';
  const upper = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
  return {
    id: crypto.randomUUID(),
    practice_id: practiceId,
    birth_name: p.birthName,
    used_name: p.usedName,
    first_name: p.firstName,
    given_names: p.givenNames,
    birth_date: p.birthDate,
    sex: p.sex,
    birth_place_code: p.birthPlaceCode,
    nir: p.nir,
    identity_status: p.identityStatus,
    homonym: p.homonym,
    ...(docChecked
      ? {
          id_doc_type: i % 5 === 0 ? 'passport' : 'national_id_card',
          id_doc_number: `${i % 5 === 0 ? '19' : 'X'}${String(100000 + i * 7919).slice(-6)}AB`,
          id_doc_checked_by: checkerId,
          id_doc_checked_at: checkedAt,
        }
      : {}),
    ...(insRetrieved && p.nir
      ? {
          ins_matricule: p.nir,
          ins_oid: OID_INS_NIR,
          ins_retrieved_at: checkedAt,
          ins_simulated: true,
          ins_traits: JSON.stringify({ birthName: upper(p.birthName), givenNames: upper(p.givenNames), firstName: upper(p.firstName), birthDate: p.birthDate, birthDatePrecision: 'day', sex: p.sex, birthPlaceCode: p.birthPlaceCode }),
        }
      : {}),
    phonetic_keys: phoneticKeys(p.birthName, p.usedName, p.givenNames),
    phone: p.phone,
    phones: JSON.stringify(p.phones),
    phone_search: p.phones.map((x) => x.number),
    email: p.email,
    address: JSON.stringify(p.address),
    sms_consent: p.smsConsent,
    email_consent: p.emailConsent,
    preferred_language: p.preferredLanguage,
    accessibility: p.accessibility ? JSON.stringify(p.accessibility) : null,
    gp: p.gpName ? JSON.stringify({ inPractice: !p.gpName.includes('hors cabinet'), accountId: null, name: p.gpName, rpps: null, city: null, phone: null, declaredOn: null }) : null,
    emergency_contact: p.emergencyContact ? JSON.stringify(p.emergencyContact) : null,
    amo: p.amo ? JSON.stringify(p.amo) : null,
    amc: p.amc ? JSON.stringify(p.amc) : null,
    updated_at: now,
  };
}
