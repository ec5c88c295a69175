import pg from 'pg';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';
import { clock } from '../platform/clock.js';

/**
 * Concurrent payments on one invoice never collect more than is due: 32 clients pay the same invoice at once,
 * through HTTP (the service's row lock) and straight into the table (the database's trigger + CHECK alone).
 */
const CLIENTS = 32;
let pivot: TestPivot;
let tokens: string[];
let martinId: string;
let patient: string;
const db = () => pivot.database.db;
const yesterday = () => DateTime.fromJSDate(clock.now()).setZone('Europe/Paris').minus({ days: 1 }).toISODate()!;

async function newInvoice(): Promise<string> {
  const r = await pivot.app.inject({
    method: 'POST',
    url: '/api/billing/invoices',
    headers: bearer(tokens[0]!),
    payload: { patientId: patient, practitionerId: martinId, date: yesterday(), acts: [{ code: 'G' }], parcours: 'medecin_traitant', tiersPayant: 'none', coverage: { mutuelle: { present: false } } },
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  expect(r.json().invoice.amounts.dueAtDeskCents).toBe(3000);
  return r.json().invoice.id;
}

const paidOf = async (id: string) => {
  const inv = await db().selectFrom('billing_invoices').select('paid_cents').where('id', '=', id).executeTakeFirstOrThrow();
  const sum = (await db().selectFrom('billing_payments').select('amount_cents').where('invoice_id', '=', id).execute()).reduce((s, p) => s + p.amount_cents, 0);
  return { paid: inv.paid_cents, sum };
};

beforeAll(async () => {
  pivot = await createTestPivot();
  // Four desks signed in (secretaries, admin, the practitioner): the 32 clients share them.
  tokens = await Promise.all(['accueil', 'secretaire', 'admin', 'medecin'].map((u) => pivot.login(`${u}@demo.pivot`)));
  martinId = (await db().selectFrom('practitioners as p').innerJoin('accounts as a', 'a.id', 'p.account_id').select('p.id').where('a.email', '=', 'medecin@demo.pivot').executeTakeFirstOrThrow()).id;
  const practiceA = (await db().selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  patient = (await db().selectFrom('patients').select('id').where('practice_id', '=', practiceA).where('birth_date', '<', '1990-01-01').limit(1).executeTakeFirstOrThrow()).id;
}, 180_000);
afterAll(async () => pivot?.close());

describe(`${CLIENTS} concurrent payments on one invoice`, () => {
  it('through HTTP: 10 € each on 30 € due — exactly three succeed, the others get the French 422, nothing beyond', async () => {
    const id = await newInvoice();
    const t0 = performance.now();
    const answers = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        pivot.app.inject({ method: 'POST', url: `/api/billing/invoices/${id}/payments`, headers: bearer(tokens[i % tokens.length]!), payload: { payments: [{ method: i % 2 ? 'card' : 'cash', amountCents: 1000 }] } }),
      ),
    );
    const ms = performance.now() - t0;
    console.log(`[race] HTTP: ${CLIENTS} clients in ${ms.toFixed(0)} ms`);
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(3);
    expect(codes.filter((c) => c === 422)).toHaveLength(CLIENTS - 3);
    for (const a of answers.filter((x) => x.statusCode === 422)) expect(a.json().error.message).toMatch(/déjà entièrement réglée|dépasse le reste dû/);
    expect(await paidOf(id)).toEqual({ paid: 3000, sum: 3000 });
  });

  it('through HTTP with random amounts: what is collected never exceeds what is due and equals the payments', async () => {
    const id = await newInvoice();
    const amounts = Array.from({ length: CLIENTS }, (_, i) => 1 + ((i * 7919) % 1500));
    const answers = await Promise.all(
      amounts.map((amountCents, i) =>
        pivot.app.inject({ method: 'POST', url: `/api/billing/invoices/${id}/payments`, headers: bearer(tokens[i % tokens.length]!), payload: { payments: [{ method: 'cash', amountCents }] } }),
      ),
    );
    const accepted = amounts.filter((_, i) => answers[i]!.statusCode === 201).reduce((s, a) => s + a, 0);
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 422)).toBe(true);
    expect(accepted).toBeLessThanOrEqual(3000);
    expect(await paidOf(id)).toEqual({ paid: accepted, sum: accepted });
  });

  it('straight into the table on 32 connections, no application lock: the trigger and the CHECK alone hold', async () => {
    const id = await newInvoice();
    const inv = await db().selectFrom('billing_invoices').select(['practice_id', 'created_by']).where('id', '=', id).executeTakeFirstOrThrow();
    const pool = new pg.Pool({ ...pivot.database.pool.options, max: CLIENTS });
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => pool.connect()));
    try {
      await Promise.all(clients.map((c) => c.query('BEGIN')));
      const t0 = performance.now();
      // Every transaction is open before any inserts: they all race for the invoice row.
      const results = await Promise.allSettled(
        clients.map(async (c) => {
          await c.query(`INSERT INTO billing_payments (practice_id, invoice_id, method, amount_cents, recorded_by) VALUES ($1, $2, 'cash', 1000, $3)`, [inv.practice_id, id, inv.created_by]);
          await c.query('COMMIT');
        }),
      );
      const ms = performance.now() - t0;
      console.log(`[race] SQL: ${CLIENTS} connections in ${ms.toFixed(0)} ms`);
      await Promise.all(clients.map((c, i) => (results[i]!.status === 'rejected' ? c.query('ROLLBACK') : undefined)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      for (const r of results) if (r.status === 'rejected') expect(String(r.reason)).toMatch(/billing_invoices_paid_within_due/);
    } finally {
      for (const c of clients) c.release();
      await pool.end();
    }
    expect(await paidOf(id)).toEqual({ paid: 3000, sum: 3000 });
  });
});
