import { DateTime } from 'luxon';
import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { clock } from '../platform/clock.js';
import { invoiceScope } from './access.js';
import type { DeskConsultation, DeskDay } from './contract.js';
import { receiptNumber } from './receipts.service.js';
import { patientName } from './views.service.js';

/**
 * The desk's billing day: every consultation of the day that is over or in progress (appointments, walk-ins seen by
 * a practitioner) and every invoice of that day, grouped by practitioner, with what is billed, paid and still due.
 * Each practitioner bills in their own name; the desk collects for all of them from this one list. A practitioner
 * sees only their own consultations.
 */
type DeskInvoice = NonNullable<DeskConsultation['invoice']>;

const iso = (d: Date | string) => new Date(d).toISOString();

export async function deskDay(tx: Tx, ctx: RequestContext, requested: string | undefined): Promise<DeskDay> {
  const zone = (await tx.selectFrom('practices').select('timezone').where('id', '=', ctx.practiceId).executeTakeFirstOrThrow()).timezone;
  const date = requested ?? DateTime.fromJSDate(clock.now()).setZone(zone).toISODate()!;
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  const scope = await invoiceScope(tx, ctx);
  const inScope = (id: string) => !scope || scope.includes(id);

  const [practitioners, appts, walkIns, invoices] = await Promise.all([
    tx
      .selectFrom('practitioners as p')
      .leftJoin('billing_profiles as b', (j) => j.onRef('b.practice_id', '=', 'p.practice_id').onRef('b.practitioner_id', '=', 'p.id'))
      .select(['p.id', 'p.display_name', 'b.practitioner_id as profile'])
      .where('p.practice_id', '=', ctx.practiceId)
      .orderBy('p.display_name')
      .execute(),
    tx
      .selectFrom('appointments as a')
      .innerJoin('patients as pa', 'pa.id', 'a.patient_id')
      .leftJoin('appointment_types as t', 't.id', 'a.appointment_type_id')
      .leftJoin('reception_visits as v', 'v.appointment_id', 'a.id')
      .select(['a.id', 'a.practitioner_id', 'a.starts_at', 'a.status', 't.name as motif', 'v.id as visit_id', 'v.status as visit_status', 'pa.id as patient_id', 'pa.birth_name', 'pa.used_name', 'pa.first_name', 'pa.birth_date'])
      .where('a.practice_id', '=', ctx.practiceId)
      .where('a.starts_at', '>=', start.toJSDate())
      .where('a.starts_at', '<', start.plus({ days: 1 }).toJSDate())
      .where((eb) => eb.or([eb('a.status', 'in', ['in_consultation', 'done']), eb('v.status', 'in', ['in_consultation', 'done'])]))
      .orderBy('a.starts_at')
      .execute(),
    tx
      .selectFrom('reception_visits as v')
      .innerJoin('patients as pa', 'pa.id', 'v.patient_id')
      .select(['v.id', 'v.practitioner_id', 'v.started_at', 'v.status', 'pa.id as patient_id', 'pa.birth_name', 'pa.used_name', 'pa.first_name', 'pa.birth_date'])
      .where('v.practice_id', '=', ctx.practiceId)
      .where('v.service_date', '=', date)
      .where('v.appointment_id', 'is', null)
      .where('v.practitioner_id', 'is not', null)
      .where('v.status', 'in', ['in_consultation', 'done'])
      .orderBy('v.started_at')
      .execute(),
    tx
      .selectFrom('billing_invoices as i')
      .innerJoin('patients as pa', 'pa.id', 'i.patient_id')
      .leftJoin('billing_receipts as r', (j) =>
        j.onRef('r.invoice_id', '=', 'i.id').on('r.kind', '=', 'receipt').on((eb) => eb.not(eb.exists(eb.selectFrom('billing_receipts as c').select('c.id').whereRef('c.credits_receipt_id', '=', 'r.id')))),
      )
      .select(['i.id', 'i.appointment_id', 'i.practitioner_id', 'i.patient_id', 'i.created_at', 'i.total_cents', 'i.due_at_desk_cents', 'i.paid_cents', 'r.id as receipt_id', 'r.year', 'r.number', 'pa.birth_name', 'pa.used_name', 'pa.first_name', 'pa.birth_date'])
      .where('i.practice_id', '=', ctx.practiceId)
      .where('i.care_date', '=', date)
      .orderBy('i.created_at')
      .execute(),
  ]);

  const toInvoice = (i: (typeof invoices)[number]): DeskInvoice => ({
    id: i.id,
    totalCents: i.total_cents,
    dueAtDeskCents: i.due_at_desk_cents,
    paidCents: i.paid_cents,
    remainingCents: i.due_at_desk_cents - i.paid_cents,
    receipt: i.receipt_id && i.year !== null && i.number !== null ? { id: i.receipt_id, number: receiptNumber(i.year, i.number) } : null,
  });
  const used = new Set<string>();
  const take = (pred: (i: (typeof invoices)[number]) => boolean) => {
    const found = invoices.find((i) => !used.has(i.id) && pred(i));
    if (found) used.add(found.id);
    return found ? toInvoice(found) : null;
  };
  const consultations: DeskConsultation[] = [];
  for (const a of appts) {
    if (!inScope(a.practitioner_id)) continue;
    consultations.push({
      key: `a:${a.id}`, appointmentId: a.id, visitId: a.visit_id, practitionerId: a.practitioner_id,
      patient: { id: a.patient_id, name: patientName(a), birthDate: a.birth_date }, at: iso(a.starts_at), motif: a.motif,
      state: a.visit_status ?? a.status, invoice: take((i) => i.appointment_id === a.id),
    });
  }
  for (const v of walkIns) {
    if (!v.practitioner_id || !inScope(v.practitioner_id)) continue;
    consultations.push({
      key: `v:${v.id}`, appointmentId: null, visitId: v.id, practitionerId: v.practitioner_id,
      patient: { id: v.patient_id, name: patientName(v), birthDate: v.birth_date }, at: v.started_at ? iso(v.started_at) : null, motif: null,
      state: v.status, invoice: take((i) => i.appointment_id === null && i.patient_id === v.patient_id && i.practitioner_id === v.practitioner_id),
    });
  }
  // Invoices of the day not attached to a listed consultation (billed from the patient file, without appointment).
  for (const i of invoices) {
    if (used.has(i.id) || !inScope(i.practitioner_id)) continue;
    consultations.push({
      key: `i:${i.id}`, appointmentId: i.appointment_id, visitId: null, practitionerId: i.practitioner_id,
      patient: { id: i.patient_id, name: patientName(i), birthDate: i.birth_date }, at: iso(i.created_at), motif: null, state: 'billed', invoice: toInvoice(i),
    });
  }
  const sum = (id: string, f: (i: DeskInvoice) => number) => consultations.filter((c) => c.practitionerId === id && c.invoice).reduce((s, c) => s + f(c.invoice!), 0);
  return {
    date,
    timeZone: zone,
    practitioners: practitioners
      .filter((p) => inScope(p.id))
      .map((p) => ({
        id: p.id,
        name: p.display_name,
        hasProfile: p.profile !== null,
        billedCents: sum(p.id, (i) => i.totalCents),
        collectedCents: sum(p.id, (i) => i.paidCents),
        remainingCents: sum(p.id, (i) => i.remainingCents),
        toBill: consultations.filter((c) => c.practitionerId === p.id && !c.invoice).length,
      })),
    consultations,
  };
}
