import type { Readable } from 'node:stream';
import type { SMTPServerSession } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import type { Db } from '../platform/db/database.js';
import type { Keyring } from '../platform/security/keyring.js';
import { smtpError, smtpListenConfig, startSmtpEndpoint } from '../platform/mail/inbound-smtp.js';
import { storeInboundEmail } from './inbound-email.js';
import { practiceBySlug } from '../practices/index.js';

/**
 * The register's inbound SMTP endpoint: colleagues, hospitals and labs write to `<practice-slug>@<domain>` (or a
 * practice mailbox is forwarded here); each message becomes an item « to match » with its attachments. Off unless
 * PIVOT_CORRESPONDENCE_SMTP_PORT is set; on this machine only (127.0.0.1) unless PIVOT_CORRESPONDENCE_SMTP_HOST opens it.
 */
export interface CorrespondenceSmtpDeps {
  db: Db;
  keyring: Keyring;
  log: Logger;
  port: number;
  host?: string;
  maxBytes?: number;
  onStored?: (r: { practiceId: string; itemId: string }) => void;
}

export function correspondenceSmtpConfig(env: NodeJS.ProcessEnv): { port: number; host: string } | undefined {
  return smtpListenConfig(env, 'PIVOT_CORRESPONDENCE_SMTP_PORT', 'PIVOT_CORRESPONDENCE_SMTP_HOST');
}

const slugOf = (address: string) => {
  const local = address.slice(0, Math.max(0, address.lastIndexOf('@'))).toLowerCase().split('+')[0] ?? '';
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(local) ? local : null;
};

export async function startCorrespondenceSmtp(deps: CorrespondenceSmtpDeps): Promise<{ port: number; close(): Promise<void> }> {
  const maxBytes = deps.maxBytes ?? 25 * 1024 * 1024;
  const { port, close } = await startSmtpEndpoint({
    name: 'pivot.local',
    banner: 'Pivot — courrier',
    port: deps.port,
    host: deps.host ?? '127.0.0.1',
    maxBytes,
    log: deps.log,
    label: 'correspondence',
    slugOf,
    practiceOf: (slug) => practiceBySlug(deps.db, slug),
    receive: (stream, session) => receive(deps, stream, session),
  });
  deps.log.info({ port }, 'correspondence SMTP endpoint listening');
  return { port, close };
}

async function receive(deps: CorrespondenceSmtpDeps, stream: Readable & { sizeExceeded?: boolean }, session: SMTPServerSession): Promise<void> {
  const mail = await simpleParser(stream, { skipImageLinks: true });
  if (stream.sizeExceeded) throw smtpError('Message trop volumineux / message too large', 552);
  const fromObj = mail.from?.value[0];
  const from = (fromObj?.address ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : '')).toLowerCase();
  if (!from) throw smtpError('Expéditeur manquant / missing sender', 550);
  const slugs = new Set(session.envelope.rcptTo.map((r) => slugOf(r.address)).filter((s): s is string => s !== null));
  for (const slug of slugs) {
    const practice = await practiceBySlug(deps.db, slug);
    if (!practice) continue;
    const { itemId } = await storeInboundEmail(deps, practice.id, mail, { from, messageId: mail.messageId ?? null });
    deps.onStored?.({ practiceId: practice.id, itemId });
  }
}
