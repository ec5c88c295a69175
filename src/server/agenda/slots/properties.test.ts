/**
 * Property tests: random calendars (several zones, windows around the DST changes, holidays,
 * exceptional days, absences, urgent ranges, overbooking) checked against independent oracles
 * written with luxon and brute force, not with the engine's own helpers.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  buildBusyIndex,
  firstAvailable,
  freeSlots,
  frenchHolidays,
  isSlotBookable,
  nextProposals,
  type Appointment,
  type Channel,
  type ExceptionalOpening,
  type FreeSlot,
  type MotifRule,
  type PractitionerSchedule,
  type SlotEngineInput,
  type SlotQuery,
  type TimeRange,
  type Weekday,
} from './index.js';

const MIN = 60_000;
const ZONES = ['Europe/Paris', 'America/Martinique', 'Indian/Reunion', 'Pacific/Noumea'] as const;
// windows around the last Sundays of March and October, Whit Monday, Christmas
const BASE_DAYS = ['2025-03-27', '2025-10-23', '2025-06-06', '2025-12-22', '2026-03-26'] as const;
const HOLIDAYS = frenchHolidays('metropole');

const hhmm = (q: number) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
const rangeArb: fc.Arbitrary<TimeRange> = fc
  .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 40 }))
  .map(([s, l]) => ({ start: hhmm(s), end: hhmm(Math.min(96, s + l)) }));
// ranges often around the DST hours (01:00–04:00)
const nightRangeArb: fc.Arbitrary<TimeRange> = fc
  .tuple(fc.integer({ min: 2, max: 14 }), fc.integer({ min: 1, max: 10 }))
  .map(([s, l]) => ({ start: hhmm(s), end: hhmm(s + l) }));
const rangesArb = fc.array(fc.oneof(rangeArb, nightRangeArb), { maxLength: 3 });

interface Scenario {
  zone: string;
  practitioners: PractitionerSchedule[];
  appointments: Appointment[];
  motif: MotifRule;
  channel: Channel;
  now: number;
  from: number;
  to: number;
  noticeOnline: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    base: fc.constantFrom(...BASE_DAYS),
    nPract: fc.integer({ min: 1, max: 3 }),
    seedDays: fc.array(fc.array(rangesArb, { minLength: 7, maxLength: 7 }), { minLength: 3, maxLength: 3 }),
    breaks: fc.array(rangeArb, { maxLength: 2 }),
    exceptional: fc.array(fc.record({ dayOffset: fc.integer({ min: 0, max: 5 }), ranges: rangesArb, mode: fc.constantFrom('replace', 'add') as fc.Arbitrary<'replace' | 'add'> }), { maxLength: 2 }),
    useHolidays: fc.boolean(),
    urgent: fc.option(fc.record({ ranges: rangesArb, release: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }) }), { nil: undefined }),
    absences: fc.array(fc.tuple(fc.integer({ min: 0, max: 6 * 96 }), fc.integer({ min: 1, max: 40 })), { maxLength: 3 }),
    appts: fc.array(
      fc.record({ p: fc.integer({ min: 0, max: 2 }), q: fc.integer({ min: 0, max: 6 * 288 }), len: fc.integer({ min: 1, max: 18 }), units: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }) }),
      { maxLength: 40 },
    ),
    duration: fc.constantFrom(10, 15, 20, 30, 45, 60),
    step: fc.option(fc.constantFrom(5, 10, 15, 30), { nil: undefined }),
    before: fc.constantFrom(0, 0, 5, 10),
    after: fc.constantFrom(0, 0, 5, 15),
    capacity: fc.constantFrom(1, 1, 2, 3),
    channel: fc.constantFrom('desk', 'online', 'assistant') as fc.Arbitrary<Channel>,
    nowOffsetMin: fc.integer({ min: -600, max: 4 * 1440 }),
    noticeOnline: fc.constantFrom(0, 120),
  })
  .map((r) => {
    const day0 = DateTime.fromISO(r.base, { zone: r.zone });
    const t0 = day0.toMillis();
    const practitioners: PractitionerSchedule[] = [];
    for (let i = 0; i < r.nPract; i++) {
      const days: Partial<Record<Weekday, TimeRange[]>> = {};
      r.seedDays[i]!.forEach((ranges, wd) => (days[(wd + 1) as Weekday] = ranges));
      const exceptional: ExceptionalOpening[] = r.exceptional.map((e) => ({ date: day0.plus({ days: e.dayOffset }).toISODate()!, ranges: e.ranges, mode: e.mode }));
      practitioners.push({
        id: `p${i}`,
        timeZone: r.zone,
        weekly: [{ days, breaks: r.breaks }],
        exceptional,
        absences: r.absences.map(([q, l]) => ({ start: new Date(t0 + q * 15 * MIN), end: new Date(t0 + (q + l) * 15 * MIN) })),
        ...(r.useHolidays ? { holidays: HOLIDAYS } : {}),
        ...(r.urgent ? { urgent: { weekly: [{ days: { 1: r.urgent.ranges, 4: r.urgent.ranges, 7: r.urgent.ranges } }], ...(r.urgent.release !== undefined ? { releaseMinutesBefore: r.urgent.release } : {}) } } : {}),
      });
    }
    const appointments: Appointment[] = r.appts
      .filter((a) => a.p < r.nPract)
      .map((a) => ({ practitionerId: `p${a.p}`, start: new Date(t0 + a.q * 5 * MIN), end: new Date(t0 + (a.q + a.len) * 5 * MIN), ...(a.units !== undefined ? { units: a.units } : {}) }));
    return {
      zone: r.zone,
      practitioners,
      appointments,
      motif: { id: 'm', durationMinutes: r.duration, ...(r.step ? { stepMinutes: r.step } : {}), bufferBeforeMinutes: r.before, bufferAfterMinutes: r.after, capacity: r.capacity },
      channel: r.channel,
      now: t0 + r.nowOffsetMin * MIN,
      from: t0 - 2 * 3_600_000,
      to: t0 + 6 * 86_400_000,
      noticeOnline: r.noticeOnline,
    };
  });

function inputOf(s: Scenario, appointments = s.appointments): SlotEngineInput {
  return { practitioners: s.practitioners, busy: { appointments }, policy: { minNoticeMinutes: { online: s.noticeOnline } } };
}
function queryOf(s: Scenario): SlotQuery {
  return { motif: s.motif, channel: s.channel, now: new Date(s.now), from: new Date(s.from), to: new Date(s.to) };
}

// ---- independent oracle: local day ranges from the configuration, in wall-clock minutes ----
function toMin(t: string): number {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}
function inRanges(ranges: readonly TimeRange[], minute: number): boolean {
  return ranges.some((r) => toMin(r.start) <= minute && minute < toMin(r.end));
}
/** Is the wall-clock minute `minute` of local date `date` opening time (regular or urgent, holidays and exceptions applied)? */
function openAt(p: PractitionerSchedule, date: DateTime, minute: number): boolean {
  const iso = date.toISODate()!;
  const exc = (p.exceptional ?? []).filter((e) => e.date === iso);
  const excOpen = exc.some((e) => inRanges(e.ranges, minute) || inRanges(e.urgentRanges ?? [], minute));
  if (exc.some((e) => (e.mode ?? 'replace') === 'replace')) return excOpen;
  const holiday = p.holidays?.holidayName(iso) !== undefined && !(p.openOnHolidays ?? []).includes(iso);
  if (holiday) return excOpen;
  const wd = date.weekday as Weekday;
  const weekly = p.weekly.some((w) => inRanges(w.days[wd] ?? [], minute) && !(w.breaks ?? []).some((b) => (!b.weekdays || b.weekdays.includes(wd)) && inRanges([b], minute)));
  const urgent = (p.urgent?.weekly ?? []).some((w) => inRanges(w.days[wd] ?? [], minute));
  return weekly || urgent || excOpen;
}
function urgentAt(p: PractitionerSchedule, date: DateTime, minute: number): boolean {
  const iso = date.toISODate()!;
  const exc = (p.exceptional ?? []).filter((e) => e.date === iso);
  const excUrgent = exc.some((e) => inRanges(e.urgentRanges ?? [], minute));
  if (exc.some((e) => (e.mode ?? 'replace') === 'replace')) return excUrgent;
  if (p.holidays?.holidayName(iso) !== undefined && !(p.openOnHolidays ?? []).includes(iso)) return excUrgent;
  return excUrgent || (p.urgent?.weekly ?? []).some((w) => inRanges(w.days[date.weekday as Weekday] ?? [], minute));
}
/** Every minute of the slot (checked every 5 min: all boundaries lie on a 5-minute grid), read on the wall clock, is opening time of the slot's local day. */
const openMemo = new WeakMap<PractitionerSchedule, Map<number, { day: string; open: boolean }>>();
function withinHours(p: PractitionerSchedule, slot: FreeSlot): boolean {
  const zone = p.timeZone ?? 'Europe/Paris';
  let memo = openMemo.get(p);
  if (!memo) openMemo.set(p, (memo = new Map()));
  let slotDay: string | undefined;
  for (let t = slot.start.getTime(); t < slot.end.getTime(); t += 5 * MIN) {
    let v = memo.get(t);
    if (!v) {
      const local = DateTime.fromMillis(t, { zone });
      v = { day: local.toISODate()!, open: openAt(p, local.startOf('day'), local.hour * 60 + local.minute) };
      memo.set(t, v);
    }
    slotDay ??= v.day;
    if (v.day !== slotDay || !v.open) return false;
  }
  return true;
}
function overlappingUnits(appts: readonly Appointment[], pid: string, a: number, b: number): number {
  return appts.filter((x) => x.practitionerId === pid && x.start.getTime() < b && x.end.getTime() > a).reduce((sum, x) => sum + (x.units ?? Infinity), 0);
}

const RUNS = { numRuns: 250 };
// luxon-based oracles are slow: generous timeouts rather than fewer runs


describe('slot engine properties', () => {
  it('every slot has the motif duration, lies within local opening hours, outside absences and closed holidays', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        for (const slot of freeSlots(inputOf(s), queryOf(s))) {
          const p = s.practitioners.find((x) => x.id === slot.practitionerId)!;
          expect(slot.end.getTime() - slot.start.getTime()).toBe(s.motif.durationMinutes * MIN);
          expect(withinHours(p, slot)).toBe(true);
          expect((p.absences ?? []).some((a) => a.start < slot.end && a.end > slot.start)).toBe(false);
        }
      }),
      RUNS,
    );
  }, 120_000);

  it('no slot overlaps busy time beyond capacity, and remainingCapacity is exact', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const cap = s.motif.capacity ?? 1;
        for (const slot of freeSlots(inputOf(s), queryOf(s))) {
          const a = slot.start.getTime() - (s.motif.bufferBeforeMinutes ?? 0) * MIN;
          const b = slot.end.getTime() + (s.motif.bufferAfterMinutes ?? 0) * MIN;
          const load = overlappingUnits(s.appointments, slot.practitionerId, a, b);
          expect(load).toBeLessThan(cap);
          expect(slot.remainingCapacity).toBe(cap - load);
        }
      }),
      RUNS,
    );
  }, 60_000);

  it('slots are in the window, not in the past, respect the notice and the urgent release rule', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        for (const slot of freeSlots(inputOf(s), queryOf(s))) {
          const t = slot.start.getTime();
          expect(t).toBeGreaterThanOrEqual(Math.max(s.from, s.now));
          expect(t).toBeLessThan(s.to);
          if (s.channel === 'online') expect(t).toBeGreaterThanOrEqual(s.now + s.noticeOnline * MIN);
          const p = s.practitioners.find((x) => x.id === slot.practitionerId)!;
          const zone = p.timeZone!;
          const day = DateTime.fromMillis(t, { zone }).startOf('day');
          let urgent = false;
          for (let u = t; u < slot.end.getTime(); u += 5 * MIN) {
            const l = DateTime.fromMillis(u, { zone });
            if (urgentAt(p, day, l.hour * 60 + l.minute)) urgent = true;
          }
          expect(slot.urgent).toBe(urgent);
          if (urgent && s.channel !== 'desk') {
            const release = p.urgent?.releaseMinutesBefore;
            expect(release).toBeDefined();
            expect(s.now).toBeGreaterThanOrEqual(t - release! * MIN);
          }
        }
      }),
      RUNS,
    );
  }, 60_000);

  it('slots are sorted by (start, practitioner order) and unique; limits, firstAvailable and nextProposals are prefixes', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 30 }), (s, k) => {
        const all = freeSlots(inputOf(s), queryOf(s));
        const order = (id: string) => s.practitioners.findIndex((p) => p.id === id);
        for (let i = 1; i < all.length; i++) {
          const a = all[i - 1]!;
          const b = all[i]!;
          const cmp = a.start.getTime() - b.start.getTime() || order(a.practitionerId) - order(b.practitionerId);
          expect(cmp).toBeLessThan(0);
        }
        expect(freeSlots(inputOf(s), { ...queryOf(s), limit: k })).toEqual(all.slice(0, k));
        expect(nextProposals(inputOf(s), queryOf(s), k)).toEqual(all.slice(0, k));
        expect(firstAvailable(inputOf(s), queryOf(s))).toEqual(all[0] ?? null);
      }),
      RUNS,
    );
  }, 60_000);

  it('results do not depend on the input order of busy intervals (raw or indexed)', () => {
    fc.assert(
      fc.property(scenarioArb.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s.appointments, { minLength: s.appointments.length }))), ([s, shuffled]) => {
        const ref = freeSlots(inputOf(s), queryOf(s));
        expect(freeSlots(inputOf(s, shuffled), queryOf(s))).toEqual(ref);
        expect(freeSlots({ ...inputOf(s), busy: buildBusyIndex({ appointments: shuffled }) }, queryOf(s))).toEqual(ref);
      }),
      RUNS,
    );
  }, 60_000);

  it('isSlotBookable agrees with freeSlots membership (every listed slot, and random candidates)', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 6 * 288 })), { minLength: 20, maxLength: 60 }), (s, cands) => {
        const input = inputOf(s);
        const all = freeSlots(input, queryOf(s));
        const key = (id: string, t: number) => `${id}|${t}`;
        const listed = new Map(all.map((x) => [key(x.practitionerId, x.start.getTime()), x]));
        for (const slot of all) {
          expect(isSlotBookable(input, queryOf(s), { practitionerId: slot.practitionerId, start: slot.start })).toEqual({ ok: true, slot });
        }
        const t0 = s.from + 2 * 3_600_000;
        for (const [pi, q5] of cands) {
          if (pi >= s.practitioners.length) continue;
          const t = t0 + q5 * 5 * MIN;
          if (t < s.from || t >= s.to) continue;
          const id = `p${pi}`;
          const r = isSlotBookable(input, queryOf(s), { practitionerId: id, start: new Date(t) });
          expect(r.ok).toBe(listed.has(key(id, t)));
        }
      }),
      RUNS,
    );
  }, 60_000);

  it('DST days: wall-clock hours are respected in Europe/Paris (08:00–12:00 and night ranges)', () => {
    const days = ['2024-03-31', '2024-10-27', '2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25'];
    fc.assert(
      fc.property(fc.constantFrom(...days), rangesArb, fc.constantFrom(10, 15, 20, 30, 60), (date, extra, duration) => {
        const ranges = [{ start: '08:00', end: '12:00' }, ...extra];
        const p: PractitionerSchedule = { id: 'p', weekly: [{ days: { 7: ranges } }] };
        const dayStart = DateTime.fromISO(date, { zone: 'Europe/Paris' });
        const from = dayStart.toMillis();
        const slots = freeSlots({ practitioners: [p] }, { motif: { id: 'm', durationMinutes: duration }, channel: 'desk', now: new Date(from), to: dayStart.plus({ days: 1 }).toJSDate() });
        expect(new Set(slots.map((x) => x.start.getTime())).size).toBe(slots.length);
        for (const slot of slots) expect(withinHours(p, slot)).toBe(true);
        // 08:00–12:00 is fully used: its slots start at 08:00 local and step by the duration in wall-clock time
        const morning = slots.filter((x) => {
          const l = DateTime.fromJSDate(x.start, { zone: 'Europe/Paris' });
          return l.hour >= 8 && l.hour < 12;
        });
        const expected = Math.floor(240 / duration);
        if (!extra.some((r) => toMin(r.start) <= 12 * 60 && toMin(r.end) >= 8 * 60)) {
          expect(morning.length).toBe(expected);
          expect(DateTime.fromJSDate(morning[0]!.start, { zone: 'Europe/Paris' }).toFormat('HH:mm')).toBe('08:00');
        }
        // no slot ever starts at a wall-clock time that does not exist (02:xx on spring-forward days)
        for (const slot of slots) {
          const l = DateTime.fromJSDate(slot.start, { zone: 'Europe/Paris' });
          const back = DateTime.fromObject({ year: l.year, month: l.month, day: l.day, hour: l.hour, minute: l.minute }, { zone: 'Europe/Paris' });
          expect(back.hour * 60 + back.minute).toBe(l.hour * 60 + l.minute);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
