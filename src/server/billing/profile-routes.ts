import { z } from 'zod';
import { route, ADMINS_AND_PRACTITIONERS, type RouteDef } from '../platform/http/route.js';
import { SECTORS, SPECIALTIES, profileViewSchema as profileView } from './contract.js';
import { getProfile, saveProfile } from './profiles.service.js';

/** Billing profile of a practitioner: an administrator, or the practitioner for themself (others: 404). */
const params = z.object({ practitionerId: z.uuid() });

export function billingProfileRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/billing/profiles/:practitionerId',
      summary: 'Profil de facturation d’un praticien (secteur, spécialité, RPPS, n° Assurance Maladie, SIREN, dépassements)',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      params,
      response: profileView,
      audit: { action: 'billing.profile.read', resourceType: 'billing_profile', resourceId: (p) => p.practitionerId },
      async handler({ ctx, tx, params }) {
        return getProfile(tx, ctx, params.practitionerId);
      },
    }),
    route({
      method: 'PUT',
      url: '/api/billing/profiles/:practitionerId',
      summary: 'Renseigner ou modifier le profil de facturation (administrateur, ou le praticien lui-même)',
      tags: ['billing'],
      access: ADMINS_AND_PRACTITIONERS,
      params,
      body: z.object({
        sector: z.enum(SECTORS),
        specialty: z.enum(SPECIALTIES),
        rpps: z.string().trim().regex(/^\d{11}$/, { error: 'RPPS : 11 chiffres' }),
        amNumber: z.string().trim().toUpperCase().regex(/^(\d{2}|2A|2B)\d{7}$/, { error: 'n° Assurance Maladie : 9 caractères' }),
        siren: z.string().trim().regex(/^\d{9}$/, { error: 'SIREN : 9 chiffres' }).nullable().default(null),
        practisesDepassements: z.boolean(),
      }),
      response: profileView,
      audit: 'none', // saveProfile records billing.profile.updated
      async handler({ ctx, tx, params, body }) {
        return saveProfile(tx, ctx, params.practitionerId, body);
      },
    }),
  ];
}
