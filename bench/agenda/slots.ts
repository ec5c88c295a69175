/**
 * Slot engine bench: 10 practitioners, 90 days, 50,000 existing appointments, first 20 free
 * slots across the group (in-process, no I/O). Run: npx tsx bench/agenda/slots.ts
 *
 * Appointments are spread at random over the 90 days (seeded), ~56 per practitioner per day
 * on 08:00–20:00 Monday–Saturday with a 10-minute grid, i.e. about 78 % of the grid is booked.
 * A second scenario books the first 30 days solid, so the search has to walk a month first.
 */
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { buildBusyIndex, frenchHolidays, nextProposals, type Appointment, type PractitionerSchedule, type SlotEngineInput, type SlotQuery } from '../../src/server/agenda/slots/index.js';

const PRACTITIONERS = 10;
const DAYS = 90;
const APPOINTMENTS = 50_000;
const WANTED = 20;
const RUNS = Number(process.env.RUNS ?? 2000);

// mulberry32: small seeded PRNG, so every run books the same calendar
let seed = 42;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const hours = { start: '08:00', end: '20:00' };
const practitioners: PractitionerSchedule[] = Array.from({ length: PRACTITIONERS }, (_, i) => ({
  id: `pr-${i}`,
  timeZone: 'Europe/Paris',
  weekly: [{ days: { 1: [hours], 2: [hours], 3: [hours], 4: [hours], 5: [hours], 6: [{ start: '08:00', end: '12:00' }] }, breaks: [{ start: '12:30', end: '13:30' }] }],
  holidays: frenchHolidays('metropole'),
  absences: i === 3 ? [{ start: new Date('2026-03-09T00:00:00Z'), end: new Date('2026-03-16T00:00:00Z') }] : [],
  urgent: { weekly: [{ days: { 1: [{ start: '18:00', end: '19:00' }], 3: [{ start: '18:00', end: '19:00' }] } }], releaseMinutesBefore: 120 },
}));

const start = DateTime.fromISO('2026-03-02T00:00', { zone: 'Europe/Paris' }); // covers the 29 March DST change
const now = start.toJSDate();
const to = start.plus({ days: DAYS }).toJSDate();

function makeAppointments(fullDays: number): Appointment[] {
  const out: Appointment[] = [];
  const taken = new Set<string>();
  // solid block first (scenario 2)
  for (let d = 0; d < fullDays; d++) {
    for (let p = 0; p < PRACTITIONERS; p++) {
      const day = start.plus({ days: d }).set({ hour: 8 });
      for (let k = 0; k < 72 && out.length < APPOINTMENTS; k++) {
        const s = day.plus({ minutes: k * 10 });
        taken.add(`${p}|${s.toMillis()}`);
        out.push({ practitionerId: `pr-${p}`, start: s.toJSDate(), end: s.plus({ minutes: 10 }).toJSDate() });
      }
    }
  }
  while (out.length < APPOINTMENTS) {
    const p = Math.floor(rand() * PRACTITIONERS);
    const d = Math.floor(rand() * DAYS);
    const k = Math.floor(rand() * 72);
    const s = start.plus({ days: d }).set({ hour: 8 }).plus({ minutes: k * 10 });
    const key = `${p}|${s.toMillis()}`;
    if (taken.has(key)) continue;
    taken.add(key);
    out.push({ practitionerId: `pr-${p}`, start: s.toJSDate(), end: s.plus({ minutes: 10 }).toJSDate() });
  }
  // Fisher–Yates: unsorted input, as a worst case for the index build
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function bench(label: string, fullDays: number) {
  const appointments = makeAppointments(fullDays);
  const t0 = performance.now();
  const busy = buildBusyIndex({ appointments });
  const buildMs = performance.now() - t0;
  const input: SlotEngineInput = { practitioners, busy, policy: { minNoticeMinutes: { online: 120 } } };
  const query: SlotQuery = { motif: { id: 'consult', durationMinutes: 10 }, channel: 'online', now, to };
  // warm-up (JIT, zone offsets, holiday years); then measure cold-ish and warm searches
  for (let i = 0; i < 200; i++) nextProposals(input, query, WANTED);
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < RUNS; i++) {
    // shift `now` by a few minutes each run so that results are not trivially identical
    const q = { ...query, now: new Date(now.getTime() + (i % 60) * 60_000) };
    const a = performance.now();
    found = nextProposals(input, q, WANTED).length;
    times.push(performance.now() - a);
  }
  times.sort((x, y) => x - y);
  const f = (x: number) => x.toFixed(3);
  console.log(
    `${label}: ${found} slots, runs=${RUNS}, p50=${f(percentile(times, 50))} ms, p95=${f(percentile(times, 95))} ms, p99=${f(percentile(times, 99))} ms, max=${f(times[times.length - 1]!)} ms; index build (50,000 unsorted) ${buildMs.toFixed(1)} ms`,
  );
}

console.log(`node ${process.version}, ${PRACTITIONERS} practitioners, ${DAYS} days, ${APPOINTMENTS} appointments, first ${WANTED} free slots (online channel, 2 h notice)`);
bench('A. random 78 % occupancy', 0);
bench('B. first 30 days fully booked', 30);
