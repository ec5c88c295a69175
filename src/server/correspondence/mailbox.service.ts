import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import type { Keyring } from '../platform/security/keyring.js';
import { clock } from '../platform/clock.js';
import { openMailboxPassword, schedulePoll, sealMailboxPassword } from './inbound-imap.js';
import { probeMailbox, type ProbeResult } from './mailbox-probe.js';

/** The practice mailbox's settings (one per practice) and « read it now ». */
export interface MailboxSettings { host: string; port: number; secure: boolean; username: string; password?: string | undefined; mailbox: string; pollMinutes: number; enabled: boolean }
const PASSWORD_NEEDED = { fr: 'Le mot de passe de la boîte aux lettres est nécessaire.', en: 'The mailbox password is required.' };

export async function getMailbox(tx: Tx, practiceId: string) {
  const b = await tx.selectFrom('correspondence_mailboxes').selectAll().where('practice_id', '=', practiceId).executeTakeFirst();
  if (!b) return null;
  return {
    host: b.host, port: b.port, secure: b.secure, username: b.username, mailbox: b.mailbox, pollMinutes: b.poll_minutes, enabled: b.enabled,
    lastPolledAt: b.last_polled_at ? new Date(b.last_polled_at).toISOString() : null, lastError: b.last_error, lastReceived: b.last_received,
  };
}

export async function setMailbox(tx: Tx, ctx: RequestContext, keyring: Keyring, s: MailboxSettings): Promise<void> {
  const existing = await tx.selectFrom('correspondence_mailboxes').select('password_enc').where('practice_id', '=', ctx.practiceId).executeTakeFirst();
  const passwordEnc = s.password ? sealMailboxPassword(keyring, s.password) : existing?.password_enc;
  if (!passwordEnc) throw new AppError('unprocessable', [{ field: 'password', message: PASSWORD_NEEDED }], PASSWORD_NEEDED);
  const values = { host: s.host, port: s.port, secure: s.secure, username: s.username, password_enc: passwordEnc, mailbox: s.mailbox, poll_minutes: s.pollMinutes, enabled: s.enabled, updated_at: clock.now() };
  await tx.insertInto('correspondence_mailboxes').values({ practice_id: ctx.practiceId, ...values }).onConflict((oc) => oc.column('practice_id').doUpdateSet(values)).execute();
  ctx.audit({ action: 'correspondence.mailbox_set', resourceType: 'practice', resourceId: ctx.practiceId, details: { host: s.host, username: s.username, enabled: s.enabled, passwordChanged: Boolean(s.password) } });
  if (s.enabled) await schedulePoll(tx, ctx.practiceId, clock.now());
}

export async function requestPoll(tx: Tx, practiceId: string): Promise<void> {
  const b = await tx.selectFrom('correspondence_mailboxes').select('enabled').where('practice_id', '=', practiceId).executeTakeFirst();
  if (!b?.enabled) throw new AppError('not_found');
  await schedulePoll(tx, practiceId, clock.now());
}

/**
 * « Tester la connexion » with the settings on the screen (saved or not). Without a new password the saved one is
 * used, but only for the saved server and user: the stored password is never sent to another host.
 */
export async function testMailbox(tx: Tx, ctx: RequestContext, keyring: Keyring, s: MailboxSettings): Promise<ProbeResult> {
  let password = s.password;
  if (!password) {
    const saved = await tx.selectFrom('correspondence_mailboxes').select(['host', 'port', 'username', 'password_enc']).where('practice_id', '=', ctx.practiceId).executeTakeFirst();
    if (!saved || saved.host !== s.host || saved.port !== s.port || saved.username !== s.username) throw new AppError('unprocessable', [{ field: 'password', message: PASSWORD_NEEDED }], PASSWORD_NEEDED);
    password = openMailboxPassword(keyring, saved.password_enc);
  }
  const result = await probeMailbox({ host: s.host, port: s.port, secure: s.secure, username: s.username, password, mailbox: s.mailbox });
  ctx.audit({ action: 'correspondence.mailbox_tested', resourceType: 'practice', resourceId: ctx.practiceId, details: { host: s.host, username: s.username, ok: result.ok, ...(result.ok ? {} : { reason: result.reason }) } });
  return result;
}
