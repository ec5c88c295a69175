import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { publicRoute, type RouteDef } from '../../platform/http/route.js';
import type { Keyring } from '../../platform/security/keyring.js';
import { checkIdentity } from '../../patients/index.js';
import { icalFeedText } from '../ical-feed.service.js';
import { linkKey, verifyLink } from '../links.js';
import { changeManagedAppointment, manageTarget, viewOf } from '../manage-link.service.js';
import { manageLinkFor, notificationSettings } from '../notifications.js';
import { toE164 } from '../../messaging/index.js';
import { auditPublic, checkBookingCode, confirmOnlineBooking, onlineMotifs, onlinePractitioners, onlineSlots, practiceBySlug, sendBookingCode } from '../online-booking.service.js';
import { acceptOffer, declineOffer, offerView } from '../waiting-list.js';
import '../notify-schema.js';
import { clock } from '../../platform/clock.js';
import { AGENDA_MESSAGES as M } from '../error-messages.js';
import {
  bookingConfirmBody, bookingInfo, bookingStarted, identityBody, managedAppointment, manageBody, manageSlotsQuery, manageView, offerAnswerBody,
  offerAnswered, offerDto, publicSlots, publicSlotsQuery, slugParam, tokenParam,
} from '../contract.js';

/**
 * The public side of the agenda (no account): the practice's online booking page, the signed link to manage an
 * appointment, waiting-list offers and the practitioners' iCalendar feeds. Everything that changes data is
 * audited (account = null, with the IP). Practice data is always reached through the slug or a signed token:
 * an id of another practice gives 404. The database work: online-booking.service.ts, manage-link.service.ts,
 * ical-feed.service.ts, waiting-list.ts. Schemas: ../contract.ts (the online booking section).
 */
export interface PublicAgendaDeps {
  publicUrl: string;
  keyring?: Keyring | undefined;
}

const tags = ['agenda-public'];

function ipOf(req: { ip: string }): string {
  return req.ip;
}

export function publicAgendaRoutes(deps: PublicAgendaDeps): RouteDef[] {
  return [
    publicRoute({
      access: 'public',
      method: 'GET', url: '/api/public/:practiceSlug/booking', summary: 'Page de prise de rendez-vous en ligne : cabinet, praticiens, motifs', tags,
      params: slugParam,
      rateLimit: 120,
      response: bookingInfo,
      async handler({ db, params }) {
        const p = await practiceBySlug(db, params.practiceSlug);
        const s = await notificationSettings(db, p.id);
        const motifs = s.onlineBookingEnabled ? await onlineMotifs(db, p.id) : [];
        const withMotif = await onlinePractitioners(db, p.id, motifs);
        return {
          practice: { name: p.name, slug: p.slug, timeZone: p.timezone },
          onlineBookingEnabled: s.onlineBookingEnabled,
          minNoticeMinutes: s.onlineMinNoticeMinutes,
          manageDeadlineMinutes: s.manageDeadlineMinutes,
          practitioners: withMotif.map((d) => ({ id: d.id, displayName: d.display_name, specialty: d.specialty, colour: d.colour })),
          motifs: motifs.map((m) => ({ id: m.id, practitionerId: m.practitioner_id, name: m.name, durationMinutes: m.duration_minutes, teleconsultation: m.teleconsultation, newPatientsAllowed: m.new_patients_allowed, preparationInstructions: m.preparation_instructions, documentsToBring: m.documents_to_bring })),
        };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'GET', url: '/api/public/:practiceSlug/slots', summary: 'Créneaux réservables en ligne (canal « online », délai minimal)', tags,
      params: slugParam,
      rateLimit: 120,
      query: publicSlotsQuery,
      response: publicSlots,
      async handler({ db, params, query }) {
        const p = await practiceBySlug(db, params.practiceSlug);
        const s = await notificationSettings(db, p.id);
        if (!s.onlineBookingEnabled) return { slots: [] };
        return { slots: await onlineSlots(db, p.id, query.motif, query.practitioner, query.from, query.limit, s.onlineMinNoticeMinutes, query.to) };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'POST', url: '/api/public/:practiceSlug/booking/start', summary: 'Réservation en ligne, étape 1 : identité et envoi d’un code à usage unique', tags,
      params: slugParam,
      body: identityBody,
      status: 202,
      rateLimit: 5,
      response: bookingStarted,
      async handler({ db, params, body, req }) {
        const p = await practiceBySlug(db, params.practiceSlug);
        const s = await notificationSettings(db, p.id);
        if (!s.onlineBookingEnabled) throw new AppError('forbidden', undefined, { fr: 'La prise de rendez-vous en ligne est fermée pour ce cabinet.', en: 'Online booking is closed for this practice.' });
        const channel = body.channel ?? (body.phone ? 'sms' : 'email');
        const destination = channel === 'sms' ? (body.phone ? toE164(body.phone) : undefined) : body.email?.toLowerCase();
        if (!destination) throw new AppError('validation_failed', [{ field: channel === 'sms' ? 'phone' : 'email', message: channel === 'sms' ? M.mobileRequired : M.emailRequired }]);
        const checked = checkIdentity({ birthName: body.birthName, firstName: body.firstName, givenNames: body.firstName, birthDate: body.birthDate, sex: body.sex });
        if (!checked.ok) throw new AppError('validation_failed', checked.issues.map((i) => ({ field: i.field, message: { fr: i.fr, en: i.en } })));
        return sendBookingCode(db, p, body, channel, destination, ipOf(req));
      },
    }),

    publicRoute({
      access: 'public',
      method: 'POST', url: '/api/public/:practiceSlug/booking/confirm', summary: 'Réservation en ligne, étape 2 : code + créneau choisi → rendez-vous et lien de gestion', tags,
      params: slugParam,
      body: bookingConfirmBody,
      status: 201,
      rateLimit: 20,
      // No word on whether a file was found: the answer is the same for a person on file and a newcomer (the desk
      // sees it in the audit entry and in « créé en ligne »).
      response: managedAppointment,
      async handler({ db, params, body, req }) {
        const p = await practiceBySlug(db, params.practiceSlug);
        const ip = ipOf(req);
        // The code check commits its attempt counter on its own.
        const v = await checkBookingCode(db, p.id, body.verificationId, body.code, ip);
        if (!v.ok) {
          throw new AppError('unprocessable', [{ field: 'code', message: v.reason === 'wrong' ? M.wrongCode : M.codeExpired, reason: v.reason }], {
            fr: v.reason === 'wrong' ? 'Code incorrect.' : 'Ce code a expiré ou a déjà servi : demandez-en un nouveau.',
            en: v.reason === 'wrong' ? 'Wrong code.' : 'This code has expired or was already used: ask for a new one.',
          });
        }
        const ident = v.row.identity as unknown as z.output<typeof identityBody> & { channel: 'sms' | 'email' };
        const s = await notificationSettings(db, p.id);
        if (body.start.getTime() < clock.nowMs() + s.onlineMinNoticeMinutes * 60_000) {
          throw new AppError('unprocessable', [{ field: 'start', message: M.onlineTooLate, reason: 'too_late' }]);
        }
        const motif = (await onlineMotifs(db, p.id)).find((m) => m.id === body.motifId);
        if (!motif) throw new AppError('unprocessable', [{ field: 'motifId', message: M.notBookableOnline }]);
        const result = await confirmOnlineBooking(db, p.id, { id: v.row.id, identity: ident }, { practitionerId: body.practitionerId, motifId: motif.id, start: body.start, consentReminders: body.consentReminders }, s, ip);
        const { row, dto } = await viewOf(db, result.id);
        const link = await manageLinkFor(db, deps, row, s.manageDeadlineMinutes);
        return { appointment: dto, manageToken: link?.token ?? null, manageUrl: link?.url ?? null, manageDeadline: link?.deadline.toISOString() ?? null };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'GET', url: '/api/public/manage/:token', summary: 'Lien signé : voir son rendez-vous (déplacement / annulation jusqu’à l’échéance)', tags,
      params: tokenParam,
      rateLimit: 60,
      response: manageView,
      async handler({ db, params, req }) {
        const t = await manageTarget(db, deps.keyring, params.token);
        await auditPublic(db, t.row.practice_id, ipOf(req), [{ action: 'appointment.viewed_online', resourceType: 'appointment', resourceId: t.row.id }]);
        return { appointment: t.dto, practice: { name: t.row.practice_name, slug: t.row.slug, timeZone: t.row.timezone }, canChange: t.canChange, deadline: t.deadline.toISOString() };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'GET', url: '/api/public/manage/:token/slots', summary: 'Lien signé : créneaux proposés pour déplacer le rendez-vous', tags,
      params: tokenParam,
      query: manageSlotsQuery,
      rateLimit: 60,
      response: publicSlots,
      async handler({ db, params, query }) {
        const t = await manageTarget(db, deps.keyring, params.token);
        if (!t.canChange || !t.row.appointment_type_id) return { slots: [] };
        return { slots: await onlineSlots(db, t.row.practice_id, t.row.appointment_type_id, t.row.practitioner_id, query.from, query.limit, t.settings.onlineMinNoticeMinutes) };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'POST', url: '/api/public/manage/:token', summary: 'Lien signé : annuler ou déplacer son rendez-vous', tags,
      params: tokenParam,
      body: manageBody,
      rateLimit: 20,
      response: managedAppointment,
      async handler({ db, params, body, req }) {
        const t = await manageTarget(db, deps.keyring, params.token);
        if (!t.canChange) throw new AppError('unprocessable', [{ field: 'token', message: M.onlineChangeDeadline, reason: 'deadline' }]);
        await changeManagedAppointment(db, t, body, ipOf(req));
        const { row, dto } = await viewOf(db, t.row.id);
        const link = body.action === 'move' ? await manageLinkFor(db, deps, row, t.settings.manageDeadlineMinutes) : null;
        return { appointment: dto, manageToken: link?.token ?? null, manageUrl: link?.url ?? null, manageDeadline: link?.deadline.toISOString() ?? null };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'GET', url: '/api/public/offers/:token', summary: 'Liste d’attente : voir la proposition de créneau', tags,
      params: tokenParam,
      rateLimit: 60,
      response: offerDto,
      async handler({ db, params }) {
        const check = verifyLink(await linkKey(db, deps.keyring), 'o', params.token);
        if (!check.ok) throw new AppError('not_found', undefined, { fr: 'Cette proposition n’est plus valable.', en: 'This offer is no longer valid.' });
        const o = await offerView(db, check.id);
        if (!o) throw new AppError('not_found');
        return { offer: { status: o.status, start: new Date(o.starts_at).toISOString(), end: new Date(o.ends_at).toISOString(), expiresAt: new Date(o.expires_at).toISOString(), practitionerName: o.practitioner_name, motifName: o.motif_name, practiceName: o.practice_name, timeZone: o.timezone } };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'POST', url: '/api/public/offers/:token', summary: 'Liste d’attente : accepter (premier arrivé, premier servi) ou refuser', tags,
      params: tokenParam,
      body: offerAnswerBody,
      rateLimit: 20,
      response: offerAnswered,
      async handler({ db, params, body, req }) {
        const check = verifyLink(await linkKey(db, deps.keyring), 'o', params.token);
        if (!check.ok) throw new AppError('not_found', undefined, { fr: 'Cette proposition n’est plus valable.', en: 'This offer is no longer valid.' });
        if (body.action === 'decline') {
          await declineOffer(db, check.id, ipOf(req));
          return { status: 'declined' as const, appointment: null, manageToken: null, manageUrl: null };
        }
        const r = await acceptOffer(db, check.id, ipOf(req));
        const { dto, row } = await viewOf(db, r.appointmentId);
        const s = await notificationSettings(db, row.practice_id);
        const link = await manageLinkFor(db, deps, row, s.manageDeadlineMinutes);
        return { status: 'accepted' as const, appointment: dto, manageToken: link?.token ?? null, manageUrl: link?.url ?? null };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'GET', url: '/ical/:token.ics', summary: 'Flux iCalendar privé d’un praticien (RFC 5545)', tags,
      params: tokenParam,
      rateLimit: 60,
      raw: true,
      async handler({ db, params, reply }) {
        const token = params.token.replace(/\.ics$/, '');
        const text = await icalFeedText(db, token);
        if (text === undefined) throw new AppError('not_found');
        reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(text);
        return undefined;
      },
    }),

    // The links sent by e-mail and SMS are plain paths (`PIVOT_PUBLIC_URL/rendez-vous/<token>`); the web app
    // routes by the URL fragment. Redirect to it, without caching and without a Referer carrying the token.
    ...(['rendez-vous', 'liste-attente'] as const).map((page) =>
      publicRoute({
        access: 'public',
        method: 'GET', url: `/${page}/:token`, summary: page === 'rendez-vous' ? 'Lien envoyé au patient : gérer son rendez-vous (redirige vers la page)' : 'Lien envoyé au patient : proposition de la liste d’attente (redirige vers la page)', tags,
        params: z.object({ token: z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+$/) }),
        rateLimit: 60,
        raw: true,
        async handler({ params, reply }) {
          reply.code(302).header('location', `/#/${page}/${encodeURIComponent(params.token)}`).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send();
          return undefined;
        },
      }),
    ),
  ];
}
