import type { Db, Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import { clock } from '../platform/clock.js';
import { identityName } from '../platform/identity-display.js';
import { renderCalendar } from './ical.js';
import { randomToken, sha256 } from './links.js';

/** A practitioner's private iCalendar feed, reached by its token (only the token's hash is stored): served, rotated, revoked. */

/** The feed's text for this token, or undefined; marks the feed as used. */
export async function icalFeedText(db: Db, token: string): Promise<string | undefined> {
  const feed = await db
    .selectFrom('ical_feeds as f')
    .innerJoin('practitioners as d', (j) => j.onRef('d.id', '=', 'f.practitioner_id').onRef('d.practice_id', '=', 'f.practice_id'))
    .select(['f.id', 'f.practice_id', 'f.practitioner_id', 'f.include_patient_names', 'd.display_name'])
    .where('f.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!feed) return undefined;
  const text = await practitionerCalendar(db, feed);
  await db.updateTable('ical_feeds').set({ last_used_at: clock.now() }).where('id', '=', feed.id).execute();
  return text;
}

/** The practitioner's feed: 30 days back, 180 days ahead, active appointments; « Rendez-vous — motif » unless names are enabled. */
async function practitionerCalendar(db: Db, feed: { practice_id: string; practitioner_id: string; include_patient_names: boolean; display_name: string }): Promise<string> {
  const now = clock.nowMs();
  const rows = await db
    .selectFrom('appointments as a')
    .leftJoin('appointment_types as m', (j) => j.onRef('m.id', '=', 'a.appointment_type_id').onRef('m.practice_id', '=', 'a.practice_id'))
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'a.patient_id').onRef('p.practice_id', '=', 'a.practice_id'))
    .select(['a.id', 'a.starts_at', 'a.ends_at', 'a.updated_at', 'a.version', 'a.status', 'a.teleconsultation', 'm.name as motif_name', 'p.birth_name', 'p.used_name', 'p.first_name', 'p.used_first_name'])
    .where('a.practice_id', '=', feed.practice_id)
    .where('a.practitioner_id', '=', feed.practitioner_id)
    .where('a.status', 'in', ['booked', 'confirmed', 'arrived', 'in_consultation', 'done'])
    .where('a.starts_at', '>=', new Date(now - 30 * 86_400_000))
    .where('a.starts_at', '<', new Date(now + 180 * 86_400_000))
    .orderBy('a.starts_at')
    .limit(5000)
    .execute();
  return renderCalendar({
    name: `Pivot — ${feed.display_name}`,
    events: rows.map((r) => ({
      uid: `${r.id}@pivot`,
      start: new Date(r.starts_at),
      end: new Date(r.ends_at),
      stamp: new Date(r.updated_at),
      sequence: r.version,
      summary: feed.include_patient_names
        ? `${identityName({ birthName: r.birth_name, usedName: r.used_name, firstName: r.first_name, usedFirstName: r.used_first_name })}${r.motif_name ? ` — ${r.motif_name}` : ''}`
        : `Rendez-vous${r.motif_name ? ` — ${r.motif_name}` : ''}`,
      description: r.teleconsultation ? 'Téléconsultation' : null,
    })),
  });
}

/** A practitioner of this practice with their linked account (who may manage their own feed), or 404. */
export async function practitionerOf(tx: Tx, practiceId: string, id: string) {
  const d = await tx.selectFrom('practitioners').select(['id', 'account_id', 'display_name']).where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
  if (!d) throw new AppError('not_found');
  return d;
}

/** A new private address for the practitioner's feed (the former one stops working); returns the token. */
export async function rotateIcalFeed(tx: Tx, ctx: { practiceId: string; accountId: string }, practitionerId: string, includePatientNames: boolean): Promise<string> {
  const token = randomToken(24);
  await tx
    .insertInto('ical_feeds')
    .values({ practice_id: ctx.practiceId, practitioner_id: practitionerId, token_hash: sha256(token), include_patient_names: includePatientNames, created_by: ctx.accountId })
    .onConflict((oc) => oc.columns(['practice_id', 'practitioner_id']).doUpdateSet({ token_hash: sha256(token), include_patient_names: includePatientNames, created_by: ctx.accountId, last_used_at: null }))
    .execute();
  return token;
}

export async function revokeIcalFeed(tx: Tx, practiceId: string, practitionerId: string): Promise<void> {
  await tx.deleteFrom('ical_feeds').where('practice_id', '=', practiceId).where('practitioner_id', '=', practitionerId).execute();
}
