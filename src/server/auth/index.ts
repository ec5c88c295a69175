/** The auth capability's door: sessions for the platform, password links for staff, tokens and password hashes. */
import type { Capability, PlatformDeps } from '../platform/capability.js';
import { authRoutes } from './routes.js';
import type { AuthDeps } from './service.js';

export { resolveActor, requestToken } from './sessions.js';
export { sendPasswordLink, type AuthDeps } from './service.js';
export { hashToken, newToken } from './tokens.js';
export { hashPassword } from './passwords.js';

/** What login, password links and staff invitations need, from the platform's dependencies. */
export function authDepsOf(d: PlatformDeps): AuthDeps {
  return { db: d.db, pool: d.pool, keyring: d.keyring, mailer: d.mailer, sessionHours: d.config.sessionHours, publicUrl: d.config.publicUrl, log: d.log };
}

export const authCapability: Capability = {
  name: 'auth',
  migrations: new URL('./migrations/', import.meta.url),
  mount: (d) => ({ routes: authRoutes({ ...authDepsOf(d), loginRateLimit: d.config.loginRateLimit }) }),
};
