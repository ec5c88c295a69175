// Reports API (src/server/reports/routes.ts) and the spell-check with its practice dictionary (src/server/spellcheck/routes.ts).
import i18n from '../i18n';
import { ApiError, request } from '../api/client';
import type { JSONContent } from '@tiptap/core';

import type { ReportAction, ReportFilter, RecipientChannel, ReportSummary, ReportTemplate, ReportView } from '../../server/reports/contract';
import type { PracticeWordView, SpellIssue } from '../../server/spellcheck/contract';

// The API's shapes are the server contracts' zod types, imported as types only (no server code in the bundle); the
// screens read `body` as the editor's JSON, which the contract leaves open (z.unknown).
export type { ReportKind, ReportStatus, ReportSummary } from '../../server/reports/contract';
export type { SpellIssue } from '../../server/spellcheck/contract';
export type Filter = ReportFilter;
export const FILTERS: Filter[] = ['to_validate', 'drafts', 'validated', 'all'];
export type Channel = RecipientChannel;
export const CHANNELS: Channel[] = ['email', 'mssante', 'post'];
export type Action = ReportAction;
export type Report = Omit<ReportView, 'body'> & { body: JSONContent };
export type Recipient = Report['recipients'][number];
export type ReportSources = NonNullable<Report['sources']>;
export type Template = Omit<ReportTemplate, 'body'> & { body: JSONContent };
export type PracticeWord = PracticeWordView;

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
