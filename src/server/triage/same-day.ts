/**
 * Same-day signs: the patient must be seen or called back by a practitioner today
 * (domain file section 4, README urgency rules 5, 8, 9, 10). Fever logic is age-aware.
 */
import type { FlagRule, RuleContext } from './rule.js';
import {
  FEVER, FEVER_3D, FEVER_48H, HIGH_FEVER, PREGNANT, PROFESSIONAL_SENDER, gap, words,
} from './lexicon.js';

const G2 = gap(2);
const G3 = gap(3);
const G4 = gap(4);

const FEVER_FOCUS_CHILD = words(
  'oreilles?', 'ears?', 'gorge', 'throat', 'boite\\w*', 'limp\\w*', 'ventre', 'tummy', 'belly', 'urine', 'pipi', 'douleurs?', 'mal', 'pain', 'hurts?',
  'pleure', 'grognon', 'conjonctivite', 'yeux rouges', 'red eyes', 'eruption', 'rash', 'plaques', 'boutons', 'spots', 'taches', 'ganglions?', 'lump', 'gonfl\\w*', 'swollen',
  'rouge', 'red', 'pus', 'infect\\w*', 'boit (?:moins|peu|mal)', 'mange (?:plus|peu)', 'drinking less', 'not drinking', 'couches?', 'nappies', 'wet',
  'ne baisse pas', 'ne descend pas', 'baisse pas', 'descend pas', 'not coming down', 'malgre', 'fait plus rien', 'ne fait rien', 'vomi\\w*', 'vomit\\w*', 'toux', 'tousse', 'cough\\w*',
  'respire', 'breath\\w*', 'levres', 'lips', 'otite', 'angine',
);
const FEVER_FOCUS_ADULT = words(
  'urin\\w*', 'pipi', 'brulures? (?:en urinant|urinaires?|quand j urine)', 'cystite', 'reins?', 'lombaire\\w*', 'kidney', 'back pain', 'mal (?:au|dans le) dos',
  'rouge\\w*', 'red', 'gonfl\\w*', 'swollen', 'chaud', 'hot', 'pus', 'abces', 'abscess', 'infect\\w*', 'plaie', 'wound', 'ventre', 'abdomen', 'abdominal', 'belly', 'stomach',
  'pertes', 'discharge', 'sterilet', 'ne baisse pas', 'ne descend pas', 'not coming down', 'malgre', 'antibiotiques?', 'antibiotics?', 'essouffl\\w*', 'short of breath',
  'en respirant', 'when (?:i )?breath\\w*', 'diverticul\\w*', 'sinus\\w*', 'au dessus de l oeil', 'cathet\\w*', 'chimio\\w*', 'chemo\\w*', 'greffe', 'transplant',
);

const childFever = (ctx: RuleContext): boolean =>
  ctx.age.child &&
  (ctx.has(HIGH_FEVER) || ctx.has(FEVER_48H) || ctx.has(FEVER_FOCUS_CHILD));
const adultFever = (ctx: RuleContext): boolean =>
  !ctx.age.child && (ctx.has(FEVER_3D) || ctx.has(FEVER_FOCUS_ADULT));

export const INFANT_FEVER: FlagRule = {
  code: 'INFANT_FEVER',
  label: 'Fièvre chez un nourrisson de moins de 3 mois',
  level: 'same_day',
  match: FEVER,
  when: (ctx) => ctx.age.under3Months,
};

export const CHILD_FEVER: FlagRule = {
  code: 'CHILD_FEVER',
  label: 'Enfant fébrile : fièvre élevée ou ≥ 48 h, douleur, foyer ou boit moins',
  level: 'same_day',
  match: FEVER,
  when: childFever,
};

export const ADULT_FEVER: FlagRule = {
  code: 'FEVER_WITH_FOCUS',
  label: 'Fièvre avec foyer infectieux, persistante ou résistante au traitement',
  level: 'same_day',
  match: FEVER,
  when: adultFever,
};

export const SPREADING_INFECTION: FlagRule = {
  code: 'INFECTION_SIGNS',
  label: 'Infection locale qui s étend (rougeur, pus, plaie qui sent)',
  level: 'same_day',
  match: words(
    `(?:rouge|rougeur|chaud|chaude|gonfle\\w*|enfle\\w*|red|swollen|hot|warm|redness)${G4} (?:s etend|qui s etend|jusqu a|jusqu au|spreading|trainee|streak)`,
    'spreading (?:redness|rash)', 'red streak', 'pus', 'abces', 'abscess', 'infecte\\w*', 'infected', 'suinte\\w*', 'oozing', 'sent mauvais', 'smells',
    'necros\\w*', 'noir au milieu', 'croutes jaunes', 'impetigo', 'cellulite', 'erysipele', 'panaris', 'lymphangite', 'rouge et chaud', 'red and (?:hot|swollen)',
  ),
};

export const WOUND: FlagRule = {
  code: 'WOUND',
  label: 'Plaie profonde, morsure ou objet souillé',
  level: 'same_day',
  match: words(
    `(?:plaie|coupure|entaille|cut|wound|gash|laceration)${G4} (?:profonde|beante|baille|ouverte|qui baille|deep|gaping|wide open|needs stitches)`,
    'points de suture', 'stitches', 'mordu\\w*', 'morsure', 'bitten', 'dog bite', 'clou rouille', 'rusty nail', 'plaie (?:qui ne cicatrise pas|profonde)', 'ne cicatrise pas',
    `(?:cut|coupe)${G3} (?:deep|profond\\w*)`, 'baille',
  ),
};

export const FRACTURE: FlagRule = {
  code: 'SUSPECTED_FRACTURE',
  label: 'Suspicion de fracture ou lésion tendineuse',
  level: 'same_day',
  match: words(
    'fracture\\w*', `(?:casse|cassee)${G2} (?:le|la|un|une|son|sa|mon|ma) (?:bras|jambe|poignet|cheville|doigt|orteil|nez|cote|clavicule|pied|main)`, 'c est casse',
    'broken (?:arm|leg|wrist|ankle|bone|finger|toe|nose|rib|collarbone|foot|hand)', '(?:n |ne )?(?:arrive|peux|peut) (?:plus|pas) a (?:poser|appuyer|plier|bouger|marcher|me mettre|se mettre|le plier|la plier)',
    '(?:can not|unable to) (?:put weight|bear weight|walk on|move it|bend it)', 'can barely walk', 'barely walk', 'claquement', 'entendu un crack', 'heard a (?:snap|pop|crack)',
    '(?:gonfle et bleu|bleu et gonfle|swollen and bruised|bruised and swollen)', 'refuse de poser le pied', 'ne peut plus (?:poser|appuyer|marcher)', 'entorse grave',
  ),
};

export const ACUTE_PAIN: FlagRule = {
  code: 'ACUTE_WORSENING_PAIN',
  label: 'Douleur aiguë intense ou qui s aggrave',
  level: 'same_day',
  match: words(
    'de pire en pire', 'de plus en plus (?:fort|forte|mal|douloureu\\w*|intense)', 'beaucoup plus (?:fort|forte|mal|douloureu\\w*)', 's aggrave', 'empire',
    'worse and worse', 'getting worse', 'worsening', 'insupportable', 'unbearable', '(?:tres|super|hyper|vraiment|trop) (?:douloureu\\w*|mal)', 'hurle de douleur',
    'pleure de douleur', 'crie de douleur', `(?:douleur|douleurs)${G2} (?:intense|violente|atroce|terrible|enorme|forte|tres forte|insupportable)`, 'grosse douleur',
    'forte douleur', 'severe pain', 'excruciating', 'really (?:painful|bad pain|hurts)', 'very painful', 'extremely painful', 'ca lance', 'lancinant\\w*', 'throbbing',
    'ne peux plus (?:m asseoir|marcher|dormir|bouger|lever|ouvrir)', '(?:n |ne )?(?:arrive|peux|peut) plus a (?:ouvrir|marcher|m asseoir|s asseoir|bouger|lever|dormir|avaler|manger)',
    'can not (?:sleep|sit|walk) (?:because of|for) the pain', 'colique nephretique', 'renal colic',
  ),
};

export const EYE_EAR: FlagRule = {
  code: 'EYE_OR_EAR_URGENT',
  label: 'Œil rouge douloureux, éclairs/corps flottants, baisse d audition brutale',
  level: 'same_day',
  match: words(
    'eclairs', 'flashs?', 'flashes', 'flashing lights', 'mouches (?:noires|volantes)', 'corps flottants', 'floaters', `oeil${G2} (?:rouge et douloureux|tres rouge|douloureux|tres gonfle|gonfle)`,
    '(?:red|painful) eye', `vision${G2} (?:floue|trouble|blurr\\w*)`, '(?:vois|voit) (?:flou|trouble|double)', 'blurr\\w* vision', 'voit flou', 'vois flou', 'coup dans l oeil',
    'corps etranger dans l oeil', 'something in (?:my|his|her) eye', `(?:produit|eclaboussure)${G3} (?:dans l oeil|dans les yeux)`, 'chemical in (?:my|his|her) eyes?',
    `(?:entend|entends|hear\\w*)${G3} (?:beaucoup moins|plus rien|plus du tout|nothing)`, 'surdite (?:brutale|soudaine)', 'sudden (?:hearing loss|deafness)', 'lost (?:the |my |his |her )?hearing',
    `oreille${G2} bouchee${G2} (?:d un coup|brutalement)`, 'c est venu d un coup',
  ),
};

export const SHINGLES_DVT: FlagRule = {
  code: 'TIME_SENSITIVE_CONDITION',
  label: 'Zona, phlébite ou autre affection à traiter vite',
  level: 'same_day',
  match: words(
    'zona', 'shingles', `(?:vesicules|cloques|blisters)${G2} (?:en bande|en ceinture|in a band)`, 'phlebite', 'thrombose', 'dvt', 'blood clot',
    `(?:mollet|calf)${G3} (?:gonfle|douloureux|rouge|chaud|swollen|painful|tender|red|hot)`, `(?:gonflement|douleur)${G3} (?:du |au )?mollet`,
    'kawasaki', 'pyelonephrite', 'pyelo', 'appendicite', 'appendicitis', 'colique nephretique', 'retention urinaire', 'can not pass urine', 'n arrive plus a uriner',
  ),
};

export const PREGNANCY_SIGNS: FlagRule = {
  code: 'PREGNANCY_SIGNS',
  label: 'Grossesse avec saignement, douleur, fièvre, brûlures urinaires ou moins de mouvements',
  level: 'same_day',
  match: words(
    'saign\\w*', 'bleed\\w*', 'pertes? de sang', 'contractions', 'bouge (?:moins|plus)', 'moins bouger', 'bouger moins', 'reduced (?:fetal )?movements?', 'not moving',
    'brulures?', 'urin\\w*', 'fievre', 'fever', 'mal au ventre', `douleurs?${G3} (?:ventre|bas du ventre)`, 'abdominal pain', 'cramps', 'mal (?:a la|de) tete', 'headache',
    'perte des eaux', 'waters? (?:broke|has broken)', 'liquide', 'gonflement', 'oedemes?',
  ),
  withAll: [PREGNANT],
};

export const PSYCH_DISTRESS: FlagRule = {
  code: 'PSYCHOLOGICAL_DISTRESS',
  label: 'Idées noires sans projet (rappel médecin + 3114)',
  level: 'same_day',
  chronicOk: true,
  match: words(
    'idees? noires', 'pensees? noires', 'idees? suicidaires', 'pensees? suicidaires', 'suicid\\w*', 'dark thoughts', 'la vie n a (?:pas|plus) de sens',
    'mieux sans (?:lui|moi|elle)', 'better off without (?:me|him|her)', 'plus envie de vivre', 'ne plus etre la', 'pense a la mort', 'thoughts of (?:suicide|dying|ending)',
    'no point (?:in )?living', 'can not go on', 'n en peut plus', 'ne s en sort plus', 'crise d angoisse', 'panic attack', 'attaque de panique', 'hopeless',
  ),
};

export const ELDERLY: FlagRule = {
  code: 'ACUTE_CONFUSION_OR_FALL',
  label: 'Confusion aiguë, chute avec douleur ou ne mange/boit plus',
  level: 'same_day',
  match: words(
    'confus\\w*', 'desoriente\\w*', 'ne sait plus (?:quel jour|ou (?:il|elle) est)', 'dit n importe quoi', 'delire', 'hallucin\\w*', 'confused', 'disoriented', 'not making sense',
    'ne mange plus', 'ne boit plus', 'not eating', 'not drinking', 'stopped eating', 'refuse de (?:manger|boire)', '(?:n |ne )?arrive plus a (?:manger|boire)',
    `(?:est |suis |s est |etes )?(?:tombe|tombee)${G4} (?:ne peut plus|n arrive plus|tres mal|hanche|mal)`, `(?:fell|fallen|had a fall)${G4} (?:hip|hurts|pain|can not)`,
    `(?:chute|tombe\\w*)${G4} (?:ne peut plus se lever|n arrive plus a se lever|ne se releve pas)`, 'n arrive plus a se lever', '(?:can not|unable to) get up',
  ),
};

export const PALPITATIONS: FlagRule = {
  code: 'PALPITATIONS_OR_MALAISE',
  label: 'Palpitations, malaise ou perte de connaissance passée',
  level: 'same_day',
  episode: true,
  match: words(
    'palpitations?', `coeur${G2} (?:bat|battait|s emballe) (?:tres |trop |super )?(?:vite|fort)`, 'tachycard\\w*', 'heart (?:is )?(?:racing|pounding)', 'racing heart',
    'fibrillation', 'arythmie', 'malaise', 'syncope', 'evanoui\\w*', 'fainted', 'passed out', 'perdu connaissance',
  ),
};

const CRITICAL_DRUGS = [
  'insuline', 'insulin', 'antiepileptique\\w*', 'traitement (?:anti )?epilep\\w*', 'keppra', 'depakine', 'lamictal', 'tegretol', 'levetiracetam', 'tacrolimus', 'ciclosporine',
  'anti rejet', 'transplant medication', 'anticoagulant\\w*', 'blood thinners?', 'eliquis', 'xarelto', 'previscan', 'coumadine', 'sintrom', 'pradaxa', 'apixaban',
  'rivaroxaban', 'ventoline', 'inhalateur', 'inhaler', 'reliever', 'modopar', 'sinemet', 'traitement (?:pour le |du )?(?:coeur|parkinson)', 'heart (?:medication|tablets|pills)',
  'hydrocortisone', 'antiretrovira\\w*', 'epilepsy medication', 'insulin pen', 'stylo d insuline',
].join('|');

export const CRITICAL_MEDICINE: FlagRule = {
  code: 'CRITICAL_TREATMENT_INTERRUPTED',
  label: 'Traitement critique interrompu (insuline, antiépileptique, greffe, anticoagulant, cardiaque, Parkinson)',
  level: 'same_day',
  // "plus d insuline" is the sign itself: the negation words are part of it.
  negationIsSign: true,
  match: words(
    `(?:plus d|plus de|n ai plus|n a plus|ran out of|run out of|running out of|out of|no more|nothing left of|oublie de renouveler|pas pu prendre|missed)${G4} (?:${CRITICAL_DRUGS})`,
    `(?:${CRITICAL_DRUGS})(?: [a-z0-9.,]+){0,6} (?:vole\\w*|stolen|perdu|lost|broke|broken|cass\\w*|fini|finished|termine|run out|ran out|running out|last one|nothing left|plus rien|depuis (?:hier|ce matin|ce soir))`,
  ),
  // README rule 9: a renewal with tablets left is routine.
  unless: words('il me reste (?:encore )?(?:\\d+|quelques|une|deux|trois|dix|quinze) (?:jours|semaines|boites|plaquettes)', 'en a encore pour', 'en ai encore pour', 'encore pour (?:\\d+|dix|quinze|quelques) jours',
    '(?:\\w+ )?(?:weeks?|days?) left', 'still have', 'reste (?:\\d+|deux|trois) semaines', 'pour (?:\\d+|dix|quinze) jours'),
};

export const LAB_ALERT: FlagRule = {
  code: 'CRITICAL_RESULT_OR_RECALL',
  label: 'Résultat critique ou patient à recontacter aujourd hui',
  level: 'same_day',
  timeless: true,
  match: words(
    'valeurs? critiques?', 'critical (?:value|result|level)', `(?:tres|trop|extremement) (?:bas|basse|eleve|elevee|haut|haute)`, 'very (?:low|high)', 'dangerously',
    'a double', 'has doubled', 'doubled', 'resistante?s?', 'resistant', 'contre avis medical', 'against medical advice', 'cetones', 'ketones', 'acetone',
    `(?:recontacter|rappeler|contacter|prevenir)${G4} (?:aujourd hui|rapidement|en urgence|ce jour)`, `(?:call|contact)${G4} (?:today|urgently|asap)`, 'inr (?:a |is |of )?(?:[5-9]|1\\d)',
    'glycemie (?:a |de )?(?:[3-9](?:\\.\\d)?) ?g', 'potassium (?:a |de |is |at )?(?:[6-9]|2\\.)', 'sodium (?:a |de |is |at )?1[01]\\d', 'hemoglobine (?:a |de )?[4-7](?:\\.\\d)?',
  ),
  unless: words('pas (?:tres|trop) (?:bas|eleve)', 'un peu (?:bas|basse|eleve|elevee|haut)'),
};

export const PRESCRIPTION_ERROR: FlagRule = {
  code: 'PRESCRIPTION_SAFETY',
  label: 'Erreur ou danger de prescription signalé par un professionnel',
  level: 'same_day',
  timeless: true,
  match: words('erreur', 'error', 'mistake', 'errone\\w*', 'surdosage', 'every hour', 'toutes les heures', 'deux anticoagulants', 'associant deux', 'allergique a', 'allergic to',
    'contre indiqu\\w*', 'contraindicated', 'interaction', 'tous les jours au lieu', 'au lieu d une fois', 'instead of (?:once|weekly)'),
  withAll: [PROFESSIONAL_SENDER],
  unless: words('erreur de (?:date|nom|adresse|facturation|facture)', 'date (?:error|mistake)'),
};

/** Symptoms plus an explicit wish to be seen or called today. */
export const WANTS_TODAY: FlagRule = {
  code: 'SYMPTOM_NEEDS_TODAY',
  label: 'Symptôme aigu et demande à être vu aujourd hui',
  level: 'same_day',
  match: words('aujourd hui', 'today', 'ce jour', 'en urgence', 'urgent\\w*', 'tout de suite', 'dans la journee', 'this (?:morning|afternoon|evening)', 'cet apres midi', 'ce matin', 'ce soir'),
  withAll: [
    words('rendez vous', 'creneau', 'consult\\w*', 'voir', 'passer', 'venir', 'see', 'seen', 'come', 'appointment', 'slot', 'rappel\\w*', 'call back', 'visite', 'recevoir', 'prendre'),
    words('douleurs?', 'douloureu\\w*', 'mal (?:a|au|aux|de|dans|quand)', 'fievre', 'temperature', 'pain', 'painful', 'hurt\\w*', 'fever', 'gonfl\\w*', 'swollen', 'saign\\w*',
      'vomi\\w*', 'brul\\w*', 'plaie', 'blessure', 'injur\\w*', 'infection', 'infecte\\w*', 'otite', 'angine', 'cystite', 'throbbing', 'red', 'rouge'),
  ],
  unless: words('certificat', 'certificate', 'renouvel\\w*', 'ordonnance', 'prescription', 'annul\\w*', 'cancel\\w*', 'va mieux', 'feeling better', 'better now'),
};

export const SAME_DAY_RULES: FlagRule[] = [
  INFANT_FEVER, CHILD_FEVER, ADULT_FEVER, SPREADING_INFECTION, WOUND, FRACTURE, ACUTE_PAIN, EYE_EAR, SHINGLES_DVT, PREGNANCY_SIGNS,
  PSYCH_DISTRESS, ELDERLY, PALPITATIONS, CRITICAL_MEDICINE, LAB_ALERT, PRESCRIPTION_ERROR, WANTS_TODAY,
];
