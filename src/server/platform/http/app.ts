import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Db, Tx } from '../db/database.js';
import type { Actor, AuditDraft, AuditEvent, RequestContext } from './context.js';
import { AppError, errorBody, isErrorCode, operationOutcome, pickLanguage, type Language } from './errors.js';
import { DEFAULT_BODY_LIMIT, type AuthenticatedRoute, type RouteDef } from './route.js';
import { canonicalBody, canonicalUrlValues } from './canonical.js';
import { answerClientError } from './client-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    pivotLanguage?: Language;
    pivotActor?: Actor;
  }
}

export interface HttpDeps {
  db: Db;
  log: Logger;
  routes: RouteDef[];
  resolveActor(req: FastifyRequest): Promise<Actor | undefined>;
  /** Writes audit entries in the caller's transaction (the audit layer's `appendAudit`, injected by compose.ts). */
  appendAudit(tx: Tx, events: readonly AuditEvent[]): Promise<void>;
  /** Built web app to serve (SPA); absent in API-only tests. */
  webDir?: string | undefined;
  trustProxy?: boolean;
}

/** Builds the HTTP server: one error shape, zod validation, OpenAPI, every route wrapped for auth, roles, transaction and audit. */
export async function buildHttpServer(deps: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    // No per-request logs: URLs and query strings may hold patient data.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: deps.trustProxy ?? false,
    // The server-wide ceiling; each route has its own, smaller limit (route.ts, DEFAULT_BODY_LIMIT).
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    // The longest path parameter declared is a 200-character token; a longer one is no record's key and gets
    // 414 uri_too_long (below) before any route runs.
    routerOptions: { maxParamLength: 512 },
    // Errors found before a route is chosen (broken percent-encoding, over-long parameter) and those Node's HTTP
    // parser answers on its own (431, 408, garbage) come back in our one shape too, not Fastify's or Node's.
    frameworkErrors: (err, req, reply) => sendError(deps.log, err, req, reply),
    clientErrorHandler: answerClientError,
    // Node answers an HTTP/1.1 request without Host by itself, with an empty 400: the hook below refuses it in our shape.
    http: { requireHostHeader: false },
  }).withTypeProvider<ZodTypeProvider>() as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // FHIR and JSON Patch bodies are JSON too.
  app.addContentTypeParser(['application/fhir+json', 'application/json-patch+json'], { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.addHook('onSend', async (req, reply, payload) => {
    if (isFhirPath(req.url) && String(reply.getHeader('content-type') ?? '').startsWith('application/json')) {
      reply.header('content-type', 'application/fhir+json; charset=utf-8');
    }
    return payload;
  });
  app.setErrorHandler((err, req, reply) => sendError(deps.log, err, req, reply));
  app.addHook('onRequest', async (req) => {
    if (req.raw.httpVersion === '1.1' && !req.headers.host) throw new AppError('bad_request', [{ field: 'Host', message: { fr: 'En-tête Host manquant.', en: 'Host header missing.' } }]);
  });
  app.setNotFoundHandler((req, reply) => {
    // SPA fallback for app routes only: a missing asset must be a 404, not index.html served as JavaScript.
    const isAsset = /\.[a-z0-9]+$/i.test(req.url.split('?')[0]!);
    if (req.method === 'GET' && deps.webDir && !isApiPath(req.url) && !isAsset && fs.existsSync(path.join(deps.webDir, 'index.html'))) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(deps.log, new AppError('route_not_found'), req, reply);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (req) => {
      const err = new AppError('rate_limited');
      return { statusCode: 429, ...errorBody(err, requestLanguage(req)) };
    },
  });
  // File uploads (patient documents). Parts are read by the route that expects them, after authentication and
  // role checks; such a route raises fileSize per request (PIVOT_DOCUMENT_MAX_MB). Defaults stay small.
  await app.register(fastifyMultipart, { limits: { fileSize: 1024 * 1024, files: 1, fields: 10, fieldSize: 4096, parts: 12, headerPairs: 100 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Pivot API', version: '0.1.0', description: 'API du secrétariat médical Pivot. Erreurs : {"error":{"code","message","details"}}.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'pivot_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  if (deps.webDir && fs.existsSync(deps.webDir)) {
    // wildcard: files are looked up at request time, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: deps.webDir, wildcard: true, index: ['index.html'] });
  }

  for (const def of deps.routes) registerRoute(app, deps, def);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

function isFhirPath(url: string): boolean {
  return url.startsWith('/fhir/');
}

function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/fhir/');
}

function requestLanguage(req: FastifyRequest): Language {
  return req.pivotLanguage ?? pickLanguage(undefined, req.headers['accept-language']);
}

function registerRoute(app: FastifyInstance, deps: HttpDeps, def: RouteDef): void {
  const successStatus = def.status ?? 200;
  const schema: Record<string, unknown> = {
    summary: def.summary,
    tags: def.tags,
    ...(def.params ? { params: def.params } : {}),
    ...(def.query ? { querystring: def.query } : {}),
    ...(def.body ? { body: def.body } : {}),
    ...(def.response && successStatus !== 204 ? { response: { [successStatus]: def.response } } : {}),
    ...(def.access === 'public' ? {} : { security: [{ bearer: [] }, { cookie: [] }] }),
  };
  const config: Record<string, unknown> = def.access === 'public' && def.rateLimit ? { rateLimit: { max: def.rateLimit, timeWindow: '1 minute' } } : {};

  app.route({
    method: def.method,
    url: def.url,
    schema,
    config,
    bodyLimit: def.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Who and which role are checked before the input is validated: a stranger learns nothing about a route's schema.
    preValidation: async (req) => {
      if (def.access !== 'public') await authorise(deps, def as AuthenticatedRoute, req);
      // A route that declares a JSON body refuses a multipart form (its parts would be silently ignored).
      if (def.body && req.isMultipart()) throw new AppError('unsupported_media_type');
      // One spelling of every id from here on: handlers, audit rules and stored references see lower case only.
      req.params = canonicalUrlValues(req.params);
      req.query = canonicalUrlValues(req.query);
      if (def.body && req.body !== undefined) req.body = canonicalBody(def.body, req.body);
    },
    handler: async (req, reply) => {
      const input = { params: req.params, query: req.query, body: req.body, req, reply };
      let result: unknown;
      if (def.access === 'public') {
        result = await def.handler({ ...input, db: deps.db });
      } else {
        const actor = req.pivotActor!;
        const queued: AuditDraft[] = [];
        const afterCommit: ((db: Db) => Promise<void>)[] = [];
        const ctx: RequestContext = { ...actor, ip: req.ip, audit: (e) => queued.push(e), afterCommit: (t) => afterCommit.push(t) };
        const rule = def.audit;
        const run = async (tx: Tx) => {
          const out = await def.handler({ ...input, ctx, tx });
          // A raw answer sent from inside the transaction leaves before its audit entry commits (and stays sent if the
          // commit fails): refuse it, so the entry is rolled back and the route's tests see it missing.
          if (reply.sent && (rule !== 'none' || queued.length > 0)) throw new Error(`${def.method} ${def.url}: audited answer sent before commit (send it from ctx.afterCommit)`);
          if (rule !== 'none') {
            queued.push({
              action: rule.action,
              resourceType: rule.resourceType,
              resourceId: rule.resourceId?.(req.params, out) ?? null,
              details: rule.details?.(req.params, out) ?? null,
            });
          }
          return out;
        };
        const stamp = (e: AuditDraft) => ({ ...e, accountId: actor.accountId, practiceId: actor.practiceId, ip: req.ip });
        if (def.method === 'GET' && rule === 'none') {
          // A read that is not audited writes nothing: no BEGIN/COMMIT round trips (the hot path of /api/me).
          result = await run(deps.db as unknown as Tx);
          if (queued.length) await deps.db.transaction().execute((tx) => deps.appendAudit(tx, queued.map(stamp)));
        } else {
          result = await deps.db.transaction().execute(async (tx) => {
            const out = await run(tx);
            await deps.appendAudit(tx, queued.map(stamp));
            return out;
          });
        }
        for (const task of afterCommit) {
          await task(deps.db).catch((err: unknown) => deps.log.error({ err, route: def.url }, 'after-commit task failed'));
        }
      }
      if (def.raw) return reply;
      reply.code(successStatus);
      return successStatus === 204 ? reply.send() : result;
    },
  });
}

async function authorise(deps: HttpDeps, def: AuthenticatedRoute, req: FastifyRequest): Promise<void> {
  const actor = await deps.resolveActor(req);
  if (!actor) throw new AppError('unauthenticated');
  req.pivotActor = actor;
  req.pivotLanguage = pickLanguage(actor.language, req.headers['accept-language']);
  if (actor.mfaEnrollmentRequired && !def.allowDuringMfaEnrollment) throw new AppError('mfa_enrollment_required');
  const allowed = def.access.roles;
  if (allowed !== 'any' && !actor.roles.some((r) => allowed.includes(r))) throw new AppError('forbidden');
}

// Unique, exclusion and foreign-key violations, serialization failures and deadlocks: the data changed under the request.
const PG_CONFLICT = new Set(['23505', '23P01', '23503', '40001', '40P01']);
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

function sendError(log: Logger, err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const lang = requestLanguage(req);
  const appError = toAppError(err);
  if (appError.status >= 500) {
    log.error({ err, reqId: req.id, route: req.routeOptions?.url }, 'request failed');
  }
  const body = (e: AppError) => (isFhirPath(req.url) ? operationOutcome(e, lang) : errorBody(e, lang));
  if (appError.code === 'rate_limited' || (err as { statusCode?: number }).statusCode === 429) {
    return reply.code(429).send(body(new AppError('rate_limited')));
  }
  return reply.code(appError.status).send(body(appError));
}

/** Maps every failure to a clear error. Input problems are 4xx, never 500. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext;
    return new AppError(
      'validation_failed',
      err.validation.map((v) => ({ in: where, field: v.instancePath.slice(1).replaceAll('/', '.') || null, message: v.message })),
    );
  }
  const e = err as { code?: string; statusCode?: number; errno?: string };
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_json');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('unsupported_media_type');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large');
    case 'FST_ERR_BAD_URL':
      return new AppError('invalid_url');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('uri_too_long');
  }
  // A value parsed by hand inside a handler (after the route's own validation): still the caller's input.
  if (err instanceof z.ZodError) {
    return new AppError('validation_failed', err.issues.map((i) => ({ field: i.path.map(String).join('.') || null, message: i.message })));
  }
  if (e.code && PG_CONFLICT.has(e.code)) return new AppError('conflict');
  // Data exceptions (class 22) and check violations: the input was wrong for the database.
  if (e.code && (e.code.startsWith('22') || e.code === '23514' || e.code === '23502')) return new AppError('validation_failed');
  if (e.code && (PG_UNAVAILABLE.has(e.code) || e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET')) return new AppError('database_unavailable');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 429) return new AppError('rate_limited');
    if (e.statusCode === 404) return new AppError('route_not_found');
    if (e.statusCode === 413) return new AppError('payload_too_large');
    if (e.statusCode === 415) return new AppError('unsupported_media_type');
    if (e.statusCode === 414) return new AppError('uri_too_long');
    if (e.statusCode === 431) return new AppError('headers_too_large');
    return new AppError('bad_request');
  }
  if (err instanceof Error && /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|is not queryable/.test(err.message)) {
    return new AppError('database_unavailable');
  }
  const code = e.code;
  if (code && isErrorCode(code)) return new AppError(code);
  return new AppError('internal');
}
