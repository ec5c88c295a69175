import { sql, type Selectable } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { RequestContext } from '../platform/http/context.js';
import { accessibilityFlags, ageOn, rightsAlerts } from './administrative/rights.js';
import type { Accessibility, Amc, Amo, Contact, EmergencyContact, Gp, LegalRepresentative } from './administrative/sections.js';
import { birthPlaceLabel } from './identity/birth-place.js';
import { prepareIdentity, scorePrepared, type DuplicateLevel, type IdentityForMatching } from './duplicates/index.js';
import { searchNormalize } from './identity/normalize.js';
import { PHONETIC_KEYS_VERSION, phoneticKeys, wordKeys } from './identity/phonetic.js';
import { applyEvent, canShareIns, deriveStatus, type DocumentType, type IdentityEvent, type IdentityState, type IdentityStatus } from './identity/status.js';
import { checkIdentity, compareTraits, type CheckedIdentity, type IdentityInput, type StrictTraits, type TraitDifference, type TraitIssue } from './identity/traits.js';
import { INSI_CODE_LABELS, type InsiClient, type InsiResult } from './insi/types.js';
import type { PatientsTable } from './schema.js';
import { normalizePhone, parseSearchQuery, type SearchQuery } from './search-query.js';
import { clock } from '../platform/clock.js';

/**
 * The patients service: every read and write of patient data, always within `ctx.practiceId`,
 * always audited (reads by the route rule, writes here with before/after and the reason).
 */
export type PatientRow = Selectable<PatientsTable>;

const today = () => clock.now().toISOString().slice(0, 10);

// ---------- shapes returned by the API ----------

export function toSummary(r: PatientRow) {
  return {
    id: r.id,
    birthName: r.birth_name,
    usedName: r.used_name,
    firstName: r.first_name,
    usedFirstName: r.used_first_name,
    givenNames: r.given_names,
    birthDate: r.birth_date,
    birthDatePrecision: r.birth_date_precision,
    sex: r.sex,
    birthPlaceCode: r.birth_place_code,
    /** Mapped in Node from the code (in-memory COG index): no join, the search query is unchanged. */
    birthPlaceLabel: birthPlaceLabel(r.birth_place_code),
    identityStatus: r.identity_status,
    attributes: { doubtful: r.doubtful, fictitious: r.fictitious, homonym: r.homonym },
    accessibilityNeeds: accessibilityFlags(r.accessibility as Accessibility | null),
    phone: r.phone,
    /** Told apart homonyms at the desk, and says at once in which language to speak. */
    preferredLanguage: r.preferred_language,
    mergedIntoId: r.merged_into_id,
  };
}

export function toDetail(r: PatientRow, reps: LegalRepresentative[]) {
  const amo = r.amo as Amo | null;
  const amc = r.amc as Amc | null;
  return {
    ...toSummary(r),
    email: r.email,
    nir: r.nir,
    ins: r.ins_matricule
      ? {
          matricule: r.ins_matricule,
          oid: r.ins_oid!,
          retrievedAt: r.ins_retrieved_at!.toISOString(),
          simulated: r.ins_simulated,
          /** Only a qualified identity may share its INS (documents, DMP, FHIR). */
          shareable: canShareIns(r.identity_status),
        }
      : null,
    idDocument: r.id_doc_checked_at
      ? {
          type: r.id_doc_type!,
          number: r.id_doc_number!,
          expiresOn: r.id_doc_expires_on,
          checkedBy: r.id_doc_checked_by!,
          /** Filled by `patientDetail` (GET /api/patients/:id). */
          checkedByName: null as string | null,
          checkedAt: r.id_doc_checked_at.toISOString(),
        }
      : null,
    doubtfulReason: r.doubtful_reason,
    contact: {
      phones: r.phones as Contact['phones'],
      email: r.email,
      address: r.address as Contact['address'],
      smsConsent: r.sms_consent,
      emailConsent: r.email_consent,
      preferredLanguage: r.preferred_language,
    },
    accessibility: r.accessibility as Accessibility | null,
    gp: r.gp ? { ...(r.gp as Gp), practitionerId: (r.gp as Gp).practitionerId ?? null } : null,
    emergencyContact: r.emergency_contact as EmergencyContact | null,
    legalRepresentatives: reps,
    amo,
    amc,
    rightsAlerts: rightsAlerts(amo, amc, today()),
    isMinor: r.birth_date_precision !== 'year' && ageOn(r.birth_date, today()) < 18,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
export type PatientDetail = ReturnType<typeof toDetail>;

export function traitsOf(r: PatientRow): StrictTraits {
  return {
    birthName: r.birth_name,
    givenNames: r.given_names,
    firstName: r.first_name,
    birthDate: r.birth_date,
    birthDatePrecision: r.birth_date_precision,
    sex: r.sex,
    birthPlaceCode: r.birth_place_code,
  };
}

function stateOf(r: PatientRow): IdentityState {
  return {
    status: r.identity_status,
    documentChecked: r.id_doc_checked_at !== null,
    insRetrieved: r.ins_matricule !== null,
    doubtful: r.doubtful,
    fictitious: r.fictitious,
  };
}

// ---------- reads ----------

export async function findPatient(tx: Tx, practiceId: string, id: string): Promise<PatientRow> {
  const row = await tx.selectFrom('patients').selectAll().where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', undefined, { fr: 'Patient introuvable dans ce cabinet.', en: 'Patient not found in this practice.' });
  return row;
}

export async function lockPatient(tx: Tx, practiceId: string, id: string): Promise<PatientRow> {
  const row = await tx.selectFrom('patients').selectAll().where('practice_id', '=', practiceId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('not_found', undefined, { fr: 'Patient introuvable dans ce cabinet.', en: 'Patient not found in this practice.' });
  if (row.merged_into_id) {
    throw new AppError('conflict', { mergedIntoId: row.merged_into_id }, {
      fr: 'Ce dossier a été fusionné dans un autre : modifiez le dossier conservé.',
      en: 'This record was merged into another one: edit the surviving record.',
    });
  }
  return row;
}

export async function legalRepresentatives(tx: Tx, practiceId: string, patientId: string): Promise<LegalRepresentative[]> {
  const rows = await tx
    .selectFrom('patient_legal_representatives')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('patient_id', '=', patientId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ relationship: r.relationship, name: r.name, phone: r.phone, email: r.email, patientId: r.representative_patient_id, note: r.note }));
}

export async function patientDetail(tx: Tx, practiceId: string, id: string): Promise<PatientDetail> {
  return detailOf(tx, practiceId, await findPatient(tx, practiceId, id));
}

/** The detail of a row just read or written, with the names the desk reads (checker, médecin traitant). */
export async function detailOf(tx: Tx, practiceId: string, row: PatientRow): Promise<PatientDetail> {
  const detail = toDetail(row, await legalRepresentatives(tx, practiceId, row.id));
  if (detail.idDocument && row.id_doc_checked_by) {
    // Who checked the document, by name (the desk reads « vérifiée par Julie Secrétaire », not an id).
    const checker = await tx.selectFrom('accounts').select('display_name').where('id', '=', row.id_doc_checked_by).executeTakeFirst();
    detail.idDocument.checkedByName = checker?.display_name ?? null;
  }
  if (detail.gp?.practitionerId) {
    // The practice's practitioner as the agenda knows it today (renamed, RPPS added since the choice).
    const gp = await tx
      .selectFrom('practitioners')
      .select(['display_name', 'rpps', 'account_id'])
      .where('practice_id', '=', practiceId)
      .where('id', '=', detail.gp.practitionerId)
      .executeTakeFirst();
    if (gp) detail.gp = { ...detail.gp, name: gp.display_name, rpps: gp.rpps, accountId: gp.account_id };
  }
  return detail;
}

/**
 * A médecin traitant within the practice: the practitioner must belong to this practice (agenda's
 * `practitioners` table) and still consult there unless it is the one already recorded; its name, RPPS
 * and linked account are copied so that every reader (reception, FHIR, merge) sees them without a join.
 */
async function resolveGp(tx: Tx, ctx: RequestContext, gp: Gp, current: Gp | null): Promise<Gp> {
  if (gp.practitionerId) {
    const p = await tx
      .selectFrom('practitioners')
      .select(['id', 'display_name', 'rpps', 'account_id', 'active'])
      .where('practice_id', '=', ctx.practiceId)
      .where('id', '=', gp.practitionerId)
      .executeTakeFirst();
    if (!p) {
      throw new AppError('validation_failed', [{ field: 'gp.practitionerId', message: 'Praticien inconnu dans ce cabinet.' }], {
        fr: 'Le médecin traitant choisi n’est pas un praticien de ce cabinet. Choisissez-le dans la liste, ou décochez « Médecin du cabinet » et saisissez son nom.',
        en: 'The chosen GP is not a practitioner of this practice. Pick one from the list, or untick “Practice doctor” and type the name.',
      });
    }
    if (!p.active && current?.practitionerId !== p.id) {
      throw new AppError('validation_failed', [{ field: 'gp.practitionerId', message: 'Ce praticien ne consulte plus au cabinet.' }], {
        fr: `${p.display_name} ne consulte plus au cabinet : choisissez un praticien actif, ou saisissez un médecin hors cabinet.`,
        en: `${p.display_name} no longer works at the practice: choose an active practitioner, or type a doctor outside the practice.`,
      });
    }
    return { ...gp, inPractice: true, practitionerId: p.id, accountId: p.account_id, name: p.display_name, rpps: p.rpps };
  }
  if (gp.inPractice && gp.accountId) {
    const member = await tx.selectFrom('memberships').select('account_id').where('practice_id', '=', ctx.practiceId).where('account_id', '=', gp.accountId).executeTakeFirst();
    if (!member) throw new AppError('validation_failed', [{ field: 'gp.accountId', message: 'Praticien inconnu dans ce cabinet.' }], { fr: 'Le médecin traitant choisi n’est pas membre de ce cabinet.', en: 'The chosen GP is not a member of this practice.' });
    const p = await tx.selectFrom('practitioners').select('id').where('practice_id', '=', ctx.practiceId).where('account_id', '=', gp.accountId).executeTakeFirst();
    return { ...gp, practitionerId: p?.id ?? null };
  }
  if (gp.inPractice) {
    throw new AppError('validation_failed', [{ field: 'gp.practitionerId', message: 'Choisissez le praticien du cabinet.' }], {
      fr: 'Médecin du cabinet : choisissez-le dans la liste des praticiens du cabinet (ou décochez « Médecin du cabinet » pour un médecin extérieur).',
      en: 'Practice doctor: choose them from the practice’s practitioners (or untick “Practice doctor” for an outside doctor).',
    });
  }
  // Outside the practice there is neither a practitioner nor an account to point to.
  return { ...gp, practitionerId: null, accountId: null };
}

/**
 * The search box. Names: two index-driven candidate sets — trigram word similarity on the stored
 * normalised `search_name` (GiST, ordered by distance) and French phonetic keys (GIN) — merged and
 * ordered by distance. Dates, NIR and phone numbers use their own indexes.
 */
export async function searchPatients(tx: Tx, practiceId: string, raw: string, limit: number): Promise<PatientRow[]> {
  return searchParsed(tx, practiceId, parseSearchQuery(raw), limit);
}

export async function searchParsed(tx: Tx, practiceId: string, q: SearchQuery, limit: number): Promise<PatientRow[]> {
  const base = () => tx.selectFrom('patients').selectAll().where('practice_id', '=', practiceId).where('merged_into_id', 'is', null);
  if (q.phone) return base().where(sql<boolean>`phone_search @> ARRAY[${q.phone}]::text[]`).orderBy('birth_name').limit(limit).execute();
  if (q.nirPrefix) {
    const prefix = q.nirPrefix.replace(/[%_\\]/g, '');
    return base()
      .where((eb) => eb.or([eb('nir', 'like', `${prefix}%`), eb('ins_matricule', 'like', `${prefix}%`)]))
      .orderBy('nir')
      .limit(limit)
      .execute();
  }
  if (!q.normalized) {
    if (q.birthDate) return base().where('birth_date', '=', q.birthDate).orderBy('birth_name').orderBy('first_name').limit(limit).execute();
    return base().orderBy('birth_name').orderBy('first_name').limit(limit).execute();
  }
  const n = q.normalized;
  const tokens = [...new Set(n.split(/[^a-z0-9]+/).filter((t) => t.length > 0))].slice(0, 5);
  // Punctuation, emoji or invisible characters only: no word to look for. The ranking below needs at least one
  // (its score is a sum over the words: with none, the SQL had no expression before `AS exact` and failed).
  if (tokens.length === 0) {
    return q.birthDate ? base().where('birth_date', '=', q.birthDate).orderBy('birth_name').orderBy('first_name').limit(limit).execute() : [];
  }
  const keys = q.phonetic.length > 0 ? q.phonetic : ['\u0000'];
  const dateFilter = q.birthDate ? sql`AND p.birth_date = ${q.birthDate}::date` : sql``;
  // 1. For each word typed, the closest name words of the practice (typos) and those it begins (typing).
  // One sub-select per word, with constant parameters so that the planner uses the GIN and prefix indexes
  // (`practice_id::text` keeps it off the practice btree, which would scan every word of the practice).
  const perToken = tokens.map((tok, i) => {
    const prefix = tok.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
    return sql`SELECT ${i}::int AS i, ARRAY(
      (SELECT word FROM patient_name_words WHERE practice_id::text = ${practiceId} AND deletes && pivot_deletes(${tok}) LIMIT 30)
      UNION
      (SELECT word FROM patient_name_words WHERE practice_id = ${practiceId} AND word LIKE ${prefix} ORDER BY word LIMIT 20)) AS words`;
  });
  // The dictionary is small and the GIN estimates for `&&` are poor: the planner would scan every word.
  await sql`SET LOCAL enable_seqscan = off`.execute(tx);
  const near = tokens.length ? await sql<{ i: number; words: string[] }>`${sql.join(perToken, sql` UNION ALL `)} ORDER BY i`.execute(tx) : { rows: [] };
  await sql`SET LOCAL enable_seqscan = on`.execute(tx);
  const wordSets = near.rows.map((r) => r.words);
  const trigram = tokens.length > 0 && wordSets.every((w) => w.length > 0);
  const hasAll = wordSets.map((w) => sql`p.name_words && ${w}::text[]`);
  const exactHits = tokens.map((t) => sql`(c.name_words @> ARRAY[${t}]::text[])::int`);
  // 2. Patients holding every word typed, or a near word for every word typed, or sounding alike (French
  //    phonetic keys); each set capped, then ranked: exact words first, then word similarity. The candidate
  //    sets carry the columns the ranking needs (their heap rows are already read to filter on the practice),
  //    and the full rows of the best ones come back in the same statement: one heap visit per candidate and
  //    one round trip (EXPLAIN ANALYZE at 200,000 rows: 404 candidates re-read through the primary key took
  //    half of the statement, then a separate fetch of the 30 rows). See docs/benchmarks.md « Patients ».
  const cols = sql`p.id, p.birth_name, p.search_name, p.name_words`;
  const living = sql`p.practice_id = ${practiceId} AND p.merged_into_id IS NULL ${dateFilter}`;
  const { rows } = await sql<PatientRow>`
    SELECT p.* FROM (
      SELECT c.id, ${sql.join(exactHits, sql` + `)} AS exact, ${n} <<-> c.search_name AS distance, c.birth_name FROM (
        (SELECT ${cols} FROM patients p WHERE ${living} AND p.name_words @> ${tokens}::text[] LIMIT ${limit})
        UNION
        ${trigram ? sql`(SELECT ${cols} FROM patients p WHERE ${living} AND ${sql.join(hasAll, sql` AND `)} LIMIT 400) UNION ` : sql``}
        (SELECT ${cols} FROM patients p WHERE ${living} AND p.phonetic_keys @> ${keys}::text[] LIMIT 200)
      ) c
      ORDER BY exact DESC, distance, c.birth_name, c.id
      LIMIT ${limit}
    ) best
    JOIN patients p ON p.id = best.id
    ORDER BY best.exact DESC, best.distance, best.birth_name, best.id`.execute(tx);
  return rows;
}

// ---------- duplicates: SQL pre-selection, then the scorer of duplicates/ ----------

/** Legacy reason codes (kept: the API shape is additive), followed by the scorer's reason codes. */
export type LegacyDuplicateReason = 'same_nir' | 'same_birth_date_similar_name' | 'swapped_day_month_similar_name';

export interface DuplicateCandidate {
  id: string;
  birthName: string;
  usedName: string | null;
  firstName: string;
  birthDate: string;
  sex: 'F' | 'M' | 'U';
  identityStatus: IdentityStatus;
  /** Codes: the legacy ones when they apply, then the scorer's (`NAME_PHONETIC`, `DATE_SAME`…). */
  reasons: string[];
  /** Scorer level: `certain` and `probable` block the creation unless confirmed; `possible` is informative. */
  level: Exclude<DuplicateLevel, 'none'>;
  /** 0..1 (the scorer's logistic score). */
  score: number;
  /** Why, in French, with the weight of each piece of evidence (as the scorer explains it). */
  explanation: { code: string; label: string; weight: number }[];
}

/** Levels at which a candidate blocks the creation (409) unless `confirmNotDuplicate`. */
export const BLOCKING_LEVELS: ReadonlySet<DuplicateLevel> = new Set(['certain', 'probable']);

const PRECISION_DATE = (date: string, precision: 'day' | 'month' | 'year') =>
  precision === 'day' ? date : precision === 'month' ? date.slice(0, 7) : date.slice(0, 4);

function forMatching(r: {
  birthName: string;
  usedName: string | null;
  givenNames: string;
  usedFirstName: string | null;
  birthDate: string;
  birthDatePrecision: 'day' | 'month' | 'year';
  sex: 'F' | 'M' | 'U';
  birthPlaceCode: string | null;
  nir: string | null;
}): IdentityForMatching {
  return {
    birthName: r.birthName,
    usedName: r.usedName,
    firstNames: r.givenNames.split(/\s+/).filter(Boolean),
    usedFirstName: r.usedFirstName,
    birthDate: PRECISION_DATE(r.birthDate, r.birthDatePrecision),
    sex: r.sex,
    birthPlaceCode: r.birthPlaceCode,
    nir: r.nir,
  };
}

/**
 * Possible duplicates of an identity in the practice, best first (at most 10, level ≥ possible).
 * 1. SQL pre-selects candidates by index: same NIR; same birth date or day/month swapped (any name:
 *    inverted names, used name typed as birth name); same year when a date is incomplete, with a name
 *    key in common; or, whatever the date (one wrong digit in it), a first-name French phonetic key in
 *    common and a surname that sounds alike or is one typo away (dictionary of name words). Each path is capped.
 * 2. Each candidate is ranked by `scorePrepared` (duplicates/score.ts): level, score, French reasons.
 */
export async function findDuplicateCandidates(tx: Tx, practiceId: string, identity: CheckedIdentity, excludeId?: string): Promise<DuplicateCandidate[]> {
  const t = identity.traits;
  const surnameKeys = phoneticKeys(t.birthName, identity.usedName);
  const firstKeys = wordKeys(t.firstName);
  const nameKeys = surnameKeys.length ? surnameKeys : ['\u0000'];
  const [y, m, d] = t.birthDate.split('-');
  const swapped = t.birthDatePrecision === 'day' && Number(d) <= 12 && d !== m ? `${y}-${d}-${m}` : t.birthDate;
  const common = sql`p.practice_id = ${practiceId} AND p.merged_into_id IS NULL AND p.id IS DISTINCT FROM ${excludeId ?? null}::uuid`;
  const paths = [
    sql`(SELECT p.id FROM patients p WHERE ${common} AND p.birth_date IN (${t.birthDate}::date, ${swapped}::date) LIMIT 200)`,
    sql`(SELECT p.id FROM patients p WHERE ${common}
          AND p.birth_date BETWEEN ${`${y}-01-01`}::date AND ${`${y}-12-31`}::date
          AND (p.birth_date_precision <> 'day' OR ${t.birthDatePrecision} <> 'day')
          AND p.phonetic_keys && ${nameKeys}::text[] LIMIT 100)`,
  ];
  if (identity.nir) paths.push(sql`(SELECT p.id FROM patients p WHERE ${common} AND (p.nir = ${identity.nir} OR p.ins_matricule = ${identity.nir}) LIMIT 20)`);
  if (firstKeys.length) {
    paths.push(sql`(SELECT p.id FROM patients p WHERE ${common}
      AND p.phonetic_keys @> ${firstKeys}::text[] AND p.phonetic_keys && ${nameKeys}::text[] LIMIT 200)`);
  }
  // One typo in the surname plus one in the date: the surname words of the practice's dictionary within
  // one deletion of the typed ones (symmetric-deletion keys, as the search box), with a first-name key in common.
  const surnameWords = [...new Set([t.birthName, identity.usedName ?? ''].flatMap((x) => searchNormalize(x).split(/[^a-z0-9]+/)))].filter((w) => w.length >= 4).slice(0, 4);
  if (firstKeys.length && surnameWords.length) {
    const near = sql.join(surnameWords.map((w) => sql`deletes && pivot_deletes(${w})`), sql` OR `);
    paths.push(sql`(SELECT p.id FROM patients p WHERE ${common}
      AND p.phonetic_keys @> ${firstKeys}::text[]
      AND p.name_words && ARRAY(SELECT word FROM patient_name_words WHERE practice_id::text = ${practiceId} AND (${near}) LIMIT 60)
      LIMIT 200)`);
  }
  // As in the search: the GIN estimates for `&&` are poor and the planner would scan every word.
  await sql`SET LOCAL enable_seqscan = off`.execute(tx);
  const rows = await sql<PatientRow>`
    SELECT p.* FROM patients p WHERE p.id IN (${sql.join(paths, sql` UNION `)})`.execute(tx);
  await sql`SET LOCAL enable_seqscan = on`.execute(tx);
  if (rows.rows.length === 0) return [];
  const typed = prepareIdentity(
    forMatching({ ...t, usedName: identity.usedName, usedFirstName: identity.usedFirstName, nir: identity.nir }),
  );
  const scored: DuplicateCandidate[] = [];
  for (const r of rows.rows) {
    const s = scorePrepared(
      typed,
      prepareIdentity(
        forMatching({
          birthName: r.birth_name,
          usedName: r.used_name,
          givenNames: r.given_names,
          usedFirstName: r.used_first_name,
          birthDate: r.birth_date,
          birthDatePrecision: r.birth_date_precision,
          sex: r.sex,
          birthPlaceCode: r.birth_place_code,
          nir: r.nir,
        }),
      ),
    );
    if (s.level === 'none') continue;
    const legacy: LegacyDuplicateReason[] = [];
    if (identity.nir && r.nir === identity.nir) legacy.push('same_nir');
    const nameClose = s.reasons.some((x) => /^(NAME_(?!DIFFERENT)|NAMES_INVERTED)/.test(x.code));
    if (nameClose && r.birth_date === t.birthDate) legacy.push('same_birth_date_similar_name');
    else if (nameClose && r.birth_date === swapped && swapped !== t.birthDate) legacy.push('swapped_day_month_similar_name');
    scored.push({
      id: r.id,
      birthName: r.birth_name,
      usedName: r.used_name,
      firstName: r.first_name,
      birthDate: r.birth_date,
      sex: r.sex,
      identityStatus: r.identity_status,
      reasons: [...legacy, ...s.reasons.map((x) => x.code)],
      level: s.level,
      score: Math.round(s.score * 1000) / 1000,
      explanation: s.reasons.map((x) => ({ code: x.code, label: x.label_fr, weight: x.weight })),
    });
  }
  return scored.sort((a, b) => b.score - a.score || a.birthName.localeCompare(b.birthName) || a.id.localeCompare(b.id)).slice(0, 10);
}

// ---------- writes ----------

export function identityOrThrow(input: IdentityInput): CheckedIdentity {
  const checked = checkIdentity(input);
  if (!checked.ok) throw invalidIdentity(checked.issues);
  return checked.identity;
}

export function invalidIdentity(issues: TraitIssue[]): AppError {
  return new AppError(
    'validation_failed',
    issues.map((i) => ({ field: i.field, message: i.fr, messageEn: i.en })),
    {
      fr: `Identité refusée, rien n’a été enregistré : ${issues.map((i) => i.fr).join(' ')}`,
      en: `Identity refused, nothing was saved: ${issues.map((i) => i.en).join(' ')}`,
    },
  );
}

export async function assertNirFree(tx: Tx, practiceId: string, nir: string | null, excludeId?: string) {
  if (!nir) return;
  const other = await tx
    .selectFrom('patients')
    .select(['id', 'birth_name', 'first_name'])
    .where('practice_id', '=', practiceId)
    .where('nir', '=', nir)
    .where('merged_into_id', 'is', null)
    .$if(!!excludeId, (qb) => qb.where('id', '<>', excludeId!))
    .executeTakeFirst();
  if (other) {
    throw new AppError('conflict', { field: 'nir', patientId: other.id }, {
      fr: `Ce NIR est déjà celui de ${other.birth_name} ${other.first_name} dans ce cabinet : c’est probablement la même personne (doublon) ; ouvrez sa fiche plutôt que d’en créer une autre, ou vérifiez le NIR.`,
      en: `This NIR already belongs to ${other.birth_name} ${other.first_name} in this practice: probably the same person (duplicate).`,
    });
  }
}

/** The columns a checked identity writes (strict traits, used names, NIR, phonetic keys). */
export const identityColumns = (i: CheckedIdentity) => ({
  birth_name: i.traits.birthName,
  given_names: i.traits.givenNames,
  first_name: i.traits.firstName,
  birth_date: i.traits.birthDate,
  birth_date_precision: i.traits.birthDatePrecision,
  sex: i.traits.sex,
  birth_place_code: i.traits.birthPlaceCode,
  used_name: i.usedName,
  used_first_name: i.usedFirstName,
  nir: i.nir,
  phonetic_keys: phoneticKeys(i.traits.birthName, i.usedName, i.traits.givenNames, i.usedFirstName),
  phonetic_keys_version: PHONETIC_KEYS_VERSION,
});

export interface CreateInput {
  identity: IdentityInput;
  phones?: Contact['phones'];
  email?: string | null;
  confirmNotDuplicate?: boolean;
  /** Whether duplicate candidates block the creation (the desk) or not (FHIR clients). */
  checkDuplicates: boolean;
}

export async function createPatient(tx: Tx, ctx: RequestContext, input: CreateInput): Promise<{ row: PatientRow; possibleDuplicates: DuplicateCandidate[] }> {
  const identity = identityOrThrow(input.identity);
  await assertNirFree(tx, ctx.practiceId, identity.nir);
  const possibleDuplicates = input.checkDuplicates ? await findDuplicateCandidates(tx, ctx.practiceId, identity) : [];
  const blocking = possibleDuplicates.filter((d) => BLOCKING_LEVELS.has(d.level));
  if (blocking.length > 0 && !input.confirmNotDuplicate) {
    throw new AppError('conflict', { possibleDuplicates }, {
      fr: `Rien n’a été enregistré : ${blocking.length} patient(s) déjà enregistré(s) ressemble(nt) fortement à cette identité (doublon ${blocking.some((d) => d.level === 'certain') ? 'certain' : 'probable'} : voir les raisons de chaque fiche). Vérifiez qu’il ne s’agit pas de la même personne ; sinon confirmez la création.`,
      en: `Nothing was saved: ${blocking.length} existing patient(s) closely match this identity. Check it is not the same person; otherwise confirm the creation.`,
    });
  }
  const phones = input.phones ?? [];
  const row = await tx
    .insertInto('patients')
    .values({
      practice_id: ctx.practiceId,
      ...identityColumns(identity),
      phone: phones[0]?.number ?? null,
      phones: JSON.stringify(phones),
      phone_search: phones.map((p) => normalizePhone(p.number)),
      email: input.email ?? null,
      updated_at: clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  ctx.audit({
    action: 'patient.created',
    resourceType: 'patient',
    resourceId: row.id,
    details: {
      identityStatus: row.identity_status,
      possibleDuplicatesOverridden: blocking.map((d) => d.id),
      possibleDuplicatesShown: possibleDuplicates.map((d) => ({ id: d.id, level: d.level, score: d.score })),
    },
    reason: blocking.length > 0 ? 'Doublon écarté par l’utilisateur (confirmNotDuplicate)' : null,
  });
  return { row, possibleDuplicates };
}

type Changes = Record<string, { before: unknown; after: unknown }>;

function diff(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [k, v] of Object.entries(after)) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(v ?? null)) changes[k] = { before: before[k] ?? null, after: v ?? null };
  }
  return changes;
}

const STRICT_FIELDS = ['birth_name', 'given_names', 'first_name', 'birth_date', 'birth_date_precision', 'sex', 'birth_place_code'] as const;
export const EVIDENCE_CLEARED = {
  id_doc_type: null,
  id_doc_number: null,
  id_doc_expires_on: null,
  id_doc_checked_by: null,
  id_doc_checked_at: null,
  ins_matricule: null,
  ins_oid: null,
  ins_retrieved_at: null,
  ins_traits: null,
  ins_simulated: false,
};

/**
 * Corrects the identity. Used names change freely; a strict trait change needs a reason, and since
 * the document check and the INS were made on the old traits it sends the identity back to provisoire.
 */
export async function updateIdentity(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  patch: Partial<IdentityInput> & { reason?: string | undefined; version?: number | undefined },
): Promise<{ row: PatientRow; changes: Changes; statusChange: { from: IdentityStatus; to: IdentityStatus } | null }> {
  const current = await lockPatient(tx, ctx.practiceId, id);
  if (patch.version !== undefined && patch.version !== current.version) {
    throw new AppError('conflict', { version: current.version }, {
      fr: 'Cette fiche a été modifiée entre-temps par quelqu’un d’autre : rechargez-la avant de corriger.',
      en: 'This record was changed meanwhile: reload it before correcting.',
    });
  }
  const merged: IdentityInput = {
    birthName: patch.birthName ?? current.birth_name,
    givenNames: patch.givenNames ?? (patch.firstName ? undefined : current.given_names),
    firstName: patch.firstName ?? (patch.givenNames ? undefined : current.first_name),
    birthDate: patch.birthDate ?? (current.birth_date_precision === 'day' ? current.birth_date : current.birth_date_precision === 'month' ? current.birth_date.slice(0, 7) : current.birth_date.slice(0, 4)),
    sex: patch.sex ?? current.sex,
    birthPlaceCode: patch.birthPlaceCode !== undefined ? patch.birthPlaceCode : current.birth_place_code,
    nir: patch.nir !== undefined ? patch.nir : current.nir,
    usedName: patch.usedName !== undefined ? patch.usedName : current.used_name,
    usedFirstName: patch.usedFirstName !== undefined ? patch.usedFirstName : current.used_first_name,
  };
  const identity = identityOrThrow(merged);
  if (identity.nir !== current.nir) await assertNirFree(tx, ctx.practiceId, identity.nir, id);
  const cols = identityColumns(identity);
  const { phonetic_keys: _k, phonetic_keys_version: _v, ...comparable } = cols;
  const changes = diff(current as unknown as Record<string, unknown>, comparable);
  if (Object.keys(changes).length === 0) return { row: current, changes, statusChange: null };
  const strictChanged = STRICT_FIELDS.some((f) => f in changes);
  if (strictChanged && !patch.reason?.trim()) {
    throw new AppError('validation_failed', [{ field: 'reason', message: 'Motif obligatoire pour corriger un trait strict.' }], {
      fr: 'Indiquez le motif de la correction (ex. « erreur de saisie, vu sur la carte d’identité ») : un trait strict (nom de naissance, prénoms, date, sexe, lieu de naissance) ne se corrige pas sans motif.',
      en: 'Give the reason for the correction: a strict trait cannot be changed without a reason.',
    });
  }
  let evidence = {};
  let statusChange: { from: IdentityStatus; to: IdentityStatus } | null = null;
  if (strictChanged) {
    const next = applyEvent(stateOf(current), { type: 'traitsCorrected' });
    if (next.ok && next.state.status !== current.identity_status) statusChange = { from: current.identity_status, to: next.state.status };
    if (next.ok) evidence = { ...EVIDENCE_CLEARED, identity_status: next.state.status };
  }
  const row = await tx
    .updateTable('patients')
    .set({ ...cols, ...evidence, version: current.version + 1, updated_at: clock.now() })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  ctx.audit({
    action: strictChanged ? 'patient.identity.corrected' : 'patient.updated',
    resourceType: 'patient',
    resourceId: id,
    details: { changes, ...(statusChange ? { statusChange } : {}) },
    reason: patch.reason?.trim() || null,
  });
  return { row, changes, statusChange };
}

async function applyAndStore(
  tx: Tx,
  ctx: RequestContext,
  current: PatientRow,
  event: IdentityEvent,
  set: Record<string, unknown>,
  audit: { action: string; details: Record<string, unknown>; reason?: string | null },
): Promise<{ row: PatientRow; from: IdentityStatus; to: IdentityStatus }> {
  const next = applyEvent(stateOf(current), event);
  if (!next.ok) throw new AppError('unprocessable', { reason: next.refusal.reason }, { fr: next.refusal.fr, en: next.refusal.en });
  const cleared = (event.type === 'doubtRaised' || event.type === 'fictitiousMarked') && current.identity_status !== 'provisoire' ? EVIDENCE_CLEARED : {};
  const row = await tx
    .updateTable('patients')
    .set({ ...cleared, ...set, identity_status: next.state.status, version: current.version + 1, updated_at: clock.now() })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  ctx.audit({
    action: audit.action,
    resourceType: 'patient',
    resourceId: current.id,
    details: { ...audit.details, status: { before: current.identity_status, after: row.identity_status } },
    reason: audit.reason ?? null,
  });
  return { row, from: current.identity_status, to: row.identity_status };
}

/** The desk has checked a high-trust identity document against the record's strict traits. */
export async function validateIdentity(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  doc: { documentType: DocumentType; documentNumber: string; expiresOn?: string | null | undefined },
) {
  const current = await lockPatient(tx, ctx.practiceId, id);
  if (doc.expiresOn && doc.expiresOn < today()) {
    throw new AppError('unprocessable', { field: 'expiresOn' }, {
      fr: `Ce document a expiré le ${doc.expiresOn.split('-').reverse().join('/')} : il ne permet pas de valider l’identité. Demandez une pièce en cours de validité.`,
      en: `This document expired on ${doc.expiresOn}: it cannot validate the identity.`,
    });
  }
  return applyAndStore(
    tx,
    ctx,
    current,
    { type: 'documentChecked', documentType: doc.documentType },
    {
      id_doc_type: doc.documentType,
      id_doc_number: doc.documentNumber,
      id_doc_expires_on: doc.expiresOn ?? null,
      id_doc_checked_by: ctx.accountId,
      id_doc_checked_at: clock.now(),
    },
    { action: 'patient.identity.validated', details: { documentType: doc.documentType } },
  );
}

export interface InsiOutcome {
  simulated: boolean;
  code: InsiResult['code'];
  label: string;
  identity: { matricule: string; oid: string; traits: StrictTraits } | null;
  differences: TraitDifference[];
  /** What happened to the record: INS stored (status moved), traits adopted, or nothing. */
  applied: 'ins_stored' | 'traits_adopted_and_ins_stored' | 'none';
}

/**
 * Calls INSi (the simulator here) and applies its answer. With one identity found and the same
 * traits, the INS is stored (récupérée, or qualifiée if the document was checked). When the traits
 * differ: on an unchecked identity the desk may adopt the INSi traits (`adoptInsiTraits`); on an
 * identity validated on a document nothing is stored — someone must look into it.
 */
export async function insiLookup(
  tx: Tx,
  ctx: RequestContext,
  insi: InsiClient,
  id: string,
  opts: { mode: 'traits' | 'vitale'; nir?: string | undefined; adoptInsiTraits?: boolean | undefined },
): Promise<{ row: PatientRow; outcome: InsiOutcome }> {
  const current = await lockPatient(tx, ctx.practiceId, id);
  if (current.doubtful || current.fictitious) {
    throw new AppError('unprocessable', { reason: 'doubtful_or_fictitious' }, {
      fr: 'Identité douteuse ou fictive : l’appel à INSi n’est pas possible. Levez l’attribut après vérification, puis recommencez.',
      en: 'Doubtful or fictitious identity: INSi cannot be called. Lift the attribute after checking, then retry.',
    });
  }
  const traits = traitsOf(current);
  const nir = opts.mode === 'vitale' ? (opts.nir ?? current.nir) : null;
  if (opts.mode === 'vitale' && !nir) {
    throw new AppError('validation_failed', [{ field: 'nir', message: 'NIR lu sur la carte Vitale requis.' }], {
      fr: 'Lecture de carte Vitale simulée : indiquez le NIR lu sur la carte (ou enregistrez d’abord le NIR du patient).',
      en: 'Simulated carte Vitale read: give the NIR read from the card.',
    });
  }
  const result = await insi.lookup(opts.mode === 'vitale' ? { mode: 'vitale', nir: nir!, traits } : { mode: 'traits', traits });
  const outcome: InsiOutcome = { simulated: insi.simulated, code: result.code, label: INSI_CODE_LABELS[result.code].fr, identity: null, differences: [], applied: 'none' };
  if (result.code !== '00') {
    ctx.audit({ action: 'patient.insi.lookup', resourceType: 'patient', resourceId: id, details: { code: result.code, simulated: insi.simulated } });
    return { row: current, outcome };
  }
  outcome.identity = result.identity;
  outcome.differences = compareTraits(traits, result.identity.traits);
  const other = await tx
    .selectFrom('patients')
    .select(['id'])
    .where('practice_id', '=', ctx.practiceId)
    .where('ins_matricule', '=', result.identity.matricule)
    .where('merged_into_id', 'is', null)
    .where('id', '<>', id)
    .executeTakeFirst();
  if (other) {
    throw new AppError('conflict', { patientId: other.id, reason: 'ins_already_used' }, {
      fr: 'INSi a renvoyé un INS déjà porté par une autre fiche du cabinet : c’est un doublon probable. Rapprochez les deux fiches avant de continuer.',
      en: 'INSi returned an INS already held by another record of the practice: a probable duplicate.',
    });
  }
  const insColumns = {
    ins_matricule: result.identity.matricule,
    ins_oid: result.identity.oid,
    ins_retrieved_at: clock.now(),
    ins_traits: JSON.stringify(result.identity.traits),
    ins_simulated: insi.simulated,
  };
  const auditDetails = { code: '00', simulated: insi.simulated, oid: result.identity.oid, differences: outcome.differences };
  if (outcome.differences.length === 0) {
    const stored = await applyAndStore(tx, ctx, current, { type: 'insiFound', traitsMatch: true }, insColumns, { action: 'patient.insi.retrieved', details: auditDetails });
    outcome.applied = 'ins_stored';
    return { row: stored.row, outcome };
  }
  if (opts.adoptInsiTraits && current.id_doc_checked_at === null) {
    const adopted = identityOrThrow({
      birthName: result.identity.traits.birthName,
      givenNames: result.identity.traits.givenNames,
      birthDate: result.identity.traits.birthDate,
      sex: result.identity.traits.sex,
      birthPlaceCode: result.identity.traits.birthPlaceCode,
      nir: current.nir,
      usedName: current.used_name,
      usedFirstName: current.used_first_name,
    });
    const cols = identityColumns(adopted);
    const { phonetic_keys: _k, phonetic_keys_version: _v, ...comparable } = cols;
    const changes = diff(current as unknown as Record<string, unknown>, comparable);
    const stored = await applyAndStore(tx, ctx, { ...current, ins_matricule: null, identity_status: deriveStatus({ ...stateOf(current), insRetrieved: false }) }, { type: 'insiFound', traitsMatch: true }, { ...cols, ...insColumns }, {
      action: 'patient.insi.retrieved',
      details: { ...auditDetails, adoptedTraits: changes },
      reason: 'Traits INS adoptés depuis la réponse INSi',
    });
    outcome.applied = 'traits_adopted_and_ins_stored';
    return { row: stored.row, outcome };
  }
  ctx.audit({ action: 'patient.insi.traits_differ', resourceType: 'patient', resourceId: id, details: auditDetails });
  return { row: current, outcome };
}

/** Identity attributes. Raising doubt (or marking fictitious) sends the identity back to provisoire. */
export async function setAttributes(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  attrs: { doubtful?: boolean | undefined; doubtfulReason?: string | null | undefined; fictitious?: boolean | undefined; homonym?: boolean | undefined; reason: string },
) {
  let current = await lockPatient(tx, ctx.practiceId, id);
  const before = { doubtful: current.doubtful, doubtfulReason: current.doubtful_reason, fictitious: current.fictitious, homonym: current.homonym };
  const events: IdentityEvent[] = [];
  if (attrs.doubtful === true && !current.doubtful) events.push({ type: 'doubtRaised' });
  if (attrs.doubtful === false && current.doubtful) events.push({ type: 'doubtLifted' });
  if (attrs.fictitious === true && !current.fictitious) events.push({ type: 'fictitiousMarked' });
  if (attrs.fictitious === false && current.fictitious) events.push({ type: 'fictitiousLifted' });
  let state = stateOf(current);
  for (const e of events) {
    const next = applyEvent(state, e);
    if (!next.ok) throw new AppError('unprocessable', undefined, { fr: next.refusal.fr, en: next.refusal.en });
    state = next.state;
  }
  const doubtful = attrs.doubtful ?? current.doubtful;
  if (doubtful && !(attrs.doubtfulReason ?? current.doubtful_reason)?.trim()) {
    throw new AppError('validation_failed', [{ field: 'doubtfulReason', message: 'Motif du doute obligatoire.' }], {
      fr: 'Décrivez le doute (ex. « pièce d’identité illisible », « traits INSi différents ») : il guidera la vérification.',
      en: 'Describe the doubt: it will guide the check.',
    });
  }
  const lostEvidence = state.documentChecked !== (current.id_doc_checked_at !== null) || state.insRetrieved !== (current.ins_matricule !== null);
  const row = await tx
    .updateTable('patients')
    .set({
      ...(lostEvidence ? EVIDENCE_CLEARED : {}),
      doubtful,
      doubtful_reason: doubtful ? (attrs.doubtfulReason ?? current.doubtful_reason) : null,
      fictitious: attrs.fictitious ?? current.fictitious,
      homonym: attrs.homonym ?? current.homonym,
      identity_status: state.status,
      version: current.version + 1,
      updated_at: clock.now(),
    })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = { doubtful: row.doubtful, doubtfulReason: row.doubtful_reason, fictitious: row.fictitious, homonym: row.homonym };
  const statusChange = row.identity_status !== current.identity_status ? { from: current.identity_status, to: row.identity_status } : null;
  ctx.audit({
    action: 'patient.attributes.updated',
    resourceType: 'patient',
    resourceId: id,
    details: { changes: diff(before, after), ...(statusChange ? { statusChange } : {}) },
    reason: attrs.reason,
  });
  current = row;
  return { row, statusChange };
}

export interface AdministrativePatch {
  contact?: Contact | undefined;
  accessibility?: Accessibility | null | undefined;
  gp?: Gp | null | undefined;
  emergencyContact?: EmergencyContact | null | undefined;
  legalRepresentatives?: LegalRepresentative[] | undefined;
  amo?: Amo | null | undefined;
  amc?: Amc | null | undefined;
}

/** Replaces the sections given; audits each changed section with before/after. */
export async function updateAdministrative(tx: Tx, ctx: RequestContext, id: string, patch: AdministrativePatch) {
  const current = await lockPatient(tx, ctx.practiceId, id);
  const before = toDetail(current, await legalRepresentatives(tx, ctx.practiceId, id));
  const set: Record<string, unknown> = {};
  if (patch.contact) {
    set['phones'] = JSON.stringify(patch.contact.phones);
    set['phone'] = patch.contact.phones[0]?.number ?? null;
    set['phone_search'] = patch.contact.phones.map((p) => normalizePhone(p.number));
    set['email'] = patch.contact.email;
    set['address'] = patch.contact.address ? JSON.stringify(patch.contact.address) : null;
    set['sms_consent'] = patch.contact.smsConsent;
    set['email_consent'] = patch.contact.emailConsent;
    set['preferred_language'] = patch.contact.preferredLanguage;
  }
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  if (patch.accessibility !== undefined) set['accessibility'] = json(patch.accessibility);
  if (patch.gp !== undefined) set['gp'] = json(patch.gp && (await resolveGp(tx, ctx, patch.gp, before.gp)));
  if (patch.emergencyContact !== undefined) set['emergency_contact'] = json(patch.emergencyContact);
  if (patch.amo !== undefined) set['amo'] = json(patch.amo);
  if (patch.amc !== undefined) set['amc'] = json(patch.amc);
  if (patch.legalRepresentatives) {
    for (const rep of patch.legalRepresentatives) {
      if (rep.patientId) {
        if (rep.patientId === id) throw new AppError('validation_failed', [{ field: 'legalRepresentatives', message: 'Un patient ne peut pas être son propre représentant.' }]);
        await findPatient(tx, ctx.practiceId, rep.patientId);
      }
    }
    await tx.deleteFrom('patient_legal_representatives').where('practice_id', '=', ctx.practiceId).where('patient_id', '=', id).execute();
    if (patch.legalRepresentatives.length > 0) {
      await tx
        .insertInto('patient_legal_representatives')
        .values(
          patch.legalRepresentatives.map((r, i) => ({
            practice_id: ctx.practiceId,
            patient_id: id,
            position: i,
            relationship: r.relationship,
            name: r.name,
            phone: r.phone,
            email: r.email,
            representative_patient_id: r.patientId,
            note: r.note,
          })),
        )
        .execute();
    }
  }
  const row = await tx
    .updateTable('patients')
    .set({ ...set, version: current.version + 1, updated_at: clock.now() })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = await detailOf(tx, ctx.practiceId, row);
  const sections = ['contact', 'accessibility', 'gp', 'emergencyContact', 'legalRepresentatives', 'amo', 'amc'] as const;
  const changes = diff(
    Object.fromEntries(sections.map((s) => [s, before[s]])),
    Object.fromEntries(sections.filter((s) => patch[s] !== undefined).map((s) => [s, after[s]])),
  );
  ctx.audit({ action: 'patient.administrative.updated', resourceType: 'patient', resourceId: id, details: { changes } });
  return { detail: after, changedSections: Object.keys(changes) };
}
