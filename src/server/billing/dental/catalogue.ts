/**
 * The dated CCAM table of the dental prostheses a quote (devis) may list: reimbursement base (BR), basket (panier
 * 100 % Santé « rac0 », reste à charge maîtrisé « maitrise », tarifs libres « libre »), the teeth the code may be
 * billed on, the material, and the fee ceiling (honoraire limite de facturation, HLF) of the capped baskets.
 * Data only, like ../tariffs.ts: a change is a new row with its own validFrom, never an edited value.
 *
 * Sources: BR from shared/domain/billing.md §2.4 (120 € crowns, 90 € inlay-core). Baskets from the convention
 * nationale des chirurgiens-dentistes 2018, annexe V (list of the acts « sans reste à charge » and « entente directe
 * limitée »); ceilings from its annexe IV, column « au 1er janvier 2023 » (unchanged since 1 Jan 2020 for these
 * codes). Whether the 2023 convention raised any ceiling after 2023 was not checked: the rows say « (unverified
 * after 2023) ». HBLD734 (ceramo-metal crown on a molar) was checked in December 2026: its CCAM label and 120 € tariff,
 * and its absence from annexe IV (no ceiling: tarifs libres).
 *
 * Orthodontics (orthopédie dento-faciale, NGAP « TO »): service-public.fr fiche F33956, checked against practices'
 * pages — semester TO 90 (BR 193,50 €) and 1st contention year TO 75 (BR 161,25 €), both at 100 % of the base,
 * reimbursed only for a treatment started before 16 (a reminder, rules.ts). They are global treatments: no tooth.
 * Left out: the 2nd contention year TO 50 (its rate after 15/10/2023 is unverified) and the CSS maximum of a semester.
 *
 * Left out because a value could not be verified from a source reachable here (docs/billing-dental.md): bridges
 * (BR 279,50 € found, not their 100 % Santé ceilings).
 */

export type Basket = 'rac0' | 'maitrise' | 'libre';
export const BASKETS = ['rac0', 'maitrise', 'libre'] as const;
export const BASKET_LABEL: Record<Basket, { fr: string; en: string }> = {
  rac0: { fr: '100 % Santé (sans reste à charge)', en: '100% Santé (no out-of-pocket)' },
  maitrise: { fr: 'Reste à charge maîtrisé (tarifs plafonnés)', en: 'Moderate out-of-pocket (capped fees)' },
  libre: { fr: 'Tarifs libres', en: 'Free fees' },
};

/** FDI tooth position within a quadrant: 1–2 incisors, 3 canine, 4–5 premolars, 6–8 molars. */
export type ToothPosition = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** Whether the act is on one tooth (prostheses) or a global treatment with no tooth (orthodontics). */
export type ActKind = 'tooth' | 'global';

export interface DentalActRow {
  code: string;
  kind: ActKind;
  label: string;
  material: string;
  /** Tooth positions (second FDI digit) the code may be billed on. */
  positions: readonly ToothPosition[];
  basket: Basket;
  baseCents: number;
  /** Honoraire limite de facturation; null for tarifs libres. */
  ceilingCents: number | null;
  validFrom: string;
  validTo: string | null;
  source: string;
  /** Why a figure or code is not confirmed, shown in docs and kept with the row. */
  unverified?: string;
  /** AMO rate of this act when it is not the dental rate of the date (orthodontics: 100 % of the base). */
  amoPercent?: number;
}

export const DENTAL_TABLE_START = '2023-01-01';
const ANNEX_IV = 'Convention nationale des chirurgiens-dentistes 2018, annexe IV (HLF au 1er janvier 2023) et annexe V (panier)';
const AFTER_2023 = 'ceiling after 2023 (unverified): the 2023 convention’s later steps were not checked';
const FRONT: readonly ToothPosition[] = [1, 2, 3, 4];
const ALL: readonly ToothPosition[] = [1, 2, 3, 4, 5, 6, 7, 8];
const base = { kind: 'tooth', baseCents: 12000, validFrom: DENTAL_TABLE_START, validTo: null, source: ANNEX_IV, unverified: AFTER_2023 } as const;

// Free fees (entente directe) but outside the 100 % Santé reform of prostheses: no ceiling, no mandatory alternative.
const ODF_SOURCE = 'NGAP orthopédie dento-faciale: service-public.fr fiche F33956 (TO 90 semester, 6 at most, TO 75 1st contention year, 100 % of the base, treatment started before 16 with prior agreement), checked against practices’ pages (December 2026)';
const ODF = { kind: 'global', material: 'Traitement global (sans dent)', positions: [], basket: 'libre', ceilingCents: null, amoPercent: 100, validFrom: DENTAL_TABLE_START, validTo: null, source: ODF_SOURCE } as const;

export const DENTAL_ACTS: readonly DentalActRow[] = [
  { ...base, code: 'HBLD038', label: 'Couronne dentoportée métallique', material: 'Alliage métallique non précieux', positions: ALL, basket: 'rac0', ceilingCents: 29000 },
  { ...base, code: 'HBLD634', label: 'Couronne céramométallique (incisive, canine, 1re prémolaire)', material: 'Céramométallique', positions: FRONT, basket: 'rac0', ceilingCents: 50000 },
  { ...base, code: 'HBLD680', label: 'Couronne céramique monolithique hors zircone (incisive, canine, 1re prémolaire)', material: 'Céramique monolithique (hors zircone)', positions: FRONT, basket: 'rac0', ceilingCents: 50000 },
  { ...base, code: 'HBLD350', label: 'Couronne céramique monolithique zircone (hors molaires)', material: 'Zircone monolithique', positions: [1, 2, 3, 4, 5], basket: 'rac0', ceilingCents: 44000 },
  { ...base, code: 'HBLD491', label: 'Couronne céramométallique (2e prémolaire)', material: 'Céramométallique', positions: [5], basket: 'maitrise', ceilingCents: 55000 },
  { ...base, code: 'HBLD158', label: 'Couronne céramique monolithique hors zircone (2e prémolaire, molaire)', material: 'Céramique monolithique (hors zircone)', positions: [5, 6, 7, 8], basket: 'maitrise', ceilingCents: 55000 },
  { ...base, code: 'HBLD073', label: 'Couronne céramique monolithique zircone (molaire)', material: 'Zircone monolithique', positions: [6, 7, 8], basket: 'maitrise', ceilingCents: 44000 },
  {
    ...base, code: 'HBLD734', label: 'Couronne céramométallique (molaire)', material: 'Céramométallique', positions: [6, 7, 8], basket: 'libre', ceilingCents: null,
    source: 'CCAM HBLD734 « Pose d’une couronne dentaire dentoportée céramométallique sur une molaire », tarif 120 € (lemedecin.fr, fiche CCAM HBLD734); absent of the HLF list of annexe IV (céramométallique capped only on incisors to 1st premolars, HBLD634, and 2nd premolars, HBLD491): tarifs libres',
  },
  {
    ...base, code: 'HBLD090', label: 'Inlay-core (infrastructure coronoradiculaire)', material: 'Métal non précieux', positions: ALL, basket: 'rac0', baseCents: 9000, ceilingCents: 17500,
    source: `${ANNEX_IV}; BR 90 € (shared/domain/billing.md); 175 € as displayed by practices (cabinetdentairenguetta.fr)`,
  },
  { ...ODF, code: 'TO90', label: 'Orthopédie dento-faciale, traitement actif : un semestre (TO 90)', baseCents: 19350 },
  { ...ODF, code: 'TO75', label: 'Orthopédie dento-faciale, contention : 1re année (TO 75)', baseCents: 16125 },
];

/**
 * Complémentaire santé solidaire (CSS): the most a dentist may bill a CSS beneficiary for a prosthesis (tarif de
 * responsabilité + dépassement maximum autorisé), arrêté du 23 février 2024 (JORF n° 0046 du 24 février 2024),
 * article 1 and annexe 1, applicable from 25 February to 31 December 2024. Only the rows that could be read are
 * here; for a code or a date without a row, the rules allow no dépassement at all (fee = base): never more than
 * the law allows, possibly less (docs/billing-dental.md).
 */
export interface CssCeilingRow {
  code: string;
  maxCents: number;
  validFrom: string;
  validTo: string | null;
  source: string;
}
const CSS_2024 = 'Arrêté du 23 février 2024 (soins dentaires prothétiques, protection complémentaire en matière de santé), annexe 1 : montant maximum, applicable du 25/02/2024 au 31/12/2024';
export const CSS_CEILINGS: readonly CssCeilingRow[] = [
  { code: 'HBLD038', maxCents: 26218, validFrom: '2024-02-25', validTo: '2024-12-31', source: CSS_2024 },
  { code: 'HBLD634', maxCents: 45125, validFrom: '2024-02-25', validTo: '2024-12-31', source: CSS_2024 },
];
export const cssCeilingOn = (code: string, date: string): CssCeilingRow | undefined => inForce(CSS_CEILINGS, date).find((r) => r.code === code);

/** AMO rate of dental care: 70 % until 14 Oct 2023, 60 % from 15 Oct 2023 (décret 2023-701; domain file §2.4). */
export const DENTAL_AMO_RATES: readonly { percent: number; validFrom: string; validTo: string | null; source: string }[] = [
  { percent: 70, validFrom: DENTAL_TABLE_START, validTo: '2023-10-14', source: 'shared/domain/billing.md §2.4 (before décret 2023-701)' },
  { percent: 60, validFrom: '2023-10-15', validTo: null, source: 'décret 2023-701 (shared/domain/billing.md §2.4)' },
];

const inForce = <T extends { validFrom: string; validTo: string | null }>(rows: readonly T[], date: string) =>
  rows.filter((r) => r.validFrom <= date && (r.validTo === null || date <= r.validTo));

export const dentalActOn = (code: string, date: string): DentalActRow | undefined => inForce(DENTAL_ACTS, date).find((r) => r.code === code);
export const dentalAmoPercentOn = (date: string): number | undefined => inForce(DENTAL_AMO_RATES, date)[0]?.percent;
export const dentalCodes = (): string[] => [...new Set(DENTAL_ACTS.map((r) => r.code))];

/** Permanent teeth in FDI notation: quadrant 1–4, position 1–8 (11…48). */
export function toothPosition(tooth: number): ToothPosition | null {
  const q = Math.floor(tooth / 10);
  const p = tooth % 10;
  return Number.isInteger(tooth) && q >= 1 && q <= 4 && p >= 1 && p <= 8 ? (p as ToothPosition) : null;
}
