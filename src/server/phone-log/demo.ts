import { DateTime } from 'luxon';
import type { Db } from '../platform/db/database.js';
import { appendAudit } from '../audit/service.js';
import { seedIncidentsDemo } from '../incidents/index.js';
import { seedPracticeSheetDemo } from '../practice-sheet/index.js';
import type { PhoneCallsTable } from './schema.js';
import type { Insertable } from 'kysely';
import { clock } from '../platform/clock.js';

const DEMO_SLUG = 'maison-de-sante-des-tilleuls';
/** How far back the demo's calls of the day go (the oldest is 170 minutes ago). */
const SPAN_MINUTES = 180;

/**
 * A few calls of the day for the demo practice: a booking, a message for Dr Martin, an overdue callback, a
 * callback later today, a caller sent to the 15. Once a day: does nothing when the practice has calls today.
 */
export async function seedPhoneLogDemo(db: Db, now: Date = clock.now()): Promise<{ calls: number }> {
  return db.transaction().execute(async (tx) => {
    const practice = await tx.selectFrom('practices').select(['id', 'timezone']).where('slug', '=', DEMO_SLUG).executeTakeFirst();
    if (!practice) return { calls: 0 };
    const midnight = DateTime.fromJSDate(now).setZone(practice.timezone).startOf('day').toJSDate();
    const existing = await tx.selectFrom('phone_calls').select('id').where('practice_id', '=', practice.id).where('occurred_at', '>=', midnight).limit(1).executeTakeFirst();
    if (existing) return { calls: 0 };
    const account = async (email: string) => (await tx.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirst())?.id;
    const desk = await account('accueil@demo.pivot');
    const secretary = await account('secretaire@demo.pivot');
    const martin = await account('medecin@demo.pivot');
    const lefevre = await account('medecin2@demo.pivot');
    if (!desk || !secretary || !martin || !lefevre) return { calls: 0 };
    const patients = await tx.selectFrom('patients').select('id').where('practice_id', '=', practice.id).orderBy('created_at').orderBy('id').limit(4).execute();
    const pid = (i: number) => patients[i]?.id ?? null;
    // The demo's morning spans the last three hours, squeezed after midnight when the day is younger: the calls are
    // always today's (and a second start the same day finds them), whatever the hour.
    const span = Math.min(SPAN_MINUTES * 60_000, now.getTime() - midnight.getTime());
    const ago = (minutes: number) => new Date(now.getTime() - Math.round((span * minutes) / SPAN_MINUTES));
    const rows: Omit<Insertable<PhoneCallsTable>, 'practice_id'>[] = [
      { direction: 'in', occurred_at: ago(170), patient_id: pid(0), caller_name: null, caller_phone: null, reason: 'appointment', outcome: 'booked', note: 'Rendez-vous pris avec le Dr Martin.', taken_by: desk },
      {
        direction: 'in', occurred_at: ago(140), patient_id: pid(1), reason: 'results', outcome: 'message', message_to: martin,
        note: 'Demande à être rappelée au sujet de sa prise de sang de la semaine dernière. Disponible après 17 h.', taken_by: desk,
      },
      {
        direction: 'in', occurred_at: ago(120), caller_name: 'Pharmacie du Centre', caller_phone: '01 45 22 33 44', reason: 'health_professional', outcome: 'callback',
        note: 'Question sur une ordonnance du Dr Lefèvre (posologie illisible).', callback_due_at: ago(30), callback_assignee_id: lefevre, taken_by: secretary,
      },
      {
        direction: 'in', occurred_at: ago(95), patient_id: pid(2), reason: 'administrative', outcome: 'callback',
        note: 'Feuille de soins non reçue par la mutuelle : rappeler avec le numéro de télétransmission.', callback_due_at: new Date(now.getTime() + 3 * 3600_000), callback_assignee_id: desk, taken_by: desk,
      },
      { direction: 'in', occurred_at: ago(60), caller_name: 'Mme Leroy (voisine d’un patient)', caller_phone: '06 12 34 56 78', reason: 'medical_question', outcome: 'advised_15', note: 'Douleur thoracique décrite : invitée à raccrocher et appeler le 15.', taken_by: secretary },
      { direction: 'in', occurred_at: ago(40), caller_name: 'M. Girard', caller_phone: null, reason: 'practical_info', outcome: 'info_given', note: 'Horaires du samedi et parking.', taken_by: desk },
      { direction: 'out', occurred_at: ago(20), patient_id: pid(3), reason: 'prescription', outcome: 'other', note: 'Renouvellement prêt à l’accueil, prévenu.', taken_by: desk },
    ];
    await tx.insertInto('phone_calls').values(rows.map((r) => ({ ...r, practice_id: practice.id }))).execute();
    await appendAudit(tx, [{ accountId: null, practiceId: practice.id, action: 'demo.phone_log_seeded', resourceType: 'practice', resourceId: practice.id, details: { calls: rows.length } }]);
    return { calls: rows.length };
  });
}

/** The demo desk of the Maison de santé: today's calls, one incident, the practice information sheet (if none). */
export async function seedDeskDemo(db: Db, now: Date = clock.now()): Promise<void> {
  await seedPracticeSheetDemo(db);
  await seedPhoneLogDemo(db, now);
  await seedIncidentsDemo(db, now);
}
