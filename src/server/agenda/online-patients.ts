import type { Db, Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import { checkIdentity } from '../patients/index.js';
import { phoneticKeys } from '../patients/index.js';
import { normalizePhone } from '../patients/index.js';
import { clock } from '../platform/clock.js';

/** The patient file behind an online booking: found on exact identity and a verified contact, or created provisional. */

/** Patients matched only on exact identity AND a verified contact; otherwise a new provisional identity. */
export async function findOrCreatePatient(
  tx: Tx,
  practiceId: string,
  ident: { birthName: string; firstName: string; birthDate: string; sex: 'F' | 'M' | 'U'; phone?: string | undefined; email?: string | undefined; language: 'fr' | 'en' },
  verificationId: string,
  consent: boolean,
): Promise<{ patientId: string; created: boolean }> {
  const checked = checkIdentity({ birthName: ident.birthName, firstName: ident.firstName, givenNames: ident.firstName, birthDate: ident.birthDate, sex: ident.sex });
  if (!checked.ok) {
    throw new AppError('validation_failed', checked.issues.map((i) => ({ field: i.field, message: { fr: i.fr, en: i.en } })));
  }
  const t = checked.identity.traits;
  let q = tx
    .selectFrom('patients')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('merged_into_id', 'is', null)
    .where('birth_date', '=', t.birthDate)
    .where('first_name', '=', t.firstName)
    .where((eb) => eb.or([eb('birth_name', '=', t.birthName), eb('used_name', '=', t.birthName)]));
  q = q.where((eb) => {
    const ors = [];
    if (ident.email) ors.push(eb(eb.fn('lower', ['email']), '=', ident.email.toLowerCase()));
    if (ident.phone) ors.push(eb('phone_search', '@>', eb.val([normalizePhone(ident.phone)])));
    return eb.or(ors);
  });
  const matches = await q.limit(2).execute();
  if (matches.length === 1) return { patientId: matches[0]!.id, created: false };
  // No match, or several (ambiguous): a new provisional identity, flagged as created online; the desk merges if needed.
  const phones = ident.phone ? [{ number: ident.phone, kind: 'mobile' }] : [];
  const row = await tx
    .insertInto('patients')
    .values({
      practice_id: practiceId,
      birth_name: t.birthName,
      given_names: t.givenNames,
      first_name: t.firstName,
      birth_date: t.birthDate,
      birth_date_precision: t.birthDatePrecision,
      sex: t.sex,
      birth_place_code: null,
      phonetic_keys: phoneticKeys(t.birthName, null, t.givenNames, null),
      phone: ident.phone ?? null,
      phones: JSON.stringify(phones),
      phone_search: phones.map((p) => normalizePhone(p.number)),
      email: ident.email ?? null,
      email_consent: consent && !!ident.email,
      sms_consent: consent && !!ident.phone,
      preferred_language: ident.language,
      updated_at: clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('online_patients').values({ practice_id: practiceId, patient_id: row.id, verification_id: verificationId }).execute();
  return { patientId: row.id, created: true };
}

export async function noShowCount(db: Db | Tx, practiceId: string, patientId: string): Promise<number> {
  const r = await db.selectFrom('appointments').select((eb) => eb.fn.countAll<string>().as('n')).where('practice_id', '=', practiceId).where('patient_id', '=', patientId).where('status', '=', 'no_show').executeTakeFirstOrThrow();
  return Number(r.n);
}
