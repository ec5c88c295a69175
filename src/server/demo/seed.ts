import crypto from 'node:crypto';
import type { Db } from '../platform/db/database.js';
import type { Role } from '../platform/db/schema.js';
import { hashPassword } from '../auth/passwords.js';
import { appendAudit } from '../audit/service.js';
import { demoIdentities } from './names.js';

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

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('practices').select('id').limit(1).executeTakeFirst();
  return !row;
}

/** Seeds the demo practices in one transaction; returns the password to print. */
export async function seedDemo(db: Db, password: string | undefined): Promise<{ password: string; generated: boolean }> {
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
          password_changed_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('memberships')
        .values(a.memberships.map((m) => ({ practice_id: idOf(m.practice), account_id: account.id, roles: m.roles })))
        .execute();
    }
    const patientsOf = (practice: 'tilleuls' | 'moreau', count: number, seed: number) =>
      demoIdentities(count, seed).map((p) => ({
        practice_id: idOf(practice),
        birth_name: p.birthName,
        used_name: p.usedName,
        first_name: p.firstName,
        birth_date: p.birthDate,
        sex: p.sex,
        phone: p.phone,
        email: p.email,
        identity_status: p.identityStatus,
        updated_at: new Date(),
      }));
    await tx.insertInto('patients').values(patientsOf('tilleuls', 300, 1)).execute();
    await tx.insertInto('patients').values(patientsOf('moreau', 40, 2)).execute();
    await appendAudit(tx, [
      { accountId: null, practiceId: idOf('tilleuls'), action: 'demo.seeded', resourceType: 'practice', resourceId: idOf('tilleuls'), details: { patients: 300 } },
      { accountId: null, practiceId: idOf('moreau'), action: 'demo.seeded', resourceType: 'practice', resourceId: idOf('moreau'), details: { patients: 40 } },
    ]);
  });
  return { password: pw, generated };
}
