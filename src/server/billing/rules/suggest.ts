import type { Parcours, Specialty, TiersPayant } from '../contract.js';

/**
 * What the desk is offered before billing a consultation (the « Encaisser » screen). Pure: the acts suggested from
 * the motif and the practitioner's specialty, the parcours read from the declared médecin traitant, the tiers
 * payant mode the rules require, and the reminders a busy secretary forgets, each with its reason in French and
 * English. The engine (quote.ts) stays the judge of the amounts; this only proposes and reminds.
 */
export type SuggestionKind =
  | 'meg_under_6'
  | 'tiers_payant_compulsory'
  | 'no_depassement_css_ame'
  | 'written_information_70'
  | 'teleconsultation'
  | 'home_visit'
  | 'parcours_outside'
  | 'ald_related'
  | 'no_default_act';

export interface Suggestion {
  kind: SuggestionKind;
  fr: string;
  en: string;
}

export interface DraftContext {
  specialty: Specialty;
  practisesDepassements: boolean;
  motif: { name: string; teleconsultation: boolean } | null;
  /** Age in full years on the date of care. */
  age: number;
  coverage: { ald: boolean; css: boolean; ame: boolean; maternity: boolean };
  care: { aldRelated: boolean; atmp: boolean };
  /** The médecin traitant declared in the file: this practitioner, another one, or none. */
  gp: 'this_practitioner' | 'other' | 'none';
}

export interface DraftProposal {
  acts: { code: string }[];
  parcours: Parcours;
  tiersPayant: TiersPayant;
  suggestions: Suggestion[];
}

/** Above this total (fees, dépassements included) the patient must be informed in writing beforehand. */
export const WRITTEN_INFORMATION_THRESHOLD_CENTS = 7000;

const TP_RANK: Record<TiersPayant, number> = { none: 0, amo: 1, amo_amc: 2 };

/** The tiers payant mode the rules make compulsory for this patient and care, with the reason, or null. */
export function compulsoryTiersPayant(c: Pick<DraftContext, 'coverage' | 'care'>): { mode: TiersPayant; fr: string; en: string } | null {
  if (c.coverage.ame) return { mode: 'amo_amc', fr: 'bénéficiaire de l’AME', en: 'AME beneficiary' };
  if (c.coverage.css) return { mode: 'amo_amc', fr: 'bénéficiaire de la CSS', en: 'CSS beneficiary' };
  if (c.coverage.ald && c.care.aldRelated) return { mode: 'amo', fr: 'soins liés à l’ALD', en: 'care related to the ALD' };
  if (c.coverage.maternity) return { mode: 'amo', fr: 'période de maternité', en: 'maternity period' };
  if (c.care.atmp) return { mode: 'amo', fr: 'accident du travail / maladie professionnelle', en: 'work accident / occupational disease' };
  return null;
}

const normalise = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

function defaultActs(c: DraftContext, out: Suggestion[]): { code: string }[] {
  if (c.specialty !== 'general_practice') {
    out.push({ kind: 'no_default_act', fr: 'aucun acte par défaut pour cette spécialité : saisissez le code', en: 'no default act for this specialty: type the code' });
    return [];
  }
  const motif = c.motif ? normalise(c.motif.name) : '';
  let acts: string[];
  if (c.motif?.teleconsultation || motif.includes('teleconsultation')) {
    acts = ['TCG'];
    out.push({ kind: 'teleconsultation', fr: 'motif de téléconsultation : TCG', en: 'teleconsultation motif: TCG' });
  } else if (/\bvisite\b|domicile/.test(motif)) {
    acts = ['VG', 'MD'];
    out.push({ kind: 'home_visit', fr: 'visite à domicile : VG + MD (déplacement justifié)', en: 'home visit: VG + MD (justified travel)' });
  } else acts = ['G'];
  if (c.age < 6) {
    acts.splice(1, 0, 'MEG');
    out.push({ kind: 'meg_under_6', fr: `enfant de ${c.age} an${c.age > 1 ? 's' : ''} (moins de 6 ans) : majoration MEG`, en: `child aged ${c.age} (under 6): MEG supplement` });
  }
  return acts.map((code) => ({ code }));
}

/** The proposal for a consultation: acts (unless the desk already chose them), parcours, tiers payant, reminders. */
export function proposeDraft(c: DraftContext, chosen?: { acts?: { code: string }[]; parcours?: Parcours; tiersPayant?: TiersPayant }): DraftProposal {
  const suggestions: Suggestion[] = [];
  const acts = chosen?.acts?.length ? chosen.acts : defaultActs(c, suggestions);
  if (chosen?.acts?.length && c.age < 6 && c.specialty === 'general_practice' && !chosen.acts.some((a) => a.code === 'MEG') && chosen.acts.some((a) => ['G', 'GS', 'VG', 'TCG'].includes(a.code)))
    suggestions.push({ kind: 'meg_under_6', fr: `enfant de moins de 6 ans : ajouter la majoration MEG`, en: 'child under 6: add the MEG supplement' });

  // Under 16 the engine applies no parcours penalty, whatever is declared here.
  const parcours: Parcours = chosen?.parcours ?? (c.gp === 'this_practitioner' ? 'medecin_traitant' : c.gp === 'other' ? 'outside' : 'no_medecin_traitant_declared');
  if (!chosen?.parcours && parcours === 'outside' && c.age >= 16)
    suggestions.push({ kind: 'parcours_outside', fr: 'le médecin traitant déclaré est un autre médecin : hors parcours, sauf remplacement, urgence ou adressage', en: 'another doctor is the declared médecin traitant: outside the parcours unless replacing, emergency or referral' });

  const needed = compulsoryTiersPayant(c);
  let tiersPayant: TiersPayant = chosen?.tiersPayant ?? needed?.mode ?? 'none';
  if (needed && TP_RANK[tiersPayant] < TP_RANK[needed.mode]) tiersPayant = needed.mode;
  if (needed)
    suggestions.push({
      kind: 'tiers_payant_compulsory',
      fr: `tiers payant obligatoire (${needed.fr}) : ${needed.mode === 'amo_amc' ? 'parts AMO et complémentaire' : 'part AMO'} non encaissées`,
      en: `compulsory tiers payant (${needed.en}): ${needed.mode === 'amo_amc' ? 'AMO and complementary shares' : 'AMO share'} not collected`,
    });
  if (c.coverage.ald && !c.care.aldRelated)
    suggestions.push({ kind: 'ald_related', fr: 'patient en ALD : cochez « soins liés à l’ALD » si la consultation la concerne (100 %, tiers payant)', en: 'ALD patient: tick « ALD-related care » if the consultation concerns it (100 %, tiers payant)' });
  if ((c.coverage.css || c.coverage.ame) && c.practisesDepassements)
    suggestions.push({ kind: 'no_depassement_css_ame', fr: `pas de dépassement d’honoraires pour un bénéficiaire de la ${c.coverage.css ? 'CSS' : 'AME'} : tarif opposable`, en: `no excess fee for a ${c.coverage.css ? 'CSS' : 'AME'} beneficiary: standard tariff` });
  return { acts, parcours, tiersPayant, suggestions };
}

/** The written prior information due when the fees reach 70 € (dépassements included). */
export function writtenInformation(totalCents: number): Suggestion | null {
  if (totalCents < WRITTEN_INFORMATION_THRESHOLD_CENTS) return null;
  const euros = `${Math.floor(totalCents / 100)},${String(totalCents % 100).padStart(2, '0')} €`;
  return {
    kind: 'written_information_70',
    fr: `honoraires de ${euros} (70 € ou plus) : information écrite préalable du patient obligatoire`,
    en: `fees of ${(totalCents / 100).toFixed(2)} € (70 € or more): written prior information of the patient required`,
  };
}
