import type { Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { RequestContext } from '../platform/http/context.js';
import type { Contact } from './administrative/contract.js';
import { BLOCKING_LEVELS, findDuplicateCandidates, type DuplicateCandidate } from './duplicates/candidates.service.js';
import { PHONETIC_KEYS_VERSION, phoneticKeys } from './identity/phonetic.js';
import { applyEvent, type DocumentType, type IdentityEvent, type IdentityStatus } from './identity/status.js';
import { checkIdentity, type CheckedIdentity, type IdentityInput, type TraitIssue } from './identity/traits.js';
import { diff, stateOf, today, type Changes, type PatientRow } from './mapping.js';
import { lockPatient } from './read.service.js';
import { normalizePhone } from './search-query.js';
import { clock } from '../platform/clock.js';
import { PATIENT_MESSAGES } from './error-messages.js';

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
    throw new AppError('validation_failed', [{ field: 'reason', message: PATIENT_MESSAGES.strictTraitReason }], {
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

/** Applies an identity event to the record, stores the columns it sets and audits the status move (also used by the INSi lookup). */
export async function applyAndStore(
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
    throw new AppError('validation_failed', [{ field: 'doubtfulReason', message: PATIENT_MESSAGES.doubtReason }], {
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
