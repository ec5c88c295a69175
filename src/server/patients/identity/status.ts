/**
 * The identity status machine (RNIV): provisoire / récupérée / validée / qualifiée.
 *
 * The status is a function of the evidence held: a high-trust ID document checked at the desk
 * (→ validée), an INS retrieved from INSi with matching traits (→ récupérée), both (→ qualifiée).
 * A doubtful or fictitious identity is provisoire whatever the evidence, and raising the doubt
 * discards the evidence: once lifted, the identity must be checked again. Correcting a strict trait
 * discards the evidence too (it was checked against the old traits). The database carries the same
 * rule as a CHECK constraint (migration 0003).
 */
export const STATUSES = ['provisoire', 'recuperee', 'validee', 'qualifiee'] as const;
export type IdentityStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<IdentityStatus, { fr: string; en: string }> = {
  provisoire: { fr: 'Identité provisoire', en: 'Provisional identity' },
  recuperee: { fr: 'Identité récupérée', en: 'Retrieved identity' },
  validee: { fr: 'Identité validée', en: 'Validated identity' },
  qualifiee: { fr: 'Identité qualifiée', en: 'Qualified identity' },
};

/** Identity documents: the high-trust ones (RNIV) validate; the others are refused with a reason. */
export const DOCUMENT_TYPES = {
  passport: { highTrust: true, fr: 'Passeport' },
  national_id_card: { highTrust: true, fr: 'Carte nationale d’identité (UE/EEE, Suisse, Monaco, Andorre, Saint-Marin, Vatican…)' },
  residence_permit: { highTrust: true, fr: 'Titre de séjour permanent' },
  minor_birth_extract_with_parent_id: { highTrust: true, fr: 'Mineur : extrait d’acte de naissance + pièce à haut niveau de confiance d’un parent' },
  minor_family_book_with_parent_id: { highTrust: true, fr: 'Mineur : livret de famille + pièce à haut niveau de confiance d’un parent' },
  minor_travel_document: { highTrust: true, fr: 'Mineur étranger : document de voyage avec photo' },
  ehpad_family_book_with_vitale_photo: { highTrust: true, fr: 'EHPAD : livret de famille ou extrait d’acte + carte Vitale avec photo' },
  carte_vitale: { highTrust: false, fr: 'Carte Vitale' },
  driving_licence: { highTrust: false, fr: 'Permis de conduire' },
  other: { highTrust: false, fr: 'Autre document' },
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_TYPE_CODES = Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]];

export interface IdentityState {
  status: IdentityStatus;
  documentChecked: boolean;
  insRetrieved: boolean;
  doubtful: boolean;
  fictitious: boolean;
}

export type IdentityEvent =
  | { type: 'documentChecked'; documentType: DocumentType }
  | { type: 'insiFound'; traitsMatch: boolean }
  | { type: 'traitsCorrected' }
  | { type: 'doubtRaised' }
  | { type: 'doubtLifted' }
  | { type: 'fictitiousMarked' }
  | { type: 'fictitiousLifted' };

export interface Refusal {
  reason: 'document_not_high_trust' | 'doubtful_or_fictitious' | 'traits_differ';
  fr: string;
  en: string;
}

export function deriveStatus(s: Omit<IdentityState, 'status'>): IdentityStatus {
  if (s.doubtful || s.fictitious) return 'provisoire';
  if (s.documentChecked && s.insRetrieved) return 'qualifiee';
  if (s.insRetrieved) return 'recuperee';
  if (s.documentChecked) return 'validee';
  return 'provisoire';
}

export const initialState = (): IdentityState => ({ status: 'provisoire', documentChecked: false, insRetrieved: false, doubtful: false, fictitious: false });

const refuseDoubt: Refusal = {
  reason: 'doubtful_or_fictitious',
  fr: 'Cette identité est marquée douteuse ou fictive : elle ne peut être ni validée ni qualifiée. Levez d’abord l’attribut (après vérification), puis recommencez.',
  en: 'This identity is marked doubtful or fictitious: it cannot be validated or qualified. Lift the attribute first (after checking), then try again.',
};

export function applyEvent(state: IdentityState, event: IdentityEvent): { ok: true; state: IdentityState } | { ok: false; refusal: Refusal } {
  const next = { ...state };
  switch (event.type) {
    case 'documentChecked': {
      const doc = DOCUMENT_TYPES[event.documentType];
      if (!doc.highTrust) {
        return {
          ok: false,
          refusal: {
            reason: 'document_not_high_trust',
            fr: `${doc.fr} : ce n’est pas un document à haut niveau de confiance, il ne permet pas de valider l’identité. Demandez un passeport, une carte d’identité ou un titre de séjour permanent.`,
            en: `${event.documentType}: not a high-trust document, it cannot validate the identity. Ask for a passport, an ID card or a permanent residence permit.`,
          },
        };
      }
      if (state.doubtful || state.fictitious) return { ok: false, refusal: refuseDoubt };
      next.documentChecked = true;
      break;
    }
    case 'insiFound':
      if (state.doubtful || state.fictitious) return { ok: false, refusal: refuseDoubt };
      if (!event.traitsMatch) {
        return {
          ok: false,
          refusal: {
            reason: 'traits_differ',
            fr: 'Les traits renvoyés par INSi diffèrent de ceux de la fiche : l’INS n’est pas enregistré. Vérifiez la pièce d’identité ; si la fiche est juste, signalez l’identité comme douteuse.',
            en: 'The traits returned by INSi differ from the record: the INS was not stored. Check the ID document; if the record is right, mark the identity as doubtful.',
          },
        };
      }
      next.insRetrieved = true;
      break;
    case 'traitsCorrected':
      next.documentChecked = false;
      next.insRetrieved = false;
      break;
    case 'doubtRaised':
      next.doubtful = true;
      next.documentChecked = false;
      next.insRetrieved = false;
      break;
    case 'doubtLifted':
      next.doubtful = false;
      break;
    case 'fictitiousMarked':
      next.fictitious = true;
      next.documentChecked = false;
      next.insRetrieved = false;
      break;
    case 'fictitiousLifted':
      next.fictitious = false;
      break;
  }
  next.status = deriveStatus(next);
  return { ok: true, state: next };
}

/** Only a qualified identity may share its INS matricule (documents, DMP, FHIR INS identifier). */
export const canShareIns = (status: IdentityStatus) => status === 'qualifiee';
