import pino, { type Logger } from 'pino';

/** Structured logs. Never log patient data: routes log ids and codes, not bodies or query strings. */
export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    base: { app: 'pivot' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], remove: true },
  });
}
