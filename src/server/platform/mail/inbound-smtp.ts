import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { Logger } from 'pino';

/**
 * An inbound SMTP endpoint that takes mail for `<practice-slug>@…`: the intake assistant's (assistant/smtp.ts) and
 * the register's (correspondence/inbound-smtp.ts) differ only in what they do with a message, so the server, its
 * recipient check and its answers to errors live here once.
 */

/** An error the SMTP server answers with this code and message. */
export function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** Reads `<portVar>` (+ `<hostVar>`); undefined when the endpoint is off. Loopback unless opened on purpose. */
export function smtpListenConfig(env: NodeJS.ProcessEnv, portVar: string, hostVar: string): { port: number; host: string } | undefined {
  const raw = env[portVar]?.trim();
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${portVar} invalide : ${raw}`);
  // An endpoint that takes mail from anyone is exposed by a decision, not by default.
  return { port, host: env[hostVar]?.trim() || '127.0.0.1' };
}

export interface SmtpEndpointOptions {
  name: string;
  banner: string;
  port: number;
  host: string;
  /** Largest accepted message (bytes): announced, and the stream says `sizeExceeded` beyond it. */
  maxBytes: number;
  log: Logger;
  /** Names the endpoint in the log lines (`<label> e-mail failed`, `<label> SMTP error`). */
  label: string;
  /** The practice slug a recipient address is for, or null when it is not for us. */
  slugOf(address: string): string | null;
  /** Resolves to a practice (any value) when the slug is one, to undefined otherwise. */
  practiceOf(slug: string): Promise<unknown>;
  /** One message: throw `smtpError(…)` to refuse it with that code; any other error answers 451 (try again later). */
  receive(stream: Readable & { sizeExceeded?: boolean }, session: SMTPServerSession): Promise<void>;
}

/** Starts the endpoint; resolves once listening, with the address bound and a closer. */
export async function startSmtpEndpoint(o: SmtpEndpointOptions): Promise<{ port: number; host: string; close(): Promise<void> }> {
  const server = new SMTPServer({
    name: o.name,
    banner: o.banner,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: o.maxBytes,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const slug = o.slugOf(address.address);
      if (!slug) return callback(smtpError('Destinataire inconnu / unknown recipient', 550));
      o.practiceOf(slug)
        .then((p) => callback(p ? null : smtpError('Destinataire inconnu / unknown recipient', 550)))
        .catch(() => callback(smtpError('Service momentanément indisponible', 451)));
    },
    onData(stream, session, callback) {
      o.receive(stream as unknown as Readable & { sizeExceeded?: boolean }, session)
        .then(() => callback())
        .catch((err: unknown) => {
          o.log.error({ err }, `${o.label} e-mail failed`);
          const code = (err as { responseCode?: number }).responseCode;
          callback(smtpError(code ? (err as Error).message : 'Erreur temporaire, réessayez plus tard', code ?? 451));
        });
    },
  });
  server.on('error', (err) => o.log.warn({ err: err.message }, `${o.label} SMTP error`));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port, address: host } = server.server.address() as AddressInfo;
  return { port, host, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
