/**
 * Queries of the slot engine: free slots, first available across a group, next N proposals,
 * and the booking-time re-check. Per practitioner, days are walked lazily in local time and
 * the group is merged by (start, practitioner order), so a search for 20 slots stops as soon
 * as it has them instead of expanding the whole window.
 */
import { buildBusyIndex, overlappingUnits } from './busy-index.js';
import { overlapsAny, type Interval } from './intervals.js';
import { dayOffsets, instantToLocal, MS_PER_DAY, MS_PER_MINUTE } from './local-time.js';
import { compileSchedule, dayPlan, type CompiledSchedule } from './schedule.js';
import type {
  Bookability,
  BookabilityQuery,
  BusyIndex,
  Channel,
  FreeSlot,
  MotifRule,
  ProposalOptions,
  SlotCandidate,
  SlotEngineInput,
  SlotQuery,
} from './types.js';

export { DEFAULT_TIME_ZONE } from './schedule.js';

/** Hard stop on the number of local days one search may walk (about ten years). */
const MAX_DAYS = 3700;
const EMPTY_INDEX: BusyIndex = buildBusyIndex({});

interface MotifCtx {
  readonly duration: number;
  readonly step: number;
  readonly before: number;
  readonly after: number;
  readonly capacity: number;
  readonly resources: readonly { readonly id: string; readonly capacity: number }[];
  readonly channelAllowed: boolean;
  /** Earliest allowed start (now + notice). */
  readonly earliest: number;
}

interface Ctx {
  readonly busy: BusyIndex;
  readonly channel: Channel;
  readonly now: number;
}

interface InternalSlot {
  readonly order: number;
  readonly schedule: CompiledSchedule;
  readonly day: number;
  readonly start: number;
  readonly end: number;
  readonly urgent: boolean;
  readonly remaining: number;
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v <= 0) throw new Error(`slot engine: ${name} must be a positive integer, got ${v}`);
  return v;
}

function nonNegative(name: string, v: number | undefined): number {
  const x = v ?? 0;
  if (!Number.isFinite(x) || x < 0) throw new Error(`slot engine: ${name} must be ≥ 0, got ${x}`);
  return x;
}

function indexOf(input: SlotEngineInput): BusyIndex {
  const b = input.busy;
  if (!b) return EMPTY_INDEX;
  return 'kind' in b && b.kind === 'busy-index' ? b : buildBusyIndex(b as Parameters<typeof buildBusyIndex>[0]);
}

function motifCtx(input: SlotEngineInput, motif: MotifRule, channel: Channel, now: number): MotifCtx {
  const duration = positiveInt('durationMinutes', motif.durationMinutes) * MS_PER_MINUTE;
  const step = positiveInt('stepMinutes', motif.stepMinutes ?? motif.durationMinutes) * MS_PER_MINUTE;
  const capacity = positiveInt('capacity', motif.capacity ?? 1);
  const notice = Math.max(
    nonNegative('policy.minNoticeMinutes', input.policy?.minNoticeMinutes?.[channel]),
    nonNegative('motif.minNoticeMinutes', motif.minNoticeMinutes?.[channel]),
  );
  const resources = (motif.resourceIds ?? []).map((id) => ({
    id,
    capacity: positiveInt('resource capacity', input.resources?.find((r) => r.id === id)?.capacity ?? 1),
  }));
  return {
    duration,
    step,
    before: nonNegative('bufferBeforeMinutes', motif.bufferBeforeMinutes) * MS_PER_MINUTE,
    after: nonNegative('bufferAfterMinutes', motif.bufferAfterMinutes) * MS_PER_MINUTE,
    capacity,
    resources,
    channelAllowed: !motif.channels || motif.channels.includes(channel),
    earliest: now + notice * MS_PER_MINUTE,
  };
}

type Verdict =
  | { readonly ok: true; readonly urgent: boolean; readonly remaining: number }
  | { readonly ok: false; readonly reason: 'absence' | 'taken' | 'resource_taken' | 'urgent_reserved'; readonly detail?: string };

/**
 * Everything but hours, grid and time: absence, practitioner load, resources, urgent release.
 * Shared by the generator and `isSlotBookable`, so both always agree.
 */
function checkSlot(ctx: Ctx, m: MotifCtx, c: CompiledSchedule, urgentIv: readonly Interval[], start: number): Verdict {
  const end = start + m.duration;
  if (overlapsAny(c.absences, start, end)) return { ok: false, reason: 'absence' };
  const blockedStart = start - m.before;
  const blockedEnd = end + m.after;
  const load = overlappingUnits(ctx.busy.practitioners.get(c.id), blockedStart, blockedEnd, m.capacity);
  if (load >= m.capacity) return { ok: false, reason: 'taken' };
  let remaining = m.capacity - load;
  for (const r of m.resources) {
    const rl = overlappingUnits(ctx.busy.resources.get(r.id), blockedStart, blockedEnd, r.capacity);
    if (rl >= r.capacity) return { ok: false, reason: 'resource_taken', detail: r.id };
    remaining = Math.min(remaining, r.capacity - rl);
  }
  const urgent = overlapsAny(urgentIv, start, end);
  if (urgent && ctx.channel !== 'desk') {
    const released = c.releaseMs !== undefined && ctx.now >= start - c.releaseMs;
    if (!released) return { ok: false, reason: 'urgent_reserved' };
  }
  return { ok: true, urgent, remaining };
}

/** Lazily yields one practitioner's free slots in `[from, to)`, in start order. */
function* practitionerSlots(ctx: Ctx, m: MotifCtx, c: CompiledSchedule, order: number, from: number, to: number): Generator<InternalSlot> {
  if (!m.channelAllowed) return;
  const lower = Math.max(from, m.earliest, ctx.now);
  if (lower >= to) return;
  const firstDay = instantToLocal(c.zone, lower).epochDay;
  const lastDay = instantToLocal(c.zone, to).epochDay;
  for (let day = firstDay; day <= lastDay && day - firstDay < MAX_DAYS; day++) {
    const plan = dayPlan(c, day);
    for (const iv of plan.open) {
      if (iv.end <= lower) continue;
      let s = iv.start;
      if (s < lower) s += Math.ceil((lower - s) / m.step) * m.step;
      for (; s + m.duration <= iv.end; s += m.step) {
        if (s >= to) return;
        const v = checkSlot(ctx, m, c, plan.urgent, s);
        if (v.ok) yield { order, schedule: c, day, start: s, end: s + m.duration, urgent: v.urgent, remaining: v.remaining };
      }
    }
  }
}

function selectedSchedules(input: SlotEngineInput, ids: readonly string[] | undefined): CompiledSchedule[] {
  if (!ids) return input.practitioners.map(compileSchedule);
  return ids.map((id) => {
    const p = input.practitioners.find((x) => x.id === id);
    if (!p) throw new Error(`slot engine: unknown practitioner "${id}"`);
    return compileSchedule(p);
  });
}

/** Group stream: k-way merge by (start, practitioner order). */
function* groupSlots(input: SlotEngineInput, query: SlotQuery): Generator<InternalSlot> {
  const now = query.now.getTime();
  const ctx: Ctx = { busy: indexOf(input), channel: query.channel, now };
  const from = query.from ? query.from.getTime() : now;
  const to = query.to.getTime();
  const gens = selectedSchedules(input, query.practitionerIds).map((c, order) => {
    const motif = query.motifFor?.(c.id) ?? query.motif;
    return practitionerSlots(ctx, motifCtx(input, motif, query.channel, now), c, order, from, to);
  });
  const heads: (InternalSlot | undefined)[] = gens.map((g) => g.next().value ?? undefined);
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (h && (best < 0 || h.start < heads[best]!.start)) best = i; // strict <: earlier order wins ties
    }
    if (best < 0) return;
    yield heads[best]!;
    heads[best] = gens[best]!.next().value ?? undefined;
  }
}

function toPublic(s: InternalSlot): FreeSlot {
  return { practitionerId: s.schedule.id, start: new Date(s.start), end: new Date(s.end), urgent: s.urgent, remainingCapacity: s.remaining };
}

/** Every free slot in the window (`from <= start < to`), sorted by start then practitioner order. */
export function freeSlots(input: SlotEngineInput, query: SlotQuery): FreeSlot[] {
  const limit = query.limit ?? Infinity;
  const out: FreeSlot[] = [];
  if (limit <= 0) return out;
  for (const s of groupSlots(input, query)) {
    out.push(toPublic(s));
    if (out.length >= limit) break;
  }
  return out;
}

/** The earliest free slot across the group (ties: practitioner order), or `null`. */
export function firstAvailable(input: SlotEngineInput, query: SlotQuery): FreeSlot | null {
  return freeSlots(input, { ...query, limit: 1 })[0] ?? null;
}

function localMinute(s: InternalSlot): number {
  const { before, after } = dayOffsets(s.schedule.zone, s.day);
  if (before === after) return (s.start + before * MS_PER_MINUTE - s.day * MS_PER_DAY) / MS_PER_MINUTE;
  return instantToLocal(s.schedule.zone, s.start).minute;
}

/** Local noon: mornings start before it. */
const MIDDAY = 12 * 60;

/**
 * The next `n` proposals, earliest first, optionally restricted to a part of the day and
 * spread (one per local day, or one per half-day).
 */
export function nextProposals(input: SlotEngineInput, query: SlotQuery, n: number, options: ProposalOptions = {}): FreeSlot[] {
  const out: FreeSlot[] = [];
  if (n <= 0) return out;
  const tod = options.timeOfDay ?? 'any';
  const spread = options.spread ?? 'none';
  const used = new Set<string>();
  for (const s of groupSlots(input, { ...query, limit: undefined })) {
    const minute = tod === 'any' && spread !== 'halfDay' ? 0 : localMinute(s);
    if (tod === 'morning' && minute >= MIDDAY) continue;
    if (tod === 'afternoon' && minute < MIDDAY) continue;
    if (spread !== 'none') {
      const key = spread === 'day' ? `${s.day}` : `${s.day}|${minute < MIDDAY ? 'am' : 'pm'}`;
      if (used.has(key)) continue;
      used.add(key);
    }
    out.push(toPublic(s));
    if (out.length >= n) break;
  }
  return out;
}

/**
 * Re-checks one slot at booking time with a clear reason. Agrees with `freeSlots`: a slot is
 * bookable exactly when `freeSlots` over any window containing its start would list it.
 */
export function isSlotBookable(input: SlotEngineInput, query: BookabilityQuery, candidate: SlotCandidate): Bookability {
  const p = input.practitioners.find((x) => x.id === candidate.practitionerId);
  if (!p) return { ok: false, reason: 'unknown_practitioner' };
  const c = compileSchedule(p);
  const now = query.now.getTime();
  const m = motifCtx(input, query.motifFor?.(p.id) ?? query.motif, query.channel, now);
  if (!m.channelAllowed) return { ok: false, reason: 'channel_not_allowed' };
  const start = candidate.start.getTime();
  if (start < now) return { ok: false, reason: 'past' };
  if (start < m.earliest) return { ok: false, reason: 'too_late' };
  const end = start + m.duration;
  const day = instantToLocal(c.zone, start).epochDay;
  const plan = dayPlan(c, day);
  const iv = plan.open.find((o) => o.start <= start && end <= o.end);
  if (!iv) {
    const closedByHoliday = plan.holiday !== undefined && plan.openIfNoHoliday.some((o) => o.start <= start && end <= o.end);
    return closedByHoliday ? { ok: false, reason: 'holiday', detail: plan.holiday } : { ok: false, reason: 'outside_hours' };
  }
  if ((start - iv.start) % m.step !== 0) return { ok: false, reason: 'not_on_grid' };
  const v = checkSlot({ busy: indexOf(input), channel: query.channel, now }, m, c, plan.urgent, start);
  if (!v.ok) return v.detail === undefined ? { ok: false, reason: v.reason } : { ok: false, reason: v.reason, detail: v.detail };
  return {
    ok: true,
    slot: { practitionerId: p.id, start: new Date(start), end: new Date(end), urgent: v.urgent, remainingCapacity: v.remaining },
  };
}
