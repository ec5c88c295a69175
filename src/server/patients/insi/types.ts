import type { StrictTraits } from '../identity/traits.js';

/**
 * The INSi teleservice (GIE SESAM-Vitale) behind an interface. The real service needs a CPx card or
 * an organisation certificate and cannot be reached from here: Pivot ships `InsiSimulator`, and every
 * answer says `simulated: true` so the UI can show it.
 */
export const OID_INS_NIR = '1.2.250.1.213.1.4.8';
export const OID_INS_NIA = '1.2.250.1.213.1.4.9';
export const OID_INS_NIR_TEST = '1.2.250.1.213.1.4.10';
export const OID_INS_NIA_TEST = '1.2.250.1.213.1.4.11';

export type InsiRequest =
  /** Récupération by the traits typed at the desk. */
  | { mode: 'traits'; traits: StrictTraits }
  /** Récupération by reading the carte Vitale: the card is only a key; the answer is the patient's INS. */
  | { mode: 'vitale'; nir: string; traits: StrictTraits };

export interface InsiIdentity {
  matricule: string;
  oid: string;
  traits: StrictTraits;
}

export type InsiResult =
  | { code: '00'; identity: InsiIdentity }
  | { code: '01' }
  | { code: '02'; count: number };

export const INSI_CODE_LABELS: Record<InsiResult['code'], { fr: string; en: string }> = {
  '00': { fr: 'Une identité trouvée', en: 'One identity found' },
  '01': { fr: 'Aucune identité trouvée : vérifiez les traits saisis et réessayez', en: 'No identity found: check the traits and retry' },
  '02': {
    fr: 'Plusieurs identités trouvées : ajoutez tous les prénoms de naissance, puis le code du lieu de naissance',
    en: 'Several identities found: add all birth given names, then the birth place code',
  },
};

export interface InsiClient {
  readonly simulated: boolean;
  lookup(request: InsiRequest): Promise<InsiResult>;
}
