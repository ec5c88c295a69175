import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import type { Db } from '../platform/db/database.js';
import type { Keyring } from '../platform/security/keyring.js';
import { storeInboundEmail } from './inbound-email.js';

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
  const raw = env.PIVOT_CORRESPONDENCE_SMTP_PORT?.trim();
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PIVOT_CORRESPONDENCE_SMTP_PORT invalide : ${raw}`);
  return { port, host: env.PIVOT_CORRESPONDENCE_SMTP_HOST?.trim() || '127.0.0.1' };
}

const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });
const slugOf = (address: string) => {
  const local = address.slice(0, Math.max(0, address.lastIndexOf('@'))).toLowerCase().split('+')[0] ?? '';
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(local) ? local : null;
};
const practiceOf = (db: Db, slug: string) => db.selectFrom('practices').select('id').where('slug', '=', slug).executeTakeFirst();

export async function startCorrespondenceSmtp(deps: CorrespondenceSmtpDeps): Promise<{ port: number; close(): Promise<void> }> {
  const maxBytes = deps.maxBytes ?? 25 * 1024 * 1024;
  const server = new SMTPServer({
    name: 'pivot.local',
    banner: 'Pivot — courrier',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const slug = slugOf(address.address);
      if (!slug) return callback(smtpError('Destinataire inconnu / unknown recipient', 550));
      practiceOf(deps.db, slug)
        .then((p) => callback(p ? null : smtpError('Destinataire inconnu / unknown recipient', 550)))
        .catch(() => callback(smtpError('Service momentanément indisponible', 451)));
    },
    onData(stream, session, callback) {
      receive(deps, stream as unknown as Readable & { sizeExceeded?: boolean }, session)
        .then(() => callback())
        .catch((err: unknown) => {
          deps.log.error({ err }, 'correspondence e-mail failed');
          const code = (err as { responseCode?: number }).responseCode;
          callback(smtpError(code ? (err as Error).message : 'Erreur temporaire, réessayez plus tard', code ?? 451));
        });
    },
  });
  server.on('error', (err) => deps.log.warn({ err: err.message }, 'correspondence SMTP error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(deps.port, deps.host ?? '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  deps.log.info({ port }, 'correspondence SMTP endpoint listening');
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function receive(deps: CorrespondenceSmtpDeps, stream: Readable & { sizeExceeded?: boolean }, session: SMTPServerSession): Promise<void> {
  const mail = await simpleParser(stream, { skipImageLinks: true });
  if (stream.sizeExceeded) throw smtpError('Message trop volumineux / message too large', 552);
  const fromObj = mail.from?.value[0];
  const from = (fromObj?.address ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : '')).toLowerCase();
  if (!from) throw smtpError('Expéditeur manquant / missing sender', 550);
  const slugs = new Set(session.envelope.rcptTo.map((r) => slugOf(r.address)).filter((s): s is string => s !== null));
  for (const slug of slugs) {
    const practice = await practiceOf(deps.db, slug);
    if (!practice) continue;
    const { itemId } = await storeInboundEmail(deps, practice.id, mail, { from, messageId: mail.messageId ?? null });
    deps.onStored?.({ practiceId: practice.id, itemId });
  }
}
