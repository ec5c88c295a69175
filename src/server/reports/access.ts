import type { Selectable } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import { isAuthor, type Actor } from './rules.js';
import type { ReportsTable } from './schema.js';

/**
 * Who sees a report (least privilege): the desk sees every report of the practice (it types them); a practitioner
 * sees the reports they author; anyone else gets a 404, as for a report of another practice.
 */
export type ReportRow = Selectable<ReportsTable>;

export async function actorOf(tx: Tx, ctx: RequestContext): Promise<Actor> {
  const row = await tx.selectFrom('practitioners').select('id').where('practice_id', '=', ctx.practiceId).where('account_id', '=', ctx.accountId).where('active', '=', true).executeTakeFirst();
  return { desk: ctx.roles.includes('secretary'), practitionerId: row?.id ?? null };
}

export const reportNotFound = () =>
  new AppError('not_found', { resource: 'report' }, { fr: 'Compte rendu introuvable dans ce cabinet.', en: 'Report not found in this practice.' });

export function refused(fr: string, en: string, field: string | null = null): AppError {
  return new AppError('unprocessable', [{ field, message: fr }], { fr, en });
}

export const conflict = (fr: string, en: string) => new AppError('conflict', [{ field: null, message: fr }], { fr, en });

export async function visibleReport(tx: Tx, ctx: RequestContext, id: string, forUpdate = false): Promise<{ row: ReportRow; actor: Actor }> {
  let q = tx.selectFrom('reports').selectAll().where('practice_id', '=', ctx.practiceId).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw reportNotFound();
  const actor = await actorOf(tx, ctx);
  if (!actor.desk && !isAuthor(actor, { authorId: row.author_id })) throw reportNotFound();
  return { row, actor };
}
