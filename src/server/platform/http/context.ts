import type { Db } from '../db/database.js';
import type { Role } from '../db/schema.js';
import type { Language } from './errors.js';

/** Who is acting, in which practice, with which roles: resolved once per request from the session or bearer token. */
export interface Actor {
  sessionId: string;
  accountId: string;
  email: string;
  practiceId: string;
  roles: Role[];
  language: Language;
  /** The practice requires 2FA and this account has not enrolled yet: only enrolment routes are open. */
  mfaEnrollmentRequired: boolean;
}

/**
 * An event to record in the audit log. Declared here, not in `audit/`, so that the platform does not import the
 * audit layer: the writer is injected into the HTTP server (`HttpDeps.appendAudit`), as `resolveActor` is.
 * `practiceId` null only for events outside any practice (e.g. a failed login).
 */
export interface AuditEvent {
  accountId: string | null;
  practiceId: string | null;
  action: string;
  resourceType?: string | null;
  resourceId?: string | null;
  ip?: string | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
}

export type AuditDraft = Omit<AuditEvent, 'accountId' | 'practiceId' | 'ip'>;

/** The request context handed to authenticated route handlers and services. */
export interface RequestContext extends Actor {
  ip: string;
  /** Queues an audit entry; it is written in the request's transaction, just before commit. */
  audit(event: AuditDraft): void;
  /**
   * Runs once the request's transaction has committed (e.g. send an e-mail about what was saved). The task gets
   * the database handle, since the request's transaction is over (e.g. the agenda's live NOTIFY after a booking).
   */
  afterCommit(task: (db: Db) => Promise<void>): void;
}
