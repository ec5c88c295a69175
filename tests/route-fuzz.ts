import crypto from 'node:crypto';
import type { RouteDef } from '../src/server/platform/http/route.js';
import { defOf, isUuidString, wrappedSchema } from '../src/server/platform/http/zod-def.js';

/**
 * The hostile corpus and the request builder shared by the route-table fuzz suite
 * (src/server/platform/http/fuzz.integration.test.ts) and the memory bench (bench/platform/fuzz-memory.ts).
 * Pure: no test runner, no database. A case is built from a route's own zod schemas, so a route added tomorrow
 * is fuzzed without anyone writing its cases.
 */

export const paramNames = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
export const fill = (url: string, value: string) => url.replace(/:(\w+)/g, value);
/** encodeURIComponent, except that a lone surrogate (which it refuses) is sent as the invalid UTF-8 it would be. */
export const encodePart = (value: string) =>
  value
    .split(/((?:[\uD800-\uDBFF](?![\uDC00-\uDFFF]))|(?:(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]))/)
    .map((part, i) => (i % 2 ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');
export const label = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/** Hostile strings: punctuation only, SQL and LIKE metacharacters, control, bidi and zero-width characters, emoji. */
export const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', '-', "'", '%', '_', '\\', '?', '"', '!!!', '...', "';--", "' OR '1'='1", '%_\\%',
  '\u0000', '\u0001\u0007\u001b[31m', 'a\r\nBcc: x@example.com', '\t', '\u202E', '\u200B', '\u202Egnp.exe', '\uFEFF',
  '😀', '👨‍👩‍👧', '\uD800', '<script>alert(1)</script>', '../../etc/passwd', '${7*7}{{7*7}}', 'NaN', 'null', 'undefined',
];
/** Long strings: 100 KB and 1 MB (over the body limit of every JSON route: the limit must answer, not the heap). */
export const LONG_STRINGS: readonly string[] = ['x'.repeat(100 * 1024), 'é'.repeat(512 * 1024)];

/** A UUID in spellings that are not the canonical one. */
export function idSpellings(id: string): string[] {
  return [id.toUpperCase(), `{${id}}`, `urn:uuid:${id}`, ` ${id} `, id.replaceAll('-', ''), `${id}\n`, `${id}%00`];
}

/** Numbers at the edges, as raw JSON tokens (1e309 parses to Infinity; 2**53+1 loses its last digit). */
export const HOSTILE_NUMBER_TOKENS: readonly string[] = ['1e309', '-1e309', '-0', '9007199254740993', '-9007199254740993', '1e-400', '0.1', '-1', '2147483648'];
/** Numbers at the edges, as text (query strings, coerced fields). */
export const HOSTILE_NUMBER_STRINGS: readonly string[] = ['NaN', 'Infinity', '-Infinity', '1e309', '-0', '9007199254740993', '0x10', '1_000', ' 1', '1,5'];

/** Depth-10,000 nesting, as JSON text (built as text: a JavaScript structure that deep would be the fuzzer's own problem). */
export const DEEP_ARRAY = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
export const DEEP_OBJECT = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;

const accepts = (schema: unknown, value: unknown) => (schema as { safeParse(v: unknown): { success: boolean } }).safeParse(value).success;

/** Where a value sits in a body: a string the fuzzer may replace, and whether the schema calls it an id. */
export interface Slot {
  path: (string | number)[];
  kind: 'id' | 'text' | 'number';
}

const today = () => new Date(Date.UTC(2027, 0, 15, 9, 30)); // a fixed weekday: samples need not be « now », only well-formed
const STRING_CANDIDATES = () => [
  'fuzz@exemple.fr', today().toISOString().slice(0, 10), today().toISOString(), '2027-01-15T10:30:00+01:00', '10:30', '0612345678',
  '+33612345678', 'Dupont', 'Bonjour, je voudrais un rendez-vous.', '1', '75001', 'https://exemple.fr', 'referral_letter', 'a'.repeat(12) + '1A!',
];
const NUMBER_CANDIDATES = [1, 0, 15, 30, 100, 2027];

/**
 * A valid-looking value for a zod schema, and its string and number slots. Valid-looking, not valid: formats
 * are honoured where a candidate passes the schema (ids, e-mails, dates, enums), the rest is plausible text.
 * Booleans are false: a sample must not switch on a practice-wide setting (2FA required) by chance. `minimal`
 * leaves optional fields out (the smallest request a route accepts, e.g. `{"source":"card"}`).
 */
export function sample(schema: unknown, path: (string | number)[] = [], slots: Slot[] = [], depth = 0, minimal = false): unknown {
  const def = defOf(schema);
  if (!def || depth > 12) return undefined;
  const next = (s: unknown, p: (string | number)[]) => sample(s, p, slots, depth + 1, minimal);
  const inner = wrappedSchema(def);
  if (inner !== undefined) return next(inner, path);
  switch (def.type) {
    case 'string': {
      const isId = isUuidString(def);
      slots.push({ path, kind: isId ? 'id' : 'text' });
      if (isId) return crypto.randomUUID();
      return STRING_CANDIDATES().find((c) => accepts(schema, c)) ?? 'texte';
    }
    case 'number':
    case 'int':
    case 'bigint':
      slots.push({ path, kind: 'number' });
      return NUMBER_CANDIDATES.find((c) => accepts(schema, c)) ?? 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'date':
      return today().toISOString();
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'array':
      return [next(def.element, [...path, 0])];
    case 'tuple':
      return (def.items as unknown[]).map((s, i) => next(s, [...path, i]));
    case 'object':
      return Object.fromEntries(
        Object.entries(def.shape as Record<string, unknown>)
          .filter(([, s]) => !minimal || defOf(s)?.type !== 'optional')
          .map(([k, s]) => [k, next(s, [...path, k])]),
      );
    case 'record':
      return {};
    case 'union':
      return next((def.options as unknown[])[0], path);
    case 'intersection':
      return { ...(next(def.left, path) as object), ...(next(def.right, path) as object) };
    default:
      slots.push({ path, kind: 'text' });
      return 'texte';
  }
}

/** A copy of `value` with the slot at `path` replaced by `replacement` (a raw JSON token when `raw`). */
export function withAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? withAt(v, rest, replacement) : v));
  if (value && typeof value === 'object') return { ...value, [head!]: withAt((value as Record<string, unknown>)[head!], rest, replacement) };
  return value;
}

/** Placeholder for raw JSON text spliced into a serialised body (deep nesting, numbers JSON.stringify cannot write). */
export const rawMarker = (i: number) => `\u0000raw${i}\u0000`;
export function bodyText(value: unknown, raws: string[] = []): string {
  let text = JSON.stringify(value) ?? '';
  raws.forEach((raw, i) => (text = text.replaceAll(JSON.stringify(rawMarker(i)), raw)));
  return text;
}

export interface FuzzRequest {
  method: RouteDef['method'];
  url: string;
  /** JSON text, or undefined for no body. */
  payload?: string;
  what: string;
}

const queryKeys = (r: RouteDef) => (r.query && 'shape' in r.query ? Object.keys((r.query as { shape: object }).shape) : []);

function sampleQuery(r: RouteDef): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of queryKeys(r)) {
    const v = sample((r.query as { shape: Record<string, unknown> }).shape[k]);
    if (v !== undefined && v !== null && typeof v !== 'object') out[k] = String(v);
  }
  return out;
}
const qs = (q: Record<string, string>) => {
  const s = Object.entries(q).map(([k, v]) => `${encodePart(k)}=${encodePart(v)}`).join('&');
  return s ? `?${s}` : '';
};

/**
 * The fixed cases of a route: every hostile string in every string slot of a valid-looking body, in every query
 * value and in the path parameters; every id slot in other spellings; numbers at the edges; deep nesting;
 * prototype keys. `pathId` fills path parameters when they are not the thing being fuzzed.
 */
export function fixedCases(r: RouteDef, pathId: string): FuzzRequest[] {
  const cases: FuzzRequest[] = [];
  const url = fill(r.url, pathId);
  const hasParams = paramNames(r.url).length > 0;
  const query = sampleQuery(r);
  const slots: Slot[] = [];
  const body = r.body ? sample(r.body, [], slots) : undefined;
  const valid = body === undefined ? undefined : bodyText(body);
  const add = (what: string, u: string, payload = valid) => cases.push({ method: r.method, url: u, payload, what });
  const everySlot = (kinds: Slot['kind'][], replacement: unknown) =>
    slots.filter((s) => kinds.includes(s.kind)).reduce((b, s) => withAt(b, s.path, replacement), body);

  for (const s of [...HOSTILE_STRINGS, ...LONG_STRINGS]) {
    const short = JSON.stringify(s.slice(0, 24));
    if (hasParams && s.length < 1000) add(`path=${short}`, `${fill(r.url, encodePart(s))}${qs(query)}`);
    if (Object.keys(query).length) add(`query=${short}`, `${url}${qs(Object.fromEntries(Object.keys(query).map((k) => [k, s])))}`);
    if (slots.some((x) => x.kind !== 'number')) add(`body strings=${short}`, url, bodyText(everySlot(['text', 'id'], s)));
  }
  for (const spelling of idSpellings(pathId)) {
    if (hasParams) add(`path id ${JSON.stringify(spelling)}`, fill(r.url, encodePart(spelling)));
    if (slots.some((x) => x.kind === 'id')) add(`body ids ${JSON.stringify(spelling)}`, url, bodyText(everySlot(['id'], spelling)));
  }
  for (const n of HOSTILE_NUMBER_STRINGS) {
    if (Object.keys(query).length) add(`query=${n}`, `${url}${qs(Object.fromEntries(Object.keys(query).map((k) => [k, n])))}`);
  }
  if (slots.some((x) => x.kind === 'number')) {
    for (const n of HOSTILE_NUMBER_TOKENS) add(`body numbers=${n}`, url, bodyText(everySlot(['number'], rawMarker(0)), [n]));
  }
  if (r.body) {
    for (const [name, deep] of [['array', DEEP_ARRAY], ['object', DEEP_OBJECT]] as const) {
      add(`deep ${name} body`, url, deep);
      if (slots.length) add(`deep ${name} in a field`, url, bodyText(withAt(body, slots[0]!.path, rawMarker(0)), [deep]));
    }
    const fields = valid && valid.startsWith('{') && valid !== '{}' ? `,${valid.slice(1)}` : '}';
    add('__proto__ key', url, `{"__proto__":{"roles":["admin"],"isAdmin":true}${fields}`);
    add('constructor key', url, `{"constructor":{"prototype":{"isAdmin":true}}${fields}`);
  }
  if (Object.keys(query).length) add('__proto__ query key', `${url}${qs({ ...query })}&__proto__[isAdmin]=1&constructor[prototype][x]=1`);
  return cases;
}

/** One random case: a random slot (path, query value or body field) gets a random hostile value. */
export function randomCase(r: RouteDef, pathId: string, pick: { slot: number; value: string }): FuzzRequest {
  const slots: Slot[] = [];
  const body = r.body ? sample(r.body, [], slots) : undefined;
  const query = sampleQuery(r);
  const places = [...(paramNames(r.url).length ? ['path'] : []), ...Object.keys(query).map((k) => `query:${k}`), ...slots.map((_, i) => `body:${i}`)];
  const valid = body === undefined ? undefined : bodyText(body);
  if (places.length === 0) return { method: r.method, url: r.url, payload: valid, what: 'no input' };
  const place = places[pick.slot % places.length]!;
  const what = `${place}=${JSON.stringify(pick.value.slice(0, 24))}`;
  if (place === 'path') return { method: r.method, url: `${fill(r.url, encodePart(pick.value))}${qs(query)}`, payload: valid, what };
  const url = fill(r.url, pathId);
  if (place.startsWith('query:')) return { method: r.method, url: `${url}${qs({ ...query, [place.slice(6)]: pick.value })}`, payload: valid, what };
  const slot = slots[Number(place.slice(5))]!;
  return { method: r.method, url, payload: bodyText(withAt(body, slot.path, pick.value)), what };
}

/**
 * What is wrong with an error answer, or undefined: the documented shape `{"error":{"code","message","details"?}}`
 * (an OperationOutcome on /fhir), a snake_case code, a message in French (the fixture's language).
 */
export function errorShapeProblem(body: string, fhir: boolean): string | undefined {
  let json: { error?: Record<string, unknown>; resourceType?: string; issue?: { diagnostics?: string; details?: { text?: string } }[] };
  try {
    json = JSON.parse(body);
  } catch {
    return `not JSON: ${body.slice(0, 80)}`;
  }
  let code: unknown;
  let message: unknown;
  if (fhir && json.resourceType === 'OperationOutcome') {
    code = json.issue?.[0]?.diagnostics?.split(':')[0];
    message = json.issue?.[0]?.details?.text;
  } else {
    if (Object.keys(json).join() !== 'error' || !json.error) return `not {"error":…}: ${body.slice(0, 120)}`;
    const extra = Object.keys(json.error).filter((k) => !['code', 'message', 'details'].includes(k));
    if (extra.length) return `extra keys ${extra.join()}`;
    ({ code, message } = json.error);
  }
  if (typeof code !== 'string' || !/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(code)) return `bad code ${String(code)}`;
  if (typeof message !== 'string' || !message) return 'no message';
  if (!/[éèàùçêô’']|\b(la|le|les|des|une?|est|sont|cette|ce|ou|de|du|pas)\b/i.test(message)) return `message not in French: ${message}`;
  return undefined;
}
