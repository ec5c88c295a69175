import type { Amo } from '../../patients/index.js';

/**
 * The carte Vitale reader behind an interface. A real reader (PC/SC terminal with the SESAM-Vitale
 * software, or the appli carte Vitale read by QR code/NFC through an approved service) needs a CPS card
 * and an approved integration that cannot run here: Pivot ships `CarteVitaleSimulator`, and every answer
 * says `simulated: true` so the desk sees « Simulateur ». A card is only a key to the insurance data: it is
 * not an identity document (identitovigilance) and carries no medical data.
 */
export type VitaleSupport = 'card' | 'apcv';

export interface VitaleBeneficiary {
  /** Rank on the card (1 = the insured person). */
  rank: number;
  quality: 'assure' | 'ayant_droit';
  /** The beneficiary's own NIR when they have one; a child's rights are opened on the insured person's NIR. */
  nir: string | null;
  birthName: string;
  usedName: string | null;
  firstName: string;
  /** ISO date; the card stores it as written (lunar dates exist, not simulated here). */
  birthDate: string;
  amo: Amo;
  /** Declared médecin traitant (Vitale 2 may carry it). */
  gpName: string | null;
  /**
   * Birth place when the card data has it (the beneficiary's own NIR carries the INSEE code of the birth commune,
   * or 99 + the country): code and name. Null for a child carried on a parent's card, or a NIR without a place.
   */
  birthPlace: { code: string; name: string } | null;
}

export interface VitaleCard {
  support: VitaleSupport;
  /** Card serial or appli session id. */
  serial: string;
  /** NIR of the insured person (holder). */
  holderNir: string;
  beneficiaries: VitaleBeneficiary[];
  readAt: string;
  simulated: boolean;
}

export type VitaleReadError = { code: 'card_unreadable' | 'card_absent' | 'apcv_expired_qr' | 'card_blocked'; fr: string; en: string };

export type VitaleReadResult = { ok: true; card: VitaleCard } | { ok: false; error: VitaleReadError; simulated: boolean };

/** What the reader may know about the patient in front of the desk (the simulator builds a matching card). */
export interface PatientHint {
  nir: string | null;
  birthName: string;
  usedName: string | null;
  firstName: string;
  birthDate: string;
  sex: 'F' | 'M' | 'U';
  birthPlaceCode: string | null;
  amo: Amo | null;
  gpName: string | null;
  /** For a minor, the parent whose card carries the child. */
  parentName: string | null;
}

export interface CarteVitaleReader {
  readonly name: string;
  readonly simulated: boolean;
  /** Scenarios the reader offers (the simulator's test cards); a real reader offers none. */
  readonly scenarios: readonly { id: string; fr: string; en: string }[];
  read(request: { support: VitaleSupport; scenario?: string | undefined; patient?: PatientHint | undefined; today: string }): Promise<VitaleReadResult>;
}
