import path from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** When set, Pivot uses this external PostgreSQL instead of starting its own. */
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Public base URL used in e-mailed links. */
  publicUrl: string;
  demo: boolean;
  demoPassword: string | undefined;
  secretKey: string | undefined;
  secretKeyFile: string | undefined;
  /**
   * Where the signed checkpoints of the audit chain are written (PIVOT_AUDIT_CHECKPOINT_DIR, default
   * `$PIVOT_DATA_DIR/audit-checkpoints`): outside the database, ideally on another disk or machine (ADR 0004).
   */
  auditCheckpointDir: string;
  logLevel: string;
  /** Login attempts per IP and minute before HTTP 429. */
  loginRateLimit: number;
  sessionHours: number;
  /** Behind a reverse proxy: trust X-Forwarded-For for the client IP (audit, rate limits) and X-Forwarded-Proto. */
  trustProxy: boolean;
  /** Largest patient document accepted, in bytes (PIVOT_DOCUMENT_MAX_MB; checked when the config is read). */
  documentMaxBytes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  // The machine alone by default: a demo with a shared password must not be reachable from the local network.
  // HOST=0.0.0.0 (or an interface's address) opens it, behind a reverse proxy with TLS for a real practice.
  const host = env.HOST ?? '127.0.0.1';
  const dataDir = path.resolve(env.PIVOT_DATA_DIR ?? './data');
  return {
    port,
    host,
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.PIVOT_MAIL_FROM ?? 'Pivot <no-reply@pivot.local>',
    publicUrl: env.PIVOT_PUBLIC_URL ?? `http://localhost:${port}`,
    demo: env.PIVOT_DEMO !== '0',
    demoPassword: env.PIVOT_DEMO_PASSWORD || undefined,
    secretKey: env.PIVOT_SECRET_KEY || undefined,
    secretKeyFile: env.PIVOT_SECRET_KEY_FILE || undefined,
    auditCheckpointDir: path.resolve(env.PIVOT_AUDIT_CHECKPOINT_DIR || path.join(dataDir, 'audit-checkpoints')),
    logLevel: env.LOG_LEVEL ?? 'info',
    loginRateLimit: Number(env.PIVOT_LOGIN_RATE_LIMIT ?? 30),
    sessionHours: Number(env.PIVOT_SESSION_HOURS ?? 12),
    trustProxy: env.PIVOT_TRUST_PROXY === '1',
    documentMaxBytes: documentMaxBytes(env),
  };
}

export const DEFAULT_DOCUMENT_MAX_MB = 20;
/** The Keyring seals into a base64 string: far below V8's string limit at this size. */
const HARD_MAX_MB = 100;

/** `PIVOT_DOCUMENT_MAX_MB` (default 20), in bytes. A wrong value stops the start with a clear message. */
export function documentMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PIVOT_DOCUMENT_MAX_MB?.trim();
  if (!raw) return DEFAULT_DOCUMENT_MAX_MB * 1024 * 1024;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb <= 0 || mb > HARD_MAX_MB) {
    throw new Error(`PIVOT_DOCUMENT_MAX_MB doit être un nombre de mégaoctets entre 0 et ${HARD_MAX_MB} (reçu : « ${raw} »).`);
  }
  return Math.floor(mb * 1024 * 1024);
}
