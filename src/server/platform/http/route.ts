import type { FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import type { Db, Tx } from '../db/database.js';
import type { Role } from '../db/schema.js';
import type { RequestContext } from './context.js';

/**
 * Every HTTP route of Pivot is declared as data: its access rule, its zod schemas (which validate
 * requests and generate the OpenAPI document) and its audit rule. The platform registers them;
 * tests walk the same list to prove isolation, role checks and input handling on every route.
 */
type Schema = ZodType | undefined;
type Infer<S extends Schema> = S extends ZodType ? z.output<S> : undefined;

/** How a route is audited. Declaring it is mandatory for authenticated routes, so none is forgotten. */
export type AuditRule<P, R> =
  | 'none'
  | {
      action: string;
      resourceType: string;
      /** Which record was touched; may read the params or the result. */
      resourceId?: (params: P, result: R) => string | null | undefined;
      details?: (params: P, result: R) => Record<string, unknown> | undefined;
    };

interface BaseRoute<P extends Schema, Q extends Schema, B extends Schema, R extends Schema> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  response?: R;
  /** HTTP status of success (default 200; 204 sends no body). */
  status?: 200 | 201 | 202 | 204;
  /** Raw replies (CSV, HTML): the handler writes the reply itself. */
  raw?: boolean;
  /**
   * Largest request body accepted, in bytes (default `DEFAULT_BODY_LIMIT`, 64 KB). Beyond it: 413 before the body
   * is read. Raise it only for a route whose longest valid body needs more (multipart uploads have their own limits).
   */
  bodyLimit?: number;
}

/**
 * 64 KB: twice the longest valid body of an ordinary route (a 8,000-character text at 4 bytes a character), while
 * a hostile client can no longer make each request hold a megabyte of JSON (and its parse) in memory.
 */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface PublicRoute<P extends Schema = Schema, Q extends Schema = Schema, B extends Schema = Schema, R extends Schema = Schema>
  extends BaseRoute<P, Q, B, R> {
  access: 'public';
  /** Per-IP limit per minute (login, password reset). */
  rateLimit?: number;
  handler(input: {
    db: Db;
    params: Infer<P>;
    query: Infer<Q>;
    body: Infer<B>;
    req: FastifyRequest;
    reply: FastifyReply;
  }): Promise<Infer<R>>;
}

export interface AuthenticatedRoute<P extends Schema = Schema, Q extends Schema = Schema, B extends Schema = Schema, R extends Schema = Schema>
  extends BaseRoute<P, Q, B, R> {
  /** Roles allowed in the current practice. */
  access: { roles: readonly Role[] | 'any' };
  audit: AuditRule<Infer<P>, Infer<R>>;
  /** Open while the account still has to enrol in 2FA required by the practice. */
  allowDuringMfaEnrollment?: boolean;
  handler(input: {
    ctx: RequestContext;
    tx: Tx;
    params: Infer<P>;
    query: Infer<Q>;
    body: Infer<B>;
    req: FastifyRequest;
    reply: FastifyReply;
  }): Promise<Infer<R>>;
}

export type RouteDef = PublicRoute<any, any, any, any> | AuthenticatedRoute<any, any, any, any>;

/** Identity helpers that keep full type inference at the declaration site. */
export function publicRoute<P extends Schema, Q extends Schema, B extends Schema, R extends Schema>(
  def: PublicRoute<P, Q, B, R>,
): RouteDef {
  return def as RouteDef;
}

export function route<P extends Schema, Q extends Schema, B extends Schema, R extends Schema>(
  def: AuthenticatedRoute<P, Q, B, R>,
): RouteDef {
  return def as RouteDef;
}

export const ALL_ROLES = 'any' as const;

/**
 * The access rules routes share, named by the roles they let in (in the current practice): one definition each,
 * instead of a `desk`, `everyone` or `members` of the same roles in every routes file.
 */
export const STAFF = { roles: ['admin', 'practitioner', 'secretary'] } as const;
export const ADMINS = { roles: ['admin'] } as const;
export const ADMINS_AND_PRACTITIONERS = { roles: ['admin', 'practitioner'] } as const;
export const ADMINS_AND_SECRETARIES = { roles: ['admin', 'secretary'] } as const;
export const PRACTITIONERS_AND_SECRETARIES = { roles: ['practitioner', 'secretary'] } as const;
export const PRACTITIONERS = { roles: ['practitioner'] } as const;
export const SECRETARIES = { roles: ['secretary'] } as const;

/** The params of a route addressing one record by its id (`/…/:id`). */
export const idParams = z.object({ id: z.uuid() });

/**
 * The audit rule of a route on one record that belongs to a patient: the record is the `:id` of the address, the
 * patient (null while the record has none) is read from the answer, so that the patient's access history lists it.
 * `const audited = patientRecordAudit('report', (r: { report: … }) => r.report.patient.id)`, then `audit: audited('report.read')`.
 */
export function patientRecordAudit<R>(resourceType: string, patientOf: (result: R) => string | null) {
  return (action: string): AuditRule<{ id: string }, R> => ({
    action,
    resourceType,
    resourceId: (p) => p.id,
    details: (_p, r) => ({ patientId: patientOf(r) }),
  });
}

type Access = AuthenticatedRoute['access'];
/** The answer `{ [name]: record }` of a route about one record, with the record's schema. */
type Answer<K extends string, R extends ZodType> = readonly [name: K, record: R];
// Typed as the record under its name: zod's own inference cannot see through a computed key of a generic name.
const answerSchema = <K extends string, R extends ZodType>([name, record]: Answer<K, R>) =>
  z.object({ [name]: record } as Record<K, R>) as unknown as ZodType<Record<K, z.output<R>>>;
const answerOf = <K extends string, V>(name: K, value: V) => ({ [name]: value }) as Record<K, V>;

/**
 * One field of one record set by its `:id` (a callback done, a message read, a request's assignee or status, a
 * document archived with its reason): the body is `{ [name]: value }`, the answer the record. Why a builder: these
 * routes were the same ten lines in every capability, differing only by their names. The service checks who may set
 * it and writes the audit entry itself, so the route's audit is 'none' (say which entry in a comment at the
 * declaration, as for any route whose service audits).
 */
export function fieldRoute<F extends string, V extends ZodType, K extends string, R extends ZodType>(def: {
  url: string;
  summary: string;
  tags: string[];
  access: Access;
  field: readonly [name: F, value: V];
  answer: Answer<K, R>;
  set: (tx: Tx, ctx: RequestContext, id: string, value: z.output<V>) => Promise<z.output<R>>;
}): RouteDef {
  const [field, value] = def.field;
  return route({
    method: 'POST',
    url: def.url,
    summary: def.summary,
    tags: def.tags,
    access: def.access,
    params: idParams,
    body: z.object({ [field]: value } as Record<F, V>) as unknown as ZodType<Record<F, z.output<V>>>,
    response: answerSchema(def.answer),
    audit: 'none',
    async handler({ ctx, tx, params, body }) {
      return answerOf(def.answer[0], await def.set(tx, ctx, params.id, body[field]));
    },
  });
}

/**
 * A route about the record of its `:id`, without a body (read it or what hangs on it, acknowledge it), which the
 * route itself audits as that record: `audit: ['incident.read', 'incident']`. The answer is `{ [name]: what run
 * returns }`. Why a builder: the same as above; a route that reads a patient's record audits the patient too
 * (`patientRecordAudit`) and stays a plain `route`.
 */
export function recordRoute<K extends string, R extends ZodType>(def: {
  method?: 'GET' | 'POST';
  url: string;
  summary: string;
  tags: string[];
  access: Access;
  answer: Answer<K, R>;
  audit: readonly [action: string, resourceType: string];
  run: (tx: Tx, ctx: RequestContext, id: string) => Promise<z.output<R>>;
}): RouteDef {
  const [action, resourceType] = def.audit;
  return route({
    method: def.method ?? 'GET',
    url: def.url,
    summary: def.summary,
    tags: def.tags,
    access: def.access,
    params: idParams,
    response: answerSchema(def.answer),
    audit: { action, resourceType, resourceId: (p) => p.id },
    async handler({ ctx, tx, params }) {
      return answerOf(def.answer[0], await def.run(tx, ctx, params.id));
    },
  });
}
