import crypto from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db, Tx } from '../platform/db/database.js';
import type { Mailer, OutgoingMail } from '../platform/mail/mailer.js';
import type { SmsProvider } from '../platform/sms/provider.js';
import { JobWorker, type JobHandlers } from '../jobs/index.js';
import { sendJob } from './delivery.service.js';
import { queueMessage, SEND_JOB, type OutgoingMessage } from './outbox.service.js';

export function mailTransport(smtpUrl: string | undefined): Transporter | undefined {
  return smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;
}

export interface MessagingOptions {
  db: Db;
  /** SMTP_URL; none: e-mails are kept in the outbox (`simulated`), readable by admins in demo mode. */
  smtpUrl?: string | undefined;
  /** A transport built elsewhere (tests); wins over `smtpUrl`. */
  mail?: Transporter | undefined;
  mailFrom: string;
  /** The SMS gateway: the HTTP driver or the simulator. */
  sms: SmsProvider;
  log?: { error(obj: unknown, msg?: string): void; warn(obj: unknown, msg?: string): void } | undefined;
  /** Backoff of the first retry (the queue's default: 5 s). */
  backoffBaseMs?: number;
}

/**
 * The messaging capability at run time: its drivers, its job handler, and `send` for the mails that are sent
 * while a request waits (staff mail, the assistant's replies). Everything goes through the one outbox and the job
 * queue: a message sent "now" is queued, then its job is run in this process at once; if that attempt fails the
 * queue retries it with backoff like any other.
 */
export class Messaging implements Mailer {
  readonly sms: SmsProvider;
  private readonly mail: Transporter | undefined;
  private readonly now: JobWorker;

  constructor(private readonly o: MessagingOptions) {
    this.sms = o.sms;
    this.mail = o.mail ?? mailTransport(o.smtpUrl);
    this.now = new JobWorker(o.db, { handlers: this.jobHandlers(), backoffBaseMs: o.backoffBaseMs, log: o.log });
  }

  get smtpConfigured(): boolean {
    return this.mail !== undefined;
  }

  /** Messaging's contribution to the job registry (composed in compose.ts). */
  jobHandlers(): JobHandlers {
    return { [SEND_JOB]: sendJob({ db: this.o.db, mail: this.mail, mailFrom: this.o.mailFrom, sms: this.o.sms }) };
  }

  /** Tries a queued message's job now (after the commit that queued it); a failure is left to the retries. */
  async deliverNow(jobId: string | undefined): Promise<void> {
    if (!jobId) return;
    try {
      await this.now.runNow(jobId);
    } catch (err) {
      this.o.log?.warn({ err: (err as Error).message, jobId }, 'immediate delivery failed; the job queue retries it');
    }
  }

  /** An e-mail sent while the caller waits: queued in its own transaction, then tried at once. */
  async send(input: OutgoingMail): Promise<void> {
    await this.deliverNow(await queueMessage(this.o.db, toMessage(input)));
  }

  /** An e-mail that leaves only if the caller's transaction commits (a letter, a receipt): try it after the commit. */
  async queue(tx: Tx, input: OutgoingMail): Promise<() => Promise<void>> {
    const jobId = await queueMessage(tx, toMessage(input));
    return () => this.deliverNow(jobId);
  }

  close(): void {
    this.mail?.close();
  }
}

function toMessage(input: OutgoingMail): OutgoingMessage {
  return {
    practiceId: input.practiceId ?? null,
    key: `mail:${crypto.randomUUID()}`,
    kind: input.kind ?? 'staff',
    channel: 'email',
    to: input.to,
    subject: input.subject,
    text: input.text,
    accountId: input.accountId ?? null,
    ...(input.attachments?.length
      ? { attachments: input.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, contentBase64: a.content.toString('base64') })) }
      : {}),
  };
}
