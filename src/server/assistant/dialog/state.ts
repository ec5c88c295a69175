import { z } from 'zod';

/**
 * The booking dialog's state, kept in `conversations.state.booking` (JSON). Validated on every read: a state that
 * does not parse (older version, tampered, corrupt) is dropped and the dialog starts again, never guessed.
 */
const instant = z.iso.datetime();
const slot = z.object({ practitionerId: z.uuid(), start: instant, end: instant });

export const DIALOG_STEPS = ['identity', 'code', 'practitioner', 'motif', 'when', 'slot', 'confirm', 'appointment', 'confirm_cancel'] as const;
export type DialogStep = (typeof DIALOG_STEPS)[number];

export const dialogStateSchema = z.object({
  v: z.literal(1),
  kind: z.enum(['book', 'move', 'cancel']),
  step: z.enum(DIALOG_STEPS),
  lang: z.enum(['fr', 'en']),
  /** Only goes up (routine → same_day); vital ends the dialog. */
  urgency: z.enum(['routine', 'same_day']),
  /** The dialog is forgotten after this instant (30 minutes without an answer). */
  expiresAt: instant,
  /** Unclear answers at the current step; after 3 the desk takes over. */
  tries: z.number().int().min(0).max(10).default(0),
  identity: z.object({ name: z.string().min(1).max(200), birthDate: z.iso.date() }).optional(),
  /** Verification row of the code sent; null when no record fitted (the answer does not tell). */
  verificationId: z.uuid().nullable().optional(),
  codeTries: z.number().int().min(0).max(10).default(0),
  /** Set only once the one-time code was verified. */
  patientId: z.uuid().optional(),
  practitionerId: z.uuid().optional(),
  anyPractitioner: z.boolean().optional(),
  motifName: z.string().min(1).max(200).optional(),
  /** Moving: the appointment's own motif. */
  motifId: z.uuid().nullable().optional(),
  prefs: z
    .object({
      date: z.iso.date().optional(),
      time: z.string().regex(/^\d{2}:\d{2}$/).optional(),
      partOfDay: z.enum(['morning', 'noon', 'afternoon', 'evening', 'night']).optional(),
      after: instant.optional(),
    })
    .default({}),
  prefsAsked: z.boolean().default(false),
  proposals: z.array(slot).max(6).default([]),
  chosen: slot.optional(),
  appointmentsLoaded: z.boolean().default(false),
  appointments: z
    .array(
      z.object({
        id: z.uuid(),
        start: instant,
        practitionerId: z.uuid(),
        practitionerName: z.string(),
        motifId: z.uuid().nullable(),
        motifName: z.string().nullable(),
        changeable: z.boolean(),
      }),
    )
    .max(5)
    .default([]),
  appointmentId: z.uuid().optional(),
  /** Said at the start of the next reply (e.g. « ce créneau vient d'être pris »). */
  notice: z.enum(['taken']).optional(),
});

export type DialogState = z.infer<typeof dialogStateSchema>;

/** The dialog of a stored conversation state, or null when absent, invalid or expired. */
export function readDialogState(raw: unknown, now: Date): DialogState | null {
  if (!raw || typeof raw !== 'object') return null;
  const parsed = dialogStateSchema.safeParse(raw);
  if (!parsed.success) return null;
  if (new Date(parsed.data.expiresAt).getTime() <= now.getTime()) return null;
  return parsed.data;
}
