import type { Localized } from '../platform/http/errors.js';
import type { CallOutcome } from './schema.js';
import { PHONE_LOG_MESSAGES as M } from './messages.js';

/**
 * Pure rules of the phone log (no I/O). The database carries the same invariants as CHECK constraints;
 * these give the secretary a precise message before anything is sent to it.
 */
export interface CallDraft {
  outcome: CallOutcome;
  callerName?: string | null | undefined;
  callerPhone?: string | null | undefined;
  patientId?: string | null | undefined;
  note?: string | null | undefined;
  messageToId?: string | null | undefined;
  callbackDueAt?: string | null | undefined;
  callbackAssigneeId?: string | null | undefined;
}

export interface RuleIssue {
  field: string;
  message: Localized;
}

const blank = (v: string | null | undefined) => !v || !v.trim();

/** What is missing or contradictory in a call, in the secretary's words. Empty when the call can be saved. */
export function callIssues(c: CallDraft): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (blank(c.callerName) && blank(c.callerPhone) && !c.patientId) {
    issues.push({ field: 'callerName', message: M.identifyCaller });
  }
  if (c.outcome === 'callback') {
    if (!c.callbackDueAt) issues.push({ field: 'callbackDueAt', message: M.callbackNeedsDue });
  } else if (c.callbackDueAt || c.callbackAssigneeId) {
    issues.push({ field: 'callbackDueAt', message: M.dueOnlyForCallback });
  }
  if (c.outcome === 'message') {
    if (!c.messageToId) issues.push({ field: 'messageToId', message: M.chooseAddressee });
    if (blank(c.note)) issues.push({ field: 'note', message: M.writeMessage });
  } else if (c.messageToId) {
    issues.push({ field: 'messageToId', message: M.addresseeOnlyForMessage });
  }
  return issues;
}

/** A callback is overdue once its due time has passed and it is not done. */
export function isOverdue(dueAt: Date | null, doneAt: Date | null, now: Date): boolean {
  return dueAt !== null && doneAt === null && dueAt.getTime() < now.getTime();
}

/** Callbacks to do first, the most overdue on top; done ones after, the latest done first. */
export function compareCallbacks(
  a: { dueAt: Date; doneAt: Date | null },
  b: { dueAt: Date; doneAt: Date | null },
): number {
  if ((a.doneAt === null) !== (b.doneAt === null)) return a.doneAt === null ? -1 : 1;
  if (a.doneAt && b.doneAt) return b.doneAt.getTime() - a.doneAt.getTime();
  return a.dueAt.getTime() - b.dueAt.getTime();
}
