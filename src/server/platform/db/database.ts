import { Kysely, PostgresDialect, type CompiledQuery, type Transaction } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { pgClockOptions } from '../clock.js';
import { EmbeddedDatabase } from './embedded.js';
import { migrate } from './migrate.js';
import type { DB } from './schema.js';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

/** Dates stay 'YYYY-MM-DD' strings (a birth date has no time zone); bigint (audit ids) stays exact as a string. */
export function configurePgTypes(): void {
  pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
}
configurePgTypes();

export interface Database {
  db: Db;
  pool: pg.Pool;
  kind: 'embedded' | 'external';
  embedded: EmbeddedDatabase | undefined;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Apply pending migrations (the server does; `audit verify` does not need to). */
  migrate?: boolean;
  poolSize?: number;
}

/** Opens the external PostgreSQL named by DATABASE_URL, or starts the embedded one on the data folder. */
export async function openDatabase(config: Config, log: Logger, options: OpenOptions = {}): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let connectionString = config.databaseUrl;
  if (!connectionString) {
    embedded = new EmbeddedDatabase(config.dataDir, log);
    await embedded.start();
    connectionString = embedded.connectionString;
  }
  // The simulated clock of tests and demos (PIVOT_NOW) reaches SQL's pivot_now() through each connection.
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 16, options: pgClockOptions() });
  // An idle client losing its server (restart, network) must not crash the process.
  pool.on('error', (err) => log.warn({ err: err.message }, 'idle database client error'));
  // A client checked out of the pool also emits 'error' when its server dies (restart, kill): unhandled,
  // that event would end the process. The query in flight fails on its own and the request gets a 503.
  pool.on('connect', (client) => client.on('error', (err) => log.warn({ err: err.message }, 'database client error')));
  try {
    if (options.migrate !== false) await migrate(pool);
  } catch (err) {
    await pool.end();
    await embedded?.stop();
    throw err;
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    kind: embedded ? 'embedded' : 'external',
    embedded,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}

/**
 * Runs a compiled query as a named prepared statement on a pool connection: PostgreSQL plans it once per
 * connection. For hot reads of a fixed shape outside any transaction (Kysely sends unnamed statements).
 */
export async function queryPrepared<R>(pool: pg.Pool, name: string, query: CompiledQuery<R>): Promise<R[]> {
  const { rows } = await pool.query({ name, text: query.sql, values: [...query.parameters] });
  return rows as R[];
}
