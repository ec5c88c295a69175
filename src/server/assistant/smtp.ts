import type { SMTPServerSession } from 'smtp-server';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Logger } from 'pino';
import type { Db } from '../platform/db/database.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { smtpError, smtpListenConfig, startSmtpEndpoint } from '../platform/mail/inbound-smtp.js';
import type { LlmProvider } from './llm.js';
import { receiveInOwnTransaction, type ReceiveResult } from './service.js';
import { practiceBySlug } from '../practices/index.js';
import { clock } from '../platform/clock.js';

/**
 * Pivot's inbound SMTP endpoint: patients' e-mails to `<practice-slug>@<PIVOT_INBOUND_DOMAIN>` reach the intake
 * assistant. Point the domain's MX record at this port (or forward a practice mailbox to it). Replies go out
 * through the platform mailer (SMTP_URL, else the dev outbox).
 */
export interface InboundSmtpDeps {
  db: Db;
  log: Logger;
  port: number;
  host?: string | undefined;
  /** Accepted recipient domain; when absent any domain is accepted and only the local part (slug) counts. */
  domain?: string | undefined;
  mailer?: Mailer | undefined;
  llm?: LlmProvider | undefined;
  /** Largest accepted message (bytes, default 2 MB). */
  maxBytes?: number;
  /** Called after each processed message (tests, metrics). */
  onProcessed?: (r: { practiceId: string; from: string; result: ReceiveResult }) => void;
}

export interface InboundSmtp {
  port: number;
  /** Address actually bound. */
  host: string;
  close(): Promise<void>;
}

/** Default address of the endpoint: this machine only. `PIVOT_SMTP_INBOUND_HOST=0.0.0.0` opens it to the network. */
const LOOPBACK = '127.0.0.1';

/** Reads PIVOT_SMTP_INBOUND_PORT (+ PIVOT_SMTP_INBOUND_HOST, PIVOT_INBOUND_DOMAIN); undefined when the endpoint is off. */
export function inboundSmtpConfig(env: NodeJS.ProcessEnv): { port: number; host: string; domain: string | undefined } | undefined {
  const listen = smtpListenConfig(env, 'PIVOT_SMTP_INBOUND_PORT', 'PIVOT_SMTP_INBOUND_HOST');
  return listen && { ...listen, domain: env.PIVOT_INBOUND_DOMAIN?.trim().toLowerCase() || undefined };
}

/** `slug@domain` → slug, or null when the address is not for us. */
export function recipientSlug(address: string, domain: string | undefined): string | null {
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  const local = address.slice(0, at).toLowerCase();
  const host = address.slice(at + 1).toLowerCase();
  if (domain && host !== domain) return null;
  // Sub-addressing (`slug+anything@`) is accepted.
  const slug = local.split('+')[0]!;
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) ? slug : null;
}

/** Removes quoted history of a reply ("> …", "Le … a écrit :", "On … wrote:", Outlook's original-message block). */
export function stripQuoted(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (/^\s*(le .+ a écrit\s*:|on .+ wrote:|-{2,}\s*(original message|message d'origine)\s*-{2,})\s*$/i.test(line)) break;
    if (/^\s*>/.test(line)) continue;
    out.push(line);
  }
  return out.join('\n').trim();
}

function firstAddress(a: AddressObject | AddressObject[] | undefined): string | undefined {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const obj of list) for (const v of obj.value) if (v.address) return v.address.toLowerCase();
  return undefined;
}

/** Auto-replies, bounces and lists get no answer (no mail loops). */
export function isAutomated(mail: ParsedMail, from: string): boolean {
  const auto = String(mail.headers.get('auto-submitted') ?? 'no').toLowerCase();
  const precedence = String(mail.headers.get('precedence') ?? '').toLowerCase();
  return auto !== 'no' || ['bulk', 'list', 'junk', 'auto_reply'].includes(precedence) || /^(mailer-daemon|postmaster|no-?reply|noreply)@/i.test(from);
}

export function mailText(mail: ParsedMail): string {
  const subject = (mail.subject ?? '').trim();
  const body = stripQuoted(mail.text ?? '');
  const useSubject = subject && !/^(re|tr|fwd?|aw)\s*:/i.test(subject);
  return [useSubject ? `${subject}.` : '', body].filter(Boolean).join('\n').trim();
}

/** Starts the inbound SMTP endpoint; resolves once listening. The returned closer stops it. */
export async function startInboundSmtp(deps: InboundSmtpDeps): Promise<InboundSmtp> {
  const maxBytes = deps.maxBytes ?? 2 * 1024 * 1024;
  const { port, host, close } = await startSmtpEndpoint({
    name: deps.domain ?? 'pivot.local',
    banner: 'Pivot',
    port: deps.port,
    host: deps.host ?? LOOPBACK,
    maxBytes,
    log: deps.log,
    label: 'inbound',
    slugOf: (address) => recipientSlug(address, deps.domain),
    practiceOf: (slug) => practiceBySlug(deps.db, slug),
    receive: (stream, session) => handleData(deps, stream, session, maxBytes),
  });
  deps.log.info({ port, host }, 'inbound SMTP endpoint listening');
  return { port, host, close };
}

async function handleData(deps: InboundSmtpDeps, stream: NodeJS.ReadableStream & { sizeExceeded?: boolean }, session: SMTPServerSession, maxBytes: number) {
  const mail = await simpleParser(stream as unknown as import('node:stream').Readable, { skipImageLinks: true, maxHtmlLengthToParse: maxBytes });
  if (stream.sizeExceeded) throw smtpError('Message trop volumineux / message too large', 552);
  const from = firstAddress(mail.replyTo) ?? firstAddress(mail.from) ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : undefined);
  if (!from) throw smtpError('Expéditeur manquant / missing sender', 550);
  const text = mailText(mail);
  if (!text) return; // nothing to read (empty mail): accepted and dropped
  const slugs = new Set(session.envelope.rcptTo.map((r) => recipientSlug(r.address, deps.domain)).filter((s): s is string => s !== null));
  for (const slug of slugs) {
    const practice = await practiceBySlug(deps.db, slug);
    if (!practice) continue;
    const result = await receiveInOwnTransaction(
      deps.db,
      practice.id,
      { channel: 'email', from, text, receivedAt: clock.now(), externalId: mail.messageId ?? null },
      { llm: deps.llm },
    );
    if (!result.duplicate && deps.mailer && !isAutomated(mail, from) && result.reply.text) {
      const subject = mail.subject?.trim() ? (/^re\s*:/i.test(mail.subject.trim()) ? mail.subject.trim() : `Re: ${mail.subject.trim()}`) : practice.name;
      await deps.mailer.send({ to: from, subject: subject.slice(0, 200), text: `${result.reply.text}\n\n— ${practice.name} (assistant Pivot)`, practiceId: practice.id, kind: 'assistant_reply' }).catch((err: unknown) =>
        deps.log.warn({ err: (err as Error).message }, 'assistant e-mail reply failed'),
      );
    }
    deps.onProcessed?.({ practiceId: practice.id, from, result });
  }
}
