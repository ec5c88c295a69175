import { DateTime } from 'luxon';

/** FHIR search parameters: references (`Type/id` or `id`) and dates with prefixes (ge, lt…). */

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reference value of a search parameter: `Type/id` or `id`; undefined when it cannot be one of ours. */
export function refId(value: string, type: string): string | undefined {
  const v = value.startsWith(`${type}/`) ? value.slice(type.length + 1) : value.includes('/') ? '' : value;
  return UUID_RE.test(v) ? v.toLowerCase() : undefined;
}

/** FHIR date search value with prefix → half-open bounds on the searched instant. */
export function dateBounds(values: readonly string[], zone: string): { from?: Date; to?: Date } | 'invalid' {
  let from: number | undefined;
  let to: number | undefined;
  for (const raw of values) {
    const m = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?)$/.exec(raw);
    if (!m) return 'invalid';
    const prefix = m[1] ?? 'eq';
    const text = m[2]!;
    const dt = DateTime.fromISO(text, { zone, setZone: false });
    if (!dt.isValid) return 'invalid';
    const unit = text.length === 4 ? 'year' : text.length === 7 ? 'month' : text.length === 10 ? 'day' : m[6] ? 'second' : 'minute';
    const lo = dt.startOf(unit).toMillis();
    const hi = dt.startOf(unit).plus({ [unit]: 1 }).toMillis();
    const lower = (x: number) => (from = from === undefined ? x : Math.max(from, x));
    const upper = (x: number) => (to = to === undefined ? x : Math.min(to, x));
    switch (prefix) {
      case 'eq': case 'ap': lower(lo); upper(hi); break;
      case 'ge': case 'sa': lower(prefix === 'sa' ? hi : lo); break;
      case 'gt': lower(hi); break;
      case 'lt': case 'eb': upper(lo); break;
      case 'le': upper(hi); break;
      default: return 'invalid';
    }
  }
  return { ...(from !== undefined ? { from: new Date(from) } : {}), ...(to !== undefined ? { to: new Date(to) } : {}) };
}
