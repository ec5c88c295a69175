import { describe, expect, it } from 'vitest';
import { bearer, useTestPivot } from '../../../tests/helpers.js';
import { seedPracticeSheetDemo } from './demo.js';

/** The practice information sheet, read-only: public route (booking page) and the desk's route. */
const t = useTestPivot({ admin: 'admin@demo.pivot', desk: 'accueil@demo.pivot' });

describe('practice information sheet', () => {
  it('is empty until written, then shows what the administrator wrote, publicly, with each practitioner’s sector', async () => {
    const empty = await t.pivot.app.inject({ method: 'GET', url: '/api/public/maison-de-sante-des-tilleuls/info' });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ practice: { name: 'Maison de santé des Tilleuls' }, updatedAt: null, info: { openingHours: null } });
    // Practitioners appear with their sector even before fees are written.
    expect(empty.json().fees.find((f: { practitioner: string }) => f.practitioner === 'Dr Paul Lefèvre')).toMatchObject({ sector: 'optam', fees: null });

    const put = await t.pivot.app.inject({
      method: 'PUT', url: '/api/assistant/practice-info', headers: bearer(t.admin),
      payload: {
        openingHours: 'Lundi–vendredi 8 h–19 h ; samedi 8 h 30–12 h', address: '1 rue X', access: null, parking: 'Parking gratuit', transport: null,
        fees: [{ practitioner: 'Dr Martin', fees: 'Consultation 30 €' }, { practitioner: 'Téléconsultation', fees: '25 €' }],
        paymentsAccepted: 'CB, espèces', tiersPayant: 'ALD, CSS', whatToBring: 'Carte Vitale', onCall: '116 117',
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const pub = await t.pivot.app.inject({ method: 'GET', url: '/api/public/maison-de-sante-des-tilleuls/info' });
    const body = pub.json();
    expect(body.info).toMatchObject({ openingHours: expect.stringContaining('samedi'), parking: 'Parking gratuit', access: null, onCall: '116 117' });
    expect(body.fees).toEqual(expect.arrayContaining([
      { practitioner: 'Dr Claire Martin', specialty: 'Médecine générale', sector: '1', fees: 'Consultation 30 €' },
      { practitioner: 'Téléconsultation', specialty: null, sector: null, fees: '25 €' },
    ]));
    expect(body.updatedAt).toBeTruthy();
    // The desk's route answers the same sheet; the other practice's sheet stays its own.
    const deskView = await t.pivot.app.inject({ method: 'GET', url: '/api/practice-sheet', headers: bearer(t.desk) });
    expect(deskView.json()).toEqual(body);
    const other = await t.pivot.app.inject({ method: 'GET', url: '/api/public/cabinet-du-dr-moreau/info' });
    expect(other.json().info.openingHours).toBeNull();
    expect(other.json().fees.map((f: { practitioner: string }) => f.practitioner)).toEqual(['Dr Jacques Moreau']);
  });

  it('answers 404 for an unknown practice and 400 for a malformed slug', async () => {
    expect((await t.pivot.app.inject({ method: 'GET', url: '/api/public/nope-nope/info' })).statusCode).toBe(404);
    expect((await t.pivot.app.inject({ method: 'GET', url: '/api/public/NOT%20A%20SLUG!/info' })).statusCode).toBe(400);
  });

  it('the demo sheet is written only when the practice has none', async () => {
    expect((await seedPracticeSheetDemo(t.pivot.database.db)).seeded).toBe(false); // written above
    await t.pivot.database.db.deleteFrom('practice_info').execute();
    expect((await seedPracticeSheetDemo(t.pivot.database.db)).seeded).toBe(true);
    const pub = await t.pivot.app.inject({ method: 'GET', url: '/api/public/maison-de-sante-des-tilleuls/info' });
    expect(pub.json().info.openingHours).toMatch(/Samedi/);
    expect(pub.json().fees.every((f: { fees: string | null; sector: string | null }) => f.fees && f.sector)).toBe(true);
  });
});
