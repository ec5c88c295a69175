import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/database.js';
import { singleLine } from '../text.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The staff account the mail is about: admins of its practices see it in the dev outbox. */
  accountId?: string | null;
  /** Files sent with the mail (a letter's PDF). The dev outbox records their names, not their bytes. */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/**
 * Sends e-mail through SMTP (SMTP_URL). Without SMTP, mails are kept in the outbox table, which
 * admins can read in the app: the UI says clearly that nothing was sent.
 */
export class Mailer {
  private readonly transport: Transporter | undefined;

  constructor(
    private readonly db: Db,
    smtpUrl: string | undefined,
    private readonly from: string,
  ) {
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;
  }

  get smtpConfigured(): boolean {
    return this.transport !== undefined;
  }

  async send(input: OutgoingMail): Promise<void> {
    // A subject is a header: whatever free text went into it (a practice name…) stays on one line.
    const mail = { ...input, subject: singleLine(input.subject) };
    if (this.transport) {
      await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, ...(mail.attachments ? { attachments: mail.attachments } : {}) });
    }
    // A delivered mail leaves a trace without its body: reset links must not linger in the database.
    await this.db
      .insertInto('mail_outbox')
      .values({
        account_id: mail.accountId ?? null,
        recipient: mail.to,
        subject: mail.subject,
        body_text: this.transport ? '' : mail.attachments?.length ? `${mail.text}\n\n[Pièces jointes : ${mail.attachments.map((a) => a.filename).join(', ')}]` : mail.text,
        delivered: this.transport !== undefined,
      })
      .execute();
  }

  close(): void {
    this.transport?.close();
  }
}
