import { z } from 'zod';
import { route, ADMINS, ADMINS_AND_SECRETARIES, type RouteDef } from '../platform/http/route.js';
import type { Keyring } from '../platform/security/keyring.js';
import { PROBE_REASONS } from './mailbox-probe.js';
import { getMailbox, requestPoll, setMailbox, testMailbox } from './mailbox.service.js';

/** The practice mailbox read over IMAP: its settings (administrator) and « read it now ». The password never comes back. */
const tags = ['correspondence'];
const mailboxOut = z.object({
  host: z.string(), port: z.number().int(), secure: z.boolean(), username: z.string(), mailbox: z.string(), pollMinutes: z.number().int(), enabled: z.boolean(),
  lastPolledAt: z.string().nullable(), lastError: z.string().nullable(), lastReceived: z.number().int(),
});
const mailboxIn = z.object({
  host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.-]+$|^\[?[0-9a-fA-F:.]+\]?$/, 'Nom d’hôte invalide'),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  username: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(500).optional(),
  mailbox: z.string().trim().min(1).max(200).default('INBOX'),
  pollMinutes: z.number().int().min(1).max(1440).default(5),
  enabled: z.boolean().default(true),
});

export function mailboxRoutes(deps: { keyring: Keyring }): RouteDef[] {
  return [
    route({
      method: 'GET', url: '/api/correspondence/mailbox', summary: 'Boîte aux lettres IMAP du cabinet : réglages et dernière lecture (sans le mot de passe)', tags, access: ADMINS,
      response: z.object({ mailbox: mailboxOut.nullable() }),
      audit: 'none', // settings only
      handler: async ({ ctx, tx }) => ({ mailbox: await getMailbox(tx, ctx.practiceId) }),
    }),
    route({
      method: 'PUT', url: '/api/correspondence/mailbox', summary: 'Régler la boîte aux lettres IMAP lue dans le registre (lue aussitôt, puis toutes les N minutes)', tags, access: ADMINS,
      body: mailboxIn,
      response: z.object({ saved: z.literal(true) }),
      audit: 'none', // setMailbox records correspondence.mailbox_set (without the password)
      async handler({ ctx, tx, body }) {
        await setMailbox(tx, ctx, deps.keyring, body);
        return { saved: true as const };
      },
    }),
    route({
      method: 'POST', url: '/api/correspondence/mailbox/test', summary: 'Tester la connexion à la boîte aux lettres IMAP (réglages de l’écran, enregistrés ou non) sans lire de message', tags, access: ADMINS,
      body: mailboxIn,
      response: z.object({ ok: z.boolean(), messages: z.number().int().nullable(), reason: z.enum(PROBE_REASONS).nullable(), detail: z.string().nullable() }),
      audit: 'none', // testMailbox records correspondence.mailbox_tested (without the password)
      async handler({ ctx, tx, body }) {
        const r = await testMailbox(tx, ctx, deps.keyring, body);
        return r.ok ? { ok: true, messages: r.messages, reason: null, detail: null } : { ok: false, messages: null, reason: r.reason, detail: r.detail };
      },
    }),
    route({
      method: 'POST', url: '/api/correspondence/mailbox/poll', summary: 'Lire la boîte aux lettres IMAP maintenant', tags, access: ADMINS_AND_SECRETARIES, status: 202,
      response: z.object({ queued: z.boolean() }),
      audit: 'none', // queues a job; items are audited when registered
      async handler({ ctx, tx }) {
        await requestPoll(tx, ctx.practiceId);
        return { queued: true };
      },
    }),
  ];
}
