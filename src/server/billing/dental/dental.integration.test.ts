import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../../tests/helpers.js';
import { pdfText, pdfToPngs } from '../../platform/pdf/testing.js';
import { booksKit, injectAs, practitionerOf, today, type BooksKit } from '../books/test-kit.js';

/** Dental quotes through the HTTP routes: the mandatory alternative, states, signature, immutability, billing a done act, PDF, rights, audit. */
let kit: BooksKit;
let dentist: string;
let dentistId: string;
let inject: ReturnType<typeof injectAs>;
const db = () => kit.pivot.database.db;
const signaturePng = () => {
  const png = new PNG({ width: 60, height: 20 });
  png.data.fill(255);
  for (let x = 5; x < 55; x++) png.data.fill(0, ((10 + (x % 5)) * 60 + x) * 4, ((10 + (x % 5)) * 60 + x) * 4 + 3);
  return PNG.sync.write(png);
};
const body = (acts: object[], patientId = kit.patient) => ({
  patientId, practitionerId: dentistId, date: today(), validUntil: `${Number(today().slice(0, 4)) + 1}-01-31`,
  treatment: 'Couronne sur 36', acts,
});
const molarCrown = { code: 'HBLD734', tooth: 36, feeCents: 80000, manufacturePlace: 'france', role: 'proposed' };
const metalAlternative = { code: 'HBLD038', tooth: 36, feeCents: 29000, manufacturePlace: 'france', role: 'alternative', alternativeFor: 2 };
const inlayCore = { code: 'HBLD090', tooth: 36, feeCents: 17500, manufacturePlace: 'eu', role: 'proposed' };

beforeAll(async () => {
  kit = await booksKit();
  inject = injectAs(kit.pivot);
  dentist = await kit.pivot.login('dentiste@demo.pivot');
  dentistId = await practitionerOf(kit.pivot, 'dentiste@demo.pivot');
}, 180_000);
afterAll(async () => kit?.pivot.close());

async function signedQuote(): Promise<{ id: string; png: Buffer }> {
  const created = await inject(kit.desk, 'POST', '/api/billing/dental-quotes', body([inlayCore, molarCrown, metalAlternative]));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().quote.id as string;
  expect((await inject(kit.desk, 'POST', `/api/billing/dental-quotes/${id}/present`)).statusCode).toBe(200);
  const png = signaturePng();
  const signed = await inject(kit.desk, 'POST', `/api/billing/dental-quotes/${id}/sign`, { kind: 'screen', option: 'proposed', mime: 'image/png', fileBase64: png.toString('base64') });
  expect(signed.statusCode, signed.body).toBe(200);
  return { id, png };
}

describe('dental quotes', () => {
  it('refuses a quote whose act outside 100 % Santé lacks the mandatory alternative, in French and in English, writing nothing', async () => {
    const before = await db().selectFrom('dental_quotes').select(db().fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const fr = await inject(kit.desk, 'POST', '/api/billing/dental-quotes', body([inlayCore, molarCrown]));
    expect(fr.statusCode).toBe(422);
    expect(fr.json().error.message).toMatch(/Alternative obligatoire manquante : l’acte 2 \(HBLD734, dent 36, Tarifs libres\)/);
    // The account's language wins over the browser's: an account set to English reads the English sentence.
    await db().updateTable('accounts').set({ language: 'en' }).where('email', '=', 'dentiste@demo.pivot').execute();
    const en = await kit.pivot.app.inject({ method: 'POST', url: '/api/billing/dental-quotes', headers: { ...bearer(await kit.pivot.login('dentiste@demo.pivot')), 'accept-language': 'en' }, payload: body([molarCrown]) });
    await db().updateTable('accounts').set({ language: 'fr' }).where('email', '=', 'dentiste@demo.pivot').execute();
    expect(en.statusCode).toBe(422);
    expect(en.json().error.message).toMatch(/Mandatory alternative missing/);
    const ceiling = await inject(kit.desk, 'POST', '/api/billing/dental-quotes', body([{ ...molarCrown, code: 'HBLD038', feeCents: 29001 }]));
    expect(ceiling.statusCode).toBe(422);
    expect(ceiling.json().error.message).toMatch(/plafonné à 290,00 €/);
    const after = await db().selectFrom('dental_quotes').select(db().fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('prices each act (AMO base, 60 % share, remaining share) and both options, and edits a draft', async () => {
    const r = await inject(kit.desk, 'POST', '/api/billing/dental-quotes', body([inlayCore, molarCrown, metalAlternative]));
    expect(r.statusCode, r.body).toBe(201);
    const q = r.json().quote;
    expect(q.status).toBe('draft');
    expect(q.lines.map((l: { code: string; basket: string; amoCents: number; patientCents: number }) => [l.code, l.basket, l.amoCents, l.patientCents])).toEqual([
      ['HBLD090', 'rac0', 5400, 12100],
      ['HBLD734', 'libre', 7200, 72800],
      ['HBLD038', 'rac0', 7200, 21800],
    ]);
    expect(q.proposed).toEqual({ feeCents: 97500, baseCents: 21000, amoCents: 12600, patientCents: 84900 });
    expect(q.alternative).toEqual({ feeCents: 46500, baseCents: 21000, amoCents: 12600, patientCents: 33900 });
    const put = await inject(kit.desk, 'PUT', `/api/billing/dental-quotes/${q.id}`, body([{ ...molarCrown, feeCents: 70000 }, { ...metalAlternative, alternativeFor: 1 }]));
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().quote.proposed.feeCents).toBe(70000);
  });

  it('signs on screen (PNG kept with its hash), then the quote is unchangeable: 409 through the routes, refused by the database', async () => {
    const { id, png } = await signedQuote();
    const view = (await inject(kit.desk, 'GET', `/api/billing/dental-quotes/${id}`)).json().quote;
    expect(view.status).toBe('signed');
    expect(view.signature).toMatchObject({ kind: 'screen', option: 'proposed', mime: 'image/png', sha256: createHash('sha256').update(png).digest('hex') });
    expect(view.billable.map((b: { position: number }) => b.position)).toEqual([1, 2]);

    const put = await inject(kit.desk, 'PUT', `/api/billing/dental-quotes/${id}`, body([inlayCore]));
    expect(put.statusCode).toBe(409);
    expect(put.json().error.message).toMatch(/signé : il ne peut plus être modifié/);
    for (const action of ['present', 'refuse', 'expire', 'sign'])
      expect((await inject(kit.desk, 'POST', `/api/billing/dental-quotes/${id}/${action}`, action === 'sign' ? { kind: 'screen', option: 'proposed', mime: 'image/png', fileBase64: png.toString('base64') } : undefined)).statusCode).toBe(409);

    await expect(db().updateTable('dental_quotes').set({ treatment: 'changé' }).where('id', '=', id).execute()).rejects.toThrow(/unchangeable/);
    await expect(db().updateTable('dental_quote_acts').set({ fee_cents: 1 }).where('quote_id', '=', id).execute()).rejects.toThrow(/unchangeable/);
    await expect(db().deleteFrom('dental_quote_acts').where('quote_id', '=', id).execute()).rejects.toThrow(/unchangeable/);
    await expect(db().insertInto('dental_quote_acts').values({ practice_id: (await db().selectFrom('dental_quotes').select('practice_id').where('id', '=', id).executeTakeFirstOrThrow()).practice_id, quote_id: id, position: 9, role: 'proposed', alternative_for: null, code: 'HBLD038', label: 'x', tooth: 11, basket: 'rac0', material: 'x', manufacture_place: 'france', fee_cents: 29000, base_cents: 12000, amo_cents: 7200, patient_cents: 21800, ceiling_cents: 29000 }).execute()).rejects.toThrow(/unchangeable/);
    await expect(db().deleteFrom('dental_quotes').where('id', '=', id).execute()).rejects.toThrow(/never deleted/);
    // A signature that does not match its hash is refused even on a presented quote.
    const other = (await inject(kit.desk, 'POST', '/api/billing/dental-quotes', body([inlayCore]))).json().quote.id;
    await inject(kit.desk, 'POST', `/api/billing/dental-quotes/${other}/present`);
    await expect(db().updateTable('dental_quotes').set({ status: 'signed', signature: png, signature_sha256: '0'.repeat(64), signature_kind: 'screen', signed_option: 'proposed', signature_mime: 'image/png', signed_at: new Date() }).where('id', '=', other).execute()).rejects.toThrow(/signature_hash/);
  });

  it('refuses a signature whose bytes are not of the declared type, and the alternative option on a quote without one', async () => {
    const id = (await inject(kit.desk, 'POST', '/api/billing/dental-quotes', body([inlayCore]))).json().quote.id;
    expect((await inject(kit.desk, 'POST', `/api/billing/dental-quotes/${id}/sign`, { kind: 'screen', option: 'proposed', mime: 'image/png', fileBase64: signaturePng().toString('base64') })).statusCode).toBe(409); // still a draft
    await inject(kit.desk, 'POST', `/api/billing/dental-quotes/${id}/present`);
    const notPng = await inject(kit.desk, 'POST', `/api/billing/dental-quotes/${id}/sign`, { kind: 'screen', option: 'proposed', mime: 'image/png', fileBase64: Buffer.from('%PDF-1.4 not an image').toString('base64') });
    expect(notPng.statusCode).toBe(422);
    const noAlt = await inject(kit.desk, 'POST', `/api/billing/dental-quotes/${id}/sign`, { kind: 'paper', option: 'alternative', mime: 'application/pdf', fileBase64: Buffer.from('%PDF-1.4 scanned quote').toString('base64') });
    expect(noAlt.statusCode).toBe(422);
    const paper = await inject(kit.desk, 'POST', `/api/billing/dental-quotes/${id}/sign`, { kind: 'paper', option: 'proposed', mime: 'application/pdf', fileBase64: Buffer.from('%PDF-1.4 scanned quote').toString('base64') });
    expect(paper.statusCode, paper.body).toBe(200);
    expect(paper.json().quote.signature.kind).toBe('paper');
  });

  it('bills a done act of the signed option once, linked to the quote, at the signed fee; not an act of the other option', async () => {
    const { id } = await signedQuote();
    const billed = await inject(kit.desk, 'POST', `/api/billing/dental-quotes/${id}/acts/2/bill`, { doneOn: today(), tiersPayant: 'amo' });
    expect(billed.statusCode, billed.body).toBe(201);
    const invoice = (await inject(kit.desk, 'GET', `/api/billing/invoices/${billed.json().invoiceId}`)).json().invoice;
    expect(invoice.lines).toEqual([{ code: 'HBLD734', label: 'Couronne céramométallique (molaire) — dent 36', tariffCents: 12000, feeCents: 80000 }]);
    expect(invoice.amounts).toMatchObject({ totalCents: 80000, amoCents: 7200, patientCents: 72800, participationForfaitaireCents: 0, dueAtDeskCents: 72800 });
    const row = await db().selectFrom('billing_invoices').select(['dental_quote_id', 'dental_quote_position']).where('id', '=', invoice.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ dental_quote_id: id, dental_quote_position: 2 });
    expect(billed.json().quote.billable).toEqual([{ position: 1, invoiceId: null, doneOn: null }, { position: 2, invoiceId: invoice.id, doneOn: today() }]);
    expect((await inject(kit.desk, 'POST', `/api/billing/dental-quotes/${id}/acts/2/bill`, { doneOn: today(), tiersPayant: 'none' })).statusCode).toBe(409);
    const alt = await inject(kit.desk, 'POST', `/api/billing/dental-quotes/${id}/acts/3/bill`, { doneOn: today(), tiersPayant: 'none' });
    expect(alt.statusCode).toBe(422);
    expect(alt.json().error.message).toMatch(/ne fait pas partie de l’option signée/);
    expect((await inject(kit.desk, 'POST', `/api/billing/dental-quotes/${id}/acts/1/bill`, { doneOn: '2020-01-01', tiersPayant: 'none' })).statusCode).toBe(422);
  });

  it('is for dentists only; a dentist sees their own quotes, another practitioner does not (404)', async () => {
    const gp = await inject(kit.desk, 'POST', '/api/billing/dental-quotes', { ...body([inlayCore]), practitionerId: kit.martinId });
    expect(gp.statusCode).toBe(422);
    expect(gp.json().error.message).toMatch(/réservés aux chirurgiens-dentistes/);
    const own = await inject(dentist, 'POST', '/api/billing/dental-quotes', body([inlayCore]));
    expect(own.statusCode, own.body).toBe(201);
    const id = own.json().quote.id;
    expect((await inject(kit.martin, 'GET', `/api/billing/dental-quotes/${id}`)).statusCode).toBe(404);
    expect((await inject(kit.otherAdmin, 'GET', `/api/billing/dental-quotes/${id}`)).statusCode).toBe(404);
    const list = (await inject(dentist, 'GET', `/api/billing/dental-quotes?patientId=${kit.patient}`)).json().quotes;
    expect(list.map((q: { id: string }) => q.id)).toContain(id);
    // The identity rule of every screen: « NOM Prénom », the birth name in capitals first.
    const row = await db().selectFrom('patients').select(['birth_name', 'first_name']).where('id', '=', kit.patient).executeTakeFirstOrThrow();
    expect(own.json().quote.patient.name).toMatch(new RegExp(`^${row.birth_name.toUpperCase()}( \\(|\\s)`));
    expect(list[0].patient.name).toContain(` ${row.first_name}`);
    expect((await inject(kit.martin, 'GET', '/api/billing/dental-quotes')).json().quotes).toEqual([]);
    const audit = (await db().selectFrom('audit_log').select('action').where('action', 'like', 'billing.dental_quote.%').execute()).map((a) => a.action);
    for (const a of ['created', 'updated', 'presented', 'signed', 'read', 'listed', 'act_billed']) expect(audit).toContain(`billing.dental_quote.${a}`);
  });

  it('prints the quote as PDF with the devis mentions and the drawn signature', async () => {
    const { id } = await signedQuote();
    const r = await inject(kit.desk, 'GET', `/api/billing/dental-quotes/${id}/pdf`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const text = pdfText(r.rawPayload);
    expect(text).toMatch(/HBLD734\s+36\s+Couronne\s+Tarifs/); // the basket of each act
    for (const s of ['Devis de soins prothétiques dentaires', 'HBLD734', 'tarifs libres', '100 % Santé', 'Alternative thérapeutique', 'L.1111-3', 'RPPS', 'Empreinte SHA-256'])
      expect(text).toContain(s);
    // « né » / « née » agreed with the recorded sex, as on the other documents; « né(e) » only when it is unknown.
    const { sex } = await db().selectFrom('patients').select('sex').where('id', '=', kit.patient).executeTakeFirstOrThrow();
    expect(text).toMatch(new RegExp(`${sex === 'F' ? 'née' : sex === 'M' ? 'né' : 'né\\(e\\)'} le \\d{2}/\\d{2}/\\d{4}`));
    if (sex === 'F' || sex === 'M') expect(text).not.toContain('né(e)');
    expect(pdfToPngs(r.rawPayload, 'dental-quote', 80).length).toBeGreaterThan(0);
    const demo = await db().selectFrom('dental_quotes').select(['status']).where('practitioner_id', '=', dentistId).execute();
    expect(demo.map((d) => d.status)).toEqual(expect.arrayContaining(['signed', 'presented']));
  });

  it('caps the fees of a patient with the complémentaire santé solidaire, read from the administrative file on the quote date', async () => {
    const patient = (await db().selectFrom('patients').select(['id', 'practice_id']).where('id', '=', kit.patient).executeTakeFirstOrThrow());
    const other = await db().selectFrom('patients').select(['id', 'amo']).where('practice_id', '=', patient.practice_id).where('id', '<>', kit.patient)
      .where('merged_into_id', 'is', null).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const amo = { ...((other.amo as object | null) ?? {}), exemptions: [{ kind: 'css', from: '2024-01-01', until: null }] };
    await db().updateTable('patients').set({ amo: JSON.stringify(amo) as never }).where('id', '=', other.id).execute();
    const quote = (date: string, fee: number) => ({ ...body([{ code: 'HBLD038', tooth: 16, feeCents: fee, manufacturePlace: 'france', role: 'proposed' }], other.id), date, validUntil: `${date.slice(0, 4)}-12-31` });

    // 2024: the CSS maximum of the arrêté (262,18 €), below the 100 % Santé ceiling (290 €).
    const over = await inject(kit.desk, 'POST', '/api/billing/dental-quotes', quote('2024-06-03', 26219));
    expect(over.statusCode).toBe(422);
    expect(over.json().error.message).toMatch(/complémentaire santé solidaire, HBLD038 est plafonné à 262,18 €/);
    const ok = await inject(kit.desk, 'POST', '/api/billing/dental-quotes', quote('2024-06-03', 26218));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().quote.lines[0]).toMatchObject({ feeCents: 26218, ceilingCents: 26218, basket: 'rac0' });
    // Later, without a CSS maximum known to Pivot: no dépassement at all.
    const later = await inject(kit.desk, 'POST', '/api/billing/dental-quotes', quote(today(), 12100));
    expect(later.statusCode).toBe(422);
    expect(later.json().error.message).toMatch(/pas de dépassement sur HBLD038/);
    // The same fee for a patient without the CSS is fine.
    expect((await inject(kit.desk, 'POST', '/api/billing/dental-quotes', { ...quote('2024-06-03', 29000), patientId: kit.patient })).statusCode).toBe(201);
  });

  it('quotes orthodontics as a global treatment: no tooth, 100 % of the base, the before-16 reminder, « — » in the PDF', async () => {
    const born = DateTime.fromISO(today()).minus({ years: 12, days: 3 });
    const child = await inject(kit.desk, 'POST', '/api/patients', { birthName: 'Orthodel', givenNames: 'Léa', birthDate: born.toFormat('dd/MM/yyyy'), sex: 'F', confirmNotDuplicate: true });
    expect(child.statusCode, child.body).toBe(201);
    const semester = { code: 'TO90', feeCents: 70000, manufacturePlace: 'france', role: 'proposed' };
    const r = await inject(kit.desk, 'POST', '/api/billing/dental-quotes', { ...body([semester], child.json().patient.id), treatment: 'Orthodontie, 1er semestre' });
    expect(r.statusCode, r.body).toBe(201);
    const q = r.json().quote;
    expect(q.lines[0]).toMatchObject({ code: 'TO90', tooth: null, baseCents: 19350, amoCents: 19350, patientCents: 50650, ceilingCents: null });
    expect(q.proposed).toEqual({ feeCents: 70000, baseCents: 19350, amoCents: 19350, patientCents: 50650 });
    expect(q.alternative).toBeNull();
    expect(q.reminders.map((x: { fr: string }) => x.fr).join()).toMatch(/avant 16 ans \(patient de 12 ans/);
    const pdf = await inject(kit.desk, 'GET', `/api/billing/dental-quotes/${q.id}/pdf`);
    expect(pdfText(pdf.rawPayload)).toMatch(/TO90\s+—\s+Traitement global/);
    expect(pdfToPngs(pdf.rawPayload, 'dental-quote-orthodontics', 80).length).toBeGreaterThan(0);
    // An adult's quote says the treatment is not reimbursed unless started before 16.
    const adult = await inject(kit.desk, 'POST', '/api/billing/dental-quotes', body([semester]));
    expect(adult.json().quote.reminders[0].fr).toMatch(/non remboursée par l’Assurance Maladie sauf traitement commencé avant 16 ans/);

    // Only the catalogue's global acts go without a tooth, and those never take one: in the rules…
    const withTooth = await inject(kit.desk, 'POST', '/api/billing/dental-quotes', body([{ ...semester, tooth: 11 }]));
    expect(withTooth.statusCode).toBe(422);
    expect(withTooth.json().error.message).toMatch(/TO90 est un traitement global, sans dent/);
    const noTooth = await inject(kit.desk, 'POST', '/api/billing/dental-quotes', body([{ ...inlayCore, tooth: null }]));
    expect(noTooth.statusCode).toBe(422);
    expect(noTooth.json().error.message).toMatch(/indiquez la dent de HBLD090/);
    // …and in the database (0232), for a draft written by direct SQL.
    const act = db().updateTable('dental_quote_acts').where('quote_id', '=', q.id).where('position', '=', 1);
    await expect(act.set({ tooth: 11 }).execute()).rejects.toThrow(/dental_quote_acts_global_no_tooth/);
    await expect(act.set({ code: 'HBLD090' }).execute()).rejects.toThrow(/dental_quote_acts_global_no_tooth/);
  });
});
