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
  logLevel: string;
  /** Login attempts per IP and minute before HTTP 429. */
  loginRateLimit: number;
  sessionHours: number;
  /** Behind a reverse proxy: trust X-Forwarded-For for the client IP (audit, rate limits) and X-Forwarded-Proto. */
  trustProxy: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '0.0.0.0';
  return {
    port,
    host,
    dataDir: path.resolve(env.PIVOT_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.PIVOT_MAIL_FROM ?? 'Pivot <no-reply@pivot.local>',
    publicUrl: env.PIVOT_PUBLIC_URL ?? `http://localhost:${port}`,
    demo: env.PIVOT_DEMO !== '0',
    demoPassword: env.PIVOT_DEMO_PASSWORD || undefined,
    secretKey: env.PIVOT_SECRET_KEY || undefined,
    secretKeyFile: env.PIVOT_SECRET_KEY_FILE || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    loginRateLimit: Number(env.PIVOT_LOGIN_RATE_LIMIT ?? 30),
    sessionHours: Number(env.PIVOT_SESSION_HOURS ?? 12),
    trustProxy: env.PIVOT_TRUST_PROXY === '1',
  };
}
