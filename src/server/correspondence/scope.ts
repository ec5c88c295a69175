import type { Tx } from '../platform/db/database.js';
import type { AuditDraft } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import type { Role } from '../platform/db/schema.js';

/**
 * Who acts on the register: a person through a route (the RequestContext fits), or Pivot itself when mail comes in
 * (accountId null, no roles; its audit entries are appended by the listener in the same transaction).
 */
export interface Scope {
  practiceId: string;
  accountId: string | null;
  roles: readonly Role[];
  language?: 'fr' | 'en';
  audit(event: AuditDraft): void;
}

export const isSecretary = (s: Scope) => s.roles.includes('secretary');

/** The practitioner row of the signed-in account in this practice (the reader items are routed to). */
export async function practitionerOf(tx: Tx, s: Scope): Promise<string | null> {
  if (!s.accountId) return null;
  const row = await tx.selectFrom('practitioners').select('id').where('practice_id', '=', s.practiceId).where('account_id', '=', s.accountId).where('active', '=', true).executeTakeFirst();
  return row?.id ?? null;
}

export function refused(fr: string, en: string, field: string | null = null): AppError {
  return new AppError('unprocessable', [{ field, message: fr }], { fr, en });
}

export const itemNotFound = () =>
  new AppError('not_found', { resource: 'correspondence_item' }, { fr: 'Courrier introuvable dans ce cabinet.', en: 'Correspondence item not found in this practice.' });
