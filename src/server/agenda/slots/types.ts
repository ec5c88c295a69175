/**
 * Public types of the slot engine. Pure data: no I/O, no clock, no database.
 *
 * Conventions
 * - Instants are `Date` objects (absolute time). Wall-clock values are strings in the
 *   practitioner's IANA time zone: dates `YYYY-MM-DD`, times `HH:mm` (`24:00` allowed as an end).
 * - Every interval is half-open: `[start, end)`.
 * - Weekdays are ISO: 1 = Monday … 7 = Sunday.
 */

/** Local calendar date `YYYY-MM-DD` in the practitioner's time zone. */
export type IsoDate = string;
/** Local wall-clock time `HH:mm` (00:00–24:00). */
export type LocalTime = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** Who is booking: the secretary at the desk, the patient online, or the intake assistant. */
export type Channel = 'desk' | 'online' | 'assistant';

/** A local wall-clock range on one day, `[start, end)`, `start < end`, end at most `24:00`. */
export interface TimeRange {
  readonly start: LocalTime;
  readonly end: LocalTime;
}

/** Which weeks a weekly rule applies to. Default: every week. */
export type WeekPattern =
  | { readonly kind: 'every' }
  /** ISO week number parity (ISO 8601 weeks, Monday-based; week 53 counts as odd). */
  | { readonly kind: 'isoWeekParity'; readonly parity: 'odd' | 'even' }
  /** Every `every` weeks counted from the (Monday-based) week containing `referenceDate`. */
  | { readonly kind: 'everyNWeeks'; readonly every: number; readonly referenceDate: IsoDate };

/**
 * A weekly template with a period of validity. Several templates may apply on the same
 * day (e.g. one for every week plus one for odd weeks): their ranges are united.
 * Breaks are either the gaps between ranges or listed explicitly in `breaks`.
 */
export interface WeeklyHours {
  /** First day the template applies (inclusive). Omitted: since forever. */
  readonly validFrom?: IsoDate;
  /** Last day the template applies (inclusive). Omitted: forever. */
  readonly validTo?: IsoDate;
  readonly weeks?: WeekPattern;
  /** Opening ranges per weekday; a weekday absent or empty is closed. */
  readonly days: Partial<Readonly<Record<Weekday, readonly TimeRange[]>>>;
  /** Explicit breaks subtracted from this template's ranges (all weekdays unless `weekdays`). */
  readonly breaks?: readonly (TimeRange & { readonly weekdays?: readonly Weekday[] })[];
}

/**
 * A dated exception. `replace` (default): that day's hours are exactly `ranges` — it wins over
 * weekly hours and over a public holiday (an empty `ranges` closes the day). `add`: `ranges`
 * are added to the usual hours (and open the day even when it is a holiday).
 */
export interface ExceptionalOpening {
  readonly date: IsoDate;
  readonly ranges: readonly TimeRange[];
  /** Urgent (same-day) ranges for that day; they replace/add like `ranges`. */
  readonly urgentRanges?: readonly TimeRange[];
  readonly mode?: 'replace' | 'add';
}

/** An absence or leave, as absolute instants (`[start, end)`). */
export interface Absence {
  readonly start: Date;
  readonly end: Date;
  readonly label?: string;
}

/** Tells whether a local date is a public holiday (and its name). See `frenchHolidays()`. */
export interface HolidayCalendar {
  /** Name of the holiday on that local date, or `undefined` when it is a working day. */
  holidayName(date: IsoDate): string | undefined;
}

/** Urgent (same-day) slots: ranges kept for same-day needs, released by a rule. */
export interface UrgentSlotsConfig {
  /** Weekly urgent ranges. They are opening time too (united with the regular hours). */
  readonly weekly: readonly WeeklyHours[];
  /**
   * Online and assistant channels may book an urgent slot only when
   * `now >= slot.start - releaseMinutesBefore`. Omitted: never released (desk only).
   * The desk can always book them; they are flagged `urgent: true`.
   */
  readonly releaseMinutesBefore?: number;
}

/** Everything the engine needs to know about one practitioner's calendar. */
export interface PractitionerSchedule {
  readonly id: string;
  /** IANA zone; default `Europe/Paris`. Overseas practices use their own zone. */
  readonly timeZone?: string;
  readonly weekly: readonly WeeklyHours[];
  readonly exceptional?: readonly ExceptionalOpening[];
  readonly absences?: readonly Absence[];
  /** Public holidays close the day unless an exceptional opening or `openOnHolidays` says otherwise. */
  readonly holidays?: HolidayCalendar;
  /** Holidays (local dates) on which the practice keeps its usual weekly hours. */
  readonly openOnHolidays?: readonly IsoDate[];
  readonly urgent?: UrgentSlotsConfig;
}

/** Rules of one appointment type (motif) relevant to slot computation. */
export interface MotifRule {
  readonly id: string;
  readonly durationMinutes: number;
  /** Time that must be free before the appointment (not required to lie within opening hours). */
  readonly bufferBeforeMinutes?: number;
  /** Time that must be free after the appointment (not required to lie within opening hours). */
  readonly bufferAfterMinutes?: number;
  /** Grid step, anchored at the start of each opening range. Default: the duration. */
  readonly stepMinutes?: number;
  /**
   * Controlled overbooking: a slot stays free while the capacity units of the overlapping
   * active appointments sum to less than `capacity`. Default 1 (no overbooking).
   */
  readonly capacity?: number;
  /** Channels allowed to book this motif. Default: all. */
  readonly channels?: readonly Channel[];
  /** Resources that must ALL be free for the slot (e.g. an ultrasound machine). */
  readonly resourceIds?: readonly string[];
  /** Minimum notice per channel for this motif; the stricter of motif and policy applies. */
  readonly minNoticeMinutes?: Partial<Readonly<Record<Channel, number>>>;
}

/**
 * Busy time of a practitioner: an active appointment. `start`/`end` should already include
 * the appointment's own buffers (the blocked range, as stored for the exclusion constraint).
 */
export interface Appointment {
  readonly practitionerId: string;
  readonly start: Date;
  readonly end: Date;
  /**
   * Capacity units this appointment uses in a shared (overbookable) slot. Omitted:
   * exclusive — it blocks the practitioner whatever the capacity of the motif asked for.
   */
  readonly units?: number;
}

/** Busy time of a resource (a booking of the ultrasound machine, a dental chair…). */
export interface ResourceBooking {
  readonly resourceId: string;
  readonly start: Date;
  readonly end: Date;
  /** Units used; omitted: exclusive. */
  readonly units?: number;
}

/** A bookable resource; `capacity` default 1. Unknown resources are treated as capacity 1. */
export interface ResourceDef {
  readonly id: string;
  readonly capacity?: number;
}

/** Practice-wide booking policy. */
export interface BookingPolicy {
  /** Minimum notice per channel, e.g. `{ online: 120 }`. Default 0 for every channel. */
  readonly minNoticeMinutes?: Partial<Readonly<Record<Channel, number>>>;
}

/** Busy time prepared once (sorted per practitioner/resource). Build with `buildBusyIndex`. */
export interface BusyIndex {
  readonly kind: 'busy-index';
  /** @internal */
  readonly practitioners: ReadonlyMap<string, BusyTrack>;
  /** @internal */
  readonly resources: ReadonlyMap<string, BusyTrack>;
}

/** @internal Sorted busy intervals in epoch milliseconds. */
export interface BusyTrack {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** Running maximum of `ends` (monotone), to find the first interval that can overlap. */
  readonly maxEnds: Float64Array;
  /** Units per interval (`Infinity` = exclusive). */
  readonly units: Float64Array;
  /** True when every interval is exclusive (fast path). */
  readonly allExclusive: boolean;
}

/** Calendar data shared by every query. */
export interface SlotEngineInput {
  /** Practitioners; their order is the tie-break order for group searches. */
  readonly practitioners: readonly PractitionerSchedule[];
  /** Busy time: a prepared index (fast, reusable) or the raw lists. */
  readonly busy?: BusyIndex | { readonly appointments?: readonly Appointment[]; readonly resourceBookings?: readonly ResourceBooking[] };
  readonly resources?: readonly ResourceDef[];
  readonly policy?: BookingPolicy;
}

/** One search. */
export interface SlotQuery {
  readonly motif: MotifRule;
  /** Per-practitioner motif override (motifs are configured per practitioner). */
  readonly motifFor?: (practitionerId: string) => MotifRule | undefined;
  readonly channel: Channel;
  /** The current instant: no slot before it (plus the channel's minimum notice). */
  readonly now: Date;
  /** Window on slot starts: `from <= start < to`. `from` defaults to `now`. */
  readonly from?: Date;
  readonly to: Date;
  /** Restrict to (and order) these practitioners; default all, in input order. */
  readonly practitionerIds?: readonly string[];
  /** Stop after this many slots. */
  readonly limit?: number;
}

/** A free slot. `end - start` is the motif duration (buffers are not included). */
export interface FreeSlot {
  readonly practitionerId: string;
  readonly start: Date;
  readonly end: Date;
  /** Inside an urgent (same-day) range. */
  readonly urgent: boolean;
  /** Places still available in this slot (1 without overbooking). */
  readonly remainingCapacity: number;
}

/** Local time-of-day preference for proposals; morning = start before 12:00 local. */
export type TimeOfDay = 'any' | 'morning' | 'afternoon';

export interface ProposalOptions {
  /** Only slots starting in this part of the (local) day. Default `any`. */
  readonly timeOfDay?: TimeOfDay;
  /**
   * Spread the proposals: `day` = at most one per local day, `halfDay` = at most one per
   * local morning/afternoon. Default `none` (the N earliest).
   */
  readonly spread?: 'none' | 'day' | 'halfDay';
}

/** Why a slot cannot be booked, in the order the checks are made. */
export type NotBookableReason =
  | 'unknown_practitioner'
  | 'channel_not_allowed'
  | 'past'
  | 'too_late'
  | 'holiday'
  | 'outside_hours'
  | 'not_on_grid'
  | 'absence'
  | 'taken'
  | 'resource_taken'
  | 'urgent_reserved';

/** What `isSlotBookable` needs: the query without its window. */
export type BookabilityQuery = Pick<SlotQuery, 'motif' | 'motifFor' | 'channel' | 'now'>;

export interface SlotCandidate {
  readonly practitionerId: string;
  readonly start: Date;
}

export type Bookability =
  | { readonly ok: true; readonly slot: FreeSlot }
  | { readonly ok: false; readonly reason: NotBookableReason; readonly detail?: string };
