import type { Amo } from '../../patients/index.js';
import type { VitaleBeneficiary } from './reader.js';

/**
 * What a card read proposes for the patient's file (pure). The secretary confirms before anything is
 * written: AMO rights (régime, caisse, dates, ALD, exemptions) and the NIR when the file has none. Strict
 * identity traits that differ are only shown: the card is not an identity document, and a strict trait is
 * corrected through the identity process (with a reason), never silently from a card.
 */
export interface VitaleProposal {
  amo: Amo | null;
  amoChanges: string[];
  nir: string | null;
  /** The card's birth place, proposed only when the file has none (a different one is a trait difference). */
  birthPlace: { code: string; name: string } | null;
  traitDifferences: { field: 'birthName' | 'firstName' | 'birthDate' | 'birthPlace'; file: string; card: string }[];
  rightsExpired: boolean;
}

const norm = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z]/g, '');

export function proposeFromCard(b: VitaleBeneficiary, file: { nir: string | null; amo: Amo | null; birthName: string; firstName: string; birthDate: string; birthPlaceCode?: string | null }, today: string): VitaleProposal {
  const amoChanges: string[] = [];
  const cur = file.amo;
  if (!cur) amoChanges.push('amo');
  else {
    if (cur.regime !== b.amo.regime) amoChanges.push('regime');
    if (cur.caisse !== b.amo.caisse) amoChanges.push('caisse');
    if (cur.rightsFrom !== b.amo.rightsFrom || cur.rightsUntil !== b.amo.rightsUntil) amoChanges.push('rights');
    if ((cur.insuredNir ?? null) !== (b.amo.insuredNir ?? null)) amoChanges.push('insuredNir');
    if (JSON.stringify(cur.ald) !== JSON.stringify(b.amo.ald)) amoChanges.push('ald');
    if (JSON.stringify(cur.exemptions) !== JSON.stringify(b.amo.exemptions)) amoChanges.push('exemptions');
  }
  const traitDifferences: VitaleProposal['traitDifferences'] = [];
  if (norm(file.birthName) !== norm(b.birthName) && norm(file.birthName) !== norm(b.usedName ?? '')) traitDifferences.push({ field: 'birthName', file: file.birthName, card: b.birthName });
  if (norm(file.firstName) !== norm(b.firstName)) traitDifferences.push({ field: 'firstName', file: file.firstName, card: b.firstName });
  if (file.birthDate !== b.birthDate) traitDifferences.push({ field: 'birthDate', file: file.birthDate, card: b.birthDate });
  const namesMatch = traitDifferences.length === 0;
  if (file.birthPlaceCode && b.birthPlace && file.birthPlaceCode.toUpperCase() !== b.birthPlace.code) {
    traitDifferences.push({ field: 'birthPlace', file: file.birthPlaceCode, card: `${b.birthPlace.code} (${b.birthPlace.name})` });
  }
  return {
    amo: amoChanges.length ? b.amo : null,
    amoChanges,
    nir: !file.nir && b.nir && namesMatch ? b.nir : null,
    // Only fills a missing birth place, and only for the same person (name and birth date match the file).
    birthPlace: !file.birthPlaceCode && b.birthPlace && namesMatch ? b.birthPlace : null,
    traitDifferences,
    rightsExpired: !!b.amo.rightsUntil && b.amo.rightsUntil < today,
  };
}
