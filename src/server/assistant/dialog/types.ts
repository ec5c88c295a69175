import type { Lang, TriageResult } from '../../triage/index.js';
import type { MissingPiece } from '../reply.js';
import type { Preferences, Slot } from './proposals.js';
import type { DialogState } from './state.js';

/** The booking dialog's vocabulary: what it reads (context, input), asks for (effects), gets back and answers. */

/** A dialog lapses after this long without a message. */
export const DIALOG_MINUTES = 30;

export interface DialogContext {
  now: Date;
  timeZone: string;
  /** Practitioners the assistant may book, with the names of their motifs open to it. */
  offer: { id: string; name: string; motifs: string[] }[];
  /** The practice's online booking is open (the assistant follows the same switch to book or move). */
  bookingOpen: boolean;
  /** Cancelling / moving: no later than this before the appointment (the online manage link's deadline). */
  manageDeadlineMinutes: number;
  /**
   * The practice's online booking page when it offers at least one motif to new patients, else null. A newcomer has
   * no file, hence no contact on file for a code: the chat cannot book them and says where they can.
   */
  newcomerBookingUrl: string | null;
}

export interface DialogInput {
  text: string;
  triage: Pick<TriageResult, 'intent' | 'urgency' | 'lang' | 'reasons' | 'details'>;
}

export type Effect =
  | { type: 'identify'; name: string; birthDate: string; lang: Lang }
  | { type: 'check_code'; verificationId: string | null; code: string }
  | { type: 'propose'; practitionerIds: string[]; motifName?: string | undefined; motifId?: string | null | undefined; prefs: Preferences; urgency: 'routine' | 'same_day'; excludeAppointmentId?: string | undefined }
  | { type: 'book'; patientId: string; practitionerId: string; motifName: string; start: string; urgency: 'routine' | 'same_day' }
  | { type: 'list_appointments'; patientId: string }
  | { type: 'cancel'; patientId: string; appointmentId: string }
  | { type: 'move'; patientId: string; appointmentId: string; start: string; urgency: 'routine' | 'same_day' };

export type EffectResult =
  | { type: 'identify'; verificationId: string | null; rateLimited?: boolean }
  | { type: 'check_code'; result: 'ok' | 'wrong' | 'expired'; patientId?: string | undefined }
  | { type: 'propose'; slots: Slot[]; urgentHeldToday: number }
  | { type: 'book' | 'move' | 'cancel'; result: 'ok'; appointmentId: string }
  | { type: 'book' | 'move' | 'cancel'; result: 'taken' }
  | { type: 'book' | 'move' | 'cancel'; result: 'refused'; message: string | Readonly<Record<Lang, string>> }
  | { type: 'list_appointments'; appointments: DialogState['appointments'] };

export interface DialogReply {
  text: string;
  lang: Lang;
  emergency: boolean;
  numbers: string[];
  /** Answers offered as buttons in the web chat (the label is sent back as the message). */
  choices: string[];
  asked: MissingPiece[];
}

export type DialogEnd =
  | { kind: 'booked' | 'moved' | 'cancelled'; appointmentId: string }
  | { kind: 'handed_over'; reason: HandOver };

export type HandOver =
  | 'vital'
  | 'stopped'
  | 'changed_subject'
  | 'unclear'
  | 'no_code'
  | 'code_tries'
  | 'rate_limited'
  | 'no_offer'
  | 'no_slot'
  | 'same_day_callback'
  | 'callback'
  | 'no_appointment'
  | 'deadline'
  | 'refused'
  | 'kept'
  | 'new_patient';

export interface DialogOutcome {
  /** null: no dialog (ended, or never started). */
  state: DialogState | null;
  /** null with no effect: the message is not for the dialog; the usual reply applies. */
  reply: DialogReply | null;
  effect?: Effect;
  end?: DialogEnd;
}
