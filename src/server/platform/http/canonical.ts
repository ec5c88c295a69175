/**
 * One spelling of every identifier behind the edge. A UUID is case-insensitive (RFC 9562) and PostgreSQL
 * compares `uuid` columns that way, but handlers compare ids as strings, audit them as text, and bind them into
 * authenticated data (a document's AES-GCM tag is bound to `document:<practice>:<id>`). An id typed in upper
 * case used to be read fine yet audited under a spelling the record's history never shows, and a document
 * read that way failed its integrity check (a false tamper alarm). The route layer lowers ids once, before
 * validation, so no handler and no audit rule ever sees another spelling.
 */
import { defOf, isUuidString, wrappedSchema } from './zod-def.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Path parameters and query values: identifiers and filters, never text to keep as typed. Any value that is a
 * whole UUID is lowered, whatever the schema says (`/api/audit?resourceId=` is a plain string but holds ids).
 */
export function canonicalUrlValues<T>(value: T): T {
  if (typeof value === 'string') return (UUID.test(value) ? value.toLowerCase() : value) as T;
  if (Array.isArray(value)) return value.map(canonicalUrlValues) as T;
  // fromEntries defines keys: a `__proto__` query key stays a key instead of setting a prototype.
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonicalUrlValues(v)])) as T;
  return value;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A JSON body: only the fields its zod schema declares as UUIDs are lowered — a note or a password that happens
 * to look like a UUID stays as typed. Walks the input side of the schema (before validation, so `pipe` reads its
 * `in`); a value of the wrong type is left for the validation to refuse.
 */
export function canonicalBody(schema: unknown, value: unknown, depth = 0): unknown {
  const def = defOf(schema);
  if (!def || value === undefined || value === null || depth > 32) return value;
  const next = (s: unknown, v: unknown) => canonicalBody(s, v, depth + 1);
  const inner = wrappedSchema(def);
  if (inner !== undefined) return next(inner, value);
  switch (def.type) {
    case 'string':
      return typeof value === 'string' && isUuidString(def) && UUID.test(value) ? value.toLowerCase() : value;
    case 'array':
      return Array.isArray(value) ? value.map((v) => next(def.element, v)) : value;
    case 'tuple': {
      if (!Array.isArray(value)) return value;
      const items = def.items as unknown[];
      return value.map((v, i) => next(i < items.length ? items[i] : def.rest, v));
    }
    case 'object': {
      if (!isRecord(value)) return value;
      const shape = def.shape as Record<string, unknown>;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, Object.hasOwn(shape, k) ? next(shape[k], v) : v]));
    }
    case 'record': {
      if (!isRecord(value)) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [next(def.keyType, k), next(def.valueType, v)]));
    }
    case 'union':
      // Whichever option will accept the value, an id stays an id: each option lowers the ids it declares.
      return (def.options as unknown[]).reduce((v: unknown, option) => next(option, v), value);
    case 'intersection':
      return next(def.right, next(def.left, value));
    default:
      return value;
  }
}
