import { z } from 'zod';
import { route, PRACTITIONERS_AND_SECRETARIES, idParams, type RouteDef } from '../platform/http/route.js';
import { SEND_CHANNELS, itemView } from './contract.js';
import { createLetter, sendLetter, type LetterDeps } from './letters.service.js';
import { itemView as viewOf } from './register.service.js';
import { LETTER_TEMPLATES, MERGE_FIELDS } from './templates.js';

export function letterRoutes(deps: LetterDeps): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/correspondence/templates',
      summary: 'Modèles de courrier et champs de fusion',
      tags: ['correspondence'],
      access: PRACTITIONERS_AND_SECRETARIES,
      response: z.object({
        templates: z.array(z.object({ id: z.string(), label: z.object({ fr: z.string(), en: z.string() }), subject: z.string(), body: z.string() })),
        fields: z.array(z.string()),
      }),
      audit: 'none', // no patient data
      async handler() {
        return { templates: [...LETTER_TEMPLATES], fields: [...MERGE_FIELDS] };
      },
    }),
    route({
      method: 'POST',
      url: '/api/correspondence/letters',
      summary: 'Rédiger un courrier à partir d’un modèle : PDF sur l’en-tête du cabinet, brouillon dans le registre',
      tags: ['correspondence'],
      access: PRACTITIONERS_AND_SECRETARIES,
      status: 201,
      body: z.object({
        templateId: z.string().min(1).max(40),
        patientId: z.uuid(),
        recipientId: z.uuid(),
        authorId: z.uuid(),
        freeText: z.string().max(8000).default(''),
      }),
      response: z.object({ item: itemView }),
      audit: 'none', // the service records correspondence.letter_created
      async handler({ ctx, tx, body }) {
        const id = await createLetter(tx, ctx, deps.keyring, body);
        return { item: await viewOf(tx, ctx, deps.keyring, id) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/correspondence/letters/:id/send',
      summary: 'Envoyer le courrier (e-mail, MSSanté — simulateur — ou posté) et le classer dans le dossier du patient',
      tags: ['correspondence'],
      access: PRACTITIONERS_AND_SECRETARIES,
      params: idParams,
      body: z.object({ channel: z.enum(SEND_CHANNELS) }),
      response: z.object({ item: itemView }),
      audit: 'none', // the service records correspondence.letter_sent
      async handler({ ctx, tx, params, body }) {
        await sendLetter(tx, ctx, deps, params.id, body.channel);
        return { item: await viewOf(tx, ctx, deps.keyring, params.id) };
      },
    }),
  ];
}
