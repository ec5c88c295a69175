/**
 * Features for the intent classifier, from the normalised text:
 * word unigrams and bigrams (what is asked), character 3-4-grams inside words (SMS
 * spellings and typos: "renouvelement", "ordonance" share most n-grams with the right
 * word), and a few cue tokens computed by hand-written patterns that generalise better
 * than words on 500 examples (explicit request to be seen, sender is a professional…).
 */
import { words } from './lexicon.js';
import { prefilterOf } from './prefilter.js';

export type FeatureCounts = Map<string, number>;

/** Group weights, by the first letter of a feature's name: characters help with typos but should not outvote words. */
export const GROUP_WEIGHT: Readonly<Record<string, number>> = { w: 1, b: 0.8, c: 0.5, m: 1.2 };

export const STOP: ReadonlySet<string> = new Set(['.', ',', 'le', 'la', 'les', 'de', 'des', 'du', 'un', 'une', 'et', 'a', 'the', 'and', 'to', 'of', 'd', 'l', 'j', 's', 'c', 'n', 'qu']);

/** Hand-written cues. Each gives a `m:` feature when present. */
const CUES: Array<[string, RegExp]> = [
  ['ask_seen', words('rendez vous', 'creneau', 'consultation', 'consulter', 'voir (?:le|un|une|la) (?:docteur|medecin|dr|pediatre|dentiste|generaliste)', 'passer (?:aujourd hui|ce matin|cet apres midi|ce soir)',
    'venir (?:aujourd hui|ce matin|cet apres midi|ce soir|au cabinet)', 'visite a domicile', 'passer a la maison', 'passer voir', 'teleconsultation', 'book', 'appointment', 'slot', 'be seen', 'see a doctor', 'see the doctor',
    'come (?:in|today|this)', 'home visit', 'disponibilites?', 'availability', 'recevoir')],
  ['move', words('decaler', 'deplacer', 'reporter', 'report', 'changer', 'modifier', 'avancer', 'repousser', 'transformer', 'move', 'reschedule', 'postpone', 'push', 'bring (?:it |my appointment )?forward', 'change', 'autre (?:date|creneau|jour|heure)', 'plus tot', 'plus tard', 'en retard', 'late', 'shift', 'swap', 'venir avant', 'passer (?:a|au|le) (?:\\d|lundi|mardi|mercredi|jeudi|vendredi|samedi)', 'plutot', 'instead', 'fit me in')],
  ['cancel', words('(?<!assurance |train |flight |vol |bus |is |was |been )(?:annul\\w*|cancel\\w*)(?! (?:de|du) voyage)', 'supprimer', 'ne pourrai pas venir', 'ne viendrai pas', 'won t make it', 'can not make it', 'will not make it', 'ne pourra pas venir', 'je me desiste')],
  ['renew', words('need (?:a |my )?(?:new |repeat )?prescription', 'besoin d une (?:nouvelle )?ordonnance', 'sans ordonnance', 'refuse sans', 'ordonnance aujourd hui', 'prescription today', 'renouvel\\w*', 'renew\\w*', 'repeat prescription', 'refaire l ordonnance', 'nouvelle ordonnance', 'prolonger', 'reconduire', 'represcrire', 'running (?:low|out)', 'plus de (?:traitement|medicaments)', 'fini la boite', 'arrive au bout')],
  ['results', words('resultats?', 'results?', 'analyses?', 'prise de sang', 'bilan sanguin', 'compte rendu', 'report', 'radios?', 'scanner', 'irm', 'mri', 'echographie', 'ultrasound', 'x ray', 'labo\\w*', 'lab', 'serologie', 'frottis')],
  ['document', words('certificat\\w*', 'certificate', 'attestation', 'arret de travail', 'sick note', 'justificatif', 'duplicata', 'copie', 'copy', 'lettre', 'letter', 'courrier', 'dossier medical', 'medical records?', 'formulaire', 'form', 'papier')],
  ['billing', words('factur\\w*', 'invoice', 'bill', 'receipt', 'recu', 'rembours\\w*', 'refund\\w*', 'mutuelle', 'tiers payant', 'feuille de soins', 'paiement', 'payment', 'paye', 'paid', 'charged', 'debite', 'secu', 'cpam', 'depassement', 'euros?', 'cheque')],
  ['info', words('horaires?', 'ouvert\\w*', 'ferme\\w*', 'opening', 'open', 'adresse', 'address', 'parking', 'garer', 'acces', 'accessible', 'where is', 'ou se trouve', 'a jeun', 'fast', 'apporter', 'bring', 'combien', 'how much', 'tarif', 'prix', 'price', 'cost', 'sans rendez vous', 'numero', 'comment (?:se passe|venir|faire)')],
  ['professional', words('(?:ici|c est|this is) (?:la |le |l |the )?(?:pharmac\\w*|laboratoire|labo|lab|ehpad|service|centre|clinique|cabinet|societe|infirmiere|care home|radiology|hospital)',
    '^(?:bonjour ,? |hello ,? )?(?:pharmacie|laboratoire|labo|ehpad|service|centre|clinique|cabinet|societe|transporteur|ambulances|secretariat)', 'pharmacien\\w*', 'pharmacist', 'ehpad', 'care home', 'infirmiere (?:a domicile|du college|coordinatrice|du cabinet)', 'cabinet infirmier', 'ambulances?', 'transport\\w* sanitaires?',
    'confrere', 'consoeur', 'confraternellement', 'colleague', 'centre hospitalier', 'notre (?:laboratoire|service|societe)', 'ici (?:la|le)', 'school nurse', 'votre patient\\w*', 'your patient', 'patiente? commune?', 'pour (?:monsieur|madame)', 'for (?:mr|mrs|ms)')],
  ['other', words('merci pour (?:tout|votre)', 'thank you (?:so much|for)', 'felicitations', 'congratulations', 'cliquez', 'click', 'promo\\w*', 'gagne\\w*', 'won', 'stage', 'internship', 'candidature', 'cv', 'recrut\\w*', 'hiring', 'trompe de numero', 'wrong number', 'veterinaire', 'annonce', 'demonstration', 'avis', 'review', 'colis', 'parcel', 'lien', 'link', 'voisin', 'locataire', 'syndic', 'offre', 'journaliste')],
  ['symptom', words('douleurs?', 'mal', 'fievre', 'tousse', 'toux', 'vomi\\w*', 'gonfl\\w*', 'rouge\\w*', 'saign\\w*', 'plaques', 'boutons', 'pain', 'hurts?', 'fever', 'cough\\w*', 'rash', 'swollen', 'bleeding', 'respir\\w*', 'breath\\w*', 'malaise', 'vertiges?')],
  ['question', /\?|\b(?:est ce que|faut il|is it|should i|do i need|c est normal|est ce normal|que faire|what should)\b/g],
];

/**
 * The last two answers are kept: the three models ask for the same text in a row, the vital one for a copy
 * with negated words masked (read between the rules' text and the other two models).
 */
const lastCues: Array<{ norm: string; names: readonly string[] }> = [];

export function cueTokens(norm: string): string[] {
  for (const c of lastCues) if (c.norm === norm) return [...c.names];
  const out: string[] = [];
  const prefilter = prefilterOf(norm);
  for (const [name, re] of CUES) {
    re.lastIndex = 0;
    if (prefilter.mayMatch(re) && re.test(norm)) out.push(name);
    re.lastIndex = 0;
  }
  lastCues.unshift({ norm, names: [...out] });
  if (lastCues.length > 2) lastCues.length = 2;
  return out;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Word tokens the features are built from: punctuation dropped, numbers, times and dates read as `<num>`. */
export function contentTokens(norm: string): string[] {
  const toks = norm.split(' ').filter((t) => t.length > 0 && t !== '.' && t !== ',');
  // Only a token starting with a digit can be a number: the others skip the regex.
  return toks.map((t) => (isDigit(t.charCodeAt(0)) && /^\d+([.:h/]\d+)?$/.test(t) ? '<num>' : t));
}

/** Feature counts of a text, keyed by name (`w:`, `b:`, `c:`, `m:`), in first-seen order: what training reads. Prediction reads the same features through `compiled-model.ts`. */
export function extractFeatures(norm: string): FeatureCounts {
  return computeFeatures(norm);
}

function computeFeatures(norm: string): FeatureCounts {
  const f: FeatureCounts = new Map();
  const inc = (k: string, v = 1): void => {
    f.set(k, (f.get(k) ?? 0) + v);
  };
  const content = contentTokens(norm);
  for (let i = 0; i < content.length; i++) {
    const t = content[i] as string;
    if (!STOP.has(t)) inc('w:' + t);
    const next = content[i + 1];
    if (next !== undefined) inc('b:' + t + '_' + next);
    if (t.length >= 3 && t !== '<num>') {
      const padded = ` ${t} `;
      for (let n = 3; n <= 4; n++) for (let j = 0; j + n <= padded.length; j++) inc('c:' + padded.slice(j, j + n));
    }
  }
  for (const c of cueTokens(norm)) inc('m:' + c);
  return f;
}
