// Consultation assistant API (src/server/consultation-drafts/contract.ts).
import { request } from '../api/client';

export const SECTIONS = ['reason', 'history', 'examination', 'conclusion', 'plan', 'prescriptions'] as const;
export type Section = (typeof SECTIONS)[number];
export interface Source { start: number; end: number }
export interface Sentence { id: string; section: Section; text: string; source: Source | null }
export interface LetterLine { text: string; source: Source | null; sentenceId: string | null; template: boolean }
export type Problem = 'no_source' | 'source_outside' | 'words_not_in_source' | 'empty';
export interface Draft {
  label: { fr: string; en: string };
  status: 'draft';
  engine: string;
  transcript: string;
  sentences: Sentence[];
  letter: LetterLine[];
  problems: { id: string; problem: Problem }[];
}

export const draftsApi = {
  create: (transcript: string, patientId: string | null) => request<{ draft: Draft }>('POST', '/api/consultation-drafts', { body: { transcript, patientId } }),
  check: (transcript: string, sentences: Sentence[]) => request<{ ready: boolean; problems: { id: string; problem: Problem }[] }>('POST', '/api/consultation-drafts/check', { body: { transcript, sentences } }),
};
