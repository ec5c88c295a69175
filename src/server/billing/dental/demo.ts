import { DateTime } from 'luxon';
import { PNG } from 'pngjs';
import { appendAudit } from '../../audit/service.js';
import type { Db } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { billDoneAct } from './bill.service.js';
import { createQuote, moveQuote, signQuote } from './quotes.service.js';
import { resolveCoverage, type FileAmc, type FileAmo } from '../rules/coverage.js';

/**
 * The demo dentist's quotes (Dr Nguyen, dentiste@demo.pivot): one signed on screen, its first act done and billed,
 * and one presented to the patient, awaiting signature. Through the services, so the figures are the rules'.
 * Idempotent: a dentist who already has a quote is left alone.
 */
export async function seedDentalQuotesDemo(db: Db, now: Date): Promise<{ quotes: number }> {
  return db.transaction().execute(async (tx) => {
    const pr = await tx
      .selectFrom('practitioners as p').innerJoin('accounts as a', 'a.id', 'p.account_id').innerJoin('practices as pc', 'pc.id', 'p.practice_id')
      .innerJoin('billing_profiles as b', (j) => j.onRef('b.practitioner_id', '=', 'p.id').onRef('b.practice_id', '=', 'p.practice_id'))
      .select(['p.id', 'p.practice_id', 'pc.timezone']).where('a.email', '=', 'dentiste@demo.pivot').where('b.specialty', '=', 'dentistry').executeTakeFirst();
    if (!pr) return { quotes: 0 };
    if (await tx.selectFrom('dental_quotes').select('id').where('practitioner_id', '=', pr.id).executeTakeFirst()) return { quotes: 0 };
    const desk = await tx.selectFrom('memberships as m').innerJoin('accounts as a', 'a.id', 'm.account_id').select('a.id')
      .where('m.practice_id', '=', pr.practice_id).where('a.email', '=', 'accueil@demo.pivot').executeTakeFirst();
    if (!desk) return { quotes: 0 };
    const ctx = {
      sessionId: 'demo', accountId: desk.id, email: 'demo', practiceId: pr.practice_id, roles: ['secretary'], language: 'fr', mfaEnrollmentRequired: false, ip: '127.0.0.1',
      audit: () => undefined, afterCommit: () => undefined,
    } as unknown as RequestContext;
    const today = DateTime.fromJSDate(now).setZone(pr.timezone);
    const date = today.toISODate()!;
    // Patients without the CSS: their quotes show free fees and capped baskets (a CSS patient's are capped lower).
    const patients = (await tx.selectFrom('patients').select(['id', 'amo', 'amc']).where('practice_id', '=', pr.practice_id).where('merged_into_id', 'is', null)
      .where('birth_date', '<', DateTime.fromJSDate(now).minus({ years: 30 }).toISODate()!).orderBy('id').offset(3).limit(20).execute())
      .filter((p) => !resolveCoverage(p.amo as FileAmo | null, p.amc as FileAmc | null, date).patient.css).slice(0, 2);
    if (patients.length < 2) return { quotes: 0 };
    const validUntil = today.plus({ months: 3 }).toISODate()!;

    // A ceramo-metal crown on a molar (tarifs libres) with its 100 % Santé alternative, and an inlay-core.
    const signed = await createQuote(tx, ctx, {
      patientId: patients[0]!.id, practitionerId: pr.id, date, validUntil, treatment: 'Dent 36 dévitalisée : reconstitution par inlay-core puis couronne.',
      acts: [
        { code: 'HBLD090', tooth: 36, feeCents: 17500, manufacturePlace: 'france', role: 'proposed' },
        { code: 'HBLD734', tooth: 36, feeCents: 75000, manufacturePlace: 'france', role: 'proposed' },
        { code: 'HBLD038', tooth: 36, feeCents: 29000, manufacturePlace: 'france', role: 'alternative', alternativeFor: 2 },
      ],
    });
    await moveQuote(tx, ctx, signed, 'presented');
    await signQuote(tx, ctx, signed, { kind: 'screen', option: 'proposed', mime: 'image/png', fileBase64: demoSignature().toString('base64') });
    await billDoneAct(tx, ctx, signed, 1, { doneOn: date, tiersPayant: 'amo' });

    // Two front-teeth crowns, one in 100 % Santé and one zirconia… both capped: presented, awaiting the patient.
    const presented = await createQuote(tx, ctx, {
      patientId: patients[1]!.id, practitionerId: pr.id, date, validUntil, treatment: 'Couronnes sur 11 et 26.',
      acts: [
        { code: 'HBLD634', tooth: 11, feeCents: 50000, manufacturePlace: 'eu', role: 'proposed' },
        { code: 'HBLD073', tooth: 26, feeCents: 44000, manufacturePlace: 'outside_eu', role: 'proposed' },
        { code: 'HBLD038', tooth: 26, feeCents: 29000, manufacturePlace: 'france', role: 'alternative', alternativeFor: 2 },
      ],
    });
    await moveQuote(tx, ctx, presented, 'presented');
    await appendAudit(tx, [{ accountId: null, practiceId: pr.practice_id, action: 'demo.dental_quotes_seeded', resourceType: 'practitioner', resourceId: pr.id, details: { quotes: 2 } }]);
    return { quotes: 2 };
  });
}

/** A hand-drawn-looking stroke (a few sine waves) as a PNG, standing for a signature drawn on the pad. */
function demoSignature(): Buffer {
  const png = new PNG({ width: 300, height: 100 });
  png.data.fill(255);
  for (let x = 20; x < 280; x++) {
    const y = Math.round(50 + 25 * Math.sin(x / 14) * Math.cos(x / 47));
    for (let dy = -1; dy <= 1; dy++) {
      const i = ((y + dy) * 300 + x) * 4;
      png.data[i] = png.data[i + 1] = 20;
      png.data[i + 2] = 90;
    }
  }
  return PNG.sync.write(png);
}
