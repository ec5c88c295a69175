import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { bearer, useTestPivot } from '../../../tests/helpers.js';
import { clock } from '../platform/clock.js';

/**
 * The per-practitioner iCalendar feed read by an independent parser (ical.js): events across the March
 * daylight-saving change keep their real instants and durations, and text with RFC 5545 special characters
 * (`;` `,` `\` and line breaks) comes back as written.
 */
const t = useTestPivot({ admin: 'admin@demo.pivot' });

describe('iCalendar feed parsed by ical.js', () => {
  it('gives DST-crossing and escaped events back exactly', async () => {
    const db = t.pivot.database.db;
    const practice = await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow();
    const practitioner = await db.insertInto('practitioners').values({ practice_id: practice.id, display_name: 'Dr Flux; Calendrier, Test' }).returning('id').executeTakeFirstOrThrow();
    const patient = await db.selectFrom('patients').select(['id', 'birth_name', 'used_name', 'first_name', 'used_first_name']).where('practice_id', '=', practice.id).orderBy('birth_name').limit(1).executeTakeFirstOrThrow();
    const motifName = 'Bilan; suivi, contrôle \\ annuel\nà jeun';
    const motif = await db.insertInto('appointment_types').values({ practice_id: practice.id, practitioner_id: practitioner.id, name: motifName, duration_minutes: 30 }).returning('id').executeTakeFirstOrThrow();

    // The next last Sunday of March in Paris, from now (inside the feed's 180-day window or close to it).
    const zone = 'Europe/Paris';
    let march = DateTime.fromJSDate(clock.now()).setZone(zone).set({ month: 3, day: 31 }).startOf('day');
    while (march.weekday !== 7) march = march.minus({ days: 1 });
    if (march < DateTime.fromJSDate(clock.now()).setZone(zone)) {
      march = march.plus({ years: 1 }).set({ day: 31 });
      while (march.weekday !== 7) march = march.minus({ days: 1 });
    }
    const at = (d: DateTime, h: number, m = 0) => d.set({ hour: h, minute: m }).toJSDate();
    const cases = [
      // 01:30 → 03:30 local on the change night: one real hour.
      { start: at(march, 1, 30), end: at(march, 3, 30), realMinutes: 60, local: '01:30' },
      // 10:00 local the Friday before (UTC+1) and the Monday after (UTC+2).
      { start: at(march.minus({ days: 2 }), 10), end: at(march.minus({ days: 2 }), 10, 30), realMinutes: 30, local: '10:00' },
      { start: at(march.plus({ days: 1 }), 10), end: at(march.plus({ days: 1 }), 10, 30), realMinutes: 30, local: '10:00' },
    ];
    expect(cases[0]!.end.getTime() - cases[0]!.start.getTime()).toBe(3_600_000);
    const ids: string[] = [];
    for (const c of cases) {
      const row = await db.insertInto('appointments').values({
        practice_id: practice.id, practitioner_id: practitioner.id, patient_id: patient.id, appointment_type_id: motif.id,
        starts_at: c.start, ends_at: c.end, busy_until: c.end, channel: 'desk', teleconsultation: true,
      }).returning('id').executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    const inWindow = cases.map((c) => c.start.getTime() < clock.nowMs() + 180 * 86_400_000);

    const created = await t.pivot.app.inject({ method: 'POST', url: `/api/agenda/practitioners/${practitioner.id}/ical-feed`, headers: bearer(t.admin), payload: { includePatientNames: true } });
    expect(created.statusCode, created.body).toBe(201);
    const res = await t.pivot.app.inject({ method: 'GET', url: `/ical/${created.json().token}.ics` });
    expect(res.statusCode).toBe(200);

    const calendar = new ICAL.Component(ICAL.parse(res.body));
    // X- properties have no declared type for ical.js (kept raw): the name is written escaped as TEXT.
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Pivot — Dr Flux\\; Calendrier\\, Test');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const name = `${patient.used_name ?? patient.birth_name} ${patient.used_first_name ?? patient.first_name}`;
    for (const [i, c] of cases.entries()) {
      const e = events.find((x) => x.uid === `${ids[i]}@pivot`);
      if (!inWindow[i]) {
        expect(e).toBeUndefined();
        continue;
      }
      expect(e, `event ${i}`).toBeTruthy();
      expect(e!.startDate.toJSDate().toISOString()).toBe(c.start.toISOString());
      expect(e!.endDate.toJSDate().toISOString()).toBe(c.end.toISOString());
      expect(e!.duration.toSeconds()).toBe(c.realMinutes * 60);
      expect(DateTime.fromJSDate(e!.startDate.toJSDate()).setZone(zone).toFormat('HH:mm')).toBe(c.local);
      expect(e!.summary).toBe(`${name} — ${motifName}`);
      expect(e!.description).toBe('Téléconsultation');
      expect(e!.sequence).toBe(1);
    }
    // At least the two events before and after the change are in the window whenever the test runs from October on.
    expect(inWindow.some(Boolean) || clock.nowMs() < Date.UTC(clock.now().getUTCFullYear(), 9, 1)).toBe(true);
  });
});
