/**
 * Pure rules of the correspondence register: status transitions (mirrored by a trigger, 0161), duplicate keys of the
 * address book, the postal address block (NF Z10-011 and the window of a DL envelope). No I/O here.
 */
import { isRpps } from '../platform/luhn.js';
import { CORRESPONDENCE_MESSAGES as M } from './messages.js';
import type { InStatus, ItemStatus } from './contract.js';

/**
 * Incoming item: to match → to read (a person confirmed the patient) → read (the practitioner it was routed to)
 * → filed (in the patient's documents). Back steps: a wrong patient sends an item back to matching; « mark unread ».
 * Filed is final. The trigger `correspondence_items_transition` in 0161 lists the same pairs.
 */
export const IN_TRANSITIONS: Readonly<Record<InStatus, readonly InStatus[]>> = {
  to_match: ['to_read'],
  to_read: ['read', 'to_match'],
  read: ['filed', 'to_read'],
  filed: [],
};
/** Outgoing letter: a draft is sent (e-mail, MSSanté) or posted; both are final. */
export const OUT_TRANSITIONS: Readonly<Record<'draft' | 'sent' | 'posted', readonly ('sent' | 'posted')[]>> = {
  draft: ['sent', 'posted'],
  sent: [],
  posted: [],
};

export function canMove(direction: 'in' | 'out', from: ItemStatus, to: ItemStatus): boolean {
  const table: Record<string, readonly string[]> = direction === 'in' ? IN_TRANSITIONS : OUT_TRANSITIONS;
  return (table[from] ?? []).includes(to);
}

/** Lower case, no accents, no titles, words sorted: « Dr Jean-Marie DURAND » and « Durand Jean Marie » meet. */
export function nameKey(name: string, firstName?: string | null): string {
  const words = `${name} ${firstName ?? ''}`
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w && !TITLES.has(w));
  return words.sort().join(' ');
}
const TITLES = new Set(['dr', 'docteur', 'pr', 'professeur', 'm', 'mme', 'mr', 'madame', 'monsieur', 'cabinet', 'du', 'de', 'la', 'le', 'des']);

/** « Saint-Denis », « ST DENIS », « St-Denis » → « saint denis » (the postal form abbreviates Saint). */
export function cityKey(city: string | null | undefined): string {
  return (city ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bste\b/g, 'sainte')
    .replace(/\bst\b/g, 'saint')
    .trim()
    .replace(/\s+/g, ' ');
}

export interface DuplicateProbe {
  id: string;
  rpps: string | null;
  name: string;
  firstName: string | null;
  city: string | null;
}

/** Two entries are duplicates when they share an RPPS, or the same normalised name in the same city. */
export function duplicateKeys(c: Omit<DuplicateProbe, 'id'>): string[] {
  const keys: string[] = [];
  if (c.rpps) keys.push(`rpps:${c.rpps}`);
  const n = nameKey(c.name, c.firstName);
  const city = cityKey(c.city);
  if (n && city) keys.push(`name:${n}|${city}`);
  return keys;
}

/** For each entry, the other entries it duplicates (empty array when none). */
export function findDuplicates(list: readonly DuplicateProbe[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const c of list) for (const k of duplicateKeys(c)) byKey.set(k, [...(byKey.get(k) ?? []), c.id]);
  const out = new Map<string, string[]>(list.map((c) => [c.id, []]));
  for (const ids of byKey.values()) {
    if (ids.length < 2) continue;
    for (const id of ids) out.set(id, [...new Set([...out.get(id)!, ...ids.filter((o) => o !== id)])]);
  }
  return out;
}

/** A typed RPPS: spaces removed; 11 digits with a valid Luhn key, else the French reason (also the CSV import's French report). */
export function checkRpps(raw: string | null | undefined): { ok: true; rpps: string | null } | { ok: false; message: string } {
  const s = (raw ?? '').replace(/\s+/g, '');
  if (!s) return { ok: true, rpps: null };
  if (!/^\d{11}$/.test(s)) return { ok: false, message: M.rppsDigits.fr };
  if (!isRpps(s)) return { ok: false, message: M.rppsKey.fr };
  return { ok: true, rpps: s };
}

/** An MSSanté address belongs to the trust space's domains (…mssante.fr). */
export const isMssanteAddress = (s: string): boolean => /^[^@\s]+@([a-z0-9-]+\.)*mssante\.fr$/i.test(s.trim());

/** NF Z10-011: at most 6 lines of at most 38 characters; the last line « 75012 PARIS », upper case, no accents. */
export const ADDRESS_MAX_LINES = 6;
export const ADDRESS_MAX_CHARS = 38;

export function addressLines(recipient: string, a: { line1: string; line2?: string | null; postalCode: string; city: string }, careOf?: string | null): string[] {
  const cut = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, ADDRESS_MAX_CHARS).trim();
  const city = a.city.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().replace(/[^A-Z0-9 ]+/g, ' ');
  const lines = [recipient, careOf ?? '', a.line1, a.line2 ?? ''].map(cut).filter(Boolean).slice(0, ADDRESS_MAX_LINES - 1);
  lines.push(cut(`${a.postalCode} ${city}`));
  return lines;
}

/** Merge fields: `{{patient.nom}}`. Unknown fields are reported, never left silently in a letter. */
export function renderTemplate(text: string, fields: Readonly<Record<string, string>>): { text: string; unknown: string[] } {
  const unknown = new Set<string>();
  const out = text.replace(/\{\{\s*([a-zA-Z_.]+)\s*\}\}/g, (_m, key: string) => {
    const value = fields[key];
    if (value === undefined) {
      unknown.add(key);
      return `[${key} ?]`;
    }
    return value;
  });
  return { text: out, unknown: [...unknown] };
}
