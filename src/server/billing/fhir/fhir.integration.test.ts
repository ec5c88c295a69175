import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateR4 } from '../../../../tests/fhir-r4.js';
import { clock } from '../../platform/clock.js';
import { booksKit, injectAs, type BooksKit } from '../books/test-kit.js';

/**
 * FHIR R4 ChargeItem and Invoice of a consultation's billing: valid against the R4 StructureDefinitions, the
 * elements and value sets the docs promise, amounts to the cent, the billing rights and the practice's walls.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let k: BooksKit;
let get: (token: string, url: string) => Promise<{ statusCode: number; json: () => Json; body: string }>;
const inv: Record<'tp' | 'depassement' | 'css', string> = { tp: '', depassement: '', css: '' };
let appointmentId = '';
let other = ''; // a second adult, the CSS beneficiary

const UUID = /^[0-9a-f-]{36}$/;
const euros = (cents: number) => ({ value: cents / 100, currency: 'EUR' });
const sum = (xs: { amount: { value: number } }[]) => Math.round(xs.reduce((s, x) => s + x.amount.value * 100, 0));

beforeAll(async () => {
  k = await booksKit();
  const call = injectAs(k.pivot);
  get = (token, url) => call(token, 'GET', url);
  const db = k.pivot.database.db;
  const practiceId = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  // A finished consultation of Dr Martin three days ago at dawn (outside the demo's hours), to bill with its appointment.
  const start = DateTime.fromJSDate(clock.now()).setZone('Europe/Paris').minus({ days: 3 }).set({ hour: 6, minute: 0, second: 0, millisecond: 0 }).toJSDate();
  const end = new Date(start.getTime() + 15 * 60_000);
  appointmentId = (await db.insertInto('appointments').values({ practice_id: practiceId, practitioner_id: k.martinId, patient_id: k.patient, starts_at: start, ends_at: end, busy_until: end, channel: 'desk', status: 'done', updated_at: clock.now() }).returning('id').executeTakeFirstOrThrow()).id;
  other = (await db.selectFrom('patients').select('id').where('practice_id', '=', practiceId).where('birth_date', '<', '1990-01-01').where('id', '!=', k.patient).where('merged_into_id', 'is', null).orderBy('id').executeTakeFirstOrThrow()).id;
  const bill = async (token: string, body: object) => {
    const r = await call(token, 'POST', '/api/billing/invoices', body);
    if (r.statusCode !== 201) throw new Error(r.body);
    return r.json().invoice.id as string;
  };
  const noMutuelle = { mutuelle: { present: false } };
  inv.tp = await bill(k.desk, { appointmentId, acts: [{ code: 'G' }], parcours: 'medecin_traitant', tiersPayant: 'amo', coverage: noMutuelle });
  await call(k.desk, 'POST', `/api/billing/invoices/${inv.tp}/payments`, { payments: [{ method: 'cash', amountCents: 900 }] });
  await call(k.desk, 'POST', `/api/billing/invoices/${inv.tp}/receipts`);
  const day = DateTime.fromJSDate(clock.now()).setZone('Europe/Paris').minus({ days: 2 }).toISODate()!;
  inv.depassement = await bill(k.desk, { patientId: k.patient, practitionerId: k.lefevreId, date: day, acts: [{ code: 'G', feeCents: 5000 }], parcours: 'medecin_traitant', tiersPayant: 'none', coverage: noMutuelle });
  inv.css = await bill(k.desk, { patientId: other, practitionerId: k.martinId, date: day, acts: [{ code: 'G' }], parcours: 'medecin_traitant', tiersPayant: 'amo_amc', coverage: { css: true, ald: false, ame: false, maternity: false } });
}, 180_000);
afterAll(async () => k?.pivot.close());

describe('FHIR ChargeItem', () => {
  it('one per act: NGAP code, subject, the consultation as contained Encounter, performer with RPPS, quantity, price, status', async () => {
    const r = await get(k.desk, `/fhir/R4/ChargeItem/${inv.tp}-1`);
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json();
    validateR4(c);
    expect(c).toMatchObject({
      resourceType: 'ChargeItem',
      id: `${inv.tp}-1`,
      status: 'billed',
      code: { coding: [{ system: 'https://pivot.local/fhir/CodeSystem/ngap', code: 'G' }] },
      subject: { reference: `Patient/${k.patient}` },
      context: { reference: '#consultation' },
      quantity: { value: 1 },
      priceOverride: euros(3000),
    });
    expect(['planned', 'billable', 'not-billable', 'aborted', 'billed', 'entered-in-error', 'unknown']).toContain(c.status);
    const enc = c.contained.find((x: Json) => `#${x.id}` === c.context.reference);
    expect(enc).toMatchObject({ resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, appointment: [{ reference: `Appointment/${appointmentId}` }] });
    expect(c.performer).toHaveLength(1);
    expect(c.performer[0].actor).toMatchObject({ reference: `Practitioner/${k.martinId}`, identifier: { system: 'urn:oid:1.2.250.1.71.4.2.1' } });
    expect(c.performer[0].actor.identifier.value).toMatch(/^8\d{11}$/);
    expect(Date.parse(c.occurrenceDateTime)).toBe(Date.parse(enc.period.start));
    expect(c.overrideReason).toBeUndefined();
  });

  it('a dépassement: priceOverride at the fee, with the reason and the tarif opposable', async () => {
    const c = (await get(k.desk, `/fhir/R4/ChargeItem/${inv.depassement}-1`)).json();
    validateR4(c);
    expect(c.priceOverride).toEqual(euros(5000));
    expect(c.overrideReason).toBe('Dépassement d’honoraires de 20,00 € sur le tarif opposable de 30,00 €');
    expect(c.context).toBeUndefined(); // billed without an appointment
    expect(c.performer[0].actor.reference).toBe(`Practitioner/${k.lefevreId}`);
  });

  it('searched by patient and by consultation: a valid searchset bundle', async () => {
    const byPatient = (await get(k.desk, `/fhir/R4/ChargeItem?patient=Patient/${k.patient}`)).json();
    validateR4(byPatient);
    expect(byPatient.type).toBe('searchset');
    expect(byPatient.entry.map((e: Json) => e.resource.id).sort()).toEqual(expect.arrayContaining([`${inv.tp}-1`, `${inv.depassement}-1`]));
    expect(byPatient.entry.some((e: Json) => e.resource.id.startsWith(inv.css))).toBe(false);
    for (const e of byPatient.entry) expect(e.resource.subject.reference).toBe(`Patient/${k.patient}`);
    const byConsultation = (await get(k.desk, `/fhir/R4/ChargeItem?context=Appointment/${appointmentId}`)).json();
    expect(byConsultation.entry.map((e: Json) => e.resource.id)).toEqual([`${inv.tp}-1`]);
    expect((await get(k.desk, '/fhir/R4/ChargeItem?context=Location/whatever')).json()).toMatchObject({ total: 0, entry: [] });
  });
});

describe('FHIR Invoice', () => {
  it('tiers payant AMO, paid in cash: lines, shares, deductions, totals to the cent, receipt number, balanced', async () => {
    const r = await get(k.desk, `/fhir/R4/Invoice/${inv.tp}`);
    expect(r.statusCode, r.body).toBe(200);
    const i = r.json();
    validateR4(i);
    expect(i).toMatchObject({
      resourceType: 'Invoice', id: inv.tp, status: 'balanced',
      subject: { reference: `Patient/${k.patient}` },
      participant: [{ actor: { reference: `Practitioner/${k.martinId}`, identifier: { system: 'urn:oid:1.2.250.1.71.4.2.1' } } }],
      totalGross: euros(3000), totalNet: euros(900),
    });
    expect(i.identifier[0].value).toMatch(/^\d{4}-\d{6}$/);
    expect(i.lineItem).toEqual([
      { sequence: 1, chargeItemReference: { reference: `ChargeItem/${inv.tp}-1` }, priceComponent: [{ type: 'base', code: expect.objectContaining({ coding: [expect.objectContaining({ code: 'G' })] }), amount: euros(3000) }] },
    ]);
    const part = (code: string) => i.totalPriceComponent.find((p: Json) => p.code.coding[0].code === code);
    // G 30 € with the médecin traitant: AMO 70 % = 21 €, less the 2 € participation forfaitaire; no mutuelle.
    expect([part('amo').amount, part('amc').amount, part('patient').amount, part('participation-forfaitaire').amount]).toEqual([euros(1900), euros(0), euros(1100), euros(200)]);
    expect(part('tiers-payant-amo')).toMatchObject({ type: 'deduction', amount: euros(2100) });
    expect(part('tiers-payant-amc')).toBeUndefined();
    expect(i.paymentTerms).toContain('9,00 €');
    expect(i.note).toEqual([expect.objectContaining({ text: 'Encaissé 9,00 € (espèces)' })]);
  });

  it('every invoice: value sets, EUR, Σ lines = totalGross, totalGross − deductions = totalNet, AMO + AMC + patient = totalGross', async () => {
    for (const id of Object.values(inv)) {
      const i = (await get(k.desk, `/fhir/R4/Invoice/${id}`)).json();
      validateR4(i);
      expect(['draft', 'issued', 'balanced', 'cancelled', 'entered-in-error']).toContain(i.status);
      const lineComponents = i.lineItem.flatMap((l: Json) => l.priceComponent);
      for (const p of [...lineComponents, ...i.totalPriceComponent]) {
        expect(['base', 'surcharge', 'deduction', 'discount', 'tax', 'informational']).toContain(p.type);
        expect(p.amount.currency).toBe('EUR');
        expect(Number.isInteger(Math.round(p.amount.value * 100))).toBe(true);
      }
      const gross = Math.round(i.totalGross.value * 100);
      expect(sum(lineComponents.filter((p: Json) => p.type === 'base' || p.type === 'surcharge'))).toBe(gross);
      expect(gross - sum(i.totalPriceComponent.filter((p: Json) => p.type === 'deduction'))).toBe(Math.round(i.totalNet.value * 100));
      expect(sum(i.totalPriceComponent.filter((p: Json) => ['amo', 'amc', 'patient'].includes(p.code.coding[0].code)))).toBe(gross);
      for (const l of i.lineItem) expect(l.chargeItemReference.reference).toMatch(new RegExp(`^ChargeItem/${id}-\\d+$`));
    }
  });

  it('a dépassement is a surcharge; the CSS patient’s tiers payant intégral leaves nothing to collect', async () => {
    const d = (await get(k.desk, `/fhir/R4/Invoice/${inv.depassement}`)).json();
    expect(d.lineItem[0].priceComponent.map((p: Json) => [p.type, p.amount.value])).toEqual([['base', 30], ['surcharge', 20]]);
    expect([d.totalGross, d.totalNet, d.status]).toEqual([euros(5000), euros(5000), 'issued']);
    const c = (await get(k.desk, `/fhir/R4/Invoice/${inv.css}`)).json();
    const part = (code: string) => c.totalPriceComponent.find((p: Json) => p.code.coding[0].code === code)?.amount;
    // CSS: AMO 21 € (no participation forfaitaire), the CSS pays the 9 € ticket modérateur, nothing at the desk.
    expect([part('amo'), part('amc'), part('patient'), part('tiers-payant-amo'), part('tiers-payant-amc')]).toEqual([euros(2100), euros(900), euros(0), euros(2100), euros(900)]);
    expect([c.totalNet, c.status]).toEqual([euros(0), 'balanced']);
  });

  it('searched by patient and by practitioner', async () => {
    const b = (await get(k.desk, `/fhir/R4/Invoice?subject=${k.patient}&participant=Practitioner/${k.lefevreId}`)).json();
    validateR4(b);
    expect(b.entry[0].resource.id).toBe(inv.depassement);
    for (const e of b.entry) expect([e.resource.subject.reference, e.resource.participant[0].actor.reference]).toEqual([`Patient/${k.patient}`, `Practitioner/${k.lefevreId}`]);
    const ofOther = (await get(k.desk, `/fhir/R4/Invoice?patient=${other}`)).json();
    expect(ofOther.entry[0].resource.id).toBe(inv.css); // newest first, before the demo's three months of books
    for (const e of ofOther.entry) expect(e.resource.subject.reference).toBe(`Patient/${other}`);
  });
});

describe('rights, walls and audit', () => {
  it('the secretary and the practitioner read; another practitioner and another practice get 404 (OperationOutcome) or nothing', async () => {
    expect((await get(k.martin, `/fhir/R4/Invoice/${inv.tp}`)).statusCode).toBe(200);
    for (const token of [k.lefevre, k.otherAdmin]) {
      for (const url of [`/fhir/R4/Invoice/${inv.tp}`, `/fhir/R4/ChargeItem/${inv.tp}-1`]) {
        const r = await get(token, url);
        expect(r.statusCode, url).toBe(404);
        expect(r.json().resourceType).toBe('OperationOutcome');
      }
    }
    expect((await get(k.otherAdmin, `/fhir/R4/Invoice?patient=${k.patient}`)).json()).toMatchObject({ total: 0 });
    expect((await get(k.otherAdmin, `/fhir/R4/ChargeItem?patient=${k.patient}`)).json()).toMatchObject({ total: 0 });
    const own = (await get(k.lefevre, `/fhir/R4/Invoice?patient=${k.patient}`)).json().entry.map((e: Json) => e.resource);
    expect(own.map((r: Json) => r.id)).toContain(inv.depassement);
    expect(own.every((r: Json) => r.participant[0].actor.reference === `Practitioner/${k.lefevreId}`)).toBe(true);
    for (const url of [`/fhir/R4/ChargeItem/${inv.tp}-9`, `/fhir/R4/ChargeItem/${inv.tp}`, '/fhir/R4/Invoice/not-an-id']) expect((await get(k.desk, url)).statusCode, url).toBe(404);
  });

  it('reads and searches are audited, naming the invoice', async () => {
    await get(k.desk, `/fhir/R4/ChargeItem/${inv.css}-1`);
    const rows = await k.pivot.database.db.selectFrom('audit_log').select(['action', 'resource_id', 'details']).where('action', 'in', ['billing.invoice.read', 'billing.invoices.searched']).execute();
    expect(rows.some((r) => r.action === 'billing.invoice.read' && r.resource_id === inv.css && (r.details as Json).fhir === 'ChargeItem')).toBe(true);
    expect(rows.some((r) => r.action === 'billing.invoice.read' && r.resource_id === inv.tp && (r.details as Json).fhir === 'Invoice')).toBe(true);
    expect(rows.some((r) => r.action === 'billing.invoices.searched' && (r.details as Json).fhir === 'ChargeItem')).toBe(true);
    expect(rows.every((r) => r.resource_id === null || UUID.test(r.resource_id))).toBe(true);
  });

  it('the CapabilityStatement lists ChargeItem and Invoice with their search parameters', async () => {
    const cs = (await get(k.desk, '/fhir/R4/metadata')).json();
    const of = (type: string) => cs.rest[0].resource.find((r: Json) => r.type === type);
    expect(of('ChargeItem')).toMatchObject({ interaction: [{ code: 'read' }, { code: 'search-type' }] });
    expect(of('ChargeItem').searchParam).toEqual(expect.arrayContaining([{ name: 'context', type: 'reference' }, { name: 'patient', type: 'reference' }]));
    expect(of('Invoice').searchParam).toEqual(expect.arrayContaining([{ name: 'participant', type: 'reference' }]));
  });
});
