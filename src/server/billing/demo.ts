import { appendAudit } from '../audit/service.js';
import type { Db } from '../platform/db/database.js';
import type { Sector, Specialty } from './contract.js';
import { withLuhnKey } from './rules/identifiers.js';

/**
 * Billing profiles of the demo practitioners (idempotent: an existing profile is left as it is). The RPPS is the
 * agenda's; Assurance Maladie numbers and SIRENs are made up (valid in form, SIREN with its Luhn key).
 */
const PROFILES: Record<string, { sector: Sector; specialty: Specialty; am: string; siren: string; depassements: boolean }> = {
  'medecin@demo.pivot': { sector: '1', specialty: 'general_practice', am: '751000011', siren: withLuhnKey('81000001'), depassements: false },
  'medecin2@demo.pivot': { sector: '2_optam', specialty: 'general_practice', am: '751000021', siren: withLuhnKey('81000002'), depassements: true },
  'medecin3@demo.pivot': { sector: '1', specialty: 'general_practice', am: '751000031', siren: withLuhnKey('81000003'), depassements: false },
  'pediatre@demo.pivot': { sector: '2_optam', specialty: 'paediatrics', am: '751000041', siren: withLuhnKey('81000004'), depassements: true },
  'dentiste@demo.pivot': { sector: '1', specialty: 'dentistry', am: '751000051', siren: withLuhnKey('81000005'), depassements: false },
  'moreau@demo.pivot': { sector: '1', specialty: 'general_practice', am: '691000011', siren: withLuhnKey('81000006'), depassements: false },
};

export async function seedBillingDemo(db: Db): Promise<{ profiles: number }> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('practitioners as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .leftJoin('billing_profiles as b', (j) => j.onRef('b.practice_id', '=', 'p.practice_id').onRef('b.practitioner_id', '=', 'p.id'))
      .select(['p.id', 'p.practice_id', 'p.rpps', 'a.email', 'b.practitioner_id as has_profile'])
      .where('a.email', 'in', Object.keys(PROFILES))
      .execute();
    let profiles = 0;
    for (const r of rows) {
      const p = PROFILES[r.email];
      if (!p || r.has_profile || !r.rpps) continue;
      await tx
        .insertInto('billing_profiles')
        .values({ practice_id: r.practice_id, practitioner_id: r.id, sector: p.sector, specialty: p.specialty, rpps: r.rpps, am_number: p.am, siren: p.siren, practises_depassements: p.depassements, updated_by: null })
        .execute();
      await appendAudit(tx, [{ accountId: null, practiceId: r.practice_id, action: 'demo.billing_profile_seeded', resourceType: 'billing_profile', resourceId: r.id }]);
      profiles++;
    }
    return { profiles };
  });
}
