import type { Tx } from '../db/database.js';
/**
 * The port through which capabilities send an e-mail while a request waits (password links, invitations, the
 * assistant's replies). The messaging capability implements it (one outbox, the job queue's retries, SMTP or the
 * demo outbox); the composition root injects it. The platform holds only the shape, so that auth does not
 * depend on messaging.
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The staff account the mail is about: admins of its practices see it in the demo outbox. */
  accountId?: string | null;
  /** The practice it is sent for (the assistant's replies). */
  practiceId?: string | null;
  /**
   * `staff` (default): mail to a member of staff; `assistant_reply`: the assistant answering a patient; `letter`, `receipt`:
   * a letter to a correspondent, a receipt to a patient (both belong to their practice's outbox, never to the staff's).
   */
  kind?: 'staff' | 'assistant_reply' | 'letter' | 'receipt';
  /** Files sent with the mail (a receipt or a letter as PDF). They travel in the job's payload until sent, then are scrubbed. */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface Mailer {
  /** True when SMTP is configured; else mails stay in the outbox, marked as simulated. */
  readonly smtpConfigured: boolean;
  send(mail: OutgoingMail): Promise<void>;
  /**
   * Queues a mail in the caller's transaction: it leaves only if that transaction commits, once. Returns the attempt
   * to make right after the commit (`ctx.afterCommit`); a failed attempt is retried by the job queue.
   */
  queue(tx: Tx, mail: OutgoingMail): Promise<() => Promise<void>>;
  close(): void;
}
