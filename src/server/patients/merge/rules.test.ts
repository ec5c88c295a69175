import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUS_RANK, STRICT_FIELDS, defaultSurvivor, planMerge, type MergeIdentity } from './rules.js';

const traits = { birthName: 'Dupont', givenNames: 'Hélène Marie', firstName: 'Hélène', birthDate: '1958-03-12', birthDatePrecision: 'day' as const, sex: 'F' as const, birthPlaceCode: '75112' };
function person(over: Partial<MergeIdentity> = {}, values: Partial<MergeIdentity['values']> = {}): MergeIdentity {
  return {
    id: 'a',
    status: 'provisoire',
    createdAt: '2024-01-01T00:00:00Z',
    documentChecked: false,
    doubtful: false,
    fictitious: false,
    ins: null,
    ...over,
    values: {
      birthName: 'Dupont', givenNames: 'Hélène Marie', birthDate: { date: '1958-03-12', precision: 'day' }, sex: 'F', birthPlaceCode: '75112',
      usedName: null, usedFirstName: null, nir: null, email: null, phones: [], address: null, ...values,
    },
  };
}
const evidence = { provisoire: {}, recuperee: { ins: { matricule: '258037511234512', oid: '1.2.250.1.213.1.4.8', traits } }, validee: { documentChecked: true }, qualifiee: { documentChecked: true, ins: { matricule: '258037511234512', oid: '1.2.250.1.213.1.4.8', traits } } } as const;
const status = fc.constantFrom('provisoire', 'recuperee', 'validee', 'qualifiee') as fc.Arbitrary<MergeIdentity['status']>;

describe('merge rules', () => {
  it('suggests the higher status as survivor, then the older record', () => {
    fc.assert(fc.property(status, status, fc.boolean(), (sa, sb, aOlder) => {
      const a = person({ id: 'a', status: sa, createdAt: aOlder ? '2020-01-01' : '2022-01-01' });
      const b = person({ id: 'b', status: sb, createdAt: aOlder ? '2022-01-01' : '2020-01-01' });
      const s = defaultSurvivor(a, b);
      expect(STATUS_RANK[s.status]).toBe(Math.max(STATUS_RANK[sa], STATUS_RANK[sb]));
      if (sa === sb) expect(s.id).toBe(aOlder ? 'a' : 'b');
    }));
  });

  it('never merges two different INS, nor into a lower status', () => {
    const ins = (m: string) => ({ matricule: m, oid: '1.2.250.1.213.1.4.8', traits });
    const plan = planMerge(person({ id: 'a', status: 'recuperee', ins: ins('258037511234512') }), person({ id: 'b', status: 'recuperee', ins: ins('258037511234613') }));
    expect(plan.blockers.map((b) => b.code)).toContain('different_ins');
    expect(planMerge(person({ status: 'provisoire' }), person({ id: 'b', status: 'validee', documentChecked: true })).blockers.map((b) => b.code)).toContain('survivor_lower_status');
  });

  it('never lets a lower-status record overwrite a strict trait of an identity checked on a document (property)', () => {
    fc.assert(fc.property(fc.constantFrom('validee', 'qualifiee') as fc.Arbitrary<'validee' | 'qualifiee'>, fc.subarray([...STRICT_FIELDS]), (st, fields) => {
      const survivor = person({ id: 's', status: st, ...evidence[st] });
      const duplicate = person({ id: 'd' }, { birthName: 'Dupond', givenNames: 'Helene', birthDate: { date: '1958-12-03', precision: 'day' }, sex: 'M', birthPlaceCode: '69123' });
      const plan = planMerge(survivor, duplicate, Object.fromEntries(fields.map((f) => [f, 'duplicate'])));
      if (fields.length) expect(plan.blockers.every((b) => b.code === 'strict_trait_protected')).toBe(true);
      for (const f of STRICT_FIELDS) expect(plan.values[f]).toEqual(survivor.values[f]);
      expect(plan.statusAfter).toBe(st);
    }));
  });

  it('takes empty values from the duplicate by default; a strict trait taken on a récupérée identity discards its INS', () => {
    const plan = planMerge(person({ id: 's' }), person({ id: 'd' }, { phones: [{ number: '0612345678', kind: 'mobile' }], email: 'h@example.fr' }));
    expect(plan.values.phones).toHaveLength(1);
    expect(plan.values.email).toBe('h@example.fr');
    const rec = planMerge(person({ id: 's', status: 'recuperee', ...evidence.recuperee }), person({ id: 'd' }, { givenNames: 'Hélène' }), { givenNames: 'duplicate' });
    expect(rec).toMatchObject({ blockers: [], evidenceDiscarded: true, statusAfter: 'provisoire' });
  });

  it('carries the duplicate’s INS over only when its INSi traits are the survivor’s', () => {
    const dup = person({ id: 'd', status: 'recuperee', ...evidence.recuperee });
    expect(planMerge(person({ id: 's', status: 'validee', documentChecked: true }), dup)).toMatchObject({ insTransferred: true, statusAfter: 'qualifiee' });
    const other = planMerge(person({ id: 's', status: 'validee', documentChecked: true }, { birthName: 'Durand' }), dup);
    expect(other.insTransferred).toBe(false);
    expect(other.warnings.map((w) => w.code)).toContain('ins_not_transferred');
  });
});
