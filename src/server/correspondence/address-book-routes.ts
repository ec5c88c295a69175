import { z } from 'zod';
import { route, recordRoute, ADMINS_AND_SECRETARIES, STAFF, idParams, type RouteDef } from '../platform/http/route.js';
import { CORRESPONDENT_KINDS, correspondentInput, correspondentView } from './contract.js';
import { createCorrespondent, getCorrespondent, importCorrespondents, listCorrespondents, updateCorrespondent } from './correspondents.service.js';

/** The address book: everyone at the desk reads it; the secretary (and the admin) keeps it. */
export function addressBookRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/correspondents',
      summary: 'Carnet d’adresses des correspondants (recherche par nom ou RPPS, type, doublons seulement)',
      tags: ['correspondence'],
      access: STAFF,
      query: z.object({
        q: z.string().trim().max(100).default(''),
        kind: z.enum(['all', ...CORRESPONDENT_KINDS]).default('all'),
        duplicates: z.enum(['0', '1']).default('0'),
      }),
      response: z.object({ correspondents: z.array(correspondentView) }),
      audit: { action: 'correspondent.listed', resourceType: 'correspondent', details: (_p, r) => ({ count: r.correspondents.length }) },
      async handler({ ctx, tx, query }) {
        return { correspondents: await listCorrespondents(tx, ctx, { q: query.q, kind: query.kind, duplicates: query.duplicates === '1' }) };
      },
    }),
    recordRoute({
      url: '/api/correspondents/:id', summary: 'Un correspondant du carnet d’adresses', tags: ['correspondence'], access: STAFF,
      answer: ['correspondent', correspondentView], audit: ['correspondent.read', 'correspondent'], run: getCorrespondent,
    }),
    route({
      method: 'POST',
      url: '/api/correspondents',
      summary: 'Ajouter un correspondant (RPPS vérifié par sa clé ; les doublons sont signalés, pas refusés)',
      tags: ['correspondence'],
      access: ADMINS_AND_SECRETARIES,
      status: 201,
      body: correspondentInput,
      response: z.object({ correspondent: correspondentView }),
      audit: 'none', // the service records correspondent.created
      async handler({ ctx, tx, body }) {
        return { correspondent: await createCorrespondent(tx, ctx, body) };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/correspondents/:id',
      summary: 'Modifier un correspondant',
      tags: ['correspondence'],
      access: ADMINS_AND_SECRETARIES,
      params: idParams,
      body: correspondentInput,
      response: z.object({ correspondent: correspondentView }),
      audit: 'none', // the service records correspondent.updated
      async handler({ ctx, tx, params, body }) {
        return { correspondent: await updateCorrespondent(tx, ctx, params.id, body) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/correspondents/import',
      summary: 'Importer un fichier CSV (séparateur ; ou ,) : compte rendu des lignes créées, refusées et des doublons',
      tags: ['correspondence'],
      access: ADMINS_AND_SECRETARIES,
      bodyLimit: 2 * 1024 * 1024,
      body: z.object({ csv: z.string().min(1).max(2_000_000) }),
      response: z.object({
        created: z.number().int(),
        refused: z.array(z.object({ line: z.number().int(), messages: z.array(z.string()) })),
        unknownColumns: z.array(z.string()),
        duplicates: z.array(z.object({ line: z.number().int(), id: z.uuid(), duplicateOf: z.array(z.uuid()) })),
      }),
      audit: 'none', // the service records correspondent.imported
      async handler({ ctx, tx, body }) {
        return importCorrespondents(tx, ctx, body.csv);
      },
    }),
  ];
}
