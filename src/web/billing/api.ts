// Billing API (src/server/billing/*-routes.ts). The response shapes are the server contract's zod types, imported
// as types only (erased at build time: no server code in the bundle).
import { request } from '../api/client';
import type { BillingProfile, DeskDay, Draft, DraftRequest, InvoiceSummary, InvoiceView, NewInvoiceRequest, PaymentRequest, ProfileView } from '../../server/billing/contract';

export type { BillingProfile, DeskDay, DeskConsultation, Draft, DraftRequest, InvoiceSummary, InvoiceView, PaymentRequest, ProfileView, Sector, Specialty, TiersPayant, Parcours } from '../../server/billing/contract';
export { SECTORS, SPECIALTIES, PARCOURS, TIERS_PAYANT } from './constants';

const enc = encodeURIComponent;

export const billingApi = {
  desk: (date?: string) => request<DeskDay>('GET', `/api/billing/desk${date ? `?date=${enc(date)}` : ''}`),
  draft: (body: DraftRequest) => request<{ draft: Draft }>('POST', '/api/billing/drafts', { body }),
  createInvoice: (body: NewInvoiceRequest) => request<{ invoice: InvoiceView }>('POST', '/api/billing/invoices', { body }),
  invoice: (id: string) => request<{ invoice: InvoiceView }>('GET', `/api/billing/invoices/${enc(id)}`),
  pay: (id: string, payments: PaymentRequest[]) => request<{ invoice: InvoiceView; paymentIds: string[] }>('POST', `/api/billing/invoices/${enc(id)}/payments`, { body: { payments } }),
  issueReceipt: (id: string) => request<{ invoice: InvoiceView; receiptId: string }>('POST', `/api/billing/invoices/${enc(id)}/receipts`),
  creditNote: (receiptId: string, reason: string) => request<{ creditNoteId: string; receiptId: string }>('POST', `/api/billing/receipts/${enc(receiptId)}/credit-note`, { body: { reason } }),
  books: (practitionerId: string, from: string, to: string) =>
    request<{ invoices: InvoiceSummary[] }>('GET', `/api/billing/practitioners/${enc(practitionerId)}/invoices?from=${enc(from)}&to=${enc(to)}`),
  profile: (practitionerId: string) => request<ProfileView>('GET', `/api/billing/profiles/${enc(practitionerId)}`),
  saveProfile: (practitionerId: string, body: Omit<BillingProfile, 'updatedAt'>) => request<ProfileView>('PUT', `/api/billing/profiles/${enc(practitionerId)}`, { body }),
};
