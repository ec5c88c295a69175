import { z } from 'zod';
import { route, ADMINS, ADMINS_AND_SECRETARIES, STAFF, idParams, type RouteDef } from '../../platform/http/route.js';
import { phoneSchema } from '../administrative/contract.js';
import { findDuplicateCandidates } from '../duplicates/candidates.service.js';
import { traitsOf } from '../mapping.js';
import { findPatient } from '../read.service.js';
import { MERGE_FIELDS } from './rules.js';
import { mergePatients, mergePreview } from './service.js';
import { undoMerge } from './undo.service.js';
import { patientHistory } from './history.service.js';
import { linkedItems, splitPatient } from './split.js';

/**
 * Merge, undo, split and their history (docs/patients.md « Fusion et scission »). The desk (secretaries)
 * and admins merge and split; only an admin undoes a merge. Every write is audited by the service
 * (merge, undo, split, each patient touched); reads are audited here.
 */
const reason = z.string().trim().min(3).max(500);
const message = z.object({ code: z.string(), fr: z.string(), en: z.string() });
const pk = z.record(z.string().max(63), z.string().max(200));
const item = z.object({ table: z.string().min(1).max(63), column: z.string().min(1).max(63), pk });
const name = z.string().trim().min(1).max(100);
const anyObject = z.record(z.string(), z.unknown());
const person = z.object({ id: z.uuid(), birthName: z.string(), firstName: z.string() });

export function mergeRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/patients/:id/duplicates',
      summary: 'Doublons possibles d’un dossier existant (même détecteur qu’à la création)',
      tags: ['patients'],
      access: STAFF,
      params: idParams,
      response: z.object({ possibleDuplicates: z.array(anyObject) }),
      audit: { action: 'patient.duplicates.checked', resourceType: 'patient', resourceId: (p) => p.id, details: (_p, r) => ({ candidates: r.possibleDuplicates.map((d) => d['id']) }) },
      handler: async ({ ctx, tx, params }) => {
        const row = await findPatient(tx, ctx.practiceId, params.id);
        if (row.merged_into_id) return { possibleDuplicates: [] };
        const found = await findDuplicateCandidates(tx, ctx.practiceId, { traits: traitsOf(row), usedName: row.used_name, usedFirstName: row.used_first_name, nir: row.nir }, row.id);
        return { possibleDuplicates: found as unknown as Record<string, unknown>[] };
      },
    }),
    route({
      method: 'GET',
      url: '/api/patients/:id/merge-preview',
      summary: 'Fusion : les deux identités côte à côte, le dossier conservé par défaut, les différences, ce qui bloque, ce qui sera déplacé',
      tags: ['patients'],
      access: ADMINS_AND_SECRETARIES,
      params: idParams,
      query: z.object({ with: z.uuid(), survivorId: z.uuid().optional() }),
      response: z.object({
        survivor: anyObject,
        duplicate: anyObject,
        defaultSurvivorId: z.uuid(),
        diffs: z.array(z.object({ field: z.enum(MERGE_FIELDS), strict: z.boolean(), survivor: z.unknown(), duplicate: z.unknown(), defaultChoice: z.enum(['survivor', 'duplicate']), choosable: z.boolean() })),
        blockers: z.array(message),
        warnings: z.array(message),
        statusAfter: z.string(),
        insTransferred: z.boolean(),
        sectionsFilled: z.array(z.string()),
        moves: z.record(z.string(), z.number()),
      }),
      audit: { action: 'patient.merge.previewed', resourceType: 'patient', resourceId: (_p, r) => r.survivor['id'] as string, details: (_p, r) => ({ survivorId: r.survivor['id'], duplicateId: r.duplicate['id'] }) },
      handler: async ({ ctx, tx, params, query }) => (await mergePreview(tx, ctx, params.id, query.with, query.survivorId)) as never,
    }),
    route({
      method: 'POST',
      url: '/api/patients/merges',
      summary: 'Fusionner un doublon dans le dossier conservé : tout ce qui est rattaché au doublon est déplacé (une transaction), annulable 30 jours par un administrateur',
      tags: ['patients'],
      access: ADMINS_AND_SECRETARIES,
      body: z.object({
        survivorId: z.uuid(),
        duplicateId: z.uuid(),
        choices: z.partialRecord(z.enum(MERGE_FIELDS), z.enum(['survivor', 'duplicate'])).optional(),
        reason,
      }),
      response: z.object({ mergeId: z.uuid(), moved: z.record(z.string(), z.number()), kept: z.number(), warnings: z.array(message), statusChange: z.object({ from: z.string(), to: z.string() }).nullable(), survivor: anyObject }),
      audit: 'none', // mergePatients records patient.merged, patient.merged_into and each other patient touched
      handler: async ({ ctx, tx, body }) => (await mergePatients(tx, ctx, body)) as never,
    }),
    route({
      method: 'POST',
      url: '/api/patients/merges/:mergeId/undo',
      summary: 'Annuler une fusion (administrateur, 30 jours) : lignes remises sur le dossier fusionné, dossier réactivé',
      tags: ['patients'],
      access: ADMINS,
      params: z.object({ mergeId: z.uuid() }),
      body: z.object({ reason, acceptConflicts: z.boolean().optional() }),
      response: z.object({ movedBack: z.number(), conflicts: z.array(anyObject), survivorRestored: z.boolean() }),
      audit: 'none', // undoMerge records patient.merge.undone on both records
      handler: async ({ ctx, tx, params, body }) => (await undoMerge(tx, ctx, params.mergeId, body)) as never,
    }),
    route({
      method: 'GET',
      url: '/api/patients/:id/history',
      summary: 'Fusions et scissions du dossier (avec annulation possible jusqu’à quand)',
      tags: ['patients'],
      access: STAFF,
      params: idParams,
      response: z.object({
        merges: z.array(z.object({
          id: z.uuid(), survivor: person, duplicate: person, reason: z.string(), mergedAt: z.string(), mergedBy: z.string().nullable(),
          rowsMoved: z.number(), kept: z.number(), undoUntil: z.string(), undoable: z.boolean(),
          undoConflicts: z.array(z.object({ code: z.string(), message: z.string() })),
          undoneAt: z.string().nullable(), undoneBy: z.string().nullable(), undoReason: z.string().nullable(),
        })),
        splits: z.array(z.object({ id: z.uuid(), source: person, newPatient: person, reason: z.string(), splitAt: z.string(), rowsMoved: z.number() })),
      }),
      audit: { action: 'patient.history.read', resourceType: 'patient', resourceId: (p) => p.id },
      handler: async ({ ctx, tx, params }) => patientHistory(tx, ctx, params.id),
    }),
    route({
      method: 'GET',
      url: '/api/patients/:id/linked',
      summary: 'Éléments rattachés au dossier (rendez-vous, documents, demandes…), pour une scission',
      tags: ['patients'],
      access: ADMINS_AND_SECRETARIES,
      params: idParams,
      response: z.object({ items: z.array(z.object({ table: z.string(), column: z.string(), pk, label: z.string().nullable(), at: z.string().nullable(), kind: z.string().nullable() })) }),
      audit: { action: 'patient.linked.read', resourceType: 'patient', resourceId: (p) => p.id },
      handler: async ({ ctx, tx, params }) => ({ items: await linkedItems(tx, ctx, params.id) }),
    }),
    route({
      method: 'POST',
      url: '/api/patients/:id/split',
      summary: 'Scinder une collision : créer la seconde identité (provisoire) et lui rattacher ses éléments ; l’identité d’origine est revue',
      tags: ['patients'],
      access: ADMINS_AND_SECRETARIES,
      params: idParams,
      body: z.object({
        identity: z.object({
          birthName: name,
          givenNames: z.string().trim().min(1).max(300),
          usedName: name.nullable().optional(),
          usedFirstName: name.nullable().optional(),
          birthDate: z.string().trim().min(4).max(10),
          sex: z.enum(['F', 'M', 'U']),
          birthPlaceCode: z.string().trim().max(5).nullable().optional(),
          nir: z.string().trim().max(25).nullable().optional(),
        }),
        phones: z.array(phoneSchema).max(5).optional(),
        email: z.email().max(254).nullable().optional(),
        items: z.array(item).max(500),
        reason,
        sourceCorrection: z.object({
          birthName: name.optional(),
          givenNames: z.string().trim().min(1).max(300).optional(),
          birthDate: z.string().trim().min(4).max(10).optional(),
          sex: z.enum(['F', 'M', 'U']).optional(),
          birthPlaceCode: z.string().trim().max(5).nullable().optional(),
          nir: z.string().trim().max(25).nullable().optional(),
        }).optional(),
        resetSourceEvidence: z.boolean().optional(),
      }),
      response: z.object({ splitId: z.uuid(), moved: z.record(z.string(), z.number()), source: anyObject, newPatient: anyObject, possibleDuplicates: z.array(anyObject) }),
      audit: 'none', // splitPatient records patient.split, patient.split.created_from (and the identity review)
      handler: async ({ ctx, tx, params, body }) => (await splitPatient(tx, ctx, params.id, body as never)) as never,
    }),
  ];
}
