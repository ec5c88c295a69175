/**
 * The pure rules of messaging: who may be written to on which channel, phone numbers, and the delivery state
 * machine of one outbox row. No I/O here: property tests in rules.test.ts.
 */
import type { MessageChannel, MessageStatus } from './contract.js';

/** SMS bodies are cut to 1,600 characters (10 concatenated parts). */
export const SMS_MAX_CHARS = 1600;

export interface ConsentInput {
  /** What the message is about (`confirmation`, `reminder`, `offer`…). */
  event: string;
  bookedOnline: boolean;
  email: string | null;
  phone: string | null;
  emailConsent: boolean;
  smsConsent: boolean;
}

/**
 * Who may be written to. Consent comes from the patient's administrative file (`sms_consent`, `email_consent`,
 * false by default: withdrawing it is the opt-out). Without consent: no SMS at all; an e-mail only to confirm a
 * booking the patient made online themselves (they asked for it and gave the address for that purpose).
 */
export function allowedChannels(p: ConsentInput): MessageChannel[] {
  const out: MessageChannel[] = [];
  if (p.email && (p.emailConsent || (p.event === 'confirmation' && p.bookedOnline))) out.push('email');
  if (p.phone && p.smsConsent && toE164(p.phone)) out.push('sms');
  return out;
}

/** A message written for both channels: the e-mail's subject and text, the SMS's short text. */
export interface ChannelTexts {
  subject: string;
  text: string;
  sms: string;
}

/** What goes out on one channel: the e-mail gets the subject and the text, the SMS its short text and no subject. */
export function textsOn(channel: MessageChannel, texts: ChannelTexts): { channel: MessageChannel; subject: string | null; text: string } {
  return { channel, subject: channel === 'email' ? texts.subject : null, text: channel === 'email' ? texts.text : texts.sms };
}

/**
 * The patient's address on a channel that `allowedChannels` gave (so the address is there): the e-mail as stored,
 * the phone in E.164.
 */
export function addressOn(channel: MessageChannel, contact: { email: string | null; phone: string | null }): string {
  return channel === 'email' ? contact.email! : toE164(contact.phone!)!;
}

/** French numbers to E.164 (06 12 34 56 78 → +33612345678); other numbers must already be international. */
export function toE164(phone: string): string | undefined {
  const compact = phone.replace(/[\s.\-()]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(compact)) return compact;
  if (/^00[1-9]\d{6,14}$/.test(compact)) return `+${compact.slice(2)}`;
  if (/^0[1-9]\d{8}$/.test(compact)) return `+33${compact.slice(1)}`;
  return undefined;
}

/** The job that sends a message is named after it: `msg:x` → `send:x` (one job per logical message). */
export function sendJobKey(messageKey: string): string {
  return `send:${messageKey.startsWith('msg:') ? messageKey.slice(4) : messageKey}`;
}

/** A message in one of these states is never sent again, whatever job runs for it. */
export function isDone(status: MessageStatus): boolean {
  return status === 'sent' || status === 'simulated';
}

/**
 * What a delivery attempt does with the outbox row it locked:
 * - `done`: already sent (or kept as simulated): nothing to send, the job completes;
 * - `busy`: another attempt marked it `sending` less than one lease ago and may still be talking to the relay:
 *   wait (the job is retried later) rather than risk a second copy;
 * - `attempt`: send now.
 */
export function attemptDecision(row: { status: MessageStatus; attempts: number; updatedAtMs: number }, nowMs: number, leaseMs: number): 'done' | 'busy' | 'attempt' {
  if (isDone(row.status)) return 'done';
  if (row.status === 'sending' && row.attempts > 0 && nowMs - row.updatedAtMs < leaseMs) return 'busy';
  return 'attempt';
}

/** A delivered message leaves no body in the database; a simulated or failed one keeps it, to be read or retried. */
export function bodyAfter(status: MessageStatus, body: string): string {
  return status === 'sent' ? '' : body;
}

/** The body shown in an outbox screen: one-time codes are never shown back unless nothing was really sent. */
export function shownBody(kind: string, status: MessageStatus | string, body: string): string {
  return kind === 'otp' && status !== 'simulated' ? '' : body;
}

/** The old SMS outbox had no `sending` state: a message being sent reads as queued there. */
export function smsOutboxStatus(status: MessageStatus): 'queued' | 'sent' | 'failed' | 'simulated' {
  return status === 'sending' ? 'queued' : status;
}

/** Domain part of generated Message-IDs, from the sender address. */
export function domainOf(from: string): string {
  const m = /@([A-Za-z0-9.-]+)/.exec(from);
  return m?.[1] ?? 'pivot.local';
}
