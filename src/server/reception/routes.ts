import { z } from 'zod';
import { publicRoute, route, ADMINS, PRACTITIONERS_AND_SECRETARIES, idParams, type RouteDef } from '../platform/http/route.js';
import { AppError } from '../platform/http/errors.js';
import { practiceSettings } from '../agenda/index.js';
import { amoSchema, contactSchema, optionalPhone, phoneSchema } from '../patients/index.js';
import { DOCUMENT_TYPE_CODES } from '../patients/index.js';
import { createPatient, findPatient, legalRepresentatives, updateAdministrative, updateIdentity, validateIdentity } from '../patients/index.js';
import type { ReceptionLive } from './live.js';
import { boardView, createBoardLink, practiceForBoardToken, revokeBoardLink } from './board.service.js';
import { appointmentChecklist, tickItem, tickOpenVisit, visitChecklist } from './checklist.service.js';
import { dayView } from './day.service.js';
import { serviceDateOf } from './days.js';
import { declareDelay, notifyDelay } from './delays.service.js';
import { receptionSettings, saveReceptionSettings } from './settings.service.js';
import { addWalkIn, callNext, callVisit, checkIn, endConsultation, markLeft, markNoShow, setUrgent, startConsultation } from './visits.service.js';
import { applyVitale } from './vitale/apply.service.js';
import { proposeFromCard } from './vitale/proposals.js';
import type { CarteVitaleReader, PatientHint } from './vitale/reader.js';
import { CarteVitaleSimulator } from './vitale/simulator.js';
import { clock } from '../platform/clock.js';
import { RECEPTION_MESSAGES as M } from './error-messages.js';
import { boardOut, checklistOut, dayOut, itemKey, settingsOut, visitOut, vitaleReadOut } from './contract.js';

/**
 * Reception desk routes (/api/reception/…): the day's list, check-in with its checklist, walk-ins, calls and
 * consultations, delays and their notices, the carte Vitale reader (simulator), settings and the board link;
 * the waiting-room board itself is public, reached by its secret link, and shows no names.
 */
const tags = ['reception'];
const reason = z.string().trim().min(1).max(300);

const name = z.string().trim().min(1).max(100);
const newPatient = z.object({
  birthName: name, usedName: name.nullable().optional(), firstName: name.optional(), givenNames: z.string().trim().min(1).max(300).optional(),
  birthDate: z.string().trim().min(4).max(10), sex: z.enum(['F', 'M', 'U']), phone: optionalPhone,
});

/** Audited as a write on the patient of the visit. */
const onVisit = (action: string) => ({ action, resourceType: 'patient', resourceId: (_p: unknown, r: { patientId: string } | { visit: { patientId: string } }) => ('visit' in r ? r.visit.patientId : r.patientId), details: (_p: unknown, r: { id?: string; visit?: { id: string } }) => ({ visitId: r.visit?.id ?? r.id }) });

export function receptionRoutes(deps: { live: ReceptionLive; vitale?: CarteVitaleReader }): RouteDef[] {
  const reader = deps.vitale ?? new CarteVitaleSimulator();
  return [
    route({
      method: 'GET', url: '/api/reception/today', summary: 'La journée de l’accueil : patients attendus, arrivés, en consultation, sans rendez-vous, retards des praticiens', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      response: dayOut,
      audit: { action: 'reception.day_read', resourceType: 'practice' },
      handler: async ({ ctx, tx }) => dayView(tx, ctx.practiceId, clock.now()),
    }),
    route({
      method: 'GET', url: '/api/reception/events', summary: 'Changements de l’accueil en direct (server-sent events, sans donnée patient)', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      raw: true,
      audit: 'none', // no patient data: the client then reads /api/reception/today (audited)
      async handler({ ctx, req, reply }) {
        if (!String(req.headers.accept ?? '').includes('text/event-stream')) {
          reply.code(200).send({ stream: 'text/event-stream', events: ['ready', 'reception.changed'], heartbeatSeconds: deps.live.heartbeatMs / 1000 });
          return;
        }
        await deps.live.stream(ctx.practiceId, req, reply);
      },
    }),

    // ---------- settings and board link ----------
    route({
      method: 'GET', url: '/api/reception/settings', summary: 'Réglages de l’accueil (délais de retard et d’absence, affichage de la salle d’attente)', tags,
      access: { roles: 'any' }, response: settingsOut, audit: 'none',
      handler: async ({ ctx, tx }) => receptionSettings(tx, ctx.practiceId),
    }),
    route({
      method: 'PUT', url: '/api/reception/settings', summary: 'Modifier les réglages de l’accueil', tags,
      access: ADMINS,
      body: z.object({ lateGraceMinutes: z.number().int().min(0).max(120), noShowGraceMinutes: z.number().int().min(1).max(480), boardDisplay: z.enum(['ticket', 'initials']), boardShowAverageWait: z.boolean() }),
      response: settingsOut,
      audit: { action: 'reception.settings_changed', resourceType: 'practice', details: (_p, r) => ({ lateGraceMinutes: r.lateGraceMinutes, noShowGraceMinutes: r.noShowGraceMinutes, boardDisplay: r.boardDisplay }) },
      handler: async ({ ctx, tx, body }) => saveReceptionSettings(tx, ctx.practiceId, body),
    }),
    route({
      method: 'POST', url: '/api/reception/board-link', summary: 'Créer le lien secret de l’écran de salle d’attente (l’ancien lien cesse de fonctionner)', tags,
      access: ADMINS, status: 201,
      response: z.object({ token: z.string(), path: z.string() }),
      audit: { action: 'reception.board_link_created', resourceType: 'practice' },
      handler: async ({ ctx, tx }) => createBoardLink(tx, ctx.practiceId),
    }),
    route({
      method: 'DELETE', url: '/api/reception/board-link', summary: 'Désactiver le lien de l’écran de salle d’attente', tags,
      access: ADMINS, status: 204,
      audit: { action: 'reception.board_link_revoked', resourceType: 'practice' },
      handler: async ({ ctx, tx }) => {
        await revokeBoardLink(tx, ctx.practiceId);
        return undefined;
      },
    }),

    // ---------- check-in ----------
    route({
      method: 'GET', url: '/api/reception/appointments/:id/checklist', summary: 'Liste de vérification de l’arrivée (carte Vitale, droits, mutuelle, pièce d’identité, documents du motif, médecin traitant, coordonnées)', tags,
      access: PRACTITIONERS_AND_SECRETARIES, params: idParams, response: checklistOut,
      audit: { action: 'reception.checklist_read', resourceType: 'patient', resourceId: (_p, r) => r.patient.id, details: (p) => ({ appointmentId: p.id }) },
      handler: async ({ ctx, tx, params }) => appointmentChecklist(tx, ctx.practiceId, params.id),
    }),
    route({
      method: 'POST', url: '/api/reception/check-in', summary: 'Enregistrer l’arrivée d’un patient (rendez-vous du jour → « arrivé », numéro de ticket)', tags,
      access: PRACTITIONERS_AND_SECRETARIES, status: 201,
      body: z.object({ appointmentId: z.uuid(), ticks: z.array(itemKey).max(7).optional(), urgent: z.boolean().optional(), urgentReason: reason.nullable().optional() }),
      response: visitOut,
      audit: onVisit('reception.checked_in'),
      handler: async ({ ctx, tx, body }) => checkIn(tx, ctx, body),
    }),
    route({
      method: 'POST', url: '/api/reception/appointments/:id/no-show', summary: 'Marquer un patient absent (après le délai de grâce, proposé par l’écran)', tags,
      access: PRACTITIONERS_AND_SECRETARIES, params: idParams,
      response: z.object({ appointmentId: z.uuid(), patientId: z.uuid(), status: z.string() }),
      audit: { action: 'reception.no_show', resourceType: 'patient', resourceId: (_p, r) => r.patientId, details: (p) => ({ appointmentId: p.id }) },
      handler: async ({ ctx, tx, params }) => markNoShow(tx, ctx, params.id),
    }),
    route({
      method: 'POST', url: '/api/reception/walk-ins', summary: 'Ajouter un patient sans rendez-vous (patient existant, ou nouveau avec identité provisoire) à la file d’un praticien ou du premier praticien libre', tags,
      access: PRACTITIONERS_AND_SECRETARIES, status: 201,
      body: z.object({
        patientId: z.uuid().optional(),
        patient: newPatient.optional(),
        confirmNotDuplicate: z.boolean().optional(),
        practitionerId: z.uuid().nullable().default(null),
        urgent: z.boolean().default(false),
        urgentReason: reason.nullable().optional(),
        note: z.string().trim().max(500).nullable().optional(),
      }),
      response: z.object({ visit: visitOut, patientCreated: z.boolean() }),
      audit: onVisit('reception.walk_in_added'),
      async handler({ ctx, tx, body }) {
        let patientId = body.patientId;
        let patientCreated = false;
        if (!patientId) {
          if (!body.patient) throw new AppError('validation_failed', [{ field: 'patientId', message: M.choosePatient }]);
          const phones = body.patient.phone ? [phoneSchema.parse({ number: body.patient.phone })] : [];
          const { row } = await createPatient(tx, ctx, { identity: body.patient, phones, email: null, confirmNotDuplicate: body.confirmNotDuplicate, checkDuplicates: true });
          patientId = row.id;
          patientCreated = true;
        }
        const visit = await addWalkIn(tx, ctx, { patientId, practitionerId: body.practitionerId, urgent: body.urgent, urgentReason: body.urgentReason, note: body.note });
        return { visit, patientCreated };
      },
    }),

    // ---------- visits ----------
    route({
      method: 'GET', url: '/api/reception/visits/:id/checklist', summary: 'Liste de vérification d’un passage : éléments manquants visibles du praticien', tags,
      access: PRACTITIONERS_AND_SECRETARIES, params: idParams, response: checklistOut,
      audit: { action: 'reception.checklist_read', resourceType: 'patient', resourceId: (_p, r) => r.patient.id, details: (p) => ({ visitId: p.id }) },
      handler: async ({ ctx, tx, params }) => visitChecklist(tx, ctx.practiceId, params.id),
    }),
    route({
      method: 'PUT', url: '/api/reception/visits/:id/checklist/:item', summary: 'Cocher ou décocher un élément de la liste de vérification', tags,
      access: PRACTITIONERS_AND_SECRETARIES, params: z.object({ id: z.uuid(), item: itemKey }), body: z.object({ ticked: z.boolean() }), response: checklistOut,
      audit: { action: 'reception.checklist_ticked', resourceType: 'patient', resourceId: (_p, r) => r.patient.id, details: (p) => ({ visitId: p.id, item: p.item }) },
      handler: async ({ ctx, tx, params, body }) => tickItem(tx, ctx, params.id, params.item, body.ticked),
    }),
    route({
      method: 'POST', url: '/api/reception/visits/:id/urgent', summary: 'Signaler un passage comme urgent (en tête de file du praticien) ou retirer l’urgence', tags,
      access: PRACTITIONERS_AND_SECRETARIES, params: idParams, body: z.object({ urgent: z.boolean(), reason: reason.nullable().optional() }), response: visitOut,
      audit: onVisit('reception.urgent_changed'),
      handler: async ({ ctx, tx, params, body }) => setUrgent(tx, ctx, params.id, body.urgent, body.reason),
    }),
    route({
      method: 'POST', url: '/api/reception/visits/:id/call', summary: 'Appeler ce patient (affiché sur l’écran de la salle d’attente)', tags,
      access: PRACTITIONERS_AND_SECRETARIES, params: idParams, body: z.object({ practitionerId: z.uuid().optional(), calledTo: z.string().trim().max(60).nullable().optional() }), response: visitOut,
      audit: onVisit('reception.called'),
      handler: async ({ ctx, tx, params, body }) => callVisit(tx, ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/reception/visits/:id/start', summary: 'Début de consultation (rendez-vous « en consultation »)', tags,
      access: PRACTITIONERS_AND_SECRETARIES, params: idParams, response: visitOut,
      audit: onVisit('reception.consultation_started'),
      handler: async ({ ctx, tx, params }) => startConsultation(tx, ctx, params.id),
    }),
    route({
      method: 'POST', url: '/api/reception/visits/:id/end', summary: 'Fin de consultation (rendez-vous « terminé »)', tags,
      access: PRACTITIONERS_AND_SECRETARIES, params: idParams, response: visitOut,
      audit: onVisit('reception.consultation_ended'),
      handler: async ({ ctx, tx, params }) => endConsultation(tx, ctx, params.id),
    }),
    route({
      method: 'POST', url: '/api/reception/visits/:id/left', summary: 'Parti sans être vu', tags,
      access: PRACTITIONERS_AND_SECRETARIES, params: idParams, response: visitOut,
      audit: onVisit('reception.left_unseen'),
      handler: async ({ ctx, tx, params }) => markLeft(tx, ctx, params.id),
    }),
    route({
      method: 'POST', url: '/api/reception/practitioners/:id/call-next', summary: 'Appeler le patient suivant de ce praticien (urgences d’abord, puis heure de rendez-vous ou d’arrivée)', tags,
      access: PRACTITIONERS_AND_SECRETARIES, params: idParams, body: z.object({ calledTo: z.string().trim().max(60).nullable().optional() }),
      response: z.object({ visit: visitOut.nullable() }),
      audit: { action: 'reception.called', resourceType: 'patient', resourceId: (_p, r) => r.visit?.patientId ?? null, details: (p, r) => ({ practitionerId: p.id, visitId: r.visit?.id ?? null }) },
      handler: async ({ ctx, tx, params, body }) => ({ visit: await callNext(tx, ctx, params.id, body.calledTo) }),
    }),

    // ---------- delays ----------
    route({
      method: 'PUT', url: '/api/reception/practitioners/:id/delay', summary: 'Déclarer le retard d’un praticien aujourd’hui (null : revenir au retard calculé)', tags,
      access: PRACTITIONERS_AND_SECRETARIES, params: idParams, body: z.object({ minutes: z.number().int().min(0).max(480).nullable() }), status: 204,
      audit: { action: 'reception.delay_declared', resourceType: 'practitioner', resourceId: (p) => p.id },
      async handler({ ctx, tx, params, body }) {
        await declareDelay(tx, ctx, params.id, body.minutes);
        return undefined;
      },
    }),
    route({
      method: 'POST', url: '/api/reception/practitioners/:id/delay/notify', summary: 'Prévenir du retard les prochains patients du praticien (SMS / e-mail selon leur consentement et leur langue)', tags,
      access: PRACTITIONERS_AND_SECRETARIES, params: idParams, body: z.object({ count: z.number().int().min(1).max(20), minutes: z.number().int().min(1).max(480).optional() }),
      response: z.object({ noticeId: z.uuid(), minutes: z.number(), messages: z.number(), patients: z.array(z.object({ appointmentId: z.uuid(), patientId: z.uuid(), start: z.string(), channels: z.array(z.enum(['sms', 'email'])) })) }),
      audit: { action: 'reception.delay_notified', resourceType: 'practitioner', resourceId: (p) => p.id, details: (_p, r) => ({ minutes: r.minutes, messages: r.messages, patientIds: r.patients.map((x) => x.patientId) }) },
      handler: async ({ ctx, tx, params, body }) => notifyDelay(tx, ctx, params.id, body),
    }),

    // ---------- patient file at the desk ----------
    route({
      method: 'PUT', url: '/api/reception/patients/:id/contact', summary: 'Coordonnées confirmées ou corrigées au guichet', tags,
      access: PRACTITIONERS_AND_SECRETARIES, params: idParams, body: contactSchema,
      response: z.object({ patientId: z.uuid(), changedSections: z.array(z.string()) }),
      audit: { action: 'reception.contact_confirmed', resourceType: 'patient', resourceId: (p) => p.id },
      async handler({ ctx, tx, params, body }) {
        const r = await updateAdministrative(tx, ctx, params.id, { contact: body });
        await tickOpenVisit(tx, ctx, params.id, ['contact']);
        return { patientId: params.id, changedSections: r.changedSections };
      },
    }),
    route({
      method: 'POST', url: '/api/reception/patients/:id/identity-validation', summary: 'Valider l’identité au guichet (pièce à haut niveau de confiance vue) : statut d’identité selon l’identitovigilance', tags,
      access: PRACTITIONERS_AND_SECRETARIES, params: idParams,
      body: z.object({ documentType: z.enum(DOCUMENT_TYPE_CODES), documentNumber: z.string().trim().min(1).max(40), expiresOn: z.iso.date().nullable().optional(), traitsConfirmed: z.literal(true) }),
      response: z.object({ patientId: z.uuid(), identityStatus: z.string(), statusChange: z.object({ from: z.string(), to: z.string() }).nullable() }),
      audit: 'none', // validateIdentity records patient.identity.validated
      async handler({ ctx, tx, params, body }) {
        const r = await validateIdentity(tx, ctx, params.id, body);
        await tickOpenVisit(tx, ctx, params.id, ['id_document']);
        return { patientId: params.id, identityStatus: r.row.identity_status, statusChange: r.from === r.to ? null : { from: r.from, to: r.to } };
      },
    }),
    route({
      method: 'GET', url: '/api/reception/vitale', summary: 'Lecteur de carte Vitale : SIMULATEUR ou lecteur réel, et ses cartes de test', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      response: z.object({ reader: z.string(), simulated: z.boolean(), scenarios: z.array(z.object({ id: z.string(), fr: z.string(), en: z.string() })) }),
      audit: 'none',
      handler: async () => ({ reader: reader.name, simulated: reader.simulated, scenarios: [...reader.scenarios] }),
    }),
    route({
      method: 'POST', url: '/api/reception/vitale/read', summary: 'Lire la carte Vitale (ou l’appli carte Vitale) : droits AMO et traits proposés pour le dossier, rien n’est écrit', tags,
      access: PRACTITIONERS_AND_SECRETARIES,
      body: z.object({ patientId: z.uuid().optional(), support: z.enum(['card', 'apcv']).default('card'), scenario: z.string().max(40).optional() }),
      response: vitaleReadOut,
      audit: { action: 'reception.vitale_read', resourceType: 'patient', resourceId: (_p, r) => r.patientId ?? null },
      async handler({ ctx, tx, body }) {
        const { timeZone } = await practiceSettings(tx, ctx.practiceId);
        const today = serviceDateOf(clock.now(), timeZone);
        let hint: PatientHint | undefined;
        let file: Parameters<typeof proposeFromCard>[1] | undefined;
        if (body.patientId) {
          const p = await findPatient(tx, ctx.practiceId, body.patientId);
          const reps = await legalRepresentatives(tx, ctx.practiceId, p.id);
          hint = { nir: p.nir, birthName: p.birth_name, usedName: p.used_name, firstName: p.first_name, birthDate: p.birth_date, sex: p.sex, birthPlaceCode: p.birth_place_code, amo: p.amo as PatientHint['amo'], gpName: (p.gp as { name?: string } | null)?.name ?? null, parentName: reps[0]?.name ?? null };
          file = { nir: p.nir, amo: p.amo as PatientHint['amo'], birthName: p.birth_name, firstName: p.first_name, birthDate: p.birth_date, birthPlaceCode: p.birth_place_code };
        }
        const result = await reader.read({ support: body.support, scenario: body.scenario, patient: hint, today });
        if (!result.ok) return { simulated: result.simulated, ok: false, error: result.error, card: null, matchedRank: null, proposal: null, patientId: body.patientId };
        const match = file ? result.card.beneficiaries.find((b) => b.birthDate === file.birthDate && b.firstName.toLowerCase() === file.firstName.toLowerCase()) : undefined;
        return {
          simulated: result.card.simulated, ok: true, error: null, card: result.card,
          matchedRank: match?.rank ?? null,
          proposal: match && file ? proposeFromCard(match, file, today) : null,
          patientId: body.patientId,
        };
      },
    }),
    route({
      method: 'POST', url: '/api/reception/patients/:id/vitale/apply', summary: 'Confirmer les mises à jour proposées par la carte Vitale ou la saisie manuelle (droits AMO, NIR et lieu de naissance manquants)', tags,
      access: PRACTITIONERS_AND_SECRETARIES, params: idParams,
      body: z.object({
        source: z.enum(['card', 'apcv', 'manual']), amo: amoSchema.nullable().optional(), nir: z.string().trim().regex(/^[0-9AB]{15}$/).optional(),
        birthPlaceCode: z.string().trim().toUpperCase().regex(/^[0-9AB]{5}$/).optional(),
      }),
      response: z.object({ patientId: z.uuid(), updated: z.array(z.string()) }),
      audit: { action: 'reception.vitale_applied', resourceType: 'patient', resourceId: (p) => p.id },
      handler: async ({ ctx, tx, params, body }) => ({ patientId: params.id, updated: await applyVitale(tx, ctx, params.id, body) }),
    }),

    // ---------- the waiting-room board (public, secret link) ----------
    // The same board opened from the desk's session (issue 12): no admin-made link needed; never a name.
    route({
      method: 'GET', url: '/api/reception/board', summary: 'Écran de salle d’attente ouvert depuis l’accueil (tickets ou initiales, appels ; jamais de nom)', tags,
      access: PRACTITIONERS_AND_SECRETARIES, response: boardOut,
      audit: { action: 'reception.board_read', resourceType: 'practice' }, // initials may be shown (practice setting)
      handler: async ({ ctx, tx }) => boardView(tx, ctx.practiceId),
    }),
    publicRoute({
      method: 'GET', url: '/api/reception/board/:token', summary: 'Écran de salle d’attente (lien secret) : tickets ou initiales, appels ; jamais de nom', tags,
      access: 'public', rateLimit: 240,
      params: z.object({ token: z.string().max(100) }),
      response: boardOut,
      async handler({ db, params }) {
        const practiceId = await practiceForBoardToken(db, params.token);
        if (!practiceId) throw new AppError('not_found', undefined, { fr: 'Lien d’écran de salle d’attente inconnu ou désactivé.', en: 'Unknown or disabled waiting-room board link.' });
        return boardView(db, practiceId);
      },
    }),
    publicRoute({
      method: 'GET', url: '/api/reception/board/:token/events', summary: 'Écran de salle d’attente : changements en direct (server-sent events)', tags,
      access: 'public', rateLimit: 60, raw: true,
      params: z.object({ token: z.string().max(100) }),
      async handler({ db, params, req, reply }) {
        const practiceId = await practiceForBoardToken(db, params.token);
        if (!practiceId) throw new AppError('not_found', undefined, { fr: 'Lien d’écran de salle d’attente inconnu ou désactivé.', en: 'Unknown or disabled waiting-room board link.' });
        if (!String(req.headers.accept ?? '').includes('text/event-stream')) {
          reply.code(200).send({ stream: 'text/event-stream', events: ['ready', 'reception.changed'] });
          return undefined;
        }
        await deps.live.stream(practiceId, req, reply);
        return undefined;
      },
    }),
  ];
}
