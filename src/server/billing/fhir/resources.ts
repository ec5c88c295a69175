/**
 * A consultation's billing as FHIR R4 (docs/billing.md « FHIR »): one ChargeItem per act of the invoice and one
 * Invoice. Pure: the records come from fhir.service.ts.
 *
 * Code systems. CCAM codes carry the ANS terminology URI `https://smt.esante.gouv.fr/terminologie-ccam` (the
 * system of the ANS's FR Document Core value set « Codes d'actes »). The NGAP has no FHIR CodeSystem published by
 * the ANS or Interop'Santé that we could find, so its letters (G, MEG, APC…) carry Pivot's own URI
 * `https://pivot.local/fhir/CodeSystem/ngap`, to be replaced when an official one exists. A code is CCAM when it
 * has the CCAM form (4 letters, 3 digits), NGAP otherwise.
 *
 * Shares. The AMO, AMC and patient shares and the participation forfaitaire are Invoice.totalPriceComponent
 * entries of type `informational` coded in `…/CodeSystem/billing-share`; what the tiers payant takes off the
 * desk is a `deduction` (same code system). totalGross is the fees, totalNet what the desk collects:
 * totalNet = totalGross − deductions.
 */
export const PIVOT_FHIR = 'https://pivot.local/fhir';
export const NGAP_SYSTEM = `${PIVOT_FHIR}/CodeSystem/ngap`;
export const CCAM_SYSTEM = 'https://smt.esante.gouv.fr/terminologie-ccam';
export const SHARE_SYSTEM = `${PIVOT_FHIR}/CodeSystem/billing-share`;
export const RECEIPT_SYSTEM = `${PIVOT_FHIR}/sid/receipt`;
/** IDNPS of a doctor: '8' + RPPS (the agenda's Practitioner resources use the same). */
export const RPPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

export interface BillingRecord {
  id: string;
  careDate: string;
  createdAt: Date;
  sector: string;
  tiersPayant: 'none' | 'amo' | 'amo_amc';
  amounts: { total: number; amo: number; amc: number; patient: number; pf: number; dueAtDesk: number; paid: number };
  patient: { id: string; name: string };
  practitioner: { id: string; name: string; rpps: string };
  appointment: { id: string; start: Date; end: Date } | null;
  lines: { position: number; code: string; label: string; tariffCents: number; feeCents: number }[];
  payments: { method: string; amountCents: number; receivedAt: Date }[];
  receipts: { number: string; kind: 'receipt' | 'credit_note'; cancelled: boolean }[];
}

const isCcam = (code: string) => /^[A-Z]{4}\d{3}$/.test(code);
const money = (cents: number) => ({ value: cents / 100, currency: 'EUR' });
const euros = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;
const METHOD_FR: Record<string, string> = { cash: 'espèces', card: 'carte', cheque: 'chèque', transfer: 'virement' };

export const chargeItemId = (invoiceId: string, position: number) => `${invoiceId}-${position}`;
/** `<invoice uuid>-<position>` → its parts; null when it cannot be one of ours. */
export function parseChargeItemId(id: string): { invoiceId: string; position: number } | null {
  const m = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-(\d{1,3})$/i.exec(id);
  return m ? { invoiceId: m[1]!.toLowerCase(), position: Number(m[2]) } : null;
}

export function actConcept(code: string, label: string) {
  return { coding: [{ system: isCcam(code) ? CCAM_SYSTEM : NGAP_SYSTEM, code, display: label }], text: label };
}

const patientRef = (r: BillingRecord) => ({ reference: `Patient/${r.patient.id}`, display: r.patient.name });
const practitionerRef = (r: BillingRecord) => ({
  reference: `Practitioner/${r.practitioner.id}`,
  type: 'Practitioner',
  identifier: { system: RPPS_SYSTEM, value: `8${r.practitioner.rpps}` },
  display: r.practitioner.name,
});

/** The consultation, contained: R4 ChargeItem.context is an Encounter, and Pivot's consultation is an Appointment. */
function encounter(r: BillingRecord) {
  const a = r.appointment!;
  return {
    resourceType: 'Encounter' as const,
    id: 'consultation',
    status: 'finished',
    class: { system: ACT_CODE, code: 'AMB', display: 'ambulatory' },
    subject: patientRef(r),
    participant: [{ individual: practitionerRef(r) }],
    appointment: [{ reference: `Appointment/${a.id}` }],
    period: { start: a.start.toISOString(), end: a.end.toISOString() },
  };
}

export function fhirChargeItem(r: BillingRecord, line: BillingRecord['lines'][number]) {
  const depassement = line.feeCents - line.tariffCents;
  return {
    resourceType: 'ChargeItem' as const,
    id: chargeItemId(r.id, line.position),
    meta: { lastUpdated: r.createdAt.toISOString() },
    ...(r.appointment ? { contained: [encounter(r)] } : {}),
    status: 'billed',
    code: actConcept(line.code, line.label),
    subject: patientRef(r),
    ...(r.appointment ? { context: { reference: '#consultation' } } : {}),
    occurrenceDateTime: r.appointment ? r.appointment.start.toISOString() : r.careDate,
    performer: [{ actor: practitionerRef(r) }],
    quantity: { value: 1 },
    // The fee the practitioner charged: the tarif opposable, or above it with a dépassement.
    priceOverride: money(line.feeCents),
    ...(depassement > 0 ? { overrideReason: `Dépassement d’honoraires de ${euros(depassement)} sur le tarif opposable de ${euros(line.tariffCents)}` } : {}),
    enteredDate: r.createdAt.toISOString(),
  };
}

function status(r: BillingRecord): 'issued' | 'balanced' {
  return r.amounts.paid >= r.amounts.dueAtDesk ? 'balanced' : 'issued';
}

function shares(r: BillingRecord) {
  const a = r.amounts;
  const share = (code: string, display: string, cents: number, type: 'informational' | 'deduction' = 'informational') => ({
    type,
    code: { coding: [{ system: SHARE_SYSTEM, code, display }], text: display },
    amount: money(cents),
  });
  const out = [
    share('amo', 'Part Assurance Maladie obligatoire (AMO)', a.amo),
    share('amc', 'Part complémentaire (AMC)', a.amc),
    share('patient', 'Part du patient (reste à charge)', a.patient),
    share('participation-forfaitaire', 'Participation forfaitaire (comprise dans la part du patient)', a.pf),
  ];
  // What the tiers payant keeps away from the desk: the AMO pays its share before the participation forfaitaire
  // (recovered later from the patient), the mutuelle its own in the tiers payant intégral.
  if (r.tiersPayant !== 'none') out.push(share('tiers-payant-amo', 'Tiers payant : part AMO réglée par l’Assurance Maladie', a.amo + a.pf, 'deduction'));
  if (r.tiersPayant === 'amo_amc') out.push(share('tiers-payant-amc', 'Tiers payant : part complémentaire réglée par la mutuelle', a.amc, 'deduction'));
  return out;
}

export function fhirInvoice(r: BillingRecord) {
  const a = r.amounts;
  const active = r.receipts.filter((x) => x.kind === 'receipt' && !x.cancelled);
  const tp = r.tiersPayant === 'none' ? 'sans tiers payant' : r.tiersPayant === 'amo' ? 'tiers payant sur la part AMO' : 'tiers payant intégral (AMO et complémentaire)';
  return {
    resourceType: 'Invoice' as const,
    id: r.id,
    meta: { lastUpdated: r.createdAt.toISOString() },
    ...(active.length ? { identifier: active.map((x) => ({ system: `${RECEIPT_SYSTEM}/${r.practitioner.id}`, value: x.number })) } : {}),
    status: status(r),
    type: { text: 'Note d’honoraires' },
    subject: patientRef(r),
    recipient: patientRef(r),
    date: r.createdAt.toISOString(),
    participant: [{ role: { text: 'Praticien (facture en son nom propre)' }, actor: practitionerRef(r) }],
    lineItem: r.lines.map((l) => ({
      sequence: l.position,
      chargeItemReference: { reference: `ChargeItem/${chargeItemId(r.id, l.position)}` },
      priceComponent: [
        { type: 'base', code: actConcept(l.code, l.label), amount: money(l.tariffCents) },
        ...(l.feeCents > l.tariffCents ? [{ type: 'surcharge', code: { text: 'Dépassement d’honoraires' }, amount: money(l.feeCents - l.tariffCents) }] : []),
      ],
    })),
    totalPriceComponent: shares(r),
    totalNet: money(a.dueAtDesk),
    totalGross: money(a.total),
    paymentTerms:
      `À régler au cabinet le jour de la consultation : ${euros(a.dueAtDesk)} (${tp}). ` +
      `Encaissé : ${euros(a.paid)} ; reste dû : ${euros(Math.max(0, a.dueAtDesk - a.paid))}.`,
    ...(r.payments.length
      ? { note: r.payments.map((p) => ({ time: p.receivedAt.toISOString(), text: `Encaissé ${euros(p.amountCents)} (${METHOD_FR[p.method] ?? p.method})` })) }
      : {}),
  };
}
