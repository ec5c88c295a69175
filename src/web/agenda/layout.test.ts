import { describe, expect, it } from 'vitest';
import type { Appointment, Hours, Practitioner } from './api';
import { cellState, columnStops, coveredRows, layoutColumns, type Column } from './layout';
import { dayPlan, instantAt, localParts } from './time';

const ZONE = 'Europe/Paris';
const practitioner: Practitioner = { id: 'p1', accountId: null, displayName: 'Dr Test', rpps: null, specialty: 'MG', sector: '1', colour: '#123456', active: true };
const hours: Hours = {
  weekly: [
    { weekday: 2, start: '08:00', end: '12:00', weekParity: 'all' },
    { weekday: 3, start: '14:00', end: '18:00', weekParity: 'even' },
  ],
  urgent: [{ weekday: 2, start: '11:30', end: '12:00' }],
  exceptions: [{ id: 'x', kind: 'absence', reason: null, start: '2026-03-10T09:00:00+01:00', end: '2026-03-10T10:00:00+01:00' }],
};
const appt = (id: string, start: string, end: string, status: Appointment['status'] = 'booked'): Appointment => ({
  id, practitionerId: 'p1', practitionerName: 'Dr Test', patientId: 'x', patientName: 'DUPONT Marie',
  patientIdentity: { birthName: 'DUPONT', usedName: null, firstName: 'Marie' }, patientBirthDate: '1980-01-01',
  motifId: null, motifName: 'Consultation', colour: '#2563eb', resourceId: null, seriesId: null, start, end, busyUntil: end, seat: null,
  status, channel: 'desk', teleconsultation: false, note: null, overrideReason: null, cancellationReason: null, cancelledAt: null,
  statusChangedAt: start, createdAt: start, updatedAt: start, version: 1,
});

describe('agenda grid layout', () => {
  it('day plan on a public holiday: the usual hours and urgent ranges close, an exceptional opening stays open', () => {
    const christmas = dayPlan(hours, '2029-12-25', ZONE, 'Noël'); // a Tuesday
    expect(christmas.holiday).toBe('Noël');
    expect(christmas.open).toEqual([]);
    expect(cellState(christmas, 8)).toBe('closed'); // 09:00
    const opened = dayPlan({ ...hours, exceptions: [{ id: 'o', kind: 'opening', reason: 'Garde', start: '2029-12-25T09:00:00+01:00', end: '2029-12-25T12:00:00+01:00' }] }, '2029-12-25', ZONE, 'Noël');
    expect(opened.open).toEqual([[540, 720]]);
    expect(dayPlan(hours, '2029-12-25', ZONE).open.length).toBeGreaterThan(0); // the same Tuesday without the holiday
  });

  it('day plan: weekly hours, alternate weeks, urgent ranges, absences', () => {
    const tuesday = dayPlan(hours, '2026-03-10', ZONE); // ISO week 11 (odd)
    expect(tuesday.open).toEqual([[480, 540], [600, 720], [690, 720]]);
    expect(tuesday.urgent).toEqual([[690, 720]]);
    expect(dayPlan(hours, '2026-03-11', ZONE).open).toEqual([]); // Wednesday of an odd week: closed
    expect(dayPlan(hours, '2026-03-18', ZONE).open).toEqual([[840, 1080]]); // even week
    const col = { plan: tuesday } as Column;
    expect(cellState(col.plan, 4)).toBe('open'); // 08:00
    expect(cellState(col.plan, 8)).toBe('closed'); // 09:00, absent
    expect(cellState(col.plan, 18)).toBe('urgent'); // 11:30
  });

  it('local times in the practice zone across the DST change, not the browser’s', () => {
    expect(localParts('2026-03-29T00:30:00Z', ZONE)).toEqual({ date: '2026-03-29', minutes: 90, time: '01:30' });
    expect(localParts('2026-03-29T01:30:00Z', ZONE)).toEqual({ date: '2026-03-29', minutes: 210, time: '03:30' });
    expect(instantAt('2026-03-29', 9 * 60, ZONE).toISO()).toBe('2026-03-29T09:00:00.000+02:00');
  });

  it('blocks, lanes for overlaps, cancelled ones left out; keyboard stops skip covered cells', () => {
    const column: Column = { key: 'c', index: 0, practitioner, date: '2026-03-10', label: 'Dr Test', fullLabel: 'Dr Test, mardi', plan: dayPlan(hours, '2026-03-10', ZONE) };
    const [blocks] = layoutColumns([column], [
      appt('a', '2026-03-10T07:00:00Z', '2026-03-10T07:30:00Z'), // 08:00–08:30
      appt('b', '2026-03-10T07:15:00Z', '2026-03-10T07:45:00Z'), // overlaps a
      appt('c', '2026-03-10T08:00:00Z', '2026-03-10T08:20:00Z', 'cancelled_by_patient'),
      appt('d', '2026-03-11T07:00:00Z', '2026-03-11T07:20:00Z'), // another day
    ], ZONE);
    expect(blocks!.map((b) => [b.appointment.id, b.row, b.lane, b.lanes, b.startText, b.endText])).toEqual([
      ['a', 4, 0, 2, '8\u00a0h\u00a000', '8\u00a0h\u00a030'],
      ['b', 5, 1, 2, '8\u00a0h\u00a015', '8\u00a0h\u00a045'],
    ]);
    const covered = coveredRows(blocks!);
    expect(covered.slice(3, 9)).toEqual([false, true, true, true, false, false]);
    const stops = columnStops(0, blocks!, covered);
    const around = stops.filter((s) => s.row >= 3 && s.row <= 8).map((s) => s.key);
    expect(around).toEqual(['c:0:3', 'a:a', 'a:b', 'c:0:7', 'c:0:8']);
  });
});
