// Dental quotes API (src/server/billing/dental/routes.ts); shapes are the server contract's zod types, as types only.
import { request } from '../api/client';
import type { DentalQuoteSummary, DentalQuoteView, NewDentalQuote, SignRequest } from '../../server/billing/dental/contract';

export type { DentalQuoteSummary, DentalQuoteView, NewDentalQuote, SignRequest, DentalActInput, DentalLine } from '../../server/billing/dental/contract';
export interface CatalogueAct { code: string; kind: 'tooth' | 'global'; label: string; material: string; basket: 'rac0' | 'maitrise' | 'libre'; positions: number[]; baseCents: number; ceilingCents: number | null; unverified: string | null }

const enc = encodeURIComponent;
const qs = (p: Record<string, string | undefined>) => {
  const s = Object.entries(p).filter(([, v]) => v).map(([k, v]) => `${k}=${enc(v!)}`).join('&');
  return s ? `?${s}` : '';
};

export const dentalApi = {
  catalogue: (date?: string) => request<{ acts: CatalogueAct[]; dentists: { id: string; name: string }[] }>('GET', `/api/billing/dental-quotes/catalogue${qs({ date })}`),
  list: (filter: { patientId?: string; practitionerId?: string }) => request<{ quotes: DentalQuoteSummary[] }>('GET', `/api/billing/dental-quotes${qs(filter)}`),
  get: (id: string) => request<{ quote: DentalQuoteView }>('GET', `/api/billing/dental-quotes/${enc(id)}`),
  create: (body: NewDentalQuote) => request<{ quote: DentalQuoteView }>('POST', '/api/billing/dental-quotes', { body }),
  move: (id: string, action: 'present' | 'refuse' | 'expire') => request<{ quote: DentalQuoteView }>('POST', `/api/billing/dental-quotes/${enc(id)}/${action}`),
  sign: (id: string, body: SignRequest) => request<{ quote: DentalQuoteView }>('POST', `/api/billing/dental-quotes/${enc(id)}/sign`, { body }),
  bill: (id: string, position: number, body: { doneOn: string; tiersPayant: 'none' | 'amo' }) =>
    request<{ invoiceId: string; quote: DentalQuoteView }>('POST', `/api/billing/dental-quotes/${enc(id)}/acts/${position}/bill`, { body }),
  pdfUrl: (id: string) => `/api/billing/dental-quotes/${enc(id)}/pdf`,
};

/** Today at the practice (the web clock, in the practice's time zone), as YYYY-MM-DD. */
export { practiceToday } from '../ui/format';
