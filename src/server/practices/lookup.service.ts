import type { Db, Tx } from '../platform/db/database.js';

/**
 * A practice by its public slug, or undefined: the slug names the practice on the online booking page, the practice
 * sheet and the inbound e-mail addresses (`<slug>@…`) of the assistant and the register.
 */
export async function practiceBySlug(db: Db | Tx, slug: string): Promise<{ id: string; name: string; slug: string; timezone: string } | undefined> {
  return db.selectFrom('practices').select(['id', 'name', 'slug', 'timezone']).where('slug', '=', slug).executeTakeFirst();
}
