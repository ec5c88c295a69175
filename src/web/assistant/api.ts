import { request } from '../api/client';
import type { ChatHistory, ChatReply, Language, VitalAlert } from '../api/types';

/** Assistant API additions of the booking dialog (kept in this folder; the shared client keeps the base calls). */

/** The assistant's answers as its contract declares them (the booking dialog's fields included). */
export type DialogChatReply = ChatReply;
export type DialogChatHistory = ChatHistory;
export type AlertWithPatient = VitalAlert;
import type { BadgeCounts, PracticeLinks } from '../../server/assistant/contract';
export type { BadgeCounts, PracticeLinks };

export interface BookingOptions {
  patient: { id: string; name: string; birthDate: string } | null;
  urgency: 'vital' | 'same_day' | 'routine';
  preferences: { date: string | null; time: string | null; partOfDay: string | null; text: string | null };
  practitioners: { id: string; name: string }[];
  motifs: { id: string; name: string; practitionerId: string | null; durationMinutes: number }[];
  slots: { practitionerId: string; practitionerName: string; start: string; end: string }[];
  timeZone: string;
}

const enc = encodeURIComponent;
const qs = (params: Record<string, string | undefined>) => {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
};

export const dialogApi = {
  chatSend: (body: { practice: string; text: string; conversationToken?: string }) =>
    request<{ conversationToken: string; reply: DialogChatReply }>('POST', '/api/assistant/chat', { body, quiet: true }),
  chatHistory: (body: { practice: string; conversationToken: string }) => request<DialogChatHistory>('POST', '/api/assistant/chat/history', { body, quiet: true }),
  counts: () => request<BadgeCounts>('GET', '/api/assistant/counts', { quiet: true }),
  practiceLinks: () => request<PracticeLinks>('GET', '/api/assistant/practice-links', { quiet: true }),
  bookingOptions: (id: string, q: { practitionerId?: string; motifId?: string; date?: string; today?: boolean }) =>
    request<BookingOptions>(
      'GET',
      `/api/assistant/requests/${enc(id)}/booking-options${qs({ practitionerId: q.practitionerId, motifId: q.motifId, date: q.date, today: q.today === undefined ? undefined : String(q.today) })}`,
    ),
  convertToAppointment: (id: string, appointment: { practitionerId: string; start: string; motifId?: string | null; patientId?: string }) =>
    request<{ outcome: { kind: string; id: string } }>('POST', `/api/assistant/requests/${enc(id)}/convert`, { body: { kind: 'appointment', appointment } }),
};

export type { Language };
