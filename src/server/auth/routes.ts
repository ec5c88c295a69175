import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { publicRoute, route, type RouteDef } from '../platform/http/route.js';
import { PASSWORD_MAX_LENGTH } from './passwords.js';
import { SESSION_COOKIE, deleteSession } from './sessions.js';
import { login, type AuthDeps } from './service.js';
import { describeMe, switchPractice } from './account.service.js';
import { changePassword, confirmPasswordReset, logoutEverywhere, requestPasswordReset } from './passwords.service.js';
import { disableTotp, enableTotp, startTotpSetup } from './totp.service.js';
import { clock } from '../platform/clock.js';
import { loginResultSchema, meSchema, totpSetupSchema } from './contract.js';

export { meSchema } from './contract.js';

const password = z.string().min(1).max(PASSWORD_MAX_LENGTH);

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    path: '/',
    // Relative, not an absolute date: the browser compares it with its own clock, which may differ from the
    // server's (a desk PC set wrong, or the simulated clock of tests and demos).
    maxAge: Math.max(0, Math.round((expiresAt.getTime() - clock.nowMs()) / 1000)),
  });
}

export function authRoutes(deps: AuthDeps & { loginRateLimit: number }): RouteDef[] {
  return [
    publicRoute({
      method: 'POST',
      url: '/api/auth/login',
      summary: 'Se connecter (e-mail, mot de passe, code 2FA) ; renvoie un jeton utilisable en « Authorization: Bearer »',
      tags: ['auth'],
      access: 'public',
      rateLimit: deps.loginRateLimit,
      body: z.object({
        email: z.string().trim().min(3).max(254),
        password,
        totp: z.string().trim().min(6).max(20).optional(),
        practice: z.string().trim().min(1).max(100).optional(),
      }),
      response: loginResultSchema,
      async handler({ body, req, reply }) {
        const result = await login(deps, { ...body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
        setSessionCookie(req, reply, result.token, result.expiresAt);
        return {
          token: result.token,
          expiresAt: result.expiresAt.toISOString(),
          practiceId: result.practiceId,
          mfaEnrollmentRequired: result.mfaEnrollmentRequired,
        };
      },
    }),
    route({
      method: 'POST',
      url: '/api/auth/logout',
      summary: 'Se déconnecter (cette session)',
      tags: ['auth'],
      access: { roles: 'any' },
      allowDuringMfaEnrollment: true,
      status: 204,
      audit: { action: 'auth.logout', resourceType: 'account' },
      async handler({ ctx, tx, reply }) {
        await deleteSession(tx, ctx.sessionId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      },
    }),
    route({
      method: 'POST',
      url: '/api/auth/logout-all',
      summary: 'Se déconnecter partout (toutes les sessions et jetons du compte)',
      tags: ['auth'],
      access: { roles: 'any' },
      allowDuringMfaEnrollment: true,
      status: 204,
      audit: 'none', // logoutEverywhere records the event with the number of sessions ended
      async handler({ ctx, tx, reply }) {
        await logoutEverywhere(tx, ctx);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      },
    }),
    route({
      method: 'GET',
      url: '/api/me',
      summary: 'Mon compte, le cabinet courant et mes cabinets avec mes rôles',
      tags: ['auth'],
      access: { roles: 'any' },
      allowDuringMfaEnrollment: true,
      response: meSchema,
      audit: 'none',
      handler: ({ ctx, tx }) => describeMe(tx, ctx, deps.mailer.smtpConfigured, deps.pool),
    }),
    route({
      method: 'PATCH',
      url: '/api/me',
      summary: 'Modifier mon nom affiché ou ma langue',
      tags: ['auth'],
      access: { roles: 'any' },
      allowDuringMfaEnrollment: true,
      body: z.object({ displayName: z.string().trim().min(1).max(200).optional(), language: z.enum(['fr', 'en']).optional() }),
      response: meSchema,
      audit: { action: 'account.updated', resourceType: 'account', resourceId: (_p, r) => r.account.id },
      async handler({ ctx, tx, body }) {
        const set = { ...(body.displayName ? { display_name: body.displayName } : {}), ...(body.language ? { language: body.language } : {}) };
        if (Object.keys(set).length) await tx.updateTable('accounts').set(set).where('id', '=', ctx.accountId).execute();
        return describeMe(tx, ctx, deps.mailer.smtpConfigured);
      },
    }),
    route({
      method: 'POST',
      url: '/api/auth/switch-practice',
      summary: 'Changer de cabinet pour cette session',
      tags: ['auth'],
      access: { roles: 'any' },
      allowDuringMfaEnrollment: true,
      body: z.object({ practiceId: z.uuid() }),
      response: meSchema,
      audit: 'none', // switchPractice records it
      async handler({ ctx, tx, body }) {
        const next = await switchPractice(tx, ctx, body.practiceId);
        return describeMe(tx, next, deps.mailer.smtpConfigured);
      },
    }),
    route({
      method: 'POST',
      url: '/api/auth/password/change',
      summary: 'Changer mon mot de passe (les autres sessions sont fermées)',
      tags: ['auth'],
      access: { roles: 'any' },
      allowDuringMfaEnrollment: true,
      status: 204,
      body: z.object({ currentPassword: password, newPassword: password }),
      audit: 'none',
      handler: ({ ctx, tx, body }) => changePassword(tx, ctx, body.currentPassword, body.newPassword),
    }),
    publicRoute({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      summary: 'Demander un lien de réinitialisation du mot de passe (réponse identique que l’adresse soit connue ou non)',
      tags: ['auth'],
      access: 'public',
      rateLimit: 10,
      status: 202,
      body: z.object({ email: z.string().trim().min(3).max(254) }),
      response: z.object({ status: z.literal('accepted') }),
      async handler({ body, req }) {
        await requestPasswordReset(deps, body.email, req.ip);
        return { status: 'accepted' as const };
      },
    }),
    publicRoute({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      summary: 'Choisir un nouveau mot de passe avec le lien reçu (réinitialisation ou invitation)',
      tags: ['auth'],
      access: 'public',
      rateLimit: 20,
      status: 204,
      body: z.object({ token: z.string().min(10).max(200), password }),
      handler: ({ db, body, req }) => confirmPasswordReset(db, body.token, body.password, req.ip),
    }),
    route({
      method: 'POST',
      url: '/api/auth/totp/setup',
      summary: 'Double authentification : générer le secret et le QR code',
      tags: ['auth'],
      access: { roles: 'any' },
      allowDuringMfaEnrollment: true,
      response: totpSetupSchema,
      audit: 'none',
      handler: ({ ctx, tx }) => startTotpSetup(deps, tx, ctx),
    }),
    route({
      method: 'POST',
      url: '/api/auth/totp/enable',
      summary: 'Double authentification : activer avec un premier code ; renvoie les codes de secours',
      tags: ['auth'],
      access: { roles: 'any' },
      allowDuringMfaEnrollment: true,
      body: z.object({ code: z.string().trim().min(6).max(10) }),
      response: z.object({ recoveryCodes: z.array(z.string()) }),
      audit: 'none',
      handler: ({ ctx, tx, body }) => enableTotp(deps, tx, ctx, body.code),
    }),
    route({
      method: 'POST',
      url: '/api/auth/totp/disable',
      summary: 'Double authentification : désactiver (mot de passe et code exigés)',
      tags: ['auth'],
      access: { roles: 'any' },
      status: 204,
      body: z.object({ password, code: z.string().trim().min(6).max(10) }),
      audit: 'none',
      handler: ({ ctx, tx, body }) => disableTotp(deps, tx, ctx, body.password, body.code),
    }),
  ];
}
