import type { Amc, Amo, Gp } from '../patients/index.js';
import type { ChecklistItemKey } from './schema.js';

/**
 * The check-in checklist of one visit, built from the patient's file and the motif (pure).
 * Sources: shared domain notes « reception-and-triage » §1 (documents to collect at the desk), « identity »
 * (a carte Vitale is not an identity document; a high-trust document validates the identity), « billing »
 * §5 (médecin traitant and parcours de soins, 16 and over) and §6 (tiers payant needs valid mutuelle rights).
 *
 * Each item is `ok` (nothing to do), `todo` (to check) or `warning` (a problem found in the file: expired
 * rights…). An item the desk ticks is `done`; an item neither ok nor ticked is « missing » for the practitioner.
 */
export type ItemState = 'ok' | 'todo' | 'warning' | 'done';

export interface ChecklistItem {
  key: ChecklistItemKey;
  state: ItemState;
  /** Code of the detail, for the UI's translations. */
  reason: string;
  /** Values for the message (dates, list of documents). */
  params: Record<string, string>;
  ticked: { at: string; by: string | null } | null;
}

export interface ChecklistInput {
  today: string; // practice-local ISO date
  identityStatus: 'provisoire' | 'recuperee' | 'validee' | 'qualifiee';
  /** Birth date (ISO); the médecin traitant item applies from 16. */
  birthDate: string;
  amo: Amo | null;
  amc: Amc | null;
  gp: Gp | null;
  /** Documents to bring for the motif (appointment_types.documents_to_bring). */
  motifDocuments: string | null;
  ticks: Partial<Record<ChecklistItemKey, { at: string; by: string | null }>>;
}

export const CHECKLIST_ORDER: readonly ChecklistItemKey[] = ['vitale', 'amo_rights', 'mutuelle', 'id_document', 'motif_documents', 'gp', 'contact'];

function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function buildChecklist(i: ChecklistInput): ChecklistItem[] {
  const items: Omit<ChecklistItem, 'ticked'>[] = [];
  // Every visit: the card (or the app) is read, or the rights are checked some other way (attestation).
  items.push({ key: 'vitale', state: 'todo', reason: 'read_card', params: {} });

  // AMO rights: unknown, expired (valid through their last day), or fine.
  if (!i.amo) items.push({ key: 'amo_rights', state: 'todo', reason: 'unknown', params: {} });
  else if (i.amo.rightsUntil && i.amo.rightsUntil < i.today) items.push({ key: 'amo_rights', state: 'warning', reason: 'expired', params: { until: i.amo.rightsUntil, caisse: i.amo.caisse } });
  else if (!i.amo.rightsUntil) items.push({ key: 'amo_rights', state: 'todo', reason: 'no_end_date', params: { caisse: i.amo.caisse } });
  else items.push({ key: 'amo_rights', state: 'ok', reason: 'valid', params: { until: i.amo.rightsUntil, caisse: i.amo.caisse } });

  // Mutuelle (AMC) and tiers payant: asked when none is on file; an expired card is flagged.
  if (!i.amc) items.push({ key: 'mutuelle', state: 'todo', reason: 'none', params: {} });
  else if (i.amc.validUntil && i.amc.validUntil < i.today) items.push({ key: 'mutuelle', state: 'warning', reason: 'expired', params: { until: i.amc.validUntil, organisme: i.amc.organisme } });
  else if (!i.amc.validUntil) items.push({ key: 'mutuelle', state: 'todo', reason: 'no_end_date', params: { organisme: i.amc.organisme } });
  else items.push({ key: 'mutuelle', state: 'ok', reason: i.amc.tiersPayant ? 'valid_tiers_payant' : 'valid', params: { until: i.amc.validUntil, organisme: i.amc.organisme } });

  // Identity document: only while the identity is not validated (provisoire or only retrieved from INSi).
  if (i.identityStatus === 'provisoire' || i.identityStatus === 'recuperee') {
    items.push({ key: 'id_document', state: 'todo', reason: i.identityStatus, params: {} });
  }

  // Documents to bring for this motif (ordonnance, courrier d'adressage, imaging…).
  if (i.motifDocuments?.trim()) items.push({ key: 'motif_documents', state: 'todo', reason: 'motif', params: { documents: i.motifDocuments.trim() } });

  // Médecin traitant: expected from 16 (parcours de soins coordonnés); optional for children.
  if (ageOn(i.birthDate, i.today) >= 16) {
    if (!i.gp) items.push({ key: 'gp', state: 'todo', reason: 'not_declared', params: {} });
    else items.push({ key: 'gp', state: 'ok', reason: 'declared', params: { name: i.gp.name } });
  }

  // Contact details: confirmed on the spot at every visit.
  items.push({ key: 'contact', state: 'todo', reason: 'confirm', params: {} });

  return items.map((it) => {
    const ticked = i.ticks[it.key] ?? null;
    return { ...it, state: ticked && it.state !== 'ok' ? 'done' : it.state, ticked };
  });
}

/** Items still to deal with (neither fine in the file nor ticked by the desk): what the practitioner sees. */
export function missingItems(items: readonly ChecklistItem[]): ChecklistItem[] {
  return items.filter((it) => it.state === 'todo' || it.state === 'warning');
}
