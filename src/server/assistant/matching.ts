import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { Channel, MatchMethod } from './schema.js';
import { identityName, identityParts } from '../platform/identity-display.js';

export interface MatchCandidate {
  id: string;
  name: string;
  birthDate: string;
  via: 'phone' | 'email' | 'name_birth_date' | 'name';
}

export interface MatchResult {
  patientId: string | null;
  method: MatchMethod | null;
  candidates: MatchCandidate[];
}

export interface MatchInput {
  channel: Channel;
  from: string | null;
  name?: string | undefined;
  birthDate?: string | undefined;
  /** The sender writes for someone else: the phone/e-mail identifies the sender, not the patient. */
  thirdParty?: string | undefined;
}

/** Digit forms under which a French number may be stored: `0612345678`, `33612345678`. */
export function phoneVariants(input: string): string[] {
  let d = input.replace(/[^0-9+]/g, '');
  if (d.startsWith('+33')) d = '0' + d.slice(3);
  else if (d.startsWith('0033')) d = '0' + d.slice(4);
  d = d.replace(/\+/g, '');
  if (d.length < 6) return [];
  const out = new Set([d]);
  if (d.startsWith('0') && d.length === 10) out.add('33' + d.slice(1));
  if (d.startsWith('33') && d.length === 11) out.add('0' + d.slice(2));
  return [...out];
}

export function nameTokens(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((t) => t.length >= 2 && !['madame', 'monsieur', 'mme', 'mr', 'mrs', 'ms', 'mlle', 'miss', 'dr'].includes(t));
}

type Row = { id: string; birth_name: string; used_name: string | null; first_name: string; birth_date: string };
const cols = ['id', 'birth_name', 'used_name', 'first_name', 'birth_date'] as const;
const toCandidate = (r: Row, via: MatchCandidate['via']): MatchCandidate => ({
  id: r.id,
  name: identityName(identityParts(r)),
  birthDate: r.birth_date,
  via,
});

/**
 * Finds the patient a message is about, inside one practice. Matches only when exactly one living record fits:
 * by phone or e-mail on file (sender writing for themself), or by name + birth date given in the message.
 * Ambiguous cases (shared family phone, homonyms, third party) are never matched: the candidates are kept.
 */
export async function matchPatient(tx: Tx, practiceId: string, input: MatchInput): Promise<MatchResult> {
  const living = () => tx.selectFrom('patients').select(cols).where('practice_id', '=', practiceId).where('merged_into_id', 'is', null);

  let contact: Row[] = [];
  let via: 'phone' | 'email' | null = null;
  if (input.from && (input.channel === 'sms' || input.channel === 'phone')) {
    const variants = phoneVariants(input.from);
    if (variants.length) {
      via = 'phone';
      contact = await living()
        .where((eb) =>
          eb.or([
            eb(sql<string>`regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')`, 'in', variants),
            eb(sql<boolean>`phone_search && ${sql.val(variants)}::text[]`, '=', true),
          ]),
        )
        .limit(20)
        .execute();
    }
  } else if (input.from && input.channel === 'email') {
    via = 'email';
    contact = await living().where(sql<string>`lower(email)`, '=', input.from.trim().toLowerCase()).limit(20).execute();
  }

  const tokens = input.name ? nameTokens(input.name) : [];
  let identity: Row[] = [];
  if (tokens.length > 0) {
    let q = living();
    for (const t of tokens.slice(0, 4)) q = q.where('search_name', 'like', `%${t}%`);
    if (input.birthDate) q = q.where('birth_date', '=', input.birthDate);
    identity = await q.limit(10).execute();
  }

  const candidates = new Map<string, MatchCandidate>();
  const add = (rows: Row[], v: MatchCandidate['via']) => rows.forEach((r) => candidates.has(r.id) || candidates.set(r.id, toCandidate(r, v)));
  const result = (patientId: string | null, method: MatchMethod | null): MatchResult => ({ patientId, method, candidates: [...candidates.values()].slice(0, 10) });

  // Name + birth date given: the most specific evidence.
  if (tokens.length > 0 && input.birthDate) {
    add(identity, 'name_birth_date');
    if (identity.length === 1) return result(identity[0]!.id, 'name_birth_date');
    if (identity.length > 1) return result(null, null);
  }
  if (tokens.length > 0 && !input.birthDate) add(identity, 'name');
  if (via) add(contact, via);
  if (input.thirdParty || !via) return result(null, null);

  let fitting = contact;
  if (input.birthDate) fitting = contact.filter((r) => r.birth_date === input.birthDate);
  if (tokens.length > 0 && fitting.length > 1) {
    const ids = new Set(identity.map((r) => r.id));
    fitting = fitting.filter((r) => ids.has(r.id));
  }
  if (fitting.length === 1 && (!input.birthDate || fitting[0]!.birth_date === input.birthDate)) {
    // A name that contradicts the record on file is ambiguous too.
    if (tokens.length > 0 && identity.length > 0 && !identity.some((r) => r.id === fitting[0]!.id)) return result(null, null);
    return result(fitting[0]!.id, via);
  }
  return result(null, null);
}
