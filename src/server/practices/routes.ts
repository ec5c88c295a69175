import { z } from 'zod';
import { route, ADMINS, type RouteDef } from '../platform/http/route.js';
import type { Tx } from '../platform/db/database.js';
import { hasBreakingCharacters } from '../platform/text.js';

import { practiceSchema } from './contract.js';

async function loadPractice(tx: Tx, practiceId: string) {
  const p = await tx.selectFrom('practices').select(['id', 'name', 'timezone', 'require_mfa']).where('id', '=', practiceId).executeTakeFirstOrThrow();
  return { id: p.id, name: p.name, timezone: p.timezone, requireMfa: p.require_mfa };
}

export function practiceRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/practice',
      summary: 'Le cabinet courant',
      tags: ['practice'],
      access: { roles: 'any' },
      response: practiceSchema,
      audit: 'none',
      handler: ({ ctx, tx }) => loadPractice(tx, ctx.practiceId),
    }),
    route({
      method: 'PATCH',
      url: '/api/practice',
      summary: 'Modifier le cabinet (nom, double authentification obligatoire)',
      tags: ['practice'],
      access: ADMINS,
      body: z.object({
        // It reaches e-mail subjects, SMS and printed sheets: one line, no control or bidi-override character.
        name: z.string().trim().min(2).max(200).refine((n) => !hasBreakingCharacters(n), 'Le nom ne peut contenir ni retour à la ligne ni caractère de contrôle.').optional(),
        requireMfa: z.boolean().optional(),
      }),
      response: practiceSchema,
      audit: { action: 'practice.updated', resourceType: 'practice', resourceId: (_p, r) => r.id },
      async handler({ ctx, tx, body }) {
        const set = {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.requireMfa !== undefined ? { require_mfa: body.requireMfa } : {}),
        };
        if (Object.keys(set).length) await tx.updateTable('practices').set(set).where('id', '=', ctx.practiceId).execute();
        return loadPractice(tx, ctx.practiceId);
      },
    }),
  ];
}
