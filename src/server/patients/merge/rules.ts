import { deriveStatus, type IdentityStatus } from '../identity/status.js';
import { compareTraits, type StrictTraits } from '../identity/traits.js';

/**
 * Pure merge rules (no I/O): which record survives, which values it keeps, what blocks a merge.
 * Sources: RNIV / domain file identity.md § 4 — keep the record whose identity has the highest status,
 * never merge two different INS (two people), never let a lower-status record overwrite the strict
 * traits of an identity checked on a document.
 */
export const STATUS_RANK: Record<IdentityStatus, number> = { provisoire: 0, recuperee: 1, validee: 2, qualifiee: 3 };

export const STRICT_FIELDS = ['birthName', 'givenNames', 'birthDate', 'sex', 'birthPlaceCode'] as const;
export const OTHER_FIELDS = ['usedName', 'usedFirstName', 'nir', 'email', 'phones', 'address'] as const;
export const MERGE_FIELDS = [...STRICT_FIELDS, ...OTHER_FIELDS] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type Choice = 'survivor' | 'duplicate';

/** What the rules need to know of each record. `birthDate` is `{date, precision}` so both move together. */
export interface MergeIdentity {
  id: string;
  status: IdentityStatus;
  createdAt: string;
  documentChecked: boolean;
  doubtful: boolean;
  fictitious: boolean;
  ins: { matricule: string; oid: string; traits: StrictTraits | null } | null;
  values: {
    birthName: string;
    givenNames: string;
    birthDate: { date: string; precision: 'day' | 'month' | 'year' };
    sex: 'F' | 'M' | 'U';
    birthPlaceCode: string | null;
    usedName: string | null;
    usedFirstName: string | null;
    nir: string | null;
    email: string | null;
    phones: unknown[];
    address: unknown;
  };
}

export interface Message {
  code: string;
  fr: string;
  en: string;
}

export interface FieldDiff {
  field: MergeField;
  strict: boolean;
  survivor: unknown;
  duplicate: unknown;
  /** Default choice: the survivor's value, unless it is empty and the duplicate's may be taken. */
  defaultChoice: Choice;
  /** False when the duplicate's value may not be taken (strict trait of an identity checked on a document). */
  choosable: boolean;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The survivor by default: the higher identity status, then the older record. */
export function defaultSurvivor(a: MergeIdentity, b: MergeIdentity): MergeIdentity {
  if (STATUS_RANK[a.status] !== STATUS_RANK[b.status]) return STATUS_RANK[a.status] > STATUS_RANK[b.status] ? a : b;
  return a.createdAt <= b.createdAt ? a : b;
}

export function fieldDiffs(survivor: MergeIdentity, duplicate: MergeIdentity): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of MERGE_FIELDS) {
    const s = survivor.values[field];
    const d = duplicate.values[field];
    if (same(s, d)) continue;
    const strict = (STRICT_FIELDS as readonly string[]).includes(field);
    // Traits checked on an identity document are not overwritten by a record of lower (or equal) trust.
    const choosable = !(strict && survivor.documentChecked);
    out.push({ field, strict, survivor: s, duplicate: d, choosable, defaultChoice: choosable && isEmpty(s) && !isEmpty(d) ? 'duplicate' : 'survivor' });
  }
  return out;
}

export interface MergePlan {
  blockers: Message[];
  warnings: Message[];
  diffs: FieldDiff[];
  /** The survivor's values after the merge. */
  values: MergeIdentity['values'];
  strictChanged: boolean;
  /** The survivor's document check / INS are discarded (a strict trait changed under them). */
  evidenceDiscarded: boolean;
  /** The duplicate's INS goes to the survivor (its INSi traits are the survivor's final traits). */
  insTransferred: boolean;
  statusAfter: IdentityStatus;
}

export function planMerge(survivor: MergeIdentity, duplicate: MergeIdentity, choices: Partial<Record<MergeField, Choice>> = {}): MergePlan {
  const blockers: Message[] = [];
  const warnings: Message[] = [];
  if (survivor.id === duplicate.id) blockers.push({ code: 'same_record', fr: 'Choisissez deux dossiers différents.', en: 'Choose two different records.' });
  if (survivor.ins && duplicate.ins && (survivor.ins.matricule !== duplicate.ins.matricule || survivor.ins.oid !== duplicate.ins.oid)) {
    blockers.push({
      code: 'different_ins',
      fr: 'Les deux dossiers portent des INS différents : ce sont deux personnes différentes. La fusion est impossible ; si un dossier mélange deux personnes, scindez-le.',
      en: 'The two records hold different INS: they are two different people. They cannot be merged.',
    });
  }
  if (STATUS_RANK[duplicate.status] > STATUS_RANK[survivor.status]) {
    blockers.push({
      code: 'survivor_lower_status',
      fr: 'Le dossier conservé doit être celui dont l’identité a le statut le plus élevé (qualifiée > validée > récupérée > provisoire).',
      en: 'The surviving record must be the one with the highest identity status.',
    });
  }
  const diffs = fieldDiffs(survivor, duplicate);
  const values = { ...survivor.values };
  let strictChanged = false;
  for (const d of diffs) {
    const choice = choices[d.field] ?? d.defaultChoice;
    if (choice !== 'duplicate') continue;
    if (!d.choosable) {
      blockers.push({
        code: 'strict_trait_protected',
        fr: `Trait strict « ${FIELD_LABELS[d.field].fr} » : l’identité conservée a été vérifiée sur une pièce d’identité, sa valeur ne peut pas être remplacée par celle d’un dossier moins sûr.`,
        en: `Strict trait "${FIELD_LABELS[d.field].en}": the surviving identity was checked on an ID document; it cannot be replaced.`,
      });
      continue;
    }
    (values as Record<string, unknown>)[d.field] = d.duplicate;
    if (d.strict) strictChanged = true;
  }
  for (const f of Object.keys(choices)) {
    if (!(MERGE_FIELDS as readonly string[]).includes(f)) blockers.push({ code: 'unknown_field', fr: `Champ inconnu : ${f}.`, en: `Unknown field: ${f}.` });
  }
  const evidenceDiscarded = strictChanged && (survivor.documentChecked || survivor.ins !== null);
  if (evidenceDiscarded) {
    warnings.push({
      code: 'evidence_discarded',
      fr: 'Un trait strict du dossier conservé change : l’INS récupéré sur les anciens traits est écarté, l’identité repasse provisoire (rappelez INSi ensuite).',
      en: 'A strict trait of the surviving record changes: its INS is discarded and the identity goes back to provisional.',
    });
  }
  const traits: StrictTraits = {
    birthName: values.birthName,
    givenNames: values.givenNames,
    firstName: values.givenNames.split(/\s+/)[0] ?? values.givenNames,
    birthDate: values.birthDate.date,
    birthDatePrecision: values.birthDate.precision,
    sex: values.sex,
    birthPlaceCode: values.birthPlaceCode,
  };
  let insTransferred = false;
  const survivorKeepsIns = survivor.ins !== null && !evidenceDiscarded;
  if (!survivorKeepsIns && duplicate.ins) {
    const coherent = duplicate.ins.traits !== null && compareTraits(traits, duplicate.ins.traits).length === 0;
    if (coherent && !survivor.doubtful && !survivor.fictitious) insTransferred = true;
    else {
      warnings.push({
        code: 'ins_not_transferred',
        fr: 'L’INS du dossier fusionné n’est pas reporté (ses traits INSi diffèrent de ceux du dossier conservé) : il reste sur le dossier fusionné, interrogez INSi sur le dossier conservé.',
        en: 'The merged record’s INS is not carried over (its INSi traits differ): query INSi on the surviving record.',
      });
    }
  }
  if (survivor.values.nir && duplicate.values.nir && survivor.values.nir !== duplicate.values.nir) {
    warnings.push({
      code: 'different_nir',
      fr: 'Les NIR déclarés diffèrent : vérifiez lequel est juste (l’autre reste lisible sur le dossier fusionné et dans le journal).',
      en: 'The declared NIRs differ: check which one is right.',
    });
  }
  const documentChecked = survivor.documentChecked && !evidenceDiscarded;
  const insRetrieved = survivorKeepsIns || insTransferred;
  const statusAfter = deriveStatus({ documentChecked, insRetrieved, doubtful: survivor.doubtful, fictitious: survivor.fictitious });
  return { blockers, warnings, diffs, values, strictChanged, evidenceDiscarded, insTransferred, statusAfter };
}

export const FIELD_LABELS: Record<MergeField, { fr: string; en: string }> = {
  birthName: { fr: 'nom de naissance', en: 'birth name' },
  givenNames: { fr: 'prénoms de naissance', en: 'birth given names' },
  birthDate: { fr: 'date de naissance', en: 'birth date' },
  sex: { fr: 'sexe', en: 'sex' },
  birthPlaceCode: { fr: 'lieu de naissance', en: 'birth place' },
  usedName: { fr: 'nom d’usage', en: 'used name' },
  usedFirstName: { fr: 'prénom d’usage', en: 'used first name' },
  nir: { fr: 'NIR', en: 'NIR' },
  email: { fr: 'e-mail', en: 'e-mail' },
  phones: { fr: 'téléphones', en: 'phones' },
  address: { fr: 'adresse', en: 'address' },
};

/** Undo is possible for 30 days after the merge. */
export const UNDO_DAYS = 30;
export function undoDeadline(mergedAt: Date): Date {
  return new Date(mergedAt.getTime() + UNDO_DAYS * 24 * 3600 * 1000);
}
