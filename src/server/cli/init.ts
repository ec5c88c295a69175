import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { createLogger } from '../platform/logger.js';
import { hashPassword, isAcceptablePassword, PASSWORD_MIN_LENGTH } from '../auth/passwords.js';
import { appendAudit } from '../audit/service.js';
import { newToken } from '../auth/tokens.js';
import { clock } from '../platform/clock.js';

const USAGE = `npx pivot init --practice "Cabinet du Dr Durand" --email admin@cabinet.fr --name "Dr Anne Durand" [--slug cabinet-durand]

Crée le cabinet et son premier administrateur. Mot de passe : variable PIVOT_ADMIN_PASSWORD
(au moins ${PASSWORD_MIN_LENGTH} caractères), sinon un lien à usage unique (72 h) est affiché pour le choisir.`;

export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

export async function init(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { practice: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, slug: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help || !values.practice || !values.email || !values.name) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const password = process.env.PIVOT_ADMIN_PASSWORD;
  if (password !== undefined && !isAcceptablePassword(password)) {
    console.error(`PIVOT_ADMIN_PASSWORD doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config, createLogger('warn'));
  try {
    const email = values.email.trim().toLowerCase();
    const invite = newToken();
    await database.db.transaction().execute(async (tx) => {
      const practice = await tx
        .insertInto('practices')
        .values({ name: values.practice!.trim(), slug: values.slug ?? slugify(values.practice!) })
        .returning('id')
        .executeTakeFirstOrThrow();
      const existing = await tx.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirst();
      const account =
        existing ??
        (await tx
          .insertInto('accounts')
          .values({
            email,
            display_name: values.name!.trim(),
            password_hash: password ? await hashPassword(password) : null,
            default_practice_id: practice.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow());
      await tx.insertInto('memberships').values({ practice_id: practice.id, account_id: account.id, roles: ['admin'] }).execute();
      if (!password && !existing) {
        await tx
          .insertInto('password_tokens')
          .values({ token_hash: invite.hash, account_id: account.id, purpose: 'invite', expires_at: new Date(clock.nowMs() + 72 * 3600_000) })
          .execute();
      }
      await appendAudit(tx, [
        { accountId: account.id, practiceId: practice.id, action: 'practice.created', resourceType: 'practice', resourceId: practice.id, ip: 'cli' },
      ]);
    });
    console.log(`Cabinet « ${values.practice} » créé, administrateur ${email}.`);
    if (!password) console.log(`Choisissez le mot de passe ici (valable 72 h) : ${config.publicUrl}/#/reset-password?token=${invite.token}&invite=1`);
    return 0;
  } catch (err) {
    const code = (err as { code?: string }).code;
    console.error(code === '23505' ? 'Un cabinet porte déjà cet identifiant (--slug).' : `Échec : ${(err as Error).message}`);
    return 1;
  } finally {
    await database.close();
  }
}
