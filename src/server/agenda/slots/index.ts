/**
 * Slot engine — public API (pure, I/O-free). See docs/agenda-slots.md.
 *
 *   const busy = buildBusyIndex({ appointments, resourceBookings }); // once per request/cache
 *   const input = { practitioners, busy, resources, policy: { minNoticeMinutes: { online: 120 } } };
 *   freeSlots(input, { motif, channel: 'online', now, to });           // every free slot in the window
 *   firstAvailable(input, { motif, channel: 'desk', now, to });        // earliest across the group
 *   nextProposals(input, { motif, channel: 'assistant', now, to }, 3, { spread: 'day', timeOfDay: 'morning' });
 *   isSlotBookable(input, { motif, channel: 'online', now }, { practitionerId, start }); // re-check at booking time
 *
 * Group order: slots are sorted by start, ties broken by practitioner order
 * (`query.practitionerIds` if given, else `input.practitioners`).
 */
export type {
  IsoDate,
  LocalTime,
  Weekday,
  Channel,
  TimeRange,
  WeekPattern,
  WeeklyHours,
  ExceptionalOpening,
  Absence,
  HolidayCalendar,
  UrgentSlotsConfig,
  PractitionerSchedule,
  MotifRule,
  Appointment,
  ResourceBooking,
  ResourceDef,
  BookingPolicy,
  BusyIndex,
  SlotEngineInput,
  SlotQuery,
  FreeSlot,
  TimeOfDay,
  ProposalOptions,
  NotBookableReason,
  SlotCandidate,
  BookabilityQuery,
  Bookability,
} from './types.js';

export { freeSlots, firstAvailable, nextProposals, isSlotBookable, DEFAULT_TIME_ZONE } from './engine.js';
export { buildBusyIndex } from './busy-index.js';
export { frenchHolidays, defaultTimeZoneForRegion, FRENCH_REGIONS } from './holidays.js';
export type { FrenchRegion } from './holidays.js';
