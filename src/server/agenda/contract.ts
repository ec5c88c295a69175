/**
 * The agenda's API shapes: zod schemas and their types, shared by the routes (routes/configuration.ts,
 * routes/appointments.ts, notification-routes.ts, new-patient-booking.ts, routes/public.ts for the online booking)
 * and the web (type-only). Pure zod: the one server-side rule of an input, the RPPS's Luhn key, is added by
 * routes/schemas.ts (`rpps` is a trimmed string here, the same shape in the OpenAPI document).
 */
import { z } from 'zod';
import { identityFields, optionalPhone } from '../patients/contract.js';

export const APPOINTMENT_STATUSES = [
  'booked', 'confirmed', 'arrived', 'in_consultation', 'done', 'no_show', 'cancelled_by_patient', 'cancelled_by_practice',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const HOLIDAY_REGIONS = ['metropole', '57', '67', '68', 'GP', 'MQ', 'GF', 'RE', 'YT', 'MF', 'BL', 'NC', 'PF', 'PM', 'WF'] as const;
export const JOB_STATUSES = ['failed', 'queued', 'running', 'done', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/);
export const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const isoDate = z.iso.date();
export const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
export const sector = z.enum(['1', '2', 'optam', 'non_conventionne']);
export const status = z.enum(APPOINTMENT_STATUSES);
export const uuidList = z
  .union([z.uuid(), z.array(z.uuid())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .optional();
export const idParam = z.object({ id: z.uuid() });

// ---------- configuration: settings, practitioners, hours, motifs, resources ----------

export const agendaSettings = z.object({ timeZone: z.string(), holidayRegion: z.string(), urgentReleaseMinutes: z.number() });
export const agendaSettingsBody = z.object({
  holidayRegion: z.enum(HOLIDAY_REGIONS),
  urgentReleaseMinutes: z.number().int().min(0).max(10080),
});
export const practitionerDto = z.object({
  id: z.uuid(),
  accountId: z.uuid().nullable(),
  displayName: z.string(),
  rpps: z.string().nullable(),
  specialty: z.string(),
  sector,
  colour: z.string(),
  active: z.boolean(),
});
export const practitionersQuery = z.object({ includeInactive: z.enum(['true', 'false']).optional() });
/** `rpps`: its Luhn key is checked by routes/schemas.ts, which extends this shape. */
export const practitionerBody = z.object({
  displayName: z.string().trim().min(1).max(200),
  accountId: z.uuid().nullable().optional(),
  rpps: z.string().trim().nullable().optional(),
  specialty: z.string().trim().min(1).max(200).optional(),
  sector: sector.optional(),
  colour: colour.optional(),
});
export const motifDto = z.object({
  id: z.uuid(),
  practitionerId: z.uuid().nullable(),
  name: z.string(),
  durationMinutes: z.number(),
  bufferMinutes: z.number(),
  colour: z.string(),
  newPatientsAllowed: z.boolean(),
  onlineBookable: z.boolean(),
  teleconsultation: z.boolean(),
  preparationInstructions: z.string().nullable(),
  documentsToBring: z.string().nullable(),
  requiredResourceId: z.uuid().nullable(),
  capacity: z.number(),
  active: z.boolean(),
});
export const motifBody = z.object({
  practitionerId: z.uuid().nullable().optional(),
  name: z.string().trim().min(1).max(100),
  durationMinutes: z.number().int().min(5).max(480),
  bufferMinutes: z.number().int().min(0).max(120).optional(),
  colour: colour.optional(),
  newPatientsAllowed: z.boolean().optional(),
  onlineBookable: z.boolean().optional(),
  teleconsultation: z.boolean().optional(),
  preparationInstructions: z.string().max(2000).nullable().optional(),
  documentsToBring: z.string().max(2000).nullable().optional(),
  requiredResourceId: z.uuid().nullable().optional(),
  capacity: z.number().int().min(1).max(50).optional(),
});
export const motifPatch = motifBody.partial().extend({ active: z.boolean().optional() });
/** A practitioner's change (routes/schemas.ts builds the same from its Luhn-checked `practitionerBody`). */
export const practitionerPatch = practitionerBody.partial().extend({ active: z.boolean().optional() });
export const motifsQuery = z.object({ practitionerId: z.uuid().optional() });
export const weeklyRange = z.object({
  weekday: z.number().int().min(1).max(7),
  start: time,
  end: time,
  validFrom: isoDate.optional(),
  validUntil: isoDate.nullable().optional(),
  weekParity: z.enum(['all', 'even', 'odd']).default('all'),
});
export const urgentRange = z.object({ weekday: z.number().int().min(1).max(7), start: time, end: time });
export const exceptionDto = z.object({ id: z.uuid(), kind: z.enum(['opening', 'absence']), reason: z.string().nullable(), start: z.string(), end: z.string() });
export const hoursDto = z.object({ weekly: z.array(weeklyRange), urgent: z.array(urgentRange), exceptions: z.array(exceptionDto) });
export const hoursBody = z.object({ weekly: z.array(weeklyRange).max(100), urgent: z.array(urgentRange).max(50).default([]) });
export const hoursSaved = z.object({ weekly: z.number(), urgent: z.number() });
export const exceptionBody = z.object({ kind: z.enum(['opening', 'absence']), start: instant, end: instant, reason: z.string().trim().max(200).nullable().optional() });
export const resourcesDto = z.object({ resources: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string(), roomId: z.uuid().nullable(), active: z.boolean() })) });
export const resourceBody = z.object({ name: z.string().trim().min(1).max(100), kind: z.enum(['equipment', 'room', 'chair', 'other']).default('equipment') });
export const resourceCreated = z.object({ resource: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }) });

export type AgendaSettings = z.infer<typeof agendaSettings>;
export type AgendaSettingsBody = z.input<typeof agendaSettingsBody>;
export type Sector = z.infer<typeof sector>;
export type Practitioner = z.infer<typeof practitionerDto>;
export type PractitionerBody = z.input<typeof practitionerBody>;
export type Motif = z.infer<typeof motifDto>;
export type MotifBody = z.input<typeof motifBody>;
export type MotifPatch = z.input<typeof motifPatch>;
export type MotifPatchFields = z.output<typeof motifPatch>;
export type PractitionerPatch = z.input<typeof practitionerPatch>;
export type PractitionerPatchFields = z.output<typeof practitionerPatch>;
export type WeeklyRange = z.output<typeof weeklyRange>;
export type UrgentRange = z.infer<typeof urgentRange>;
export type AgendaException = z.infer<typeof exceptionDto>;
export type Hours = z.infer<typeof hoursDto>;
export type HoursBody = z.input<typeof hoursBody>;
export type HoursFields = z.output<typeof hoursBody>;
export type ExceptionBody = z.input<typeof exceptionBody>;

// ---------- appointments: free slots, holidays, booking, changes, series ----------

export const appointmentDto = z.object({
  id: z.uuid(),
  practitionerId: z.uuid(),
  practitionerName: z.string(),
  patientId: z.uuid(),
  patientName: z.string(),
  /** The parts of the name, for the web app to write it in the reader's language (platform/identity-display.ts). */
  patientIdentity: z.object({ birthName: z.string(), usedName: z.string().nullable(), firstName: z.string() }),
  patientBirthDate: z.string(),
  patientPhone: z.string().nullable().optional(),
  motifId: z.uuid().nullable(),
  motifName: z.string().nullable(),
  colour: z.string().nullable(),
  resourceId: z.uuid().nullable(),
  seriesId: z.uuid().nullable(),
  start: z.string(),
  end: z.string(),
  busyUntil: z.string(),
  seat: z.number().nullable(),
  status,
  channel: z.string(),
  teleconsultation: z.boolean(),
  note: z.string().nullable(),
  overrideReason: z.string().nullable(),
  cancellationReason: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  statusChangedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export const historyDto = z.array(
  z.object({
    at: z.string(),
    kind: z.string(),
    by: z.string().nullable(),
    accountId: z.string().nullable(),
    channel: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    fromStart: z.string().nullable(),
    toStart: z.string().nullable(),
    reason: z.string().nullable(),
  }),
);
export const freeSlotsQuery = z.object({
  motifId: z.uuid().optional(),
  practitionerId: uuidList,
  from: instant.optional(),
  to: instant.optional(),
  channel: z.enum(['desk', 'online', 'assistant']).default('desk'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const freeSlots = z.object({ slots: z.array(z.object({ practitionerId: z.uuid(), start: z.string(), end: z.string(), urgent: z.boolean(), remainingCapacity: z.number(), slotId: z.string() })) });
/** Local dates of the practice; default: today and the next 31 days. */
export const holidaysQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export const holidaysDto = z.object({ region: z.string(), holidays: z.array(z.object({ date: z.string(), name: z.string() })) });
export const appointmentsQuery = z.object({
  from: instant.optional(),
  to: instant.optional(),
  practitionerId: uuidList,
  patientId: z.uuid().optional(),
  status: z.union([status, z.array(status)]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
});
export const appointmentList = z.object({ from: z.string(), to: z.string(), appointments: z.array(appointmentDto) });
export const appointmentDetail = z.object({ appointment: appointmentDto, history: historyDto });
export const oneAppointment = z.object({ appointment: appointmentDto });
export const bookBody = z.object({
  practitionerId: z.uuid(),
  patientId: z.uuid(),
  motifId: z.uuid().nullable().optional(),
  start: instant,
  end: instant.optional(),
  overrideReason: z.string().trim().min(3).max(500).optional(),
  note: z.string().max(2000).nullable().optional(),
  teleconsultation: z.boolean().optional(),
});
export const moveBody = z.object({ start: instant, end: instant.optional(), practitionerId: z.uuid().optional(), overrideReason: z.string().trim().min(3).max(500).optional(), version: z.number().int().optional() });
export const cancelBody = z.object({ by: z.enum(['patient', 'practice']), reason: z.string().trim().min(1).max(500), version: z.number().int().optional() });
export const statusBody = z.object({ status, reason: z.string().trim().max(500).optional(), version: z.number().int().optional() });
export const seriesBody = z.object({
  practitionerId: z.uuid(),
  patientId: z.uuid(),
  motifId: z.uuid().nullable().optional(),
  firstStart: instant,
  occurrences: z.number().int().min(2).max(60),
  intervalDays: z.number().int().min(1).max(90),
  overrideReason: z.string().trim().min(3).max(500).optional(),
  note: z.string().max(2000).nullable().optional(),
});
export const seriesBooked = z.object({ seriesId: z.uuid(), appointments: z.array(appointmentDto) });
/** A patient the search did not find: created (duplicate check) and booked in one transaction. */
export const newPatientBookingBody = z.object({
  patient: z.object({ ...identityFields, phone: optionalPhone, confirmNotDuplicate: z.boolean().optional() }),
  practitionerId: z.uuid(),
  motifId: z.uuid().nullable().optional(),
  start: instant,
  overrideReason: z.string().trim().min(3).max(500).optional(),
  note: z.string().max(2000).nullable().optional(),
});
export const newPatientBooked = z.object({ patientId: z.uuid(), appointmentId: z.uuid() });

export type Appointment = z.infer<typeof appointmentDto>;
export type HistoryEntry = z.infer<typeof historyDto>[number];
export type FreeSlot = z.infer<typeof freeSlots>['slots'][number];
export type Holidays = z.infer<typeof holidaysDto>;
export type AppointmentList = z.infer<typeof appointmentList>;
export type AppointmentDetail = z.infer<typeof appointmentDetail>;
export type BookBody = z.input<typeof bookBody>;
export type MoveBody = z.input<typeof moveBody>;
export type CancelBody = z.input<typeof cancelBody>;
export type StatusBody = z.input<typeof statusBody>;
export type NewPatientBookingBody = z.input<typeof newPatientBookingBody>;
export type NewPatientBooked = z.infer<typeof newPatientBooked>;

// ---------- notifications, jobs, no-shows, waiting list, iCal feeds (notification-routes.ts) ----------

export const notificationSettingsDto = z.object({
  reminderOffsetsMinutes: z.array(z.number().int().min(1).max(20160)).max(4),
  manageDeadlineMinutes: z.number().int().min(0).max(20160),
  onlineBookingEnabled: z.boolean(),
  onlineMinNoticeMinutes: z.number().int().min(0).max(20160),
  waitingListEnabled: z.boolean(),
  offerExpiryMinutes: z.number().int().min(5).max(1440),
  offerBatchSize: z.number().int().min(1).max(10),
  offerQuietHours: z.boolean(),
  noShowWarnAfter: z.number().int().min(1).max(100),
  noShowBlockOnlineAfter: z.number().int().min(1).max(100),
});
export const outboxQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
export const jobsQuery = z.object({ status: z.enum(JOB_STATUSES).default('failed') });
export const jobsDto = z.object({
  jobs: z.array(z.object({
    id: z.uuid(), kind: z.string(), event: z.string().nullable(), messageKind: z.string().nullable(), channel: z.string().nullable(), status: z.string(),
    attempts: z.number(), maxAttempts: z.number(), runAt: z.string(), lastError: z.string().nullable(), createdAt: z.string(), finishedAt: z.string().nullable(),
  })),
});
const noShowPolicy = z.object({ warnAfter: z.number(), blockOnlineAfter: z.number() });
export const noShowStatsQuery = z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() });
export const noShowStatsDto = z.object({
  from: z.string(), to: z.string(),
  policy: noShowPolicy,
  rows: z.array(z.object({ practitionerId: z.uuid(), practitionerName: z.string(), motifId: z.uuid().nullable(), motifName: z.string().nullable(), due: z.number(), noShows: z.number(), rate: z.number() })),
  total: z.object({ due: z.number(), noShows: z.number(), rate: z.number() }),
});
export const waitingListEntryDto = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  practitionerId: z.uuid().nullable(),
  motifId: z.uuid().nullable(),
  currentAppointmentId: z.uuid().nullable(),
  earliest: z.string().nullable(),
  latest: z.string().nullable(),
  weekdays: z.array(z.number()),
  timeOfDay: z.enum(['any', 'morning', 'afternoon']),
  note: z.string().nullable(),
  status: z.string(),
  createdAt: z.string(),
  offers: z.array(z.object({ id: z.uuid(), start: z.string(), status: z.string(), expiresAt: z.string() })),
});
export const waitingListQuery = z.object({ status: z.enum(['active', 'satisfied', 'removed']).default('active') });
export const waitingListBody = z.object({
  patientId: z.uuid(),
  practitionerId: z.uuid().nullable().optional(),
  motifId: z.uuid().nullable().optional(),
  currentAppointmentId: z.uuid().nullable().optional(),
  earliest: z.iso.date().nullable().optional(),
  latest: z.iso.date().nullable().optional(),
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
  timeOfDay: z.enum(['any', 'morning', 'afternoon']).default('any'),
  note: z.string().trim().max(500).nullable().optional(),
});
export const attendanceDto = z.object({ patientId: z.uuid(), noShows: z.number(), lastNoShowAt: z.string().nullable(), honoured: z.number(), warn: z.boolean(), onlineBookingBlocked: z.boolean(), policy: noShowPolicy });
export const icalFeedBody = z.object({ includePatientNames: z.boolean().default(false) });
export const icalFeedDto = z.object({ url: z.string(), token: z.string(), includePatientNames: z.boolean() });

export type NotificationSettings = z.infer<typeof notificationSettingsDto>;
export type QueuedJob = z.infer<typeof jobsDto>['jobs'][number];
export type NoShowStats = z.infer<typeof noShowStatsDto>;
export type WaitingListEntry = z.infer<typeof waitingListEntryDto>;
export type WaitingListBody = z.input<typeof waitingListBody>;
export type NewWaitingListEntry = z.output<typeof waitingListBody>;
export type Attendance = z.infer<typeof attendanceDto>;
export type IcalFeed = z.infer<typeof icalFeedDto>;

// ---------- online booking, manage link, waiting-list offers (routes/public.ts, no account) ----------

export const slugParam = z.object({ practiceSlug: z.string().regex(/^[a-z0-9-]{1,100}$/) });
export const tokenParam = z.object({ token: z.string().min(1).max(200) });
const publicPractice = z.object({ name: z.string(), slug: z.string(), timeZone: z.string() });
export const publicSlots = z.object({ slots: z.array(z.object({ practitionerId: z.uuid(), start: z.string(), end: z.string() })) });
export const bookingInfo = z.object({
  practice: publicPractice,
  onlineBookingEnabled: z.boolean(),
  minNoticeMinutes: z.number(),
  manageDeadlineMinutes: z.number(),
  practitioners: z.array(z.object({ id: z.uuid(), displayName: z.string(), specialty: z.string(), colour: z.string() })),
  motifs: z.array(z.object({ id: z.uuid(), practitionerId: z.uuid().nullable(), name: z.string(), durationMinutes: z.number(), teleconsultation: z.boolean(), newPatientsAllowed: z.boolean(), preparationInstructions: z.string().nullable(), documentsToBring: z.string().nullable() })),
});
/** `to` (optional, for the week grid) ends the search before 28 days ahead; a week of 10-minute slots needs more than 100. */
export const publicSlotsQuery = z.object({ motif: z.uuid(), practitioner: z.uuid().optional(), from: instant.optional(), to: instant.optional(), limit: z.coerce.number().int().min(1).max(400).default(30) });
export const identityBody = z.object({
  birthName: z.string().trim().min(1).max(100),
  firstName: z.string().trim().min(1).max(100),
  birthDate: z.iso.date(),
  sex: z.enum(['F', 'M', 'U']).default('U'),
  phone: z.string().trim().min(6).max(30).optional(),
  email: z.email().max(254).optional(),
  channel: z.enum(['sms', 'email']).optional(),
  language: z.enum(['fr', 'en']).default('fr'),
});
export const bookingStarted = z.object({ verificationId: z.uuid(), channel: z.enum(['sms', 'email']), destination: z.string(), expiresAt: z.string() });
export const bookingConfirmBody = z.object({
  verificationId: z.uuid(),
  code: z.string().regex(/^\d{6}$/),
  practitionerId: z.uuid(),
  motifId: z.uuid(),
  start: instant,
  consentReminders: z.boolean().default(false),
});
export const publicAppointmentView = z.object({
  id: z.uuid(),
  start: z.string(),
  end: z.string(),
  status: z.string(),
  practitionerName: z.string(),
  motifName: z.string().nullable(),
  teleconsultation: z.boolean(),
  preparationInstructions: z.string().nullable(),
  documentsToBring: z.string().nullable(),
});
/** The answer of a booking, a move by the link: the appointment and its (new) manage link. */
export const managedAppointment = z.object({ appointment: publicAppointmentView, manageToken: z.string().nullable(), manageUrl: z.string().nullable(), manageDeadline: z.string().nullable() });
export const manageView = z.object({ appointment: publicAppointmentView, practice: publicPractice, canChange: z.boolean(), deadline: z.string() });
export const manageSlotsQuery = z.object({ from: instant.optional(), limit: z.coerce.number().int().min(1).max(50).default(20) });
export const manageBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('cancel'), reason: z.string().trim().max(300).optional() }),
  z.object({ action: z.literal('move'), start: instant }),
]);
export const offerDto = z.object({ offer: z.object({ status: z.string(), start: z.string(), end: z.string(), expiresAt: z.string(), practitionerName: z.string(), motifName: z.string().nullable(), practiceName: z.string(), timeZone: z.string() }) });
export const offerAnswerBody = z.object({ action: z.enum(['accept', 'decline']) });
export const offerAnswered = z.object({ status: z.enum(['accepted', 'declined']), appointment: publicAppointmentView.nullable(), manageToken: z.string().nullable(), manageUrl: z.string().nullable() });

export type BookingInfo = z.infer<typeof bookingInfo>;
export type PublicSlot = z.infer<typeof publicSlots>['slots'][number];
export type IdentityBody = z.input<typeof identityBody>;
export type BookingStarted = z.infer<typeof bookingStarted>;
export type BookingConfirmBody = z.input<typeof bookingConfirmBody>;
export type PublicAppointmentView = z.infer<typeof publicAppointmentView>;
export type ManagedAppointment = z.infer<typeof managedAppointment>;
export type ManageView = z.infer<typeof manageView>;
export type Offer = z.infer<typeof offerDto>['offer'];
export type OfferAnswered = z.infer<typeof offerAnswered>;
