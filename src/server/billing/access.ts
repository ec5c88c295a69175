import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';

/**
 * Who sees which books. Each practitioner bills in their own name: an administrator sees every practitioner's
 * billing, a practitioner sees their own; a secretary collects for all (invoices, payments, receipts of the
 * practice) but does not read a practitioner's books as such. Anything hidden answers 404, like a missing id.
 */
export const isAdmin = (ctx: RequestContext) => ctx.roles.includes('admin');
export const isDesk = (ctx: RequestContext) => ctx.roles.includes('admin') || ctx.roles.includes('secretary');

/** The practitioner row linked to the signed-in account in this practice, if any. */
export async function ownPractitionerId(tx: Tx, ctx: RequestContext): Promise<string | null> {
  const row = await tx
    .selectFrom('practitioners')
    .select('id')
    .where('practice_id', '=', ctx.practiceId)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A practitioner's own books (profile, lists): an admin, or that practitioner. Otherwise 404. */
export async function assertBooksAccess(tx: Tx, ctx: RequestContext, practitionerId: string): Promise<void> {
  const exists = await tx.selectFrom('practitioners').select('id').where('practice_id', '=', ctx.practiceId).where('id', '=', practitionerId).executeTakeFirst();
  if (!exists) throw new AppError('not_found');
  if (isAdmin(ctx)) return;
  if ((await ownPractitionerId(tx, ctx)) !== practitionerId) throw new AppError('not_found');
}

/**
 * The practitioners whose invoices the account may handle: every one for the desk (secretary, admin), only their
 * own for a practitioner; `null` means all.
 */
export async function invoiceScope(tx: Tx, ctx: RequestContext): Promise<string[] | null> {
  if (isDesk(ctx)) return null;
  const own = await ownPractitionerId(tx, ctx);
  return own ? [own] : [];
}

export function unprocessable(field: string | null, fr: string, en: string): AppError {
  return new AppError('unprocessable', [{ field, message: fr }], { fr, en });
}
