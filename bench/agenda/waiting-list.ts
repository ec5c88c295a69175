/**
 * Waiting-list simulation: the share of freed slots refilled by automatic offers.
 *
 * A synthetic practice (5 practitioners, 15-minute slots, Mon–Fri 08:30–12:00 and 14:00–18:30, 6 weeks, fully
 * booked) loses appointments to cancellations at realistic lead times; patients on the waiting list (prefer a
 * practitioner or not, mornings/afternoons, some weekdays, most already hold a later appointment) answer offers
 * with their own probability and delay, not at night. The offer policy is Pivot's, with the same ranking code
 * (`eligibleInOrder` of src/server/agenda/waiting-list.ts): first come first asked, `batch` patients per wave,
 * each offer expires after `expiry` minutes (or at the slot's start), then the next wave; an accepted offer that
 * moves an existing appointment frees that later slot, which is offered in turn (cascade).
 *
 * Run: npx tsx bench/agenda/waiting-list.ts      (SEEDS=20 to change the number of runs)
 */
import { DateTime } from 'luxon';
import { eligibleInOrder, type FreedSlot, type WaitingEntryLite } from '../../src/server/agenda/waiting-list.js';

const ZONE = 'Europe/Paris';
const SEEDS = Number(process.env.SEEDS ?? 20);
const MIN = 60_000;

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Patient extends WaitingEntryLite {
  acceptP: number;
  meanDelayMin: number;
  satisfied: boolean;
  /** Index of the appointment they hold (moved on acceptance). */
  holds: number | null;
}

interface Policy {
  batch: number;
  expiryMin: number;
  /** No offer is sent between 21:00 and 08:00 (they wait for the morning). */
  quietHours: boolean;
  waiting: number;
  cancelRate: number;
}

function simulate(seed: number, policy: Policy) {
  const rnd = mulberry32(seed);
  const start = DateTime.fromISO('2027-03-01T00:00', { zone: ZONE }); // a Monday
  const practitioners = ['d1', 'd2', 'd3', 'd4', 'd5'];
  // Every slot of the period, all booked.
  const appts: { practitionerId: string; start: Date; end: Date; cancelledAt: number | null }[] = [];
  for (let day = 0; day < 42; day++) {
    const d = start.plus({ days: day });
    if (d.weekday > 5) continue;
    for (const [from, to] of [[8.5, 12], [14, 18.5]] as const) {
      for (let h = from; h < to; h += 0.25) {
        for (const p of practitioners) {
          const s = d.plus({ minutes: Math.round(h * 60) }).toJSDate();
          appts.push({ practitionerId: p, start: s, end: new Date(s.getTime() + 15 * MIN), cancelledAt: null });
        }
      }
    }
  }
  // Cancellations with lead times: 40 % within 24 h, 30 % 1–3 days, 30 % 3–14 days before.
  const freed: { at: number; slot: FreedSlot; idx: number }[] = [];
  appts.forEach((a, idx) => {
    if (rnd() >= policy.cancelRate) return;
    const r = rnd();
    const leadH = r < 0.4 ? 1 + rnd() * 23 : r < 0.7 ? 24 + rnd() * 48 : 72 + rnd() * 264;
    const at = a.start.getTime() - leadH * 3_600_000;
    if (at < start.toMillis() + 14 * 86_400_000) return; // warm-up: measure from week 3
    a.cancelledAt = at;
    freed.push({ at, slot: { practitionerId: a.practitionerId, motifId: 'm', start: a.start, end: a.end }, idx });
  });
  // Waiting patients (registered before the measured period), most hold a later appointment.
  const patients: Patient[] = Array.from({ length: policy.waiting }, (_, i) => {
    const tod = rnd();
    const holdsLater = rnd() < 0.7;
    const anchor = appts[Math.floor(appts.length * (0.5 + rnd() * 0.5))]!;
    return {
      id: `w${i}`, patientId: `p${i}`, practitionerId: rnd() < 0.7 ? practitioners[Math.floor(rnd() * 5)]! : null, motifId: null, motifDurationMinutes: null,
      currentStart: holdsLater ? anchor.start : null, earliest: null, latest: null,
      weekdays: rnd() < 0.6 ? [1, 2, 3, 4, 5] : [1, 2, 3, 4, 5].filter(() => rnd() < 0.6).concat([1 + Math.floor(rnd() * 5)]),
      timeOfDay: tod < 0.5 ? 'any' : tod < 0.75 ? 'morning' : 'afternoon',
      createdAt: new Date(start.toMillis() - (policy.waiting - i) * 3_600_000),
      acceptP: 0.25 + rnd() * 0.6, meanDelayMin: 5 + rnd() * 40, satisfied: false, holds: null,
    };
  });
  const busyPatients = new Set<string>();
  const queue = [...freed].sort((a, b) => a.at - b.at);
  let freedCount = 0;
  let refilled = 0;
  let offers = 0;
  let cascades = 0;
  const awake = (t: number) => {
    const h = DateTime.fromMillis(t, { zone: ZONE }).hour;
    return h >= 8 && h < 21;
  };
  const nextMorning = (t: number) => {
    const d = DateTime.fromMillis(t, { zone: ZONE });
    const m = d.hour >= 21 ? d.plus({ days: 1 }).set({ hour: 8, minute: 0 }) : d.set({ hour: 8, minute: 0 });
    return m.toMillis();
  };
  while (queue.length) {
    queue.sort((a, b) => a.at - b.at);
    const ev = queue.shift()!;
    freedCount++;
    const asked = new Set<string>();
    let t = ev.at;
    let taken: Patient | undefined;
    while (!taken) {
      if (policy.quietHours && !awake(t)) t = nextMorning(t);
      if (t > ev.slot.start.getTime() - 30 * MIN) break; // too late to come
      const entries = patients.filter((p) => !p.satisfied);
      const wave = eligibleInOrder(entries, ev.slot, ZONE, asked, busyPatients).slice(0, policy.batch) as Patient[];
      if (!wave.length) break;
      const expiresAt = Math.min(t + policy.expiryMin * MIN, ev.slot.start.getTime());
      let best: { p: Patient; at: number } | undefined;
      let lastAnswer = t;
      for (const p of wave) {
        asked.add(p.id);
        offers++;
        // Answer delay (exponential); at night, no answer before 08:00.
        let at = t - Math.log(1 - rnd()) * p.meanDelayMin * MIN;
        if (!awake(t) && !awake(at)) at = nextMorning(t) + (at - t);
        const lead = (ev.slot.start.getTime() - at) / 3_600_000;
        const accepts = rnd() < p.acceptP * (lead < 3 ? 0.5 : 1);
        if (at <= expiresAt) {
          lastAnswer = Math.max(lastAnswer, at);
          if (accepts && (!best || at < best.at)) best = { p, at };
        } else lastAnswer = expiresAt;
      }
      if (best) {
        taken = best.p;
        refilled++;
        taken.satisfied = true;
        if (taken.currentStart) {
          // Their later appointment is freed in turn.
          const later = appts.findIndex((a) => a.start.getTime() === taken!.currentStart!.getTime() && a.cancelledAt === null && (taken!.practitionerId ? a.practitionerId === taken!.practitionerId : true));
          if (later >= 0 && appts[later]!.start.getTime() > best.at) {
            appts[later]!.cancelledAt = best.at;
            cascades++;
            queue.push({ at: best.at, slot: { practitionerId: appts[later]!.practitionerId, motifId: 'm', start: appts[later]!.start, end: appts[later]!.end }, idx: later });
          }
        }
        break;
      }
      t = lastAnswer >= expiresAt ? expiresAt : Math.max(lastAnswer, t + 1);
      if (wave.length < policy.batch) t = expiresAt;
    }
  }
  return { freedCount, refilled, offers, cascades };
}

function run(label: string, policy: Policy) {
  let f = 0;
  let r = 0;
  let o = 0;
  let c = 0;
  const shares: number[] = [];
  for (let s = 1; s <= SEEDS; s++) {
    const x = simulate(s, policy);
    f += x.freedCount;
    r += x.refilled;
    o += x.offers;
    c += x.cascades;
    shares.push(x.refilled / x.freedCount);
  }
  shares.sort((a, b) => a - b);
  const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
  console.log(
    `| ${label} | ${policy.batch} | ${policy.expiryMin} min | ${policy.quietHours ? 'yes' : 'no'} | ${policy.waiting} | ${(f / SEEDS).toFixed(0)} | **${pct(r / f)}** | ${pct(shares[0]!)}–${pct(shares[shares.length - 1]!)} | ${(o / Math.max(1, r)).toFixed(1)} | ${(c / SEEDS).toFixed(0)} |`,
  );
}

console.log(`Waiting-list simulation, ${SEEDS} seeds per line (4 measured weeks, 5 practitioners, full agenda, 4 % cancellations)\n`);
console.log('| Policy | Batch | Expiry | Quiet hours | Waiting patients | Freed slots / run | Refilled | Min–max over seeds | Offers per refill | Cascades / run |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
const base: Policy = { batch: 1, expiryMin: 30, quietHours: true, waiting: 60, cancelRate: 0.04 };
run('default (as shipped)', base);
run('no quiet hours', { ...base, quietHours: false });
run('batch 2', { ...base, batch: 2 });
run('batch 3, 15 min', { ...base, batch: 3, expiryMin: 15 });
run('short list (20 waiting)', { ...base, waiting: 20 });
run('long list (150 waiting)', { ...base, waiting: 150 });
