/**
 * The patient part of a quote case read from the administrative file (patients' `amo` and `amc` sections), with
 * what the desk states in the request taking precedence. Pure. The file says whether a mutuelle exists, not its
 * guarantees: when the desk does not give them, a contrat responsable at 100 % BR is assumed and said so (it is
 * the floor every contrat responsable covers for a doctor's consultation).
 */
export interface FileAmo {
  ald?: { label: string; until: string | null }[];
  exemptions?: { kind: string; from: string | null; until: string | null }[];
}
export interface FileAmc {
  organisme: string;
  validFrom: string | null;
  validUntil: string | null;
}

export interface MutuelleCase {
  present: boolean;
  responsible?: boolean;
  coversTicketModerateur?: boolean;
  coveragePercentOfBR?: number;
}

export interface CoverageOverride {
  ald?: boolean | undefined;
  css?: boolean | undefined;
  ame?: boolean | undefined;
  maternity?: boolean | undefined;
  mutuelle?: MutuelleCase | undefined;
}

export interface ResolvedCoverage {
  patient: { ald: boolean; css: boolean; ame: boolean; maternity: boolean };
  mutuelle: MutuelleCase;
  /** Where each value came from, for the desk (shown as warnings on the invoice). */
  notes: string[];
}

const activeOn = (date: string, from: string | null | undefined, until: string | null | undefined) => (!from || from <= date) && (!until || date <= until);

export function resolveCoverage(amo: FileAmo | null, amc: FileAmc | null, date: string, given: CoverageOverride = {}): ResolvedCoverage {
  const notes: string[] = [];
  const exemption = (kind: string) => (amo?.exemptions ?? []).some((e) => e.kind === kind && activeOn(date, e.from, e.until));
  const fromFile = {
    ald: (amo?.ald ?? []).some((a) => activeOn(date, null, a.until)),
    css: exemption('css'),
    ame: exemption('ame'),
    maternity: exemption('maternite'),
  };
  const patient = {
    ald: given.ald ?? fromFile.ald,
    css: given.css ?? fromFile.css,
    ame: given.ame ?? fromFile.ame,
    maternity: given.maternity ?? fromFile.maternity,
  };
  let mutuelle: MutuelleCase;
  if (given.mutuelle) mutuelle = given.mutuelle;
  else if (amc && activeOn(date, amc.validFrom, amc.validUntil)) {
    mutuelle = { present: true, responsible: true, coversTicketModerateur: true, coveragePercentOfBR: 100 };
    notes.push(`garanties de la mutuelle ${amc.organisme} non précisées : contrat responsable à 100 % BR supposé`);
  } else mutuelle = { present: false };
  if (!amo && given.ald === undefined && given.css === undefined && given.ame === undefined && given.maternity === undefined)
    notes.push('droits AMO absents du dossier administratif : ni ALD, ni CSS, ni AME, ni maternité retenues');
  return { patient, mutuelle, notes };
}

const TP_RANK = { none: 0, amo: 1, amo_amc: 2 } as const;

/**
 * The compulsory tiers payant cases (contract: the caller applies them): AME and CSS on both shares, ALD-related
 * care, maternity and AT/MP on the AMO share. Returns the reminder when the chosen mode is below, else null.
 */
export function tiersPayantReminder(
  patient: { css: boolean; ame: boolean; maternity: boolean; ald: boolean },
  care: { aldRelated: boolean; atmp: boolean },
  mode: keyof typeof TP_RANK,
): string | null {
  const [needed, why] =
    patient.ame ? (['amo_amc', 'bénéficiaire de l’AME'] as const)
    : patient.css ? (['amo_amc', 'bénéficiaire de la CSS'] as const)
    : patient.ald && care.aldRelated ? (['amo', 'soins liés à l’ALD'] as const)
    : patient.maternity ? (['amo', 'période de maternité'] as const)
    : care.atmp ? (['amo', 'accident du travail / maladie professionnelle'] as const)
    : ([null, ''] as const);
  if (!needed || TP_RANK[mode] >= TP_RANK[needed]) return null;
  return `tiers payant obligatoire (${why}) : ${needed === 'amo_amc' ? 'part AMO et part complémentaire' : 'part AMO'} à ne pas encaisser`;
}
