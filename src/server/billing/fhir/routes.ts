import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { route, STAFF, type RouteDef } from '../../platform/http/route.js';
import { billingRecordOr404, billingRecords, type BillingSearch } from './fhir.service.js';
import { fhirChargeItem, fhirInvoice, parseChargeItemId, type BillingRecord } from './resources.js';

/**
 * FHIR R4 read endpoints of a consultation's billing (docs/billing.md « FHIR »): ChargeItem (one per act) and
 * Invoice, read and searched by patient, consultation (ChargeItem `context`) or practitioner. Read-only: invoices
 * are made by the desk. Same rights as the ledger (access.ts): the desk reads the practice's invoices, a
 * practitioner their own; anything else answers 404 (OperationOutcome, platform) or no match.
 */
const tags = ['fhir'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ref = z.string().max(200).optional();
const count = z.coerce.number().int().min(0).max(500).default(50);
const resource = (type: string) => z.looseObject({ resourceType: z.literal(type) });
const bundle = z.looseObject({ resourceType: z.literal('Bundle') });

/** A reference search value (`Type/id` or `id`, one of `types`) → the id; undefined when it cannot match anything. */
function refId(value: string, types: readonly string[]): string | undefined {
  const slash = value.lastIndexOf('/');
  const type = slash >= 0 ? value.slice(0, slash).split('/').pop()! : null;
  const id = value.slice(slash + 1);
  if (type !== null && !types.includes(type)) return undefined;
  return UUID.test(id) ? id.toLowerCase() : undefined;
}

function bundleOf(req: FastifyRequest, type: string, resources: { id: string }[]) {
  const base = `${req.protocol}://${req.headers.host ?? 'localhost'}/fhir/R4`;
  return {
    resourceType: 'Bundle' as const,
    type: 'searchset',
    total: resources.length,
    link: [{ relation: 'self', url: `${base}${req.url.replace(/^\/fhir\/R4/, '')}` }],
    entry: resources.map((r) => ({ fullUrl: `${base}/${type}/${r.id}`, resource: r, search: { mode: 'match' } })),
  };
}

/** The search's filters from its parameters; null when a parameter cannot match any of our records. */
function searchOf(q: { patient?: string | undefined; subject?: string | undefined; context?: string | undefined; participant?: string | undefined; _count: number }): BillingSearch | null {
  const s: BillingSearch = { count: q._count };
  for (const v of [q.patient, q.subject]) {
    if (v === undefined) continue;
    const id = refId(v, ['Patient']);
    if (!id || (s.patientId && s.patientId !== id)) return null;
    s.patientId = id;
  }
  if (q.context !== undefined) {
    const id = refId(q.context, ['Appointment', 'Encounter']);
    if (!id) return null;
    s.appointmentId = id;
  }
  if (q.participant !== undefined) {
    const id = refId(q.participant, ['Practitioner']);
    if (!id) return null;
    s.practitionerId = id;
  }
  return s;
}

type SearchParams = { patient?: typeof ref; subject?: typeof ref; context?: typeof ref; participant?: typeof ref };

/** A search of invoices, answered as a searchset of `type` built from the records found. */
function searchRoute(type: string, summary: string, params: SearchParams, toResources: (records: BillingRecord[], count: number) => { id: string }[]): RouteDef {
  return route({
    method: 'GET', url: `/fhir/R4/${type}`, summary, tags,
    access: STAFF,
    query: z.object({ ...params, _count: count }),
    response: bundle,
    audit: { action: 'billing.invoices.searched', resourceType: 'billing_invoice', details: (_p, r) => ({ fhir: type, results: Number(r.total ?? 0) }) },
    async handler({ ctx, tx, query, req }) {
      const s = searchOf(query as Parameters<typeof searchOf>[0]); // every declared parameter is an optional string
      return bundleOf(req, type, toResources(s ? await billingRecords(tx, ctx, s) : [], query._count));
    },
  });
}

export function billingFhirRoutes(): RouteDef[] {
  return [
    searchRoute('ChargeItem', 'FHIR : actes facturés (ChargeItem) d’un patient ou d’une consultation (patient, subject, context = Appointment/<id>)',
      { patient: ref, subject: ref, context: ref }, (records, count) => records.flatMap((r) => r.lines.map((l) => fhirChargeItem(r, l))).slice(0, count)),
    route({
      method: 'GET', url: '/fhir/R4/ChargeItem/:id', summary: 'FHIR : lire un acte facturé (ChargeItem, id = <facture>-<n° de ligne>)', tags,
      access: STAFF,
      params: z.object({ id: z.string().max(64) }),
      response: resource('ChargeItem'),
      audit: { action: 'billing.invoice.read', resourceType: 'billing_invoice', resourceId: (p) => parseChargeItemId(p.id)?.invoiceId ?? p.id, details: (p) => ({ fhir: 'ChargeItem', chargeItem: p.id }) },
      async handler({ ctx, tx, params }) {
        const parsed = parseChargeItemId(params.id);
        if (!parsed) throw new AppError('not_found');
        const r = await billingRecordOr404(tx, ctx, parsed.invoiceId);
        const line = r.lines.find((l) => l.position === parsed.position);
        if (!line) throw new AppError('not_found');
        return fhirChargeItem(r, line);
      },
    }),
    searchRoute('Invoice', 'FHIR : notes d’honoraires (Invoice) d’un patient ou d’un praticien (patient, subject, participant)',
      { patient: ref, subject: ref, participant: ref }, (records) => records.map(fhirInvoice)),
    route({
      method: 'GET', url: '/fhir/R4/Invoice/:id', summary: 'FHIR : lire la note d’honoraires d’une consultation (Invoice : lignes, parts AMO/AMC/patient, tiers payant)', tags,
      access: STAFF,
      params: z.object({ id: z.string().max(64) }),
      response: resource('Invoice'),
      audit: { action: 'billing.invoice.read', resourceType: 'billing_invoice', resourceId: (p) => p.id, details: () => ({ fhir: 'Invoice' }) },
      async handler({ ctx, tx, params }) {
        if (!UUID.test(params.id)) throw new AppError('not_found');
        return fhirInvoice(await billingRecordOr404(tx, ctx, params.id.toLowerCase()));
      },
    }),
  ];
}
