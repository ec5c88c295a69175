import { sql } from 'kysely';
import type { Tx } from './database.js';

/**
 * Runs `fn` inside a SAVEPOINT of the caller's transaction: released when it succeeds; when it throws, rolled back to
 * the savepoint (so the transaction goes on, without what `fn` wrote) and the error rethrown. `rollbackOn` limits the
 * rollback to the errors the caller recovers from; the others leave the transaction as the error left it.
 */
export async function inSavepoint<T>(tx: Tx, name: string, fn: () => Promise<T>, rollbackOn: (err: unknown) => boolean = () => true): Promise<T> {
  await sql`SAVEPOINT ${sql.id(name)}`.execute(tx);
  try {
    const out = await fn();
    await sql`RELEASE SAVEPOINT ${sql.id(name)}`.execute(tx);
    return out;
  } catch (err) {
    if (rollbackOn(err)) await sql`ROLLBACK TO SAVEPOINT ${sql.id(name)}`.execute(tx);
    throw err;
  }
}
