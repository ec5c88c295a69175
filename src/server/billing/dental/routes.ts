import { z } from 'zod';
import { route, STAFF, idParams, patientRecordAudit, type RouteDef } from '../../platform/http/route.js';
import { billActSchema, dentalQuoteSummarySchema, dentalQuoteViewSchema, newDentalQuoteSchema, signSchema } from './contract.js';
import { DENTAL_ACTS, dentalActOn } from './catalogue.js';
import { billDoneAct } from './bill.service.js';
import { quotePdf } from './pdf.service.js';
import { createQuote, dentists, listQuotes, moveQuote, practiceToday, quoteView, signQuote, updateDraft } from './quotes.service.js';
import { isoDay } from '../contract.js';

/**
 * Dental quotes (docs/billing-dental.md). Thin: the rules are in rules.ts and the services. The desk
 * (secretaries, admins) for every dentist of the practice, a dentist for their own quotes (404 otherwise); every
 * read and write is audited with the patient.
 */
const view = z.object({ quote: dentalQuoteViewSchema });
const audited = patientRecordAudit('dental_quote', (r: { quote: { patient: { id: string } } }) => r.quote.patient.id);
const catalogueRow = z.object({ code: z.string(), kind: z.enum(['tooth', 'global']), label: z.string(), material: z.string(), basket: z.string(), positions: z.array(z.number().int()), baseCents: z.number().int(), ceilingCents: z.number().int().nullable(), unverified: z.string().nullable() });

export function billingDentalRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/billing/dental-quotes/catalogue',
      summary: 'Les prothèses dentaires (CCAM) en vigueur à une date : panier, base, plafond, dents ; et les chirurgiens-dentistes pour qui l’on peut établir un devis',
      tags: ['billing'],
      access: STAFF,
      query: z.object({ date: isoDay.optional() }),
      response: z.object({ acts: z.array(catalogueRow), dentists: z.array(z.object({ id: z.uuid(), name: z.string() })) }),
      audit: 'none', // public tariff data, no patient
      async handler({ ctx, tx, query }) {
        const date = query.date ?? (await practiceToday(tx, ctx.practiceId)).today;
        const codes = [...new Set(DENTAL_ACTS.map((r) => r.code))];
        const rows = codes.map((c) => dentalActOn(c, date)).filter((r) => r !== undefined);
        return { dentists: await dentists(tx, ctx), acts: rows.map((r) => ({ code: r.code, kind: r.kind, label: r.label, material: r.material, basket: r.basket, positions: [...r.positions], baseCents: r.baseCents, ceilingCents: r.ceilingCents, unverified: r.unverified ?? null })) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/billing/dental-quotes',
      summary: 'Les devis dentaires, par patient ou par praticien',
      tags: ['billing'],
      access: STAFF,
      query: z.object({ patientId: z.uuid().optional(), practitionerId: z.uuid().optional() }),
      response: z.object({ quotes: z.array(dentalQuoteSummarySchema) }),
      audit: 'none', // recorded below with the patient or practitioner listed
      async handler({ ctx, tx, query }) {
        ctx.audit({ action: 'billing.dental_quote.listed', resourceType: query.patientId ? 'patient' : 'practice', resourceId: query.patientId ?? ctx.practiceId, details: { practitionerId: query.practitionerId ?? null } });
        return { quotes: await listQuotes(tx, ctx, query) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/billing/dental-quotes',
      summary: 'Établir un devis dentaire (brouillon) : actes CCAM, dents, paniers, matériaux, lieu de fabrication, honoraires, alternative obligatoire',
      tags: ['billing'],
      access: STAFF,
      status: 201,
      body: newDentalQuoteSchema,
      response: view,
      audit: 'none', // createQuote records billing.dental_quote.created
      async handler({ ctx, tx, body }) {
        const id = await createQuote(tx, ctx, body);
        return { quote: await quoteView(tx, ctx, id) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/billing/dental-quotes/:id',
      summary: 'Un devis dentaire, ses actes, ses totaux, sa signature et les actes facturés',
      tags: ['billing'],
      access: STAFF,
      params: idParams,
      response: view,
      audit: audited('billing.dental_quote.read'),
      async handler({ ctx, tx, params }) {
        return { quote: await quoteView(tx, ctx, params.id) };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/billing/dental-quotes/:id',
      summary: 'Modifier un devis en brouillon (un devis présenté ou signé ne se modifie pas : 409)',
      tags: ['billing'],
      access: STAFF,
      params: idParams,
      body: newDentalQuoteSchema,
      response: view,
      audit: 'none', // updateDraft records billing.dental_quote.updated
      async handler({ ctx, tx, params, body }) {
        await updateDraft(tx, ctx, params.id, body);
        return { quote: await quoteView(tx, ctx, params.id) };
      },
    }),
    ...(['presented', 'refused', 'expired'] as const).map((to) =>
      route({
        method: 'POST',
        url: `/api/billing/dental-quotes/:id/${to === 'presented' ? 'present' : to === 'refused' ? 'refuse' : 'expire'}`,
        summary: to === 'presented' ? 'Présenter le devis au patient' : to === 'refused' ? 'Le patient refuse le devis' : 'Le devis a expiré sans signature',
        tags: ['billing'],
        access: STAFF,
        params: idParams,
        response: view,
        audit: 'none' as const, // moveQuote records billing.dental_quote.<state>
        async handler({ ctx, tx, params }) {
          await moveQuote(tx, ctx, params.id, to);
          return { quote: await quoteView(tx, ctx, params.id) };
        },
      }),
    ),
    route({
      method: 'POST',
      url: '/api/billing/dental-quotes/:id/sign',
      summary: 'Signature du patient : à l’écran (PNG) ou devis papier signé numérisé ; le devis devient inchangeable',
      tags: ['billing'],
      access: STAFF,
      params: idParams,
      body: signSchema,
      bodyLimit: 16 * 1024 * 1024,
      response: view,
      audit: 'none', // signQuote records billing.dental_quote.signed with the hash
      async handler({ ctx, tx, params, body }) {
        await signQuote(tx, ctx, params.id, body);
        return { quote: await quoteView(tx, ctx, params.id) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/billing/dental-quotes/:id/acts/:position/bill',
      summary: 'Facturer un acte réalisé d’un devis signé : une facture liée au devis, à l’honoraire signé',
      tags: ['billing'],
      access: STAFF,
      params: z.object({ id: z.uuid(), position: z.coerce.number().int().min(1).max(40) }),
      body: billActSchema,
      status: 201,
      response: z.object({ invoiceId: z.uuid(), quote: dentalQuoteViewSchema }),
      audit: 'none', // billDoneAct records billing.invoice.created and billing.dental_quote.act_billed
      async handler({ ctx, tx, params, body }) {
        const invoiceId = await billDoneAct(tx, ctx, params.id, params.position, body);
        return { invoiceId, quote: await quoteView(tx, ctx, params.id) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/billing/dental-quotes/:id/pdf',
      summary: 'Le devis dentaire en PDF, avec les mentions du devis type',
      tags: ['billing'],
      access: STAFF,
      params: idParams,
      raw: true,
      audit: { action: 'billing.dental_quote.printed', resourceType: 'dental_quote', resourceId: (p) => p.id },
      async handler({ ctx, tx, params, reply }) {
        const doc = await quotePdf(tx, ctx, params.id);
        ctx.audit({ action: 'billing.dental_quote.read', resourceType: 'patient', resourceId: doc.patientId, details: { quoteId: params.id } });
        ctx.afterCommit(async () => {
          reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${doc.fileName}"`).send(doc.pdf);
        });
      },
    }),
  ];
}
