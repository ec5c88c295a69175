import { z } from 'zod';
import { route, STAFF, idParams, type RouteDef } from '../platform/http/route.js';
import {
  accessibilitySchema,
  amcSchema,
  amoSchema,
  contactSchema,
  emergencyContactSchema,
  gpSchema,
  legalRepresentativeSchema,
  optionalPhone,
  phoneSchema,
} from './administrative/contract.js';
import { birthDateField, detail, duplicate, identityFields, nameField, insiResult, sex, statusChange, summary } from './contract.js';
import { DOCUMENT_TYPE_CODES } from './identity/status.js';
import { INSI_FIXTURE, InsiSimulator } from './insi/simulator.js';
import type { InsiClient } from './insi/types.js';
import { patientFhirRoutes } from './fhir/routes.js';
import { searchBirthPlaces } from './identity/birth-place-search.js';
import { mergeRoutes } from './merge/routes.js';
import { updateAdministrative } from './administrative/service.js';
import { findDuplicateCandidates } from './duplicates/candidates.service.js';
import { createPatient, identityOrThrow, setAttributes, updateIdentity, validateIdentity } from './identity.service.js';
import { insiLookup } from './insi/lookup.service.js';
import { toDetail, toSummary } from './mapping.js';
import { detailOf, patientDetail } from './read.service.js';
import { searchPatients } from './search.service.js';

/**
 * The patients capability: identity (strict traits, NIR, INS, statuses, attributes), administrative
 * file, search, INSi (simulated), and FHIR R4 Patient. Reads are audited by the route rule; writes
 * are audited by the service with before/after values and the reason (`audit: 'none'` below).
 */
export function patientRoutes(opts: { insi?: InsiClient } = {}): RouteDef[] {
  const insi = opts.insi ?? new InsiSimulator();
  return [
    route({
      method: 'GET',
      url: '/api/patients/birth-places',
      summary: 'Lieux de naissance par leur nom (commune actuelle ou ancienne, arrondissement, pays) : le code INSEE à enregistrer',
      tags: ['patients'],
      access: STAFF,
      query: z.object({ q: z.string().trim().max(100).default(''), limit: z.coerce.number().int().min(1).max(30).default(10) }),
      response: z.object({ places: z.array(z.object({ code: z.string(), label: z.string(), kind: z.enum(['commune', 'country']), detail: z.string() })) }),
      // Reference data of the INSEE (no patient in it): nothing to audit.
      audit: 'none',
      async handler({ query }) {
        return { places: searchBirthPlaces(query.q, query.limit) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/patients',
      summary: 'Rechercher des patients : nom (de naissance ou d’usage, fautes tolérées), date de naissance (12/03/1958), NIR, téléphone',
      tags: ['patients'],
      access: STAFF,
      query: z.object({ q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(100).default(30) }),
      response: z.object({ patients: z.array(summary) }),
      audit: { action: 'patient.searched', resourceType: 'patient', details: (_p, r) => ({ results: r.patients.length }) },
      async handler({ ctx, tx, query }) {
        const rows = await searchPatients(tx, ctx.practiceId, query.q ?? '', query.limit);
        return { patients: rows.map(toSummary) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/patients/insi-simulator',
      summary: 'Identités connues du simulateur INSi (démonstration et tests ; le vrai téléservice n’est pas joignable)',
      tags: ['patients'],
      access: STAFF,
      response: z.object({
        simulated: z.literal(true),
        identities: z.array(z.object({ birthName: z.string(), givenNames: z.string(), birthDate: z.string(), sex, birthPlaceCode: z.string().nullable(), oid: z.string() })),
      }),
      audit: 'none', // fictitious fixture, no patient data
      async handler() {
        return {
          simulated: true as const,
          identities: INSI_FIXTURE.map((p) => ({ ...p.traits, oid: p.oid })).map(({ birthName, givenNames, birthDate, sex, birthPlaceCode, oid }) => ({ birthName, givenNames, birthDate, sex, birthPlaceCode, oid })),
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/patients/:id',
      summary: 'Fiche d’un patient : identité, statut, pièce vérifiée, INS, dossier administratif, droits expirés',
      tags: ['patients'],
      access: STAFF,
      params: idParams,
      response: z.object({ patient: detail }),
      audit: { action: 'patient.read', resourceType: 'patient', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        return { patient: await patientDetail(tx, ctx.practiceId, params.id) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/patients/duplicates',
      summary: 'Chercher les doublons possibles d’une identité avant de l’enregistrer (rien n’est enregistré)',
      tags: ['patients'],
      access: STAFF,
      body: z.object(identityFields),
      response: z.object({ possibleDuplicates: z.array(duplicate) }),
      audit: { action: 'patient.duplicates.checked', resourceType: 'patient', details: (_p, r) => ({ candidates: r.possibleDuplicates.map((d) => d.id) }) },
      async handler({ ctx, tx, body }) {
        const identity = identityOrThrow(body);
        return { possibleDuplicates: await findDuplicateCandidates(tx, ctx.practiceId, identity) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/patients',
      summary: 'Créer un patient (identité provisoire). Refusé (409, details.possibleDuplicates) si des doublons possibles existent, sauf confirmNotDuplicate',
      tags: ['patients'],
      access: STAFF,
      status: 201,
      body: z.object({
        ...identityFields,
        phone: optionalPhone,
        phones: z.array(phoneSchema).max(6).optional(),
        email: z.email().max(254).optional(),
        confirmNotDuplicate: z.boolean().optional(),
      }),
      response: z.object({ patient: detail, possibleDuplicates: z.array(duplicate) }),
      audit: 'none', // createPatient records patient.created
      async handler({ ctx, tx, body }) {
        const phones = body.phones ?? (body.phone ? [phoneSchema.parse({ number: body.phone })] : []);
        const { row, possibleDuplicates } = await createPatient(tx, ctx, {
          identity: body,
          phones,
          email: body.email ?? null,
          confirmNotDuplicate: body.confirmNotDuplicate,
          checkDuplicates: true,
        });
        return { patient: toDetail(row, []), possibleDuplicates };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/patients/:id/identity',
      summary: 'Corriger l’identité (motif obligatoire pour un trait strict ; l’identité redevient provisoire)',
      tags: ['patients'],
      access: STAFF,
      params: idParams,
      body: z.object({
        birthName: nameField.optional(),
        usedName: nameField.nullable().optional(),
        firstName: nameField.optional(),
        givenNames: z.string().trim().min(1).max(300).optional(),
        usedFirstName: nameField.nullable().optional(),
        birthDate: birthDateField.optional(),
        sex: sex.optional(),
        birthPlaceCode: z.string().trim().max(5).nullable().optional(),
        nir: z.string().trim().max(25).nullable().optional(),
        reason: z.string().trim().max(500).optional(),
        version: z.number().int().optional(),
      }),
      response: z.object({ patient: detail, changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })), statusChange }),
      audit: 'none', // updateIdentity records patient.updated / patient.identity.corrected with before/after
      async handler({ ctx, tx, params, body }) {
        const { row, changes, statusChange } = await updateIdentity(tx, ctx, params.id, body);
        return { patient: await detailOf(tx, ctx.practiceId, row), changes, statusChange };
      },
    }),
    route({
      method: 'POST',
      url: '/api/patients/:id/identity/validation',
      summary: 'Valider l’identité : pièce à haut niveau de confiance vérifiée au guichet (type, numéro ; qui et quand sont enregistrés)',
      tags: ['patients'],
      access: STAFF,
      params: idParams,
      body: z.object({
        documentType: z.enum(DOCUMENT_TYPE_CODES),
        documentNumber: z.string().trim().min(1).max(40),
        expiresOn: z.iso.date().nullable().optional(),
        /** The desk confirms the strict traits match the document. */
        traitsConfirmed: z.literal(true),
      }),
      response: z.object({ patient: detail, statusChange }),
      audit: 'none', // validateIdentity records patient.identity.validated
      async handler({ ctx, tx, params, body }) {
        const r = await validateIdentity(tx, ctx, params.id, body);
        return { patient: await detailOf(tx, ctx.practiceId, r.row), statusChange: r.from === r.to ? null : { from: r.from, to: r.to } };
      },
    }),
    route({
      method: 'POST',
      url: '/api/patients/:id/insi',
      summary: 'Appeler INSi (SIMULATEUR) : récupérer l’INS par les traits ou la carte Vitale ; qualifie l’identité si elle est validée',
      tags: ['patients'],
      access: STAFF,
      params: idParams,
      body: z.object({
        mode: z.enum(['traits', 'vitale']).default('traits'),
        /** NIR read from the (simulated) carte Vitale; defaults to the record's NIR. */
        nir: z.string().trim().max(25).optional(),
        adoptInsiTraits: z.boolean().optional(),
      }),
      response: insiResult,
      audit: 'none', // insiLookup records patient.insi.*
      async handler({ ctx, tx, params, body }) {
        const { row, outcome } = await insiLookup(tx, ctx, insi, params.id, body);
        return { simulated: outcome.simulated, outcome, patient: await detailOf(tx, ctx.practiceId, row) };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/patients/:id/attributes',
      summary: 'Attributs d’identité : douteuse, fictive, homonyme (douteuse ou fictive ⇒ retour en provisoire)',
      tags: ['patients'],
      access: STAFF,
      params: idParams,
      body: z.object({
        doubtful: z.boolean().optional(),
        doubtfulReason: z.string().trim().max(500).nullable().optional(),
        fictitious: z.boolean().optional(),
        homonym: z.boolean().optional(),
        reason: z.string().trim().min(1).max(500),
      }),
      response: z.object({ patient: detail, statusChange }),
      audit: 'none', // setAttributes records patient.attributes.updated
      async handler({ ctx, tx, params, body }) {
        const r = await setAttributes(tx, ctx, params.id, body);
        return { patient: await detailOf(tx, ctx.practiceId, r.row), statusChange: r.statusChange };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/patients/:id/administrative',
      summary: 'Dossier administratif : sections remplacées une à une (contact, accessibilité, médecin traitant, représentants légaux, contact d’urgence, AMO, AMC)',
      tags: ['patients'],
      access: STAFF,
      params: idParams,
      body: z.object({
        contact: contactSchema.optional(),
        accessibility: accessibilitySchema.nullable().optional(),
        gp: gpSchema.nullable().optional(),
        emergencyContact: emergencyContactSchema.nullable().optional(),
        legalRepresentatives: z.array(legalRepresentativeSchema).max(10).optional(),
        amo: amoSchema.nullable().optional(),
        amc: amcSchema.nullable().optional(),
      }),
      response: z.object({ patient: detail, changedSections: z.array(z.string()) }),
      audit: 'none', // updateAdministrative records patient.administrative.updated with before/after
      async handler({ ctx, tx, params, body }) {
        const r = await updateAdministrative(tx, ctx, params.id, body);
        return { patient: r.detail, changedSections: r.changedSections };
      },
    }),
    ...mergeRoutes(),
    ...patientFhirRoutes(),
  ];
}
