/**
 * The dated tables the billing engine reads: NGAP tariffs (metropolitan France, régime général) and the
 * regulated amounts (participation forfaitaire, cap of the majoration hors parcours). Data only: a tariff change
 * is a new row with its own validFrom, the old row gets its validTo — never an edited value, so that a quote for
 * a past date stays reproducible. Every row names its source; docs/billing.md tells how to add one.
 *
 * The table starts on TABLE_START (1 Nov 2023, the règlement arbitral step: first date whose values we sourced);
 * a row starting there may have held earlier too. Dates before it are refused by the engine.
 */
import type { Specialty } from './contract.js';

export const TABLE_START = '2023-11-01';

/** What the code is within one consultation: one main act, plus at most one of each supplement. */
export type ActKind = 'consultation' | 'visit' | 'teleconsultation' | 'avis' | 'majoration_enfant' | 'majoration_deplacement';

export interface TariffRow {
  code: string;
  label: string;
  kind: ActKind;
  /** Specialties that may bill the code (NGAP: G/VG/MEG/MD… are the general practitioner's letters). */
  specialties: readonly Specialty[];
  /**
   * Secteur-2 doctors without OPTAM may bill the code only at the tarif opposable: with a dépassement they code
   * C/V at 23 € instead (ameli, convention 2024 « valorisation de l'activité clinique du médecin généraliste »).
   */
  opposableOnlyForSector2: boolean;
  /** Only for secteur-2 doctors without OPTAM (C and V, the letters they bill with a dépassement). */
  sector2Only?: boolean;
  cents: number;
  validFrom: string;
  validTo: string | null;
  source: string;
}

const GP: readonly Specialty[] = ['general_practice'];
// APC: every medical specialty, including specialists in general medicine (NGAP art. 18; omniprat « APC »), but
// not psychiatrists, neuropsychiatrists and neurologists, who bill their own avis ponctuel APY, nor dentists.
const APC_SPECIALTIES: readonly Specialty[] = ['general_practice', 'paediatrics', 'cardiology', 'dermatology', 'gynaecology', 'ophthalmology', 'other'];

const AMELI_GP_2024 =
  'https://www.ameli.fr/medecin/textes-reference/convention-medicale-2024-2029/grands-axes-convention-detail/mesures-attractivite-exercice-liberal/revalorisation-consultations-actes/valorisation-activite-clinique-medecin-generaliste';
const ARBITRAL_2023 = 'Règlement arbitral (arrêté du 28 avril 2023), step of 1 Nov 2023: G and VG 26.50 € (Cnam via lesgeneralistes-csmf.fr, 7 Nov 2023)';
const CHILD_2024 = 'G + MEG = 31.50 € from 1 Nov 2023 and 35 € from 22 Dec 2024 for a child under 6 (Cnam; CPAM 67 « Zoom sur l’augmentation des tarifs »): MEG = 5 €';
const APC_HISTORY = 'APC 56.50 € from 1 Nov 2023 (lecardiologue.com, « L’APC aujourd’hui… et demain ? »), 60 € from 22 Dec 2024 (convention médicale 2024, ameli; europe1, 4 Jun 2024)';
const TCG_SOURCE = 'TCG 25 € since 15 Sep 2018, not raised with G in Nov 2023 nor on 22 Dec 2024 (previssima Nov 2023; convention 2024 as reported by infos.fr, 4 Jun 2024)';
const MD_SOURCE = 'MD 10 € (NGAP art. 14-2, majoration de déplacement for a justified home visit; Quotidien du médecin; SML 2022)';
const C_SOURCE = `${AMELI_GP_2024} — C (V for a visit) « au tarif inchangé de 23 € » for secteur-2 GPs without OPTAM billing a dépassement`;

export const TARIFFS: readonly TariffRow[] = [
  { code: 'G', label: 'Consultation de référence du médecin généraliste', kind: 'consultation', specialties: GP, opposableOnlyForSector2: true, cents: 2650, validFrom: TABLE_START, validTo: '2024-12-21', source: ARBITRAL_2023 },
  { code: 'G', label: 'Consultation de référence du médecin généraliste', kind: 'consultation', specialties: GP, opposableOnlyForSector2: true, cents: 3000, validFrom: '2024-12-22', validTo: null, source: AMELI_GP_2024 },
  { code: 'GS', label: 'Consultation du spécialiste en médecine générale', kind: 'consultation', specialties: GP, opposableOnlyForSector2: true, cents: 2650, validFrom: TABLE_START, validTo: '2024-12-21', source: `${ARBITRAL_2023}; GS has the value of G` },
  { code: 'GS', label: 'Consultation du spécialiste en médecine générale', kind: 'consultation', specialties: GP, opposableOnlyForSector2: true, cents: 3000, validFrom: '2024-12-22', validTo: null, source: `${AMELI_GP_2024}; GS has the value of G` },
  { code: 'VG', label: 'Visite de référence du médecin généraliste', kind: 'visit', specialties: GP, opposableOnlyForSector2: true, cents: 2650, validFrom: TABLE_START, validTo: '2024-12-21', source: ARBITRAL_2023 },
  { code: 'VG', label: 'Visite de référence du médecin généraliste', kind: 'visit', specialties: GP, opposableOnlyForSector2: true, cents: 3000, validFrom: '2024-12-22', validTo: null, source: AMELI_GP_2024 },
  { code: 'MEG', label: 'Majoration enfant généraliste (moins de 6 ans)', kind: 'majoration_enfant', specialties: GP, opposableOnlyForSector2: true, cents: 500, validFrom: TABLE_START, validTo: null, source: CHILD_2024 },
  { code: 'TCG', label: 'Téléconsultation du médecin généraliste', kind: 'teleconsultation', specialties: GP, opposableOnlyForSector2: true, cents: 2500, validFrom: TABLE_START, validTo: null, source: TCG_SOURCE },
  { code: 'MD', label: 'Majoration de déplacement (visite justifiée)', kind: 'majoration_deplacement', specialties: GP, opposableOnlyForSector2: false, cents: 1000, validFrom: TABLE_START, validTo: null, source: MD_SOURCE },
  { code: 'APC', label: 'Avis ponctuel de consultant', kind: 'avis', specialties: APC_SPECIALTIES, opposableOnlyForSector2: false, cents: 5650, validFrom: TABLE_START, validTo: '2024-12-21', source: APC_HISTORY },
  { code: 'APC', label: 'Avis ponctuel de consultant', kind: 'avis', specialties: APC_SPECIALTIES, opposableOnlyForSector2: false, cents: 6000, validFrom: '2024-12-22', validTo: null, source: APC_HISTORY },
  { code: 'C', label: 'Consultation du généraliste de secteur 2 hors OPTAM (avec dépassement)', kind: 'consultation', specialties: GP, opposableOnlyForSector2: false, sector2Only: true, cents: 2300, validFrom: TABLE_START, validTo: null, source: C_SOURCE },
  { code: 'V', label: 'Visite du généraliste de secteur 2 hors OPTAM (avec dépassement)', kind: 'visit', specialties: GP, opposableOnlyForSector2: false, sector2Only: true, cents: 2300, validFrom: TABLE_START, validTo: null, source: C_SOURCE },
];

export interface AmountRow {
  cents: number;
  validFrom: string;
  validTo: string | null;
  source: string;
}

/** Participation forfaitaire per consultation (CSS art. L160-13 II; amount set by décret and UNCAM decision). */
export const PARTICIPATION_FORFAITAIRE: readonly AmountRow[] = [
  { cents: 100, validFrom: TABLE_START, validTo: '2024-05-14', source: '1 € since 1 Jul 2005 (CSS L160-13 II)' },
  { cents: 200, validFrom: '2024-05-15', validTo: null, source: '2 € from 15 May 2024 (service-public F165 « Ticket modérateur, forfait et franchises »; magnolia.fr; reassurez-moi.fr)' },
];

/**
 * Ceiling of the majoration du ticket modérateur hors parcours, per consultation. The regulation caps the
 * majoration at the rate times the reference consultation (former CSS art. R322-1-1, third paragraph); the
 * caisses applied 10.60 € (= 40 % of 26.50 €) from Nov 2023 (DREES fiche « Majorations du ticket modérateur
 * hors parcours de soins coordonnés », SNDS documentation). That the ceiling stayed 10.60 € after G went to
 * 30 € comes from the SESAM-Vitale specification quoted by the domain reference (rule RG_VF671) and could not
 * be checked against the specification itself: see docs/billing.md, « unverified ».
 */
export const MAJORATION_HORS_PARCOURS_CAP: readonly AmountRow[] = [
  { cents: 1060, validFrom: TABLE_START, validTo: null, source: 'DREES/SNDS fiche (10.60 € since Nov 2023); SESAM-Vitale RG_VF671 per shared/domain/billing.md §5 (unverified)' },
];

/** Percentages: integer percents of the reimbursement base (BR). */
export const RATES = {
  /** Doctors' fees in the parcours: 70 % of the tariff (service-public F165: 26.50 € → 18.55 €). */
  amoStandardPercent: 70,
  /** ALD-related care (L160-14 3°), maternity (L160-9), AT/MP (L431-1, L432-3), AME: no ticket modérateur. */
  amoExemptPercent: 100,
  /** Majoration hors parcours: 40 points (UNCAM decision of 2009; service-public F165: 70 % → 30 %). */
  majorationHorsParcoursPercent: 40,
} as const;

function inForce<T extends { validFrom: string; validTo: string | null }>(rows: readonly T[], date: string): T[] {
  // ISO days compare as strings.
  return rows.filter((r) => r.validFrom <= date && (r.validTo === null || date <= r.validTo));
}

export function tariffOn(code: string, date: string): TariffRow | undefined {
  return inForce(TARIFFS, date).find((r) => r.code === code);
}

export function amountOn(rows: readonly AmountRow[], date: string): number | undefined {
  return inForce(rows, date)[0]?.cents;
}

export function knownCodes(): string[] {
  return [...new Set(TARIFFS.map((r) => r.code))];
}
