import type { CallOutcome } from './schema.js';

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
  message: string;
}

const blank = (v: string | null | undefined) => !v || !v.trim();

/** What is missing or contradictory in a call, in the secretary's words. Empty when the call can be saved. */
export function callIssues(c: CallDraft): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (blank(c.callerName) && blank(c.callerPhone) && !c.patientId) {
    issues.push({ field: 'callerName', message: 'Identifiez l’appelant : un nom, un numéro ou le patient.' });
  }
  if (c.outcome === 'callback') {
    if (!c.callbackDueAt) issues.push({ field: 'callbackDueAt', message: 'Un rappel à faire doit avoir une échéance.' });
  } else if (c.callbackDueAt || c.callbackAssigneeId) {
    issues.push({ field: 'callbackDueAt', message: 'Une échéance de rappel n’a de sens que pour l’issue « rappel à faire ».' });
  }
  if (c.outcome === 'message') {
    if (!c.messageToId) issues.push({ field: 'messageToId', message: 'Choisissez le praticien à qui transmettre le message.' });
    if (blank(c.note)) issues.push({ field: 'note', message: 'Écrivez le message à transmettre au praticien.' });
  } else if (c.messageToId) {
    issues.push({ field: 'messageToId', message: 'Un destinataire n’a de sens que pour l’issue « message pour un praticien ».' });
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
