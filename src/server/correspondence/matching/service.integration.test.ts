import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, useTestPivot } from '../../../../tests/helpers.js';
import { withKey } from '../../patients/index.js';
import { pagesFromText, proposePatient } from './index.js';

/**
 * The proposal against the practice's real patients: the candidates come from the patients capability's
 * practice-scoped recall query (NIR/INS, birth date, phonetic keys), never from another practice.
 */
const t = useTestPivot({ token: 'secretaire@demo.pivot' });
let practiceId: string;
let otherPracticeId: string;

beforeAll(async () => {
  practiceId = (await t.pivot.app.inject({ method: 'GET', url: '/api/me', headers: bearer(t.token) })).json().practice.id;
  otherPracticeId = (await t.pivot.database.db.selectFrom('practices').select('id').where('id', '<>', practiceId).executeTakeFirstOrThrow()).id;
}, 120_000);

async function create(body: Record<string, unknown>): Promise<string> {
  const res = await t.pivot.app.inject({ method: 'POST', url: '/api/patients', headers: bearer(t.token), payload: { sex: 'F', confirmNotDuplicate: true, ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().patient.id as string;
}
const propose = (practice: string, lines: string[]) => t.pivot.database.db.transaction().execute((tx) => proposePatient(tx, practice, pagesFromText(lines)));

describe('proposing the patient of a letter among the practice’s patients', () => {
  it('finds the married woman by used name and birth date, tells her from her namesake, and stays in the practice', async () => {
    const married = await create({ birthName: 'Quillivic', usedName: 'Tanguerel', givenNames: 'Gwenaëlle', birthDate: '12/03/1985' });
    const namesake = await create({ birthName: 'Quillivic', givenNames: 'Gwenaëlle', birthDate: '23/07/1991' });
    const r = await propose(practiceId, ['CHU de Brest', 'Madame TANGUEREL née QUILLIVIC Gwenaëlle, née le 12.03.85,', 'vue en consultation.']);
    expect(r.decision).toBe('proposed');
    expect(r.proposals[0]!.patientId).toBe(married);
    expect(r.candidateIds).toEqual(expect.arrayContaining([married, namesake]));
    expect(r.proposals.find((p) => p.patientId === namesake)?.conflicts.map((c) => c.field)).toEqual(['birthDate']);

    const elsewhere = await propose(otherPracticeId, ['Madame TANGUEREL née QUILLIVIC Gwenaëlle, née le 12.03.85']);
    expect(elsewhere.candidateIds).not.toContain(married);
    expect(elsewhere.proposals.map((p) => p.patientId)).not.toContain(married);
  });

  it('finds a patient by the NIR read in the letter even when the name is misread beyond recognition', async () => {
    const nir = withKey('2870644109077');
    const id = await create({ birthName: 'Kerbrat', givenNames: 'Solenn', birthDate: '14/06/1987', nir });
    const r = await propose(practiceId, ['Patiente : K3RBR4T S0LENN', `N° SS : ${nir.slice(0, 1)} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5, 7)} ${nir.slice(7, 10)} ${nir.slice(10, 13)} ${nir.slice(13)}`, 'Née le 14/06/1987']);
    expect(r.candidateIds).toContain(id);
    expect(r.proposals[0]).toMatchObject({ patientId: id });
    expect(r.decision).toBe('proposed');
  });

  it('a page with no name, date or number asks nothing of the patients and proposes nobody', async () => {
    const r = await propose(practiceId, ['bonjour', 'merci de votre envoi']);
    expect(r).toMatchObject({ decision: 'none', proposals: [], candidateIds: [] });
  });
});
