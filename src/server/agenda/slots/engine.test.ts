import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  buildBusyIndex,
  firstAvailable,
  freeSlots,
  frenchHolidays,
  isSlotBookable,
  nextProposals,
  type Appointment,
  type MotifRule,
  type PractitionerSchedule,
  type SlotEngineInput,
  type SlotQuery,
} from './index.js';

const at = (s: string) => new Date(s);
const starts = (slots: { start: Date }[]) => slots.map((s) => s.start.toISOString());
const M15: MotifRule = { id: 'consult', durationMinutes: 15 };
// Monday 2 June 2025 (ISO week 23, odd), Paris = UTC+2
const MON = '2025-06-02';

function gp(extra: Partial<PractitionerSchedule> = {}): PractitionerSchedule {
  return {
    id: 'dr-a',
    weekly: [{ days: { 1: [{ start: '09:00', end: '10:00' }] } }],
    ...extra,
  };
}

function q(extra: Partial<SlotQuery> = {}): SlotQuery {
  return { motif: M15, channel: 'desk', now: at('2025-06-01T00:00:00Z'), to: at('2025-06-09T00:00:00Z'), ...extra };
}

describe('opening hours', () => {
  it('cuts the weekly range into slots of the motif duration, in local time', () => {
    const slots = freeSlots({ practitioners: [gp()] }, q());
    expect(starts(slots)).toEqual(['2025-06-02T07:00:00.000Z', '2025-06-02T07:15:00.000Z', '2025-06-02T07:30:00.000Z', '2025-06-02T07:45:00.000Z']);
    expect(slots.every((s) => s.end.getTime() - s.start.getTime() === 15 * 60_000 && !s.urgent && s.remainingCapacity === 1)).toBe(true);
  });
  it('uses the grid step, anchored at the range start, and keeps the full duration inside', () => {
    const slots = freeSlots({ practitioners: [gp()] }, q({ motif: { id: 'x', durationMinutes: 20, stepMinutes: 15 } }));
    expect(starts(slots)).toEqual(['2025-06-02T07:00:00.000Z', '2025-06-02T07:15:00.000Z', '2025-06-02T07:30:00.000Z']);
  });
  it('respects breaks, as gaps or explicit', () => {
    const gaps = gp({ weekly: [{ days: { 1: [{ start: '09:00', end: '09:30' }, { start: '09:45', end: '10:00' }] } }] });
    const explicit = gp({ weekly: [{ days: { 1: [{ start: '09:00', end: '10:00' }] }, breaks: [{ start: '09:30', end: '09:45' }] }] });
    const otherDay = gp({ weekly: [{ days: { 1: [{ start: '09:00', end: '10:00' }] }, breaks: [{ start: '09:30', end: '09:45', weekdays: [2] }] }] });
    const expected = ['2025-06-02T07:00:00.000Z', '2025-06-02T07:15:00.000Z', '2025-06-02T07:45:00.000Z'];
    expect(starts(freeSlots({ practitioners: [gaps] }, q()))).toEqual(expected);
    expect(starts(freeSlots({ practitioners: [explicit] }, q()))).toEqual(expected);
    expect(freeSlots({ practitioners: [otherDay] }, q())).toHaveLength(4);
  });
  it('applies periods of validity (inclusive dates)', () => {
    const p = gp({
      weekly: [
        { validTo: '2025-06-08', days: { 1: [{ start: '09:00', end: '09:30' }] } },
        { validFrom: '2025-06-09', days: { 1: [{ start: '14:00', end: '14:30' }] } },
      ],
    });
    const slots = freeSlots({ practitioners: [p] }, q({ to: at('2025-06-10T00:00:00Z') }));
    expect(starts(slots)).toEqual(['2025-06-02T07:00:00.000Z', '2025-06-02T07:15:00.000Z', '2025-06-09T12:00:00.000Z', '2025-06-09T12:15:00.000Z']);
  });
  it('applies alternate weeks by ISO week parity', () => {
    const p = gp({
      weekly: [
        { weeks: { kind: 'isoWeekParity', parity: 'odd' }, days: { 1: [{ start: '09:00', end: '09:15' }] } },
        { weeks: { kind: 'isoWeekParity', parity: 'even' }, days: { 1: [{ start: '15:00', end: '15:15' }] } },
      ],
    });
    const slots = freeSlots({ practitioners: [p] }, q({ to: at('2025-06-24T00:00:00Z') }));
    expect(starts(slots)).toEqual(['2025-06-02T07:00:00.000Z', '2025-06-09T13:00:00.000Z', '2025-06-16T07:00:00.000Z', '2025-06-23T13:00:00.000Z']);
  });
  it('applies every-N-weeks from a reference week (also before the reference)', () => {
    const p = gp({ weekly: [{ weeks: { kind: 'everyNWeeks', every: 3, referenceDate: '2025-06-11' }, days: { 1: [{ start: '09:00', end: '09:15' }] } }] });
    const slots = freeSlots({ practitioners: [p] }, q({ now: at('2025-05-01T00:00:00Z'), to: at('2025-07-10T00:00:00Z') }));
    expect(starts(slots)).toEqual(['2025-05-19T07:00:00.000Z', '2025-06-09T07:00:00.000Z', '2025-06-30T07:00:00.000Z']);
  });
  it('unites several templates applying the same day', () => {
    const p = gp({ weekly: [{ days: { 1: [{ start: '09:00', end: '09:15' }] } }, { days: { 1: [{ start: '09:00', end: '09:30' }] } }] });
    expect(freeSlots({ practitioners: [p] }, q())).toHaveLength(2);
  });
  it('fails loudly on a bad configuration', () => {
    expect(() => freeSlots({ practitioners: [gp({ timeZone: 'Europe/Pariss' })] }, q())).toThrow(/time zone/);
    expect(() => freeSlots({ practitioners: [gp({ weekly: [{ days: { 1: [{ start: '20:00', end: '02:00' }] } }] })] }, q())).toThrow(/overnight/);
    expect(() => freeSlots({ practitioners: [gp()] }, q({ motif: { id: 'x', durationMinutes: 0 } }))).toThrow(/durationMinutes/);
    expect(() => freeSlots({ practitioners: [gp()] }, q({ motif: { id: 'x', durationMinutes: 15, capacity: 1.5 } }))).toThrow(/capacity/);
    expect(() => freeSlots({ practitioners: [gp()] }, q({ practitionerIds: ['nobody'] }))).toThrow(/unknown practitioner/);
  });
});

describe('holidays and exceptional openings', () => {
  // Monday 9 June 2025 is Whit Monday; Friday 18 April 2025 is Good Friday (Alsace-Moselle only).
  const whit = { now: at('2025-06-08T00:00:00Z'), to: at('2025-06-10T00:00:00Z') };
  it('closes public holidays', () => {
    const p = gp({ holidays: frenchHolidays() });
    expect(freeSlots({ practitioners: [p] }, q(whit))).toEqual([]);
    expect(isSlotBookable({ practitioners: [p] }, q(whit), { practitionerId: 'dr-a', start: at('2025-06-09T07:00:00Z') })).toEqual({
      ok: false,
      reason: 'holiday',
      detail: 'Lundi de Pentecôte',
    });
    expect(isSlotBookable({ practitioners: [p] }, q(whit), { practitionerId: 'dr-a', start: at('2025-06-09T12:00:00Z') }).ok).toBe(false);
  });
  it('keeps usual hours on holidays the practice chose to work', () => {
    const p = gp({ holidays: frenchHolidays(), openOnHolidays: ['2025-06-09'] });
    expect(freeSlots({ practitioners: [p] }, q(whit))).toHaveLength(4);
  });
  it('lets an exceptional opening win over a holiday and over a closed day', () => {
    const p = gp({
      holidays: frenchHolidays(),
      exceptional: [
        { date: '2025-06-09', ranges: [{ start: '10:00', end: '10:30' }] },
        { date: '2025-06-08', ranges: [{ start: '11:00', end: '11:15' }], mode: 'add' }, // a Sunday
      ],
    });
    expect(starts(freeSlots({ practitioners: [p] }, q(whit)))).toEqual(['2025-06-08T09:00:00.000Z', '2025-06-09T08:00:00.000Z', '2025-06-09T08:15:00.000Z']);
  });
  it('replace mode replaces the usual hours (empty ranges close the day); add mode adds to them', () => {
    const closed = gp({ exceptional: [{ date: MON, ranges: [] }] });
    const added = gp({ exceptional: [{ date: MON, ranges: [{ start: '17:00', end: '17:15' }], mode: 'add' }] });
    expect(freeSlots({ practitioners: [closed] }, q())).toEqual([]);
    expect(freeSlots({ practitioners: [added] }, q())).toHaveLength(5);
  });
  it('knows Alsace-Moselle Good Friday and 26 December, and overseas abolition days', () => {
    expect(frenchHolidays('57').holidayName('2025-04-18')).toBe('Vendredi saint');
    expect(frenchHolidays('67').holidayName('2025-12-26')).toBeDefined();
    expect(frenchHolidays('metropole').holidayName('2025-04-18')).toBeUndefined();
    expect(frenchHolidays('metropole').holidayName('2025-12-26')).toBeUndefined();
    expect(frenchHolidays('MQ').holidayName('2025-05-22')).toMatch(/esclavage/i);
    expect(frenchHolidays('RE').holidayName('2025-12-20')).toMatch(/esclavage/i);
    expect(frenchHolidays('NC').holidayName('2025-09-24')).toBeDefined();
    expect(frenchHolidays('metropole').holidayName('2025-05-25')).toBeUndefined(); // Mother's Day: observance only
    expect(frenchHolidays('metropole').holidayName('2026-04-06')).toBeDefined(); // Easter Monday computed per year
  });
});

describe('absences', () => {
  it('removes slots overlapping an absence', () => {
    const p = gp({ absences: [{ start: at('2025-06-02T07:10:00Z'), end: at('2025-06-02T07:30:00Z') }] });
    expect(starts(freeSlots({ practitioners: [p] }, q()))).toEqual(['2025-06-02T07:30:00.000Z', '2025-06-02T07:45:00.000Z']);
    expect(isSlotBookable({ practitioners: [p] }, q(), { practitionerId: 'dr-a', start: at('2025-06-02T07:15:00Z') })).toEqual({ ok: false, reason: 'absence' });
  });
});

describe('busy time, buffers, capacity and resources', () => {
  const appt = (start: string, end: string, extra: Partial<Appointment> = {}): Appointment => ({ practitionerId: 'dr-a', start: at(start), end: at(end), ...extra });
  it('skips taken slots and gives the reason', () => {
    const input: SlotEngineInput = { practitioners: [gp()], busy: { appointments: [appt('2025-06-02T07:15:00Z', '2025-06-02T07:30:00Z')] } };
    expect(starts(freeSlots(input, q()))).toEqual(['2025-06-02T07:00:00.000Z', '2025-06-02T07:30:00.000Z', '2025-06-02T07:45:00.000Z']);
    expect(isSlotBookable(input, q(), { practitionerId: 'dr-a', start: at('2025-06-02T07:15:00Z') })).toEqual({ ok: false, reason: 'taken' });
  });
  it('requires the buffers to be free (but not within opening hours)', () => {
    const input: SlotEngineInput = { practitioners: [gp()], busy: { appointments: [appt('2025-06-02T07:30:00Z', '2025-06-02T07:45:00Z')] } };
    const slots = freeSlots(input, q({ motif: { id: 'x', durationMinutes: 15, bufferAfterMinutes: 5, bufferBeforeMinutes: 5 } }));
    expect(starts(slots)).toEqual(['2025-06-02T07:00:00.000Z']);
  });
  it('allows controlled overbooking up to the capacity, and exclusive appointments block whatever the capacity', () => {
    const group: MotifRule = { id: 'vaccination', durationMinutes: 15, capacity: 3 };
    const shared: SlotEngineInput = {
      practitioners: [gp()],
      busy: { appointments: [appt('2025-06-02T07:00:00Z', '2025-06-02T07:15:00Z', { units: 1 }), appt('2025-06-02T07:00:00Z', '2025-06-02T07:15:00Z', { units: 1 }), appt('2025-06-02T07:15:00Z', '2025-06-02T07:30:00Z', { units: 3 })] },
    };
    const slots = freeSlots(shared, q({ motif: group }));
    expect(slots.map((s) => [s.start.toISOString(), s.remainingCapacity])).toEqual([
      ['2025-06-02T07:00:00.000Z', 1],
      ['2025-06-02T07:30:00.000Z', 3],
      ['2025-06-02T07:45:00.000Z', 3],
    ]);
    // the same shared appointments fully block a capacity-1 motif
    expect(freeSlots(shared, q())).toHaveLength(2);
    const exclusive: SlotEngineInput = { practitioners: [gp()], busy: { appointments: [appt('2025-06-02T07:00:00Z', '2025-06-02T07:15:00Z')] } };
    expect(starts(freeSlots(exclusive, q({ motif: group })))[0]).toBe('2025-06-02T07:15:00.000Z');
  });
  it('requires every resource of the motif to be free', () => {
    const echo: MotifRule = { id: 'echo', durationMinutes: 15, resourceIds: ['us-1'] };
    const input: SlotEngineInput = {
      practitioners: [gp()],
      busy: buildBusyIndex({ resourceBookings: [{ resourceId: 'us-1', start: at('2025-06-02T07:00:00Z'), end: at('2025-06-02T07:30:00Z'), units: 1 }] }),
    };
    expect(starts(freeSlots(input, q({ motif: echo })))).toEqual(['2025-06-02T07:30:00.000Z', '2025-06-02T07:45:00.000Z']);
    expect(freeSlots(input, q())).toHaveLength(4); // a motif without the resource ignores it
    expect(isSlotBookable(input, q({ motif: echo }), { practitionerId: 'dr-a', start: at('2025-06-02T07:00:00Z') })).toEqual({ ok: false, reason: 'resource_taken', detail: 'us-1' });
    const twoMachines = { ...input, resources: [{ id: 'us-1', capacity: 2 }] };
    expect(freeSlots(twoMachines, q({ motif: echo }))).toHaveLength(4);
  });
  it('gives the same answer from raw lists and from a prebuilt index', () => {
    const appointments = [appt('2025-06-02T07:45:00Z', '2025-06-02T08:00:00Z'), appt('2025-06-02T07:00:00Z', '2025-06-02T07:15:00Z')];
    expect(freeSlots({ practitioners: [gp()], busy: { appointments } }, q())).toEqual(freeSlots({ practitioners: [gp()], busy: buildBusyIndex({ appointments }) }, q()));
  });
});

describe('channels, notice, past', () => {
  const now = at('2025-06-02T07:20:00Z'); // 09:20 Paris
  it('never proposes a slot in the past, and says so', () => {
    expect(starts(freeSlots({ practitioners: [gp()] }, q({ now })))).toEqual(['2025-06-02T07:30:00.000Z', '2025-06-02T07:45:00.000Z']);
    expect(isSlotBookable({ practitioners: [gp()] }, q({ now }), { practitionerId: 'dr-a', start: at('2025-06-02T07:15:00Z') })).toEqual({ ok: false, reason: 'past' });
  });
  it('applies the minimum notice of the channel (policy and motif, the stricter wins)', () => {
    const input: SlotEngineInput = { practitioners: [gp()], policy: { minNoticeMinutes: { online: 20 } } };
    expect(starts(freeSlots(input, q({ now, channel: 'online' })))).toEqual(['2025-06-02T07:45:00.000Z']);
    expect(freeSlots(input, q({ now, channel: 'desk' }))).toHaveLength(2);
    expect(isSlotBookable(input, q({ now, channel: 'online' }), { practitionerId: 'dr-a', start: at('2025-06-02T07:30:00Z') })).toEqual({ ok: false, reason: 'too_late' });
    const strict: MotifRule = { ...M15, minNoticeMinutes: { online: 120 } };
    expect(freeSlots(input, q({ now, channel: 'online', motif: strict }))).toEqual([]);
  });
  it('restricts motifs to their channels', () => {
    const deskOnly: MotifRule = { ...M15, channels: ['desk'] };
    expect(freeSlots({ practitioners: [gp()] }, q({ motif: deskOnly, channel: 'online' }))).toEqual([]);
    expect(isSlotBookable({ practitioners: [gp()] }, q({ motif: deskOnly, channel: 'assistant' }), { practitionerId: 'dr-a', start: at('2025-06-02T07:00:00Z') })).toEqual({ ok: false, reason: 'channel_not_allowed' });
    expect(freeSlots({ practitioners: [gp()] }, q({ motif: deskOnly }))).toHaveLength(4);
  });
  it('reports grid, hours and unknown practitioner', () => {
    const input = { practitioners: [gp()] };
    expect(isSlotBookable(input, q(), { practitionerId: 'dr-a', start: at('2025-06-02T07:05:00Z') })).toEqual({ ok: false, reason: 'not_on_grid' });
    expect(isSlotBookable(input, q(), { practitionerId: 'dr-a', start: at('2025-06-02T07:50:00Z') })).toEqual({ ok: false, reason: 'outside_hours' });
    expect(isSlotBookable(input, q(), { practitionerId: 'dr-a', start: at('2025-06-03T07:00:00Z') })).toEqual({ ok: false, reason: 'outside_hours' });
    expect(isSlotBookable(input, q(), { practitionerId: 'dr-z', start: at('2025-06-02T07:00:00Z') })).toEqual({ ok: false, reason: 'unknown_practitioner' });
  });
});

describe('urgent slots', () => {
  const p = gp({ urgent: { weekly: [{ days: { 1: [{ start: '09:30', end: '10:00' }] } }], releaseMinutesBefore: 120 } });
  it('are always bookable at the desk, flagged urgent', () => {
    const slots = freeSlots({ practitioners: [p] }, q());
    expect(slots.map((s) => s.urgent)).toEqual([false, false, true, true]);
  });
  it('are hidden online and from the assistant until the release time', () => {
    for (const channel of ['online', 'assistant'] as const) {
      const early = q({ channel, now: at('2025-06-02T05:00:00Z') }); // 07:00 local: urgent 09:30 not released (07:30)
      expect(freeSlots({ practitioners: [p] }, early)).toHaveLength(2);
      expect(isSlotBookable({ practitioners: [p] }, early, { practitionerId: 'dr-a', start: at('2025-06-02T07:30:00Z') })).toEqual({ ok: false, reason: 'urgent_reserved' });
      const released = q({ channel, now: at('2025-06-02T05:30:00Z') }); // exactly 2 h before 09:30
      expect(freeSlots({ practitioners: [p] }, released).map((s) => s.urgent)).toEqual([false, false, true, true].slice(0, 3).concat([])); // 09:45 not yet released
      expect(isSlotBookable({ practitioners: [p] }, released, { practitionerId: 'dr-a', start: at('2025-06-02T07:30:00Z') }).ok).toBe(true);
    }
  });
  it('are never released without a rule', () => {
    const noRule = gp({ urgent: { weekly: [{ days: { 1: [{ start: '09:30', end: '10:00' }] } }] } });
    expect(freeSlots({ practitioners: [noRule] }, q({ channel: 'online', now: at('2025-06-02T07:29:00Z') }))).toEqual([]);
  });
  it('extend opening hours when outside the regular ranges, and can be set on an exceptional day', () => {
    const outside = gp({ urgent: { weekly: [{ days: { 1: [{ start: '18:00', end: '18:15' }] } }] } });
    expect(freeSlots({ practitioners: [outside] }, q()).map((s) => s.urgent)).toEqual([false, false, false, false, true]);
    const exc = gp({ exceptional: [{ date: '2025-06-03', ranges: [], urgentRanges: [{ start: '08:00', end: '08:15' }] }] });
    expect(freeSlots({ practitioners: [exc] }, q()).filter((s) => s.urgent).map((s) => s.start.toISOString())).toEqual(['2025-06-03T06:00:00.000Z']);
  });
});

describe('groups: firstAvailable and nextProposals', () => {
  const a = gp({ id: 'a', weekly: [{ days: { 1: [{ start: '09:00', end: '10:00' }, { start: '14:00', end: '15:00' }], 2: [{ start: '09:00', end: '10:00' }] } }] });
  const b = gp({ id: 'b', weekly: [{ days: { 1: [{ start: '09:00', end: '10:00' }] } }] });
  const busyA = { appointments: [{ practitionerId: 'a', start: at('2025-06-02T07:00:00Z'), end: at('2025-06-02T07:15:00Z') }] };
  it('returns the earliest slot across the group, ties broken by practitioner order', () => {
    expect(firstAvailable({ practitioners: [a, b] }, q())?.practitionerId).toBe('a');
    expect(firstAvailable({ practitioners: [b, a] }, q())?.practitionerId).toBe('b');
    expect(firstAvailable({ practitioners: [a, b] }, q({ practitionerIds: ['b', 'a'] }))?.practitionerId).toBe('b');
    expect(firstAvailable({ practitioners: [a, b], busy: busyA }, q())?.practitionerId).toBe('b');
    expect(firstAvailable({ practitioners: [a, b] }, q({ to: at('2025-06-02T00:00:00Z') }))).toBeNull();
  });
  it('merges the group sorted by start then practitioner order', () => {
    const slots = freeSlots({ practitioners: [a, b] }, q({ limit: 4 }));
    expect(slots.map((s) => `${s.practitionerId}@${s.start.toISOString().slice(11, 16)}`)).toEqual(['a@07:00', 'b@07:00', 'a@07:15', 'b@07:15']);
  });
  it('uses per-practitioner motifs', () => {
    const slots = freeSlots({ practitioners: [a, b] }, q({ motifFor: (id) => (id === 'b' ? { id: 'long', durationMinutes: 30 } : undefined), to: at('2025-06-03T00:00:00Z') }));
    expect(slots.filter((s) => s.practitionerId === 'b')).toHaveLength(2);
    expect(slots.filter((s) => s.practitionerId === 'a')).toHaveLength(8);
  });
  it('gives the next N proposals, spread over days or half-days, with a time-of-day preference', () => {
    const input = { practitioners: [a, b] };
    expect(nextProposals(input, q(), 3)).toHaveLength(3);
    expect(nextProposals(input, q(), 3, { spread: 'day' }).map((s) => s.start.toISOString())).toEqual(['2025-06-02T07:00:00.000Z', '2025-06-03T07:00:00.000Z']);
    expect(nextProposals(input, q(), 5, { spread: 'halfDay' }).map((s) => s.start.toISOString())).toEqual([
      '2025-06-02T07:00:00.000Z',
      '2025-06-02T12:00:00.000Z',
      '2025-06-03T07:00:00.000Z',
    ]);
    expect(nextProposals(input, q(), 2, { timeOfDay: 'afternoon' }).map((s) => s.start.toISOString())).toEqual(['2025-06-02T12:00:00.000Z', '2025-06-02T12:15:00.000Z']);
    expect(nextProposals(input, q(), 0)).toEqual([]);
  });
});

describe('daylight-saving days in Europe/Paris', () => {
  const sundays = (ranges: { start: string; end: string }[]) => gp({ weekly: [{ days: { 7: ranges } }] });
  const win = (d: string) => ({ now: at(`${d}T00:00:00Z`), from: at(`${d}T00:00:00Z`), to: at(`${d}T00:00:00Z`) });
  const dayWindow = (d: string) => ({ ...win(d), from: new Date(Date.parse(`${d}T00:00:00Z`) - 3 * 3_600_000), now: new Date(Date.parse(`${d}T00:00:00Z`) - 3 * 3_600_000), to: new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000) });
  const M60: MotifRule = { id: 'h', durationMinutes: 60 };
  it('08:00–12:00 local gives the right instants on the last Sundays of March and October', () => {
    const p = sundays([{ start: '08:00', end: '12:00' }]);
    expect(starts(freeSlots({ practitioners: [p] }, q({ ...dayWindow('2025-03-30'), motif: M60 })))).toEqual([
      '2025-03-30T06:00:00.000Z',
      '2025-03-30T07:00:00.000Z',
      '2025-03-30T08:00:00.000Z',
      '2025-03-30T09:00:00.000Z',
    ]);
    expect(starts(freeSlots({ practitioners: [p] }, q({ ...dayWindow('2025-10-26'), motif: M60 })))).toEqual([
      '2025-10-26T07:00:00.000Z',
      '2025-10-26T08:00:00.000Z',
      '2025-10-26T09:00:00.000Z',
      '2025-10-26T10:00:00.000Z',
    ]);
  });
  it('never proposes the nonexistent 02:00–03:00 in March', () => {
    const p = sundays([{ start: '01:00', end: '04:00' }]);
    const slots = freeSlots({ practitioners: [p] }, q({ ...dayWindow('2025-03-30'), motif: { id: 'x', durationMinutes: 30 } }));
    // 01:00, 01:30 CET then 03:00, 03:30 CEST: two real hours
    expect(starts(slots)).toEqual(['2025-03-30T00:00:00.000Z', '2025-03-30T00:30:00.000Z', '2025-03-30T01:00:00.000Z', '2025-03-30T01:30:00.000Z']);
    const inGap = sundays([{ start: '02:30', end: '04:00' }]);
    expect(starts(freeSlots({ practitioners: [inGap] }, q({ ...dayWindow('2025-03-30'), motif: { id: 'x', durationMinutes: 30 } })))).toEqual([
      '2025-03-30T01:00:00.000Z',
      '2025-03-30T01:30:00.000Z',
    ]);
    const wholeGap = sundays([{ start: '02:00', end: '03:00' }]);
    expect(freeSlots({ practitioners: [wholeGap] }, q({ ...dayWindow('2025-03-30'), motif: { id: 'x', durationMinutes: 15 } }))).toEqual([]);
  });
  it('covers the repeated hour in October once per real instant, without duplicates', () => {
    const p = sundays([{ start: '01:00', end: '04:00' }]);
    const slots = freeSlots({ practitioners: [p] }, q({ ...dayWindow('2025-10-26'), motif: M60 }));
    // 01:00 CEST, 02:00 CEST, 02:00 CET, 03:00 CET: four real hours between the clock showing 01:00 and 04:00
    expect(starts(slots)).toEqual(['2025-10-25T23:00:00.000Z', '2025-10-26T00:00:00.000Z', '2025-10-26T01:00:00.000Z', '2025-10-26T02:00:00.000Z']);
    expect(new Set(starts(slots)).size).toBe(slots.length);
  });
  it('re-checks slots consistently on DST days', () => {
    const p = sundays([{ start: '01:00', end: '04:00' }]);
    const qq = q({ ...dayWindow('2025-03-30'), motif: { id: 'x', durationMinutes: 30 } });
    expect(isSlotBookable({ practitioners: [p] }, qq, { practitionerId: 'dr-a', start: at('2025-03-30T01:00:00Z') }).ok).toBe(true);
    expect(isSlotBookable({ practitioners: [p] }, qq, { practitionerId: 'dr-a', start: at('2025-03-30T02:00:00Z') })).toEqual({ ok: false, reason: 'outside_hours' });
  });
});

describe('overseas zones', () => {
  it.each([
    ['America/Martinique', 'MQ', '2025-05-22', '2025-05-23T12:00:00.000Z'], // UTC−4; 22 May (abolition) closed
    ['Indian/Reunion', 'RE', '2025-12-20', '2025-12-22T04:00:00.000Z'], // UTC+4; 20 Dec (abolition) is a Saturday → Monday
    ['Pacific/Noumea', 'NC', '2025-09-24', '2025-09-24T21:00:00.000Z'], // UTC+11; 24 Sep closed → 25 Sep 08:00 = 24 Sep 21:00Z
  ] as const)('%s: local hours and regional holidays', (timeZone, region, holiday, expectedFirst) => {
    const p: PractitionerSchedule = {
      id: 'o',
      timeZone,
      holidays: frenchHolidays(region),
      weekly: [{ days: { 1: [{ start: '08:00', end: '12:00' }], 2: [{ start: '08:00', end: '12:00' }], 3: [{ start: '08:00', end: '12:00' }], 4: [{ start: '08:00', end: '12:00' }], 5: [{ start: '08:00', end: '12:00' }], 6: [{ start: '08:00', end: '12:00' }] } }],
    };
    const from = DateTime.fromISO(holiday, { zone: timeZone }).toJSDate(); // local midnight of the holiday
    const first = firstAvailable({ practitioners: [p] }, { motif: M15, channel: 'online', now: from, to: new Date(from.getTime() + 10 * 86_400_000) });
    expect(first?.start.toISOString()).toBe(expectedFirst);
  });
});
