import { z } from 'zod';
import { route, ADMINS, STAFF, type RouteDef } from '../../platform/http/route.js';
import { practiceSettings } from '../calendar.js';
import { createMotif, createResource, listMotifs, listResources, updateMotif } from '../motifs.service.js';
import {
  addException, createPractitioner, listPractitioners, practitionerHours, removeException, replaceHours, updatePractitioner,
} from '../practitioners.service.js';
import { saveAgendaSettings } from '../settings.service.js';
import {
  agendaSettings, agendaSettingsBody, exceptionBody, exceptionDto, hoursBody, hoursDto, hoursSaved, idParam, motifBody, motifDto, motifPatch, motifsQuery,
  practitionerDto, practitionersQuery, resourceBody, resourceCreated, resourcesDto,
} from '../contract.js';
import { practitionerBody, tags } from './schemas.js';

/**
 * The agenda's configuration (`/api/agenda/settings`, practitioners, hours, exceptions, motifs, resources): the admin
 * changes it, the whole staff reads it. The database work is in practitioners.service.ts and motifs.service.ts.
 */
export function agendaConfigurationRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET', url: '/api/agenda/settings', summary: 'Réglages de l’agenda du cabinet (jours fériés, libération des créneaux urgents)', tags,
      access: STAFF,
      response: agendaSettings,
      audit: 'none',
      handler: async ({ ctx, tx }) => practiceSettings(tx, ctx.practiceId),
    }),
    route({
      method: 'PUT', url: '/api/agenda/settings', summary: 'Modifier les réglages de l’agenda', tags,
      access: ADMINS,
      body: agendaSettingsBody,
      response: agendaSettings,
      audit: { action: 'agenda.settings_changed', resourceType: 'practice' },
      async handler({ ctx, tx, body }) {
        await saveAgendaSettings(tx, ctx.practiceId, body);
        return practiceSettings(tx, ctx.practiceId);
      },
    }),
    route({
      method: 'GET', url: '/api/agenda/practitioners', summary: 'Praticiens du cabinet', tags,
      access: STAFF,
      query: practitionersQuery,
      response: z.object({ practitioners: z.array(practitionerDto) }),
      audit: 'none',
      handler: async ({ ctx, tx, query }) => ({ practitioners: await listPractitioners(tx, ctx.practiceId, query.includeInactive === 'true') }),
    }),
    route({
      method: 'POST', url: '/api/agenda/practitioners', summary: 'Ajouter un praticien (RPPS, spécialité, secteur, compte lié)', tags,
      access: ADMINS, status: 201,
      body: practitionerBody,
      response: z.object({ practitioner: practitionerDto }),
      audit: { action: 'agenda.practitioner_created', resourceType: 'practitioner', resourceId: (_p, r) => r.practitioner.id },
      handler: async ({ ctx, tx, body }) => ({ practitioner: await createPractitioner(tx, ctx.practiceId, body) }),
    }),
    route({
      method: 'PATCH', url: '/api/agenda/practitioners/:id', summary: 'Modifier ou désactiver un praticien', tags,
      access: ADMINS,
      params: idParam,
      body: practitionerBody.partial().extend({ active: z.boolean().optional() }),
      response: z.object({ practitioner: practitionerDto }),
      audit: { action: 'agenda.practitioner_updated', resourceType: 'practitioner', resourceId: (p) => p.id },
      handler: async ({ ctx, tx, params, body }) => ({ practitioner: await updatePractitioner(tx, ctx.practiceId, params.id, body) }),
    }),
    route({
      method: 'GET', url: '/api/agenda/practitioners/:id/hours', summary: 'Horaires hebdomadaires, plages urgentes, ouvertures exceptionnelles et absences d’un praticien', tags,
      access: STAFF,
      params: idParam,
      response: hoursDto,
      audit: 'none',
      handler: async ({ ctx, tx, params }) => practitionerHours(tx, ctx.practiceId, params.id),
    }),
    route({
      method: 'PUT', url: '/api/agenda/practitioners/:id/hours', summary: 'Remplacer les horaires hebdomadaires et les plages urgentes d’un praticien', tags,
      access: ADMINS,
      params: idParam,
      body: hoursBody,
      response: hoursSaved,
      audit: { action: 'agenda.hours_changed', resourceType: 'practitioner', resourceId: (p) => p.id },
      handler: async ({ ctx, tx, params, body }) => replaceHours(tx, ctx.practiceId, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/agenda/practitioners/:id/exceptions', summary: 'Ajouter une absence (congés, formation) ou une ouverture exceptionnelle', tags,
      access: ADMINS, status: 201,
      params: idParam,
      body: exceptionBody,
      response: z.object({ exception: exceptionDto }),
      audit: { action: 'agenda.exception_added', resourceType: 'practitioner', resourceId: (p) => p.id },
      handler: async ({ ctx, tx, params, body }) => ({ exception: await addException(tx, ctx.practiceId, params.id, body) }),
    }),
    route({
      method: 'DELETE', url: '/api/agenda/exceptions/:id', summary: 'Supprimer une absence ou une ouverture exceptionnelle', tags,
      access: ADMINS, status: 204,
      params: idParam,
      audit: { action: 'agenda.exception_removed', resourceType: 'agenda_exception', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        await removeException(tx, ctx.practiceId, params.id);
        return undefined;
      },
    }),
    route({
      method: 'GET', url: '/api/agenda/motifs', summary: 'Motifs de rendez-vous (durée, couleur, règles)', tags,
      access: STAFF,
      query: motifsQuery,
      response: z.object({ motifs: z.array(motifDto) }),
      audit: 'none',
      handler: async ({ ctx, tx, query }) => ({ motifs: await listMotifs(tx, ctx.practiceId, query.practitionerId) }),
    }),
    route({
      method: 'POST', url: '/api/agenda/motifs', summary: 'Créer un motif de rendez-vous', tags,
      access: ADMINS, status: 201,
      body: motifBody,
      response: z.object({ motif: motifDto }),
      audit: { action: 'agenda.motif_created', resourceType: 'appointment_type', resourceId: (_p, r) => r.motif.id },
      handler: async ({ ctx, tx, body }) => ({ motif: await createMotif(tx, ctx.practiceId, body) }),
    }),
    route({
      method: 'PATCH', url: '/api/agenda/motifs/:id', summary: 'Modifier ou désactiver un motif', tags,
      access: ADMINS,
      params: idParam,
      body: motifPatch,
      response: z.object({ motif: motifDto }),
      audit: { action: 'agenda.motif_updated', resourceType: 'appointment_type', resourceId: (p) => p.id },
      handler: async ({ ctx, tx, params, body }) => ({ motif: await updateMotif(tx, ctx.practiceId, params.id, body) }),
    }),
    route({
      method: 'GET', url: '/api/agenda/resources', summary: 'Salles et équipements réservables', tags,
      access: STAFF,
      response: resourcesDto,
      audit: 'none',
      handler: async ({ ctx, tx }) => ({ resources: await listResources(tx, ctx.practiceId) }),
    }),
    route({
      method: 'POST', url: '/api/agenda/resources', summary: 'Ajouter un équipement ou une salle réservable', tags,
      access: ADMINS, status: 201,
      body: resourceBody,
      response: resourceCreated,
      audit: { action: 'agenda.resource_created', resourceType: 'resource', resourceId: (_p, r) => r.resource.id },
      handler: async ({ ctx, tx, body }) => ({ resource: await createResource(tx, ctx.practiceId, body) }),
    }),
  ];
}
