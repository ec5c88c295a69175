import { DateTime } from 'luxon';
import type { Tx } from '../platform/db/database.js';
import { ACTIVE_STATUSES } from './status.js';
import {
  buildBusyIndex,
  freeSlots,
  frenchHolidays,
  type FreeSlot,
  type Channel,
  type ExceptionalOpening,
  type FrenchRegion,
  type HolidayCalendar,
  type MotifRule,
  type PractitionerSchedule,
  type SlotEngineInput,
  type WeeklyHours,
  type Weekday,
} from './slots/index.js';

/** Loads what the slot engine needs from the database: one practice, some practitioners, one time window. */

export interface MotifRow {
  id: string;
  practitioner_id: string | null;
  name: string;
  duration_minutes: number;
  buffer_minutes: number;
  colour: string;
  new_patients_allowed: boolean;
  online_bookable: boolean;
  teleconsultation: boolean;
  preparation_instructions: string | null;
  documents_to_bring: string | null;
  required_resource_id: string | null;
  capacity: number;
  active: boolean;
}

export interface PractitionerRow {
  id: string;
  display_name: string;
  colour: string;
  specialty: string;
}

export interface Calendar {
  timeZone: string;
  urgentReleaseMinutes: number;
  practitioners: PractitionerRow[];
  motifs: MotifRow[];
  input: SlotEngineInput;
}

export const DEFAULT_DURATION = 15;

/** Time zone and agenda settings of a practice (defaults when the practice has never saved any). */
export async function practiceSettings(tx: Tx, practiceId: string) {
  const row = await tx
    .selectFrom('practices')
    .leftJoin('agenda_settings', 'agenda_settings.practice_id', 'practices.id')
    .select(['practices.timezone', 'agenda_settings.holiday_region', 'agenda_settings.urgent_release_minutes'])
    .where('practices.id', '=', practiceId)
    .executeTakeFirstOrThrow();
  return {
    timeZone: row.timezone,
    holidayRegion: (row.holiday_region ?? 'metropole') as FrenchRegion,
    urgentReleaseMinutes: row.urgent_release_minutes ?? 120,
  };
}

export function motifRule(m: MotifRow | undefined, overrides: Partial<MotifRule> = {}): MotifRule {
  if (!m) return { id: 'default', durationMinutes: DEFAULT_DURATION, ...overrides };
  return {
    id: m.id,
    durationMinutes: m.duration_minutes,
    bufferAfterMinutes: m.buffer_minutes,
    capacity: m.capacity,
    channels: m.online_bookable ? ['desk', 'online', 'assistant'] : ['desk', 'assistant'],
    ...(m.required_resource_id ? { resourceIds: [m.required_resource_id] } : {}),
    ...overrides,
  };
}

/** The motif used when none is named (FHIR Slot search, quick look): the practitioner's first exclusive motif. */
export function defaultMotif(motifs: readonly MotifRow[], practitionerId: string): MotifRow | undefined {
  const own = motifs.filter((m) => m.active && (m.practitioner_id === practitionerId || m.practitioner_id === null));
  return (
    own.find((m) => m.practitioner_id === practitionerId && m.capacity === 1) ??
    own.find((m) => m.capacity === 1) ??
    own[0]
  );
}

export const engineChannel = (c: 'desk' | 'online' | 'assistant' | 'api'): Channel => (c === 'api' ? 'desk' : c);

const hhmm = (t: string) => t.slice(0, 5);

// Building a date-holidays calendar costs ~17 ms of CPU: one per region for the process (it caches its years).
const holidayCalendars = new Map<FrenchRegion, HolidayCalendar>();
export function holidaysOf(region: FrenchRegion): HolidayCalendar {
  let h = holidayCalendars.get(region);
  if (!h) holidayCalendars.set(region, (h = frenchHolidays(region)));
  return h;
}

export async function loadCalendar(
  tx: Tx,
  practiceId: string,
  opts: { practitionerIds?: readonly string[] | undefined; from: Date; to: Date; excludeAppointmentId?: string | undefined },
): Promise<Calendar> {
  const settings = await practiceSettings(tx, practiceId);
  let pq = tx
    .selectFrom('practitioners')
    .select(['id', 'display_name', 'colour', 'specialty'])
    .where('practice_id', '=', practiceId)
    .where('active', '=', true)
    .orderBy('display_name')
    .orderBy('id');
  if (opts.practitionerIds) {
    if (opts.practitionerIds.length === 0) return { ...settings, practitioners: [], motifs: [], input: { practitioners: [] } };
    pq = pq.where('id', 'in', opts.practitionerIds);
  }
  const practitioners = await pq.execute();
  const ids = practitioners.map((p) => p.id);
  if (ids.length === 0) return { ...settings, practitioners: [], motifs: [], input: { practitioners: [] } };
  // Absences and exceptional openings are loaded with a day of margin (local dates, time zones).
  const from = new Date(opts.from.getTime() - 86_400_000);
  const to = new Date(opts.to.getTime() + 86_400_000);
  const [hours, urgent, exceptions, appointments, motifs] = await Promise.all([
    tx.selectFrom('opening_hours').selectAll().where('practice_id', '=', practiceId).where('practitioner_id', 'in', ids).execute(),
    tx.selectFrom('urgent_ranges').selectAll().where('practice_id', '=', practiceId).where('practitioner_id', 'in', ids).execute(),
    tx
      .selectFrom('agenda_exceptions')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('practitioner_id', 'in', ids)
      .where('starts_at', '<', to)
      .where('ends_at', '>', from)
      .execute(),
    (() => {
      let q = tx
        .selectFrom('appointments')
        .select(['id', 'practitioner_id', 'resource_id', 'starts_at', 'busy_until', 'seats'])
        .where('practice_id', '=', practiceId)
        // Busy time that can meet a slot starting in [opts.from, opts.to): a slot lasts at most 8 h plus its buffer,
        // an appointment at most 12 h plus a 2 h buffer (bounds the index scan on (practice_id, starts_at)).
        .where('starts_at', '<', new Date(opts.to.getTime() + 12 * 3_600_000))
        .where('starts_at', '>', new Date(opts.from.getTime() - 14 * 3_600_000))
        .where('busy_until', '>', opts.from)
        .where('status', 'in', ACTIVE_STATUSES)
        .where((eb) => eb.or([eb('practitioner_id', 'in', ids), eb('resource_id', 'is not', null)]));
      if (opts.excludeAppointmentId) q = q.where('id', '!=', opts.excludeAppointmentId);
      return q.execute();
    })(),
    tx
      .selectFrom('appointment_types')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('active', '=', true)
      .where((eb) => eb.or([eb('practitioner_id', 'is', null), eb('practitioner_id', 'in', ids)]))
      .orderBy('created_at')
      .orderBy('name')
      .execute(),
  ]);
  return buildCalendar(settings, practitioners, { hours, urgent, exceptions, busy: appointments, motifs: motifs as MotifRow[] });
}

/** What `buildCalendar` needs, as read from the database (by `loadCalendar`, or by `agenda_booking_context` in one query). */
export interface CalendarRows {
  hours: readonly { practitioner_id: string; weekday: number; start_time: string; end_time: string; valid_from: string; valid_until: string | null; week_parity: 'all' | 'even' | 'odd' }[];
  urgent: readonly { practitioner_id: string; weekday: number; start_time: string; end_time: string }[];
  exceptions: readonly { practitioner_id: string; kind: string; reason: string | null; starts_at: Date | string; ends_at: Date | string }[];
  busy: readonly { practitioner_id: string; resource_id: string | null; starts_at: Date | string; busy_until: Date | string; seats: string }[];
  motifs: MotifRow[];
}

/** The slot engine's input from the rows (pure). */
export function buildCalendar(
  settings: { timeZone: string; holidayRegion: FrenchRegion; urgentReleaseMinutes: number },
  practitioners: PractitionerRow[],
  rows: CalendarRows,
): Calendar {
  const ids = practitioners.map((p) => p.id);
  const { hours, urgent, exceptions, motifs } = rows;
  const appointments = rows.busy;
  const holidays = holidaysOf(settings.holidayRegion);
  const zone = settings.timeZone;
  const schedules: PractitionerSchedule[] = practitioners.map((p) => {
    const weekly: WeeklyHours[] = hours
      .filter((h) => h.practitioner_id === p.id)
      .map((h) => ({
        validFrom: h.valid_from,
        ...(h.valid_until ? { validTo: h.valid_until } : {}),
        weeks: h.week_parity === 'all' ? { kind: 'every' as const } : { kind: 'isoWeekParity' as const, parity: h.week_parity },
        days: { [h.weekday as Weekday]: [{ start: hhmm(h.start_time), end: hhmm(h.end_time) }] },
      }));
    const urgentWeekly: WeeklyHours[] = urgent
      .filter((u) => u.practitioner_id === p.id)
      .map((u) => ({ days: { [u.weekday as Weekday]: [{ start: hhmm(u.start_time), end: hhmm(u.end_time) }] } }));
    const mine = exceptions.filter((e) => e.practitioner_id === p.id);
    const exceptional: ExceptionalOpening[] = mine
      .filter((e) => e.kind === 'opening')
      .map((e) => {
        const s = DateTime.fromJSDate(new Date(e.starts_at), { zone });
        const en = DateTime.fromJSDate(new Date(e.ends_at), { zone });
        const end = en.toISODate() === s.toISODate() ? en.toFormat('HH:mm') : '24:00';
        return { date: s.toISODate()!, ranges: [{ start: s.toFormat('HH:mm'), end }], mode: 'add' as const };
      });
    return {
      id: p.id,
      timeZone: zone,
      weekly,
      exceptional,
      absences: mine.filter((e) => e.kind === 'absence').map((e) => ({ start: new Date(e.starts_at), end: new Date(e.ends_at), ...(e.reason ? { label: e.reason } : {}) })),
      holidays,
      urgent: { weekly: urgentWeekly, releaseMinutesBefore: settings.urgentReleaseMinutes },
    };
  });
  const unitsOf = (seats: string) => (seats.endsWith(',)') ? undefined : 1);
  const busy = buildBusyIndex({
    appointments: appointments
      .filter((a) => ids.includes(a.practitioner_id))
      .map((a) => ({ practitionerId: a.practitioner_id, start: new Date(a.starts_at), end: new Date(a.busy_until), units: unitsOf(a.seats) })),
    resourceBookings: appointments
      .filter((a) => a.resource_id)
      .map((a) => ({ resourceId: a.resource_id!, start: new Date(a.starts_at), end: new Date(a.busy_until), units: unitsOf(a.seats) })),
  });
  return {
    timeZone: zone,
    urgentReleaseMinutes: settings.urgentReleaseMinutes,
    practitioners,
    motifs,
    input: { practitioners: schedules, busy },
  };
}


/**
 * Free slots over a long window without loading all of it: the calendar is loaded one day first, then over
 * doubling spans (2, 4, 8… days) until `limit` slots are found. A search for "the next 20" over 90 busy days reads the
 * first days only.
 */
export async function findFreeSlots(
  tx: Tx,
  practiceId: string,
  q: {
    practitionerIds?: readonly string[] | undefined;
    from: Date;
    to: Date;
    now: Date;
    limit: number;
    channel: Channel;
    /** The motif rule per practitioner, from this window's calendar. */
    motifFor: (cal: Calendar, practitionerId: string) => MotifRule;
  },
): Promise<{ slots: FreeSlot[]; calendar: Calendar | undefined }> {
  const out: FreeSlot[] = [];
  let start = q.from;
  let span = 86_400_000;
  let calendar: Calendar | undefined;
  while (start < q.to && out.length < q.limit) {
    const end = new Date(Math.min(q.to.getTime(), start.getTime() + span));
    const cal = await loadCalendar(tx, practiceId, { practitionerIds: q.practitionerIds, from: start, to: end });
    calendar ??= cal;
    if (!cal.practitioners.length) break;
    out.push(
      ...freeSlots(cal.input, {
        motif: motifRule(undefined),
        motifFor: (pid) => q.motifFor(cal, pid),
        channel: q.channel,
        now: q.now,
        from: start,
        to: end,
        limit: q.limit - out.length,
      }),
    );
    start = end;
    span *= 2;
  }
  return { slots: out, calendar };
}
