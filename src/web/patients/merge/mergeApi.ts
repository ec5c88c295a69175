// API calls of the merge / split screens (routes in src/server/patients/merge/routes.ts).
import { request } from '../../api/client';
import type { DuplicateCandidate, Patient, PatientPhone } from '../../api/types';

export type MergeField = 'birthName' | 'givenNames' | 'birthDate' | 'sex' | 'birthPlaceCode' | 'usedName' | 'usedFirstName' | 'nir' | 'email' | 'phones' | 'address';
export type Choice = 'survivor' | 'duplicate';
export interface RuleMessage { code: string; fr: string; en: string }
export interface FieldDiff { field: MergeField; strict: boolean; survivor: unknown; duplicate: unknown; defaultChoice: Choice; choosable: boolean }
export interface MergePreview {
  survivor: Patient;
  duplicate: Patient;
  defaultSurvivorId: string;
  diffs: FieldDiff[];
  blockers: RuleMessage[];
  warnings: RuleMessage[];
  statusAfter: Patient['identityStatus'];
  insTransferred: boolean;
  sectionsFilled: string[];
  moves: Record<string, number>;
}
export interface Person { id: string; birthName: string; firstName: string }
export interface MergeHistoryEntry {
  id: string; survivor: Person; duplicate: Person; reason: string; mergedAt: string; mergedBy: string | null; rowsMoved: number; kept: number;
  undoUntil: string; undoable: boolean; undoConflicts: { code: string; message: string }[]; undoneAt: string | null; undoneBy: string | null; undoReason: string | null;
}
export interface SplitHistoryEntry { id: string; source: Person; newPatient: Person; reason: string; splitAt: string; rowsMoved: number }
export interface LinkedItem { table: string; column: string; pk: Record<string, string>; label: string | null; at: string | null; kind: string | null }

const enc = encodeURIComponent;
export const mergeApi = {
  duplicatesOf: (id: string) => request<{ possibleDuplicates: DuplicateCandidate[] }>('GET', `/api/patients/${enc(id)}/duplicates`),
  preview: (a: string, b: string, survivorId?: string) =>
    request<MergePreview>('GET', `/api/patients/${enc(a)}/merge-preview?with=${enc(b)}${survivorId ? `&survivorId=${enc(survivorId)}` : ''}`),
  merge: (body: { survivorId: string; duplicateId: string; choices: Partial<Record<MergeField, Choice>>; reason: string }) =>
    request<{ mergeId: string; moved: Record<string, number>; kept: number; warnings: RuleMessage[]; survivor: Patient }>('POST', '/api/patients/merges', { body }),
  undo: (mergeId: string, body: { reason: string; acceptConflicts?: boolean }) =>
    request<{ movedBack: number; conflicts: unknown[]; survivorRestored: boolean }>('POST', `/api/patients/merges/${enc(mergeId)}/undo`, { body }),
  history: (id: string) => request<{ merges: MergeHistoryEntry[]; splits: SplitHistoryEntry[] }>('GET', `/api/patients/${enc(id)}/history`),
  linked: (id: string) => request<{ items: LinkedItem[] }>('GET', `/api/patients/${enc(id)}/linked`),
  split: (id: string, body: {
    identity: { birthName: string; givenNames: string; usedName?: string | null; usedFirstName?: string | null; birthDate: string; sex: 'F' | 'M' | 'U'; birthPlaceCode?: string | null; nir?: string | null };
    items: { table: string; column: string; pk: Record<string, string> }[];
    reason: string;
    resetSourceEvidence?: boolean;
    phones?: PatientPhone[];
  }) => request<{ splitId: string; moved: Record<string, number>; source: Patient; newPatient: Patient; possibleDuplicates: DuplicateCandidate[] }>('POST', `/api/patients/${enc(id)}/split`, { body }),
};
