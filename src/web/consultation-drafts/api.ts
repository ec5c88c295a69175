// Consultation assistant API (src/server/consultation-drafts/contract.ts).
import { request } from '../api/client';
import type { DraftProblem, DraftSentenceView, DraftView, Section } from '../../server/consultation-drafts/contract';

export const SECTIONS = ['reason', 'history', 'examination', 'conclusion', 'plan', 'prescriptions'] as const satisfies readonly Section[];
// The API's shapes are the server contract's zod types, imported as types only (no server code in the bundle).
export type { Section } from '../../server/consultation-drafts/contract';
export type Sentence = DraftSentenceView;
export type Source = NonNullable<Sentence['source']>;
export type Draft = DraftView;
export type LetterLine = Draft['letter'][number];
export type Problem = DraftProblem['problem'];

export const draftsApi = {
  create: (transcript: string, patientId: string | null) => request<{ draft: Draft }>('POST', '/api/consultation-drafts', { body: { transcript, patientId } }),
  check: (transcript: string, sentences: Sentence[]) => request<{ ready: boolean; problems: DraftProblem[] }>('POST', '/api/consultation-drafts/check', { body: { transcript, sentences } }),
};
