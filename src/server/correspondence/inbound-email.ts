import type { ParsedMail } from 'mailparser';
import type { Db } from '../platform/db/database.js';
import type { Keyring } from '../platform/security/keyring.js';
import { appendAudit, type AuditEvent } from '../audit/service.js';
import { registerMessage } from './intake.service.js';

/**
 * One received e-mail into the register, whichever way it came (the inbound SMTP endpoint or a practice mailbox
 * read over IMAP): an item « to match » with its attachments, registered by Pivot itself (no account), its audit
 * entries in the same transaction. Idempotent by Message-ID: a retried delivery or a mailbox read twice is the
 * same item (and the register's unique index on (practice, channel, external_id) holds it in the database).
 */
export async function storeInboundEmail(
  deps: { db: Db; keyring: Keyring },
  practiceId: string,
  mail: ParsedMail,
  opts: { from: string; messageId: string | null },
): Promise<{ itemId: string; created: boolean }> {
  const fromObj = mail.from?.value[0];
  const events: AuditEvent[] = [];
  const scope = { practiceId, accountId: null, roles: [], audit: (e: Omit<AuditEvent, 'accountId' | 'practiceId' | 'ip'>) => events.push({ ...e, accountId: null, practiceId }) };
  return deps.db.transaction().execute(async (tx) => {
    const dup = opts.messageId
      ? await tx.selectFrom('correspondence_items').select('id').where('practice_id', '=', practiceId).where('channel', '=', 'email').where('external_id', '=', opts.messageId).executeTakeFirst()
      : undefined;
    if (dup) return { itemId: dup.id, created: false };
    const itemId = await registerMessage(tx, scope, deps.keyring, {
      channel: 'email',
      from: opts.from,
      fromName: fromObj?.name || null,
      subject: mail.subject ?? '',
      text: mail.text ?? '',
      messageId: opts.messageId,
      attachments: mail.attachments.map((a) => ({ fileName: a.filename ?? 'piece-jointe', mimeType: a.contentType, bytes: a.content })),
    });
    await appendAudit(tx, events);
    return { itemId, created: true };
  });
}
