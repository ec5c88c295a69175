import type { Tx } from '../platform/db/database.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { clock } from '../platform/clock.js';

/**
 * How a letter leaves the practice. E-mail goes through the platform mailer by this ONE function (a messaging
 * refactor is under way: only this function changes with it). MSSanté goes through an adapter; Pivot ships only
 * the simulator, named so in the register and the UI — nothing reaches the real MSSanté trust space.
 */
export interface LetterMail {
  practiceId: string;
  to: string;
  subject: string;
  text: string;
  pdf: Buffer;
  fileName: string;
  accountId: string | null;
}

/**
 * Queues the letter in the caller's transaction (it leaves only if the letter is recorded as sent) and returns the
 * attempt to make after the commit; a failed attempt is retried by the job queue (docs/messaging.md).
 */
export async function queueLetterByEmail(mailer: Mailer, tx: Tx, m: LetterMail): Promise<() => Promise<void>> {
  return mailer.queue(tx, {
    to: m.to, subject: m.subject, text: m.text, practiceId: m.practiceId, kind: 'letter', accountId: m.accountId,
    attachments: [{ filename: m.fileName, content: m.pdf, contentType: 'application/pdf' }],
  });
}

export interface MssanteMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** INS of the patient the document concerns (MSSanté metadata), when known. */
  ins?: { value: string; oid: string } | null;
  attachments: { fileName: string; mimeType: string; bytes: Buffer }[];
}

export interface MssanteAdapter {
  /** Shown with every message that went through it (« Simulateur MSSanté »). */
  readonly simulated: boolean;
  send(message: MssanteMessage): Promise<{ messageId: string }>;
}

/** Keeps what was « sent » in memory (tests, demo): the message never leaves this process. */
export class SimulatedMssante implements MssanteAdapter {
  readonly simulated = true;
  readonly sent: (MssanteMessage & { messageId: string; at: Date })[] = [];
  private seq = 0;

  async send(message: MssanteMessage): Promise<{ messageId: string }> {
    const messageId = `SIMULATEUR-MSSANTE-${++this.seq}`;
    this.sent.push({ ...message, messageId, at: clock.now() });
    return { messageId };
  }
}
