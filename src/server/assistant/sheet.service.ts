import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { EMPTY_SHEET, type PracticeSheet } from './reply.js';
import { loadSheet } from './service.js';
import { clock } from '../platform/clock.js';

/** The practice information sheet: the only source of the assistant's practical answers. */
export async function practiceInfo(tx: Tx, practiceId: string): Promise<{ info: PracticeSheet; updatedAt: string | null }> {
  const row = await tx.selectFrom('practice_info').select('updated_at').where('practice_id', '=', practiceId).executeTakeFirst();
  return { info: row ? await loadSheet(tx, practiceId) : EMPTY_SHEET, updatedAt: row ? new Date(row.updated_at).toISOString() : null };
}

/** Replaces the sheet; an empty field is stored as null (the assistant will say it does not know). */
export async function savePracticeInfo(tx: Tx, ctx: RequestContext, body: PracticeSheet): Promise<{ info: PracticeSheet; updatedAt: string }> {
  const empty = (s: string | null) => (s && s.trim() ? s.trim() : null);
  const values = {
    opening_hours: empty(body.openingHours),
    address: empty(body.address),
    access: empty(body.access),
    parking: empty(body.parking),
    transport: empty(body.transport),
    fees: JSON.stringify(body.fees),
    payments_accepted: empty(body.paymentsAccepted),
    tiers_payant: empty(body.tiersPayant),
    what_to_bring: empty(body.whatToBring),
    on_call: empty(body.onCall),
    updated_at: clock.now(),
    updated_by: ctx.accountId,
  };
  const row = await tx
    .insertInto('practice_info')
    .values({ practice_id: ctx.practiceId, ...values })
    .onConflict((oc) => oc.column('practice_id').doUpdateSet(values))
    .returning('updated_at')
    .executeTakeFirstOrThrow();
  return { info: await loadSheet(tx, ctx.practiceId), updatedAt: new Date(row.updated_at).toISOString() };
}
