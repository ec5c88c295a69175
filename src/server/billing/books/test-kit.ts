import { DateTime } from 'luxon';
import { bearer, createTestPivot, type TestPivot } from '../../../../tests/helpers.js';
import { clock } from '../../platform/clock.js';

/**
 * Test-only: the demo practice with its billing accounts signed in (desk, Dr Martin, Dr Lefèvre, the admin, the
 * other practice's admin) and one adult patient, for the books' integration tests.
 */
export interface BooksKit {
  pivot: TestPivot;
  desk: string;
  martin: string;
  lefevre: string;
  admin: string;
  otherAdmin: string;
  martinId: string;
  lefevreId: string;
  patient: string;
  patientName: string;
}

export async function booksKit(): Promise<BooksKit> {
  const pivot = await createTestPivot();
  const db = pivot.database.db;
  const [desk, martin, lefevre, admin, otherAdmin] = (await Promise.all(['accueil', 'medecin', 'medecin2', 'admin', 'moreau'].map((u) => pivot.login(`${u}@demo.pivot`)))) as [string, string, string, string, string];
  const practitionerOf = async (email: string) =>
    (await db.selectFrom('practitioners as p').innerJoin('accounts as a', 'a.id', 'p.account_id').select('p.id').where('a.email', '=', email).executeTakeFirstOrThrow()).id;
  const practiceA = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  const p = await db.selectFrom('patients').select(['id', 'birth_name', 'used_name']).where('practice_id', '=', practiceA).where('birth_date', '<', '1990-01-01').orderBy('id').limit(1).executeTakeFirstOrThrow();
  // The demo draws coverages at random (CSS, ALD, a mutuelle…) and ids are random: a plain coverage, so that what the
  // desk collects for a G is the same in every run (the charts test once found 1 € due and could not pay « due − 1 € »).
  await db.updateTable('patients').set({ amo: null, amc: null }).where('id', '=', p.id).execute();
  return {
    pivot, desk, martin, lefevre, admin, otherAdmin,
    martinId: await practitionerOf('medecin@demo.pivot'), lefevreId: await practitionerOf('medecin2@demo.pivot'),
    patient: p.id, patientName: (p.used_name ?? p.birth_name).toUpperCase(),
  };
}

export const practitionerOf = async (pivot: TestPivot, email: string) =>
  (await pivot.database.db.selectFrom('practitioners as p').innerJoin('accounts as a', 'a.id', 'p.account_id').select('p.id').where('a.email', '=', email).executeTakeFirstOrThrow()).id;
export const today = () => DateTime.fromJSDate(clock.now()).setZone('Europe/Paris').toISODate()!;
export const daysAgo = (n: number) => DateTime.fromJSDate(clock.now()).setZone('Europe/Paris').minus({ days: n }).toISODate()!;
export const injectAs = (pivot: TestPivot) => (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  pivot.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
