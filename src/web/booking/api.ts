// Public online-booking API (no session): shapes from docs/agenda-notifications.md.
import { ApiError, request } from '../api/client';

export interface PublicPractice { name: string; slug: string; timeZone: string }
export interface PublicPractitioner { id: string; displayName: string; specialty: string | null; colour: string | null }
export interface PublicMotif {
  id: string; practitionerId: string | null; name: string; durationMinutes: number; teleconsultation: boolean;
  newPatientsAllowed: boolean; preparationInstructions: string | null; documentsToBring: string | null;
}
export interface BookingInfo {
  practice: PublicPractice; onlineBookingEnabled: boolean; minNoticeMinutes: number; manageDeadlineMinutes: number;
  practitioners: PublicPractitioner[]; motifs: PublicMotif[];
}
export interface Slot { practitionerId: string; start: string; end: string }
export interface AppointmentView {
  id: string; start: string; end: string; status: string; practitionerName: string; motifName: string;
  teleconsultation: boolean; preparationInstructions: string | null; documentsToBring: string | null;
}
export interface StartResult { verificationId: string; channel: 'sms' | 'email'; destination: string; expiresAt: string }
export interface ConfirmResult { appointment: AppointmentView; manageToken: string | null; manageUrl: string | null; manageDeadline: string | null }
export interface ManageView { appointment: AppointmentView; practice: PublicPractice; canChange: boolean; deadline: string }
export interface ManageResult { appointment: AppointmentView; manageToken: string | null; manageUrl: string | null; manageDeadline: string | null }
export interface Offer {
  status: 'pending' | 'accepted' | 'expired' | 'declined' | 'lost'; start: string; end: string; expiresAt: string;
  practitionerName: string; motifName: string | null; practiceName: string; timeZone: string;
}
export interface OfferResult { status: 'accepted' | 'declined'; appointment: AppointmentView | null; manageToken: string | null; manageUrl: string | null }
export interface IdentityBody {
  birthName: string; firstName: string; birthDate: string; sex?: 'F' | 'M' | 'U'; phone?: string; email?: string;
  channel?: 'sms' | 'email'; language?: 'fr' | 'en';
}

const enc = encodeURIComponent;
const opts = (body?: unknown) => ({ quiet: true, ...(body === undefined ? {} : { body }) });

export const bookingApi = {
  info: (slug: string) => request<BookingInfo>('GET', `/api/public/${enc(slug)}/booking`, opts()),
  slots: (slug: string, motif: string, practitioner?: string, from?: string, range: { to?: string; limit?: number } = {}) => {
    const q = new URLSearchParams({ motif, limit: String(range.limit ?? 60) });
    if (practitioner) q.set('practitioner', practitioner);
    if (from) q.set('from', from);
    if (range.to) q.set('to', range.to);
    return request<{ slots: Slot[] }>('GET', `/api/public/${enc(slug)}/slots?${q}`, opts());
  },
  start: (slug: string, body: IdentityBody) => request<StartResult>('POST', `/api/public/${enc(slug)}/booking/start`, opts(body)),
  confirm: (slug: string, body: { verificationId: string; code: string; practitionerId: string; motifId: string; start: string; consentReminders: boolean }) =>
    request<ConfirmResult>('POST', `/api/public/${enc(slug)}/booking/confirm`, opts(body)),
  manage: (token: string) => request<ManageView>('GET', `/api/public/manage/${enc(token)}`, opts()),
  manageSlots: (token: string) => request<{ slots: Slot[] }>('GET', `/api/public/manage/${enc(token)}/slots?limit=30`, opts()),
  cancel: (token: string, reason?: string) => request<ManageResult>('POST', `/api/public/manage/${enc(token)}`, opts({ action: 'cancel', ...(reason ? { reason } : {}) })),
  move: (token: string, start: string) => request<ManageResult>('POST', `/api/public/manage/${enc(token)}`, opts({ action: 'move', start })),
  offer: (token: string) => request<{ offer: Offer }>('GET', `/api/public/offers/${enc(token)}`, opts()),
  answerOffer: (token: string, action: 'accept' | 'decline') => request<OfferResult>('POST', `/api/public/offers/${enc(token)}`, opts({ action })),
};

/** The server's message (French or English per Accept-Language), whatever the status. */
export function errorMessage(err: unknown, fallback: string): string {
  return err instanceof ApiError && err.message ? err.message : fallback;
}

/** Slots proposed with a 409 « créneau pris » (details = proposals). */
export function proposalsOf(err: unknown): Slot[] {
  if (!(err instanceof ApiError) || err.status !== 409 || !Array.isArray(err.details)) return [];
  return (err.details as Partial<Slot>[]).filter((p): p is Slot => typeof p?.start === 'string' && typeof p?.end === 'string' && typeof p?.practitionerId === 'string');
}

/** The local link to the manage page, from the token (the server's URL may point to another host). */
export function manageHref(token: string): string {
  return `#/rendez-vous/${enc(token)}`;
}
