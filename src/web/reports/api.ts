// Reports API (src/server/reports/routes.ts) and the spell-check with its practice dictionary (src/server/spellcheck/routes.ts).
import i18n from '../i18n';
import { ApiError, request } from '../api/client';
import type { JSONContent } from '@tiptap/core';

export type ReportStatus = 'draft' | 'to_validate' | 'validated';
export type ReportKind = 'consultation_report' | 'referral_letter' | 'ultrasound_report' | 'operative_report' | 'dental_plan_letter';
export type Filter = 'all' | 'to_validate' | 'drafts' | 'validated';
export const FILTERS: Filter[] = ['to_validate', 'drafts', 'validated', 'all'];
export type Channel = 'email' | 'mssante' | 'post';
export const CHANNELS: Channel[] = ['email', 'mssante', 'post'];
export type Action = 'edit' | 'submit' | 'validate' | 'amend' | 'audio';

export interface ReportSummary {
  id: string;
  kind: ReportKind;
  title: string;
  status: ReportStatus;
  patient: { id: string; name: string; birthDate: string };
  author: { id: string; name: string };
  amendsId: string | null;
  createdAt: string;
  submittedAt: string | null;
  validatedAt: string | null;
  hasAudio: boolean;
}
export interface Recipient { correspondentId: string; name: string; channel: Channel; address: string | null; itemId: string | null }
export interface Report extends ReportSummary {
  templateId: string;
  body: JSONContent;
  html: string;
  text: string;
  fields: Record<string, string>;
  contentHash: string;
  recipients: Recipient[];
  audio: { fileName: string; mimeType: string; size: number; uploadedAt: string } | null;
  validation: { by: string; at: string; hash: string } | null;
  documentId: string | null;
  amendedById: string | null;
  allowed: Action[];
  sources: ReportSources | null;
}
export interface ReportSources {
  transcript: string;
  engine: string;
  sentences: { id: string; section: string; text: string; source: { start: number; end: number } | null; unsourced: boolean; blocking: boolean }[];
}
export interface Template { id: string; kind: ReportKind; specialties: string[]; label: { fr: string; en: string }; title: string; body: JSONContent }
export interface SpellIssue { start: number; end: number; word: string; suggestions: string[] }
export interface PracticeWord { id: string; word: string; addedBy: { id: string; name: string }; createdAt: string }

const enc = encodeURIComponent;
type One = { report: Report };
export const reportsApi = {
  templates: (authorId = '') => request<{ templates: Template[]; fields: string[]; speech: string | null }>('GET', `/api/reports/templates${authorId ? `?authorId=${enc(authorId)}` : ''}`),
  list: (filter: Filter) => request<{ reports: ReportSummary[] }>('GET', `/api/reports?filter=${filter}`),
  get: (id: string) => request<One>('GET', `/api/reports/${enc(id)}`),
  create: (body: { patientId: string; authorId: string; templateId: string; recipients: { correspondentId: string; channel: Channel }[] }) => request<One>('POST', '/api/reports', { body }),
  fromDraft: (body: { patientId: string; authorId: string; transcript: string; sentences: { id: string; section: string; text: string; source: { start: number; end: number } | null }[]; engine: string }) => request<One>('POST', '/api/reports/from-draft', { body }),
  save: (id: string, body: { title: string; body: JSONContent; recipients: { correspondentId: string; channel: Channel }[]; baseHash: string }) => request<One>('PUT', `/api/reports/${enc(id)}`, { body }),
  submit: (id: string) => request<One>('POST', `/api/reports/${enc(id)}/submit`),
  validate: (id: string, versionHash: string) => request<One>('POST', `/api/reports/${enc(id)}/validate`, { body: { versionHash } }),
  amend: (id: string) => request<One>('POST', `/api/reports/${enc(id)}/amend`),
  transcribe: (id: string) => request<{ text: string }>('POST', `/api/reports/${enc(id)}/transcribe`),
  pdfUrl: (id: string) => `/api/reports/${enc(id)}/pdf`,
  audioUrl: (id: string) => `/api/reports/${enc(id)}/audio`,
  spellcheck: (text: string, extraWords: string[]) => request<{ issues: SpellIssue[] }>('POST', '/api/spellcheck', { body: { text, extraWords } }),
  practiceWords: () => request<{ words: PracticeWord[] }>('GET', '/api/spellcheck/practice-words'),
  addPracticeWord: (word: string) => request<{ word: PracticeWord }>('POST', '/api/spellcheck/practice-words', { body: { word } }),
  removePracticeWord: (id: string) => request<undefined>('DELETE', `/api/spellcheck/practice-words/${enc(id)}`),
  async uploadAudio(id: string, file: Blob, fileName: string): Promise<One> {
    const form = new FormData();
    form.append('file', file, fileName);
    const response = await fetch(`/api/reports/${enc(id)}/audio`, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': i18n.language || 'fr' } });
    const data = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    if (!response.ok) throw new ApiError(response.status, data?.error?.code ?? `http_${response.status}`, data?.error?.message ?? i18n.t('errors.unexpected', { status: response.status }));
    return data as One;
  },
};
