import { createHash } from 'node:crypto';
import type { ReportAction, ReportStatus } from './contract.js';

/** Pure rules of the reports: the version hash a validation is bound to, and who may do what when. */

export interface Version {
  kind: string;
  title: string;
  html: string;
  patientId: string;
  authorId: string;
  recipients: readonly { correspondentId: string; channel: string }[];
}

/**
 * SHA-256 of what the practitioner reads before validating: title, rendered body (merge fields filled), patient,
 * author and who receives it how (order-free). Two saves of the same content give the same hash.
 */
export function versionHash(v: Version): string {
  const recipients = [...new Set(v.recipients.map((r) => `${r.correspondentId.toLowerCase()}:${r.channel}`))].sort();
  return createHash('sha256').update(JSON.stringify(['pivot-report-v1', v.kind, v.title, v.html, v.patientId.toLowerCase(), v.authorId.toLowerCase(), recipients])).digest('hex');
}

export interface Actor {
  desk: boolean;
  /** The practitioner row of the signed-in account, if any. */
  practitionerId: string | null;
}

export interface ReportState {
  status: ReportStatus;
  authorId: string;
  amendedBy: string | null;
}

export const isAuthor = (a: Actor, r: Pick<ReportState, 'authorId'>) => a.practitionerId !== null && a.practitionerId === r.authorId;

/** The desk types any report of the practice; a practitioner sees and types their own; only the author validates. */
export function allowedActions(a: Actor, r: ReportState): ReportAction[] {
  const writer = a.desk || isAuthor(a, r);
  if (!writer) return [];
  const out: ReportAction[] = [];
  if (r.status !== 'validated') out.push('edit', 'audio');
  if (r.status === 'draft') out.push('submit');
  if (r.status !== 'validated' && isAuthor(a, r)) out.push('validate');
  if (r.status === 'validated' && r.amendedBy === null) out.push('amend');
  return out;
}

/** Reports are created for oneself by a practitioner, for any practitioner of the practice by the desk. */
export const mayWriteFor = (a: Actor, authorId: string) => a.desk || a.practitionerId === authorId;
