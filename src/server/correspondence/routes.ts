import type { RouteDef } from '../platform/http/route.js';
import type { Keyring } from '../platform/security/keyring.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { documentMaxBytes } from '../documents/index.js';
import { addressBookRoutes } from './address-book-routes.js';
import { letterRoutes } from './letter-routes.js';
import { registerRoutes } from './register-routes.js';
import { mailboxRoutes } from './mailbox-routes.js';
import type { MssanteAdapter } from './send.js';

export interface CorrespondenceDeps {
  keyring: Keyring;
  mailer: Mailer;
  mssante: MssanteAdapter;
  maxBytes?: number;
}

export function correspondenceRoutes(deps: CorrespondenceDeps): RouteDef[] {
  return [...addressBookRoutes(), ...registerRoutes({ keyring: deps.keyring, maxBytes: deps.maxBytes ?? documentMaxBytes() }), ...letterRoutes(deps), ...mailboxRoutes(deps)];
}
