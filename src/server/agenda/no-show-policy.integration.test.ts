import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPivot, type TestPivot } from '../../../tests/helpers.js';
import { clock } from '../platform/clock.js';

/** The practice's no-show policy on the public booking page: at the block threshold, a matched patient is sent to the phone. */
let pivot: TestPivot;
const SLUG = 'maison-de-sante-des-tilleuls';

beforeAll(async () => {
  pivot = await createTestPivot();
}, 120_000);
afterAll(async () => pivot?.close());

async function code(to: string): Promise<string> {
  const rows = await pivot.database.db.selectFrom('jobs').select('payload').where('kind', '=', 'messaging.send').orderBy('created_at', 'desc').limit(50).execute();
  const row = rows.find((r) => (r.payload as { kind?: string; to?: string }).kind === 'otp' && (r.payload as { to?: string }).to === to);
  return /(\d{6})/.exec(String((row?.payload as { text?: string } | undefined)?.text ?? ''))![1]!;
}

describe('no-show policy online', () => {
  it('blocks online booking for a matched patient at the threshold (3), not below it', async () => {
    const db = pivot.database.db;
    const practice = await db.selectFrom('practices').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow();
    const patient = await db.selectFrom('patients').select(['id', 'birth_name', 'first_name', 'birth_date']).where('practice_id', '=', practice.id)
      .where('identity_status', '!=', 'provisoire' as never).orderBy('birth_name').limit(1).executeTakeFirstOrThrow();
    const email = 'absences.repetees@example.org';
    await db.updateTable('patients').set({ email }).where('id', '=', patient.id).execute();
    // Start from no no-show at all for this patient, then add two in the past.
    await db.updateTable('appointments').set({ status: 'done' }).where('patient_id', '=', patient.id).where('status', '=', 'no_show').execute();
    const motif = await db.selectFrom('appointment_types').select(['id', 'practitioner_id']).where('practice_id', '=', practice.id).where('online_bookable', '=', true)
      .where('new_patients_allowed', '=', true).where('practitioner_id', 'is not', null).where('capacity', '=', 1).orderBy('created_at').executeTakeFirstOrThrow();
    const addNoShow = async (daysAgo: number) => {
      const start = new Date(clock.nowMs() - daysAgo * 86_400_000);
      start.setUTCHours(3, daysAgo % 60, 0, 0);
      await db.insertInto('appointments').values({ practice_id: practice.id, practitioner_id: motif.practitioner_id!, patient_id: patient.id, starts_at: start, ends_at: new Date(start.getTime() + 900_000), busy_until: new Date(start.getTime() + 900_000), channel: 'desk', status: 'no_show' }).execute();
    };
    await addNoShow(40);
    await addNoShow(41);

    const attempt = async () => {
      const start = await pivot.app.inject({ method: 'POST', url: `/api/public/${SLUG}/booking/start`, payload: { birthName: patient.birth_name, firstName: patient.first_name, birthDate: patient.birth_date, email, channel: 'email' } });
      expect(start.statusCode, start.body).toBe(202);
      const slots = await pivot.app.inject({ method: 'GET', url: `/api/public/${SLUG}/slots?motif=${motif.id}&practitioner=${motif.practitioner_id}&from=${encodeURIComponent(new Date(clock.nowMs() + 3 * 86_400_000).toISOString())}&limit=1` });
      const slot = slots.json().slots[0];
      return pivot.app.inject({ method: 'POST', url: `/api/public/${SLUG}/booking/confirm`, payload: { verificationId: start.json().verificationId, code: await code(email), practitionerId: slot.practitionerId, motifId: motif.id, start: slot.start } });
    };
    // Two no-shows: the desk is warned (attendance), online booking still works, for the same (matched) patient.
    const allowed = await attempt();
    expect(allowed.statusCode, allowed.body).toBe(201);
    expect((await db.selectFrom('appointments').select('patient_id').where('id', '=', allowed.json().appointment.id).executeTakeFirstOrThrow()).patient_id).toBe(patient.id);
    // A third: blocked, with a message that sends the patient to the phone; nothing booked.
    await addNoShow(42);
    const before = Number((await db.selectFrom('appointments').select(({ fn }) => fn.countAll().as('n')).where('patient_id', '=', patient.id).executeTakeFirstOrThrow()).n);
    const blocked = await attempt();
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.message).toContain('appeler le cabinet');
    expect(Number((await db.selectFrom('appointments').select(({ fn }) => fn.countAll().as('n')).where('patient_id', '=', patient.id).executeTakeFirstOrThrow()).n)).toBe(before);
  });
});
