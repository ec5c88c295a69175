import type pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { RouteDef } from './http/route.js';
import type { PgNotificationHub } from './live/index.js';
import type { Mailer } from './mail/mailer.js';
import type { Keyring } from './security/keyring.js';

/** What the composition root gives every capability (capabilities may ask for more: compose.ts provides it). */
export interface PlatformDeps {
  db: Db;
  pool: pg.Pool;
  databaseKind: 'embedded' | 'external';
  config: Config;
  keyring: Keyring;
  /** Staff mail (the messaging capability behind the platform's port). */
  mailer: Mailer;
  /** The process's one LISTEN connection: capabilities subscribe to their live topics through it. */
  liveHub: PgNotificationHub;
  log: Logger;
}

/** A capability once wired: its routes, its job handlers by kind, and what ends with the server. */
export interface Mounted<Handlers> {
  routes?: RouteDef[];
  jobHandlers?: Handlers;
  /** Runs before the HTTP server waits for open connections (ends the capability's event streams). */
  preClose?: () => Promise<void>;
}

/**
 * A capability's descriptor, exported by its `index.ts`; `compose.ts` loops over the list of them (adding a
 * capability is one line there). `Deps` is what it needs from the composition root, `Handlers` the job registry's type.
 */
export interface Capability<Deps = PlatformDeps, Handlers = never> {
  name: string;
  /** Its numbered migrations (`migrations/NNNN_*.sql`, `migrations/functions/*.sql`); the runner finds them by name. */
  migrations?: URL;
  mount(deps: Deps): Mounted<Handlers>;
  /** Demo mode: the capability's demo data of the day, after the demo practices exist (idempotent, once a day). */
  seedDemo?(db: Db): Promise<void>;
}
