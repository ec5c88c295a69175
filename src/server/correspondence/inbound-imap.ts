import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import { enqueue, type JobHandler } from '../jobs/index.js';
import type { Db, Tx } from '../platform/db/database.js';
import type { Keyring } from '../platform/security/keyring.js';
import { clock } from '../platform/clock.js';
import { storeInboundEmail } from './inbound-email.js';

/**
 * A practice mailbox read over IMAP (imapflow) into the register, on the same path as the inbound SMTP endpoint
 * (inbound-email.ts). A durable job polls it: reads the messages after the last UID seen (all of them again when
 * the mailbox's UIDVALIDITY changed), registers each (idempotent by Message-ID), records where it stopped, and
 * schedules the next poll. The mailbox itself is opened read-only: Pivot never deletes or flags the practice's mail.
 */
export const IMAP_POLL_JOB = 'correspondence.imap_poll';
const PASSWORD_CONTEXT = 'correspondence.mailbox';

export const sealMailboxPassword = (keyring: Keyring, password: string) => keyring.encrypt(password, PASSWORD_CONTEXT);
export const openMailboxPassword = (keyring: Keyring, sealed: string) => keyring.decrypt(sealed, PASSWORD_CONTEXT).toString('utf8');

export interface ImapPollResult { received: number; seen: number; lastUid: number }

export async function pollMailbox(deps: { db: Db; keyring: Keyring; log: Logger }, practiceId: string): Promise<ImapPollResult | null> {
  const box = await deps.db.selectFrom('correspondence_mailboxes').selectAll().where('practice_id', '=', practiceId).executeTakeFirst();
  if (!box || !box.enabled) return null;
  const client = new ImapFlow({
    host: box.host,
    port: box.port,
    secure: box.secure,
    auth: { user: box.username, pass: openMailboxPassword(deps.keyring, box.password_enc) },
    logger: false,
    connectionTimeout: 15_000,
  });
  try {
    await client.connect();
    const lock = await client.getMailboxLock(box.mailbox, { readOnly: true });
    let received = 0;
    let seen = 0;
    let lastUid = Number(box.last_uid);
    try {
      const mailbox = client.mailbox;
      const validity = mailbox ? String(mailbox.uidValidity) : null;
      // A new UIDVALIDITY renumbers the mailbox: read it all again (Message-IDs keep it idempotent).
      if (validity !== box.uid_validity) lastUid = 0;
      if (mailbox && mailbox.exists > 0) {
        for await (const msg of client.fetch(`${lastUid + 1}:*`, { uid: true, source: true }, { uid: true })) {
          // « N:* » always answers the last message, even below N.
          if (msg.uid <= lastUid || !msg.source) continue;
          seen++;
          const mail = await simpleParser(msg.source, { skipImageLinks: true });
          const from = (mail.from?.value[0]?.address ?? '').toLowerCase();
          const messageId = mail.messageId ?? `<imap-${validity}-${msg.uid}@${box.host}>`;
          if (from) {
            const r = await storeInboundEmail(deps, practiceId, mail, { from, messageId });
            if (r.created) received++;
          }
          lastUid = Math.max(lastUid, msg.uid);
        }
      }
      await deps.db
        .updateTable('correspondence_mailboxes')
        .set({ uid_validity: validity, last_uid: String(lastUid), last_polled_at: clock.now(), last_error: null, last_received: received })
        .where('practice_id', '=', practiceId)
        .execute();
    } finally {
      lock.release();
    }
    await client.logout();
    return { received, seen, lastUid };
  } catch (err) {
    client.close();
    const message = err instanceof Error ? err.message : String(err);
    await deps.db.updateTable('correspondence_mailboxes').set({ last_polled_at: clock.now(), last_error: message.slice(0, 500) }).where('practice_id', '=', practiceId).execute();
    throw err;
  }
}

/**
 * Queues a poll of this practice's mailbox. `now`: an extra poll at once (settings saved, « read now »); otherwise
 * the next poll of the chain, unless one is already waiting — so that extra polls never start a second chain.
 */
export async function schedulePoll(db: Db | Tx, practiceId: string, runAt: Date, mode: 'now' | 'next' = 'now'): Promise<void> {
  if (mode === 'next') {
    const waiting = await db.selectFrom('jobs').select('id').where('kind', '=', IMAP_POLL_JOB).where('practice_id', '=', practiceId).where('status', '=', 'queued').executeTakeFirst();
    if (waiting) return;
  }
  await enqueue(db, { kind: IMAP_POLL_JOB, practiceId, payload: { practiceId }, runAt, dedupeKey: `imap-poll:${practiceId}:${mode}:${runAt.toISOString()}`, maxAttempts: 3 });
}

export function imapJobHandlers(deps: { db: Db; keyring: Keyring; log: Logger }): Record<string, JobHandler> {
  return {
    [IMAP_POLL_JOB]: async (job) => {
      const practiceId = String((job.payload as { practiceId?: unknown }).practiceId ?? job.practice_id ?? '');
      const box = await deps.db.selectFrom('correspondence_mailboxes').select(['poll_minutes', 'enabled']).where('practice_id', '=', practiceId).executeTakeFirst();
      if (!box?.enabled) return;
      try {
        const r = await pollMailbox(deps, practiceId);
        if (r) deps.log.info({ practiceId, ...r }, 'practice mailbox read');
      } finally {
        // The next poll is scheduled even after a failure: a mailbox down for an hour is read when it is back.
        await schedulePoll(deps.db, practiceId, new Date(clock.nowMs() + box.poll_minutes * 60_000), 'next');
      }
    },
  };
}
