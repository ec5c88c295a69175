import { z } from 'zod';
import { route, ADMINS, type RouteDef } from '../platform/http/route.js';
import { sendPasswordLink, type AuthDeps } from '../auth/index.js';
import { addStaffMember, listStaff, unlockStaffMember, updateStaffMember } from './service.js';
import { memberSchema as member, roleSchema as role } from './contract.js';

export function staffRoutes(deps: AuthDeps): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/staff',
      summary: 'Équipe du cabinet (comptes et rôles)',
      tags: ['staff'],
      access: ADMINS,
      response: z.object({ members: z.array(member) }),
      audit: 'none',
      handler: async ({ ctx, tx }) => ({ members: await listStaff(tx, ctx) }),
    }),
    route({
      method: 'POST',
      url: '/api/staff',
      summary: 'Ajouter un membre (invitation par e-mail pour choisir son mot de passe)',
      tags: ['staff'],
      access: ADMINS,
      status: 201,
      body: z.object({
        email: z.email().max(254),
        displayName: z.string().trim().min(1).max(200),
        roles: z.array(role).min(1).max(3),
      }),
      response: z.object({ member }),
      audit: 'none', // addStaffMember records it
      async handler({ ctx, tx, body }) {
        const { member: added, newAccount } = await addStaffMember(tx, ctx, body);
        const practice = await tx.selectFrom('practices').select('name').where('id', '=', ctx.practiceId).executeTakeFirstOrThrow();
        if (newAccount) {
          // Sent once the account is committed, so the link always points to a real account.
          ctx.afterCommit(() => sendPasswordLink(deps, added.accountId, 'invite', practice.name));
        }
        return { member: added };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/staff/:accountId',
      summary: 'Changer les rôles d’un membre ou le désactiver',
      tags: ['staff'],
      access: ADMINS,
      params: z.object({ accountId: z.uuid() }),
      body: z.object({ roles: z.array(role).min(1).max(3).optional(), active: z.boolean().optional() }),
      response: z.object({ member }),
      audit: 'none',
      handler: async ({ ctx, tx, params, body }) => ({ member: await updateStaffMember(tx, ctx, params.accountId, body) }),
    }),
      route({
      method: 'POST',
      url: '/api/staff/:accountId/unlock',
      summary: 'Débloquer un membre bloqué après trop de tentatives de connexion',
      tags: ['staff'],
      access: ADMINS,
      params: z.object({ accountId: z.uuid() }),
      response: z.object({ member }),
      audit: 'none', // unlockStaffMember records it
      handler: async ({ ctx, tx, params }) => ({ member: await unlockStaffMember(tx, ctx, params.accountId) }),
    }),
  ];
}
