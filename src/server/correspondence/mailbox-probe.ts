import { ImapFlow } from 'imapflow';

/**
 * « Tester la connexion »: logs in to an IMAP mailbox and opens the folder read-only, without reading or changing
 * any message, and says what went wrong in words an administrator can act on (a reason code the screen translates).
 */
export const PROBE_REASONS = ['auth', 'unreachable', 'tls', 'folder', 'timeout', 'other'] as const;
export type ProbeReason = (typeof PROBE_REASONS)[number];
export type ProbeResult = { ok: true; messages: number } | { ok: false; reason: ProbeReason; detail: string };

export interface ProbeSettings { host: string; port: number; secure: boolean; username: string; password: string; mailbox: string }

export function probeReason(err: unknown): ProbeReason {
  const e = (err ?? {}) as { authenticationFailed?: boolean; code?: string; serverResponseCode?: string; responseText?: string; message?: string };
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED') return 'auth';
  if (e.serverResponseCode === 'NONEXISTENT' || /mailbox doesn.t exist|unknown mailbox|no such mailbox/i.test(e.responseText ?? e.message ?? '')) return 'folder';
  const code = e.code ?? '';
  if (code === 'ETIMEDOUT' || code === 'CONNECT_TIMEOUT' || code === 'GREETING_TIMEOUT' || /timeout/i.test(e.message ?? '')) return 'timeout';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ECONNRESET' || code === 'NoConnection') return 'unreachable';
  if (/SSL|TLS|CERT|wrong version number/i.test(`${code} ${e.message ?? ''}`)) return 'tls';
  return 'other';
}

export async function probeMailbox(s: ProbeSettings, timeoutMs = 10_000): Promise<ProbeResult> {
  const client = new ImapFlow({
    host: s.host, port: s.port, secure: s.secure, auth: { user: s.username, pass: s.password },
    logger: false, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs, disableAutoIdle: true,
  });
  // imapflow also emits socket errors as events: without a listener they would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const status = await client.status(s.mailbox, { messages: true });
    await client.logout();
    return { ok: true, messages: status ? (status.messages ?? 0) : 0 };
  } catch (err) {
    client.close();
    const e = err as { responseText?: string; message?: string };
    return { ok: false, reason: probeReason(err), detail: String(e.responseText ?? e.message ?? err).slice(0, 300) };
  }
}
