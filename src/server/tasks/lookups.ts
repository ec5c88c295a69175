import type { Tx } from '../platform/db/database.js';
import { AppError, type Localized } from '../platform/http/errors.js';
import { identityNameOrNull } from '../platform/identity-display.js';
import { activeMemberRoles } from '../staff/index.js';
import { TASKS_MESSAGES as M } from './messages.js';

/** Checks shared by messages and tasks: members and patients of the practice, and patient names for the list. */
export async function requireMember(tx: Tx, practiceId: string, accountId: string, field: string, message: Localized): Promise<void> {
  if (!(await activeMemberRoles(tx, practiceId, accountId))) throw new AppError('unprocessable', [{ field, message }], message);
}

export async function requirePatient(tx: Tx, practiceId: string, patientId: string | null | undefined): Promise<void> {
  if (!patientId) return;
  const p = await tx.selectFrom('patients').select('id').where('practice_id', '=', practiceId).where('id', '=', patientId).executeTakeFirst();
  if (!p) throw new AppError('unprocessable', [{ field: 'patientId', message: M.unknownPatient }], M.unknownPatient);
}

export async function patientNames(tx: Tx, practiceId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.selectFrom('patients').select(['id', 'birth_name', 'used_name', 'first_name']).where('practice_id', '=', practiceId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, identityNameOrNull(r.birth_name, r.used_name, r.first_name) ?? '']));
}

/**
 * Audits a new item under its patient when it has one (who wrote about whom), else under the item itself. The text
 * never goes into the audit log.
 */
export function auditNewItem(
  ctx: { audit(e: { action: string; resourceType: string; resourceId: string; details: Record<string, unknown> }): void },
  e: { action: string; itemType: string; itemId: string; patientId: string | null | undefined; details: Record<string, unknown> },
): void {
  ctx.audit({ action: e.action, resourceType: e.patientId ? 'patient' : e.itemType, resourceId: e.patientId ?? e.itemId, details: e.details });
}
