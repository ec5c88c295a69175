// Public online-booking API (no session; src/server/agenda/routes/public.ts, docs/agenda-notifications.md).
import { ApiError, request } from '../api/client';

// The API's shapes are the server contract's zod types (src/server/agenda/contract.ts, the online booking section),
// imported as types only: no server code in the bundle.
import type {
  BookingConfirmBody, BookingInfo, BookingStarted, IdentityBody, ManagedAppointment, ManageView, Offer as OfferContract, OfferAnswered, PublicSlot,
} from '../../server/agenda/contract';

export type { BookingInfo, IdentityBody, ManageView } from '../../server/agenda/contract';
export type PublicPractice = BookingInfo['practice'];
export type PublicPractitioner = BookingInfo['practitioners'][number];
export type PublicMotif = BookingInfo['motifs'][number];
export type Slot = PublicSlot;
export type AppointmentView = ManageView['appointment'];
export type StartResult = BookingStarted;
export type ConfirmResult = ManagedAppointment;
export type ManageResult = ManagedAppointment;
export type OfferResult = OfferAnswered;
/** An offer's status: the contract declares it a string (the answer must not change); these are the values it takes. */
export type Offer = Omit<OfferContract, 'status'> & { status: 'pending' | 'accepted' | 'expired' | 'declined' | 'lost' };

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
  confirm: (slug: string, body: BookingConfirmBody) =>
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
