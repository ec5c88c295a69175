/**
 * The clinical catalogue: one entry per vital presentation, built from published triage
 * criteria (not from example messages), each applying discriminators to the concepts of
 * `concepts.ts`. Entries are rules of the same shape as the red flags, so negation, past,
 * handled and resolved events are judged the same way for both.
 *
 * Sources (abbreviations used in `source`):
 *  - FRENCH: SFMU, « FRench Emergency Nurses Classification in-Hospital », tri 1 and 2 criteria per motif (v1.2, 2018).
 *  - SAMU: signes de gravité de la régulation médicale (HAS, « Modalités de prise en charge d'un appel de demande de soins non programmés dans le cadre de la régulation médicale », 2011).
 *  - NICE: NICE CKS / NHS 111 red flags for the same presentations (chest pain CG95, sepsis NG51, head injury NG232, suicide CG133/NG225, asthma, bronchiolitis NG9, fever in under 5s NG143).
 * These rules must be validated by the practice's doctors before use (shown in the UI).
 */
import type { FlagRule, RuleContext } from './rule.js';
import { words } from './lexicon.js';
import { FEVER } from './lexicon.js';
import {
  ANTICOAG, BREATH_FAST, CHEMO, CLOT_RISK, CO_SOURCE, CONFUSED, CANT_MOVE, DIABETIC, DROWSY, EXPOSURE_COLD, EXPOSURE_HEAT, FRUITY,
  HEADACHE, HEART_HISTORY, HIGH_BP, HIGH_GLUCOSE, HIGH_TEMP, HOUSEHOLD, INFANT, LATE_PERIOD, LOW_GLUCOSE, LOW_SAT, NO_PULSE, NUMB, OLD, PAIN,
  PALE_COLD, POSTPARTUM, PREGNANT, SITE, SPOTS, SUDDEN, SWEAT, SWELLING, SYSTEMIC, THIRST, URINE_CONTROL, VISUAL, WORST, near,
} from './concepts.js';
import { BREATHLESS_STRICT, DEATH_WISH, DISTRESS, FAREWELL, FINALITY, FINALITY_PARTS, MEANS, MEANS_WEAK, SELF_HARM_ACT } from './concepts-mind.js';

const TEARING = '(?:dechir\\w*|arrach\\w*|coup de poignard|poignard\\w*|tearing|ripping|stabbing|knife)';

export interface CatalogueEntry {
  id: string;
  label: string;
  source: string;
  rules: FlagRule[];
}

/** Memoised: the engine caches matches per RegExp object, so the same pattern must be the same object. */
const built = new Map<string, RegExp>();
const w = (...xs: string[]): RegExp => {
  const key = xs.join('\u0000');
  let re = built.get(key);
  if (!re) {
    re = words(...xs);
    built.set(key, re);
  }
  return re;
};
/** How many of the patterns are present (non-negated) in the message. */
const count = (ctx: RuleContext, res: RegExp[]): number => res.filter((re) => ctx.has(re)).length;
const code = (id: string): string => 'C_' + id.toUpperCase();
/** A sign made of two concepts near each other; both concepts must be present before the (costly) proximity regex runs. */
const nr = (a: string, b: string, n?: number): Pick<FlagRule, 'match' | 'requires'> => ({ match: w(near(a, b, n)), requires: [w(a), w(b)] });

const ACS_SIGNS = w(SWEAT, BREATHLESS_STRICT, '(?:pale|gris|grise|livide|grey|ashen)\\w*', '(?:tout|toute|est|etait|devenu|devenue|teint|visage|blanc comme|si|tres) (?:blanc|blanche)\\b', 'malaise', 'faint\\w*', 'clammy', 'impression (?:de|qu) \\w+ (?:mourir|va mourir)', 'sense of doom', 'angoiss\\w*', 'essouffl\\w*', 'short of breath', 'breathless\\w*', 'out of breath');
const UPPER_BACK = `(?<!bas du |bas de son |bas de mon |lower |low )(?:${SITE.back})`;
/** Asthma worse but the person talks normally and the reliever helps: NICE moderate asthma, seen today (README rule 9). */
const ASTHMA_TALKS = w('(?:parle|parlons|parlent|je parle|il parle|elle parle) (?:normalement|bien|sans probleme)', '(?:can|i can|he can|she can) (?:talk|speak) (?:fine|normally|ok|okay|in full sentences)', 'talking (?:fine|normally)', '(?:le|la|me|les) soulage (?:bien|un peu)', '(?:it|which) (?:does )?helps?\\b', 'does help');
const NAUSEA = w('nause\\w*', 'envie de vomir', 'vomi\\w*', 'barbouill\\w*', 'nauseous', 'feel\\w* sick', 'throw\\w* up', 'threw up', 'vomit\\w*', 'mal au coeur');
const BELLY_PAIN = w(near(PAIN, SITE.belly, 4), 'mal au ventre', 'stomach ?ache', 'tummy ache', 'belly ache');
const LIMB = `(?:${SITE.leg}|${SITE.arm}|mains?|hands?|doigts?|fingers?)`;
const CHILD = (ctx: RuleContext): boolean => ctx.age.child || ctx.age.infant || ctx.has(w(INFANT));
const INFANTISH = (ctx: RuleContext): boolean => ctx.age.infant || (ctx.age.years !== undefined && ctx.age.years < 2) || ctx.has(w(INFANT));
const DIARRHOEA_VOMIT = w('diarrh\\w*', 'vomi\\w*', 'gastro\\w*', 'selles? liquides?', 'vomit\\w*', 'throwing up', 'runny (?:poo|nappies)', 'rend tout', 'rend (?:ses|tous ses) biberons');

const entry = (id: string, label: string, source: string, rules: Array<Omit<FlagRule, 'code' | 'label' | 'level'> & { level?: FlagRule['level'] }>): CatalogueEntry => ({
  id,
  label,
  source,
  rules: rules.map((r) => ({ code: code(id), label, level: 'vital', ...r })),
});

export const CATALOGUE: CatalogueEntry[] = [
  entry('acs', 'Syndrome coronarien possible (douleur thoracique ou forme atypique)', 'FRENCH « douleur thoracique » tri 1-2 ; NICE CG95 (pain in jaw, arm, back, epigastrium with sweating, nausea, breathlessness)', [
    { ...nr(PAIN, SITE.chest, 7), soften: { when: w('quand (?:je|il|elle) tousse', 'en toussant', 'when (?:i|he|she) cough\\w*', 'when coughing', 'only when (?:i )?cough\\w*', 'appuie', 'press\\w* on', 'en respirant fort', 'quand (?:je|il|elle) bouge'), to: 'same_day' } },
    // The lower back (« bas du dos », a pyelonephritis or a lumbago) is not a coronary site; the upper back is.
    { ...nr(PAIN, `(?:${SITE.jaw}|${SITE.arm}|${SITE.neck}|${UPPER_BACK}|${SITE.upperBelly})`, 5), withAny: [ACS_SIGNS] },
    { ...nr(PAIN, SITE.upperBelly, 5), withAny: [NAUSEA], when: (ctx) => ctx.has(w(DIABETIC, HEART_HISTORY)) || (ctx.age.years ?? 0) >= 60 || ctx.has(w(OLD)), otherwise: undefined },
    { match: w(SWEAT), withAll: [w(BREATHLESS_STRICT, 'essouffl\\w*', 'short of breath', 'breathless\\w*', 'out of breath')], withAny: [NAUSEA, w('malaise', 'pale\\w*', 'faint\\w*', 'fatigue\\w* (?:intense|extreme|ecrasante)', 'exhausted')] },
  ]),
  entry('aortic_dissection', 'Dissection aortique possible (douleur déchirante dos/thorax)', 'FRENCH « douleur thoracique » tri 1 ; SAMU', [
    { ...nr(TEARING, `(?:${SITE.back}|${SITE.chest}|${SITE.belly})`, 6) },
    { ...nr(PAIN, SITE.back, 5), withAll: [w(SUDDEN)], withAny: [w(WORST), ACS_SIGNS, w('migr\\w*', 'descend\\w*', 'moving', 'travel\\w*')] },
  ]),
  entry('pulmonary_embolism', 'Embolie pulmonaire possible (essoufflement ou douleur thoracique avec facteur de risque)', 'FRENCH « dyspnée » tri 2 ; NICE PE (recent surgery, immobilisation, travel, hormones, pregnancy, swollen calf, haemoptysis)', [
    { match: w(BREATHLESS_STRICT, 'essouffl\\w*', 'short of breath', 'breathless\\w*', 'out of breath', 'souffle court', near(PAIN, SITE.chest, 4), 'point de cote', 'douleur (?:quand|en) (?:je|il|elle) respire', 'hurts? (?:to|when (?:i|he|she)) breathe'), withAny: [w(CLOT_RISK)] },
    { match: w('crach\\w* (?:du )?sang', 'sang (?:en|quand) tous\\w*', 'cough\\w* (?:up )?blood', 'blood when (?:i|he|she) cough', 'hemoptysie', 'haemoptysis') },
  ]),
  entry('subarachnoid', 'Hémorragie méningée possible (céphalée brutale, la pire de sa vie)', 'FRENCH « céphalée » tri 1-2 (céphalée brutale en coup de tonnerre) ; NICE thunderclap headache', [
    { match: w(HEADACHE, near(PAIN, SITE.head, 3)), withAny: [w(SUDDEN), w('pire (?:de (?:ma|sa) vie|mal de tete)', 'jamais (?:eu|connu|ressenti) (?:un|une|aussi|ca|pareil|de tel)', 'worst (?:headache|pain|ever|of (?:my|his|her) life|in (?:my|his|her) life)', 'never (?:had|felt) (?:a |one )?(?:headache )?(?:like|this|such)', 'tete (?:va |qui )?explos\\w*', 'head (?:is )?(?:going to )?explod\\w*')], unless: w('comme d habitude', 'habituelle?s?', 'mes migraines', 'sa migraine habituelle', 'my usual', 'usual migraine', 'as usual') },
  ]),
  entry('stroke_tia', 'AVC ou AIT en cours ou de moins de 24 h', 'FRENCH « déficit moteur / sensitif / trouble de la parole » tri 1-2 ; FAST / BE-FAST (NHS)', [
    { neuro: true, ...nr(`(?:${NUMB}|${CANT_MOVE}|faible\\w*|weak\\w*|lourd\\w*|heavy|tombe\\w*|pend\\w*|droop\\w*|de travers|sans force|maladroit\\w*|clumsy)`, `(?:${SITE.arm}|${SITE.leg}|mains?|hands?|visage|face|bouche|mouth|levre|lip|joue|cheek)`, 3), withAny: [w(SUDDEN), w('un cote', 'd un cote', 'cote (?:droit|gauche)', 'droite?', 'gauche', 'right', 'left', 'one side', 'moitie', 'half', 'et (?:la|le) (?:jambe|bras|main|visage)', 'and (?:the|his|her) (?:leg|arm|hand|face)')] },
    { neuro: true, match: w('parl(?:e|er|ait) (?:bizarre\\w*|mal|plus|bizarrement|de travers|comme (?:un|une|s il|si elle))', 'mots? (?:melanges?|bizarres?|sans sens|inventes?)', 'melange (?:\\w+ )?(?:ses|les|mes) mots', '(?:ne )?trouve (?:plus|pas) (?:ses|mes|les) mots', 'n arrive (?:plus|pas) a (?:parler|dire|articuler)', 'bouche pateuse', 'voix pateuse', 'words? (?:came out|coming out) (?:wrong|jumbled|muddled)', 'talking (?:funny|gibberish|nonsense|strange\\w*)', 'mixing up (?:his|her|my) words', 'could not get (?:the|his|her|my) words out', 'ne comprend (?:plus|pas) ce qu on (?:lui )?dit', 'does not understand what'), withAny: [w(SUDDEN), w('d un coup', 'ce matin', 'tout a l heure', 'depuis \\d+ (?:minutes|heures?|h)', 'this morning', 'an hour ago', 'just now', 'en plein', 'au reveil', 'woke up', 'pendant le (?:repas|diner|dejeuner)', 'during (?:lunch|dinner)')], otherwise: 'same_day' },
    { neuro: true, match: w('perd\\w* l equilibre', 'tient plus debout', 'marche de travers', 'titube\\w*', 'lost (?:his|her|my) balance', 'can not walk straight', 'walking like (?:he|she) is drunk', 'vision double', 'voit double', 'seeing double', 'double vision'), withAll: [w(SUDDEN)] },
    // Double vision with vertigo or unsteadiness: two posterior-circulation signs together, sudden or not (NICE NG128).
    { neuro: true, match: w('vision double', 'voi[st] double', 'voyai[st] double', 'seeing double', 'double vision', 'diplopie'), withAll: [w('vertiges?', 'tout tourne', 'dizzy', 'dizziness', 'perd\\w* l equilibre', 'titube\\w*', 'lost (?:his|her|my) balance', 'unsteady')] },
  ]),
  entry('gi_bleeding', 'Hémorragie digestive (vomit du sang, selles noires avec malaise)', 'FRENCH « hématémèse / méléna / rectorragie » tri 2 ; SAMU', [
    { match: w('vomi\\w* (?:du |de )?(?:sang|rouge|noir|marc de cafe|comme du cafe)', 'vomit\\w* (?:blood|black|coffee grounds|red)', 'sang dans (?:les|ses|mes|son|mon) (?:vomi\\w*)', 'blood in (?:the|his|her|my) (?:vomit|sick)', 'threw up blood', 'hematemese', 'marc de cafe', 'coffee grounds?') },
    { match: w(near('(?:noires?|black|goudron\\w*|tarry|tar|sang|blood)', '(?:selles?|caca|poo|poop|stools?)', 3), 'selles? (?:noires?|goudron\\w*|comme du goudron|pleines de sang|avec du sang|rouges?)', 'caca (?:noir|plein de sang|rouge)', 'black (?:stools?|poo|poop|tarry)', 'tarry', 'melena', 'mel?ena', 'rectorragie\\w*', 'sang (?:rouge )?(?:dans|par) (?:les toilettes|la cuvette|l anus|derriere)', 'blood in (?:the|his|her|my) (?:toilet|poo|stools?|bowl)', 'bleeding from (?:his|her|my) (?:bottom|back passage)', 'saign\\w* (?:par|de) (?:l anus|derriere|le rectum)'), withAny: [w(SYSTEMIC), w(ANTICOAG), w('beaucoup', 'enorme\\w*', 'lots', 'a lot', 'plein', 'caillots?', 'clots?')], otherwise: 'same_day' },
  ]),
  entry('ectopic_pregnancy', 'Grossesse extra-utérine possible', 'FRENCH « douleur abdominale / grossesse » tri 2 ; NICE ectopic pregnancy (NG126)', [
    { ...nr(PAIN, `(?:${SITE.belly}|un cote|cote (?:droit|gauche)|bas du ventre|pelvis|ovaires?|lower|epaules?|shoulder)`, 5), withAll: [w(LATE_PERIOD)], withAny: [w(SYSTEMIC), w(WORST), w('saign\\w*', 'pertes? (?:de sang|marron|brunes?)', 'bleed\\w*', 'spotting', 'epaule', 'shoulder')], otherwise: 'same_day' },
  ]),
  entry('postpartum_haemorrhage', 'Hémorragie du post-partum', 'FRENCH « hémorragie du post-partum » tri 1-2 ; NICE postnatal care (heavy bleeding, clots, faintness)', [
    { match: w('saign\\w*', 'bleed\\w*', 'perd\\w* (?:du|beaucoup de|enormement de) sang', 'caillots?', 'clots?', 'hemorragi\\w*', 'haemorrhag\\w*', 'hemorrhag\\w*', 'pertes? de sang', 'lochies'), withAll: [w(POSTPARTUM)], withAny: [w('beaucoup', 'enorme\\w*', 'lots', 'heavy', 'heavily', 'soak\\w*', 'tremp\\w*', 'caillots?', 'clots?', 'golf ball', 'balle', 'toutes les heures', 'every hour', 'ne s arrete', 'won t stop', 'will not stop', 'de plus en plus', 'more and more', 'serviettes?', 'pads?'), w(SYSTEMIC)], otherwise: 'same_day' },
  ]),
  entry('pre_eclampsia', 'Pré-éclampsie possible (grossesse ou post-partum)', 'FRENCH « grossesse » tri 2 ; NICE hypertension in pregnancy (NG133)', [
    { match: w(HEADACHE, VISUAL, near(SWELLING, '(?:visage|mains|doigts|face|hands|fingers|yeux|eyes|paupieres)', 4), HIGH_BP, near(PAIN, SITE.upperBelly, 4)), withAll: [w(PREGNANT, POSTPARTUM)], when: (ctx) => count(ctx, [w(HEADACHE), w(VISUAL), w(near(SWELLING, '(?:visage|mains|doigts|face|hands|fingers|yeux|eyes|paupieres)', 4)), w(HIGH_BP), w(near(PAIN, SITE.upperBelly, 4))]) >= 2 || ctx.has(w(HIGH_BP)), otherwise: 'same_day' },
  ]),
  entry('hypoglycaemia', 'Hypoglycémie avec troubles de conscience', 'FRENCH « hypoglycémie » tri 2 ; SAMU', [
    { match: w(CONFUSED, DROWSY, '(?:ne peut|n arrive|n arrivait|ne pouvait) (?:pas|plus) (?:a )?(?:avaler|manger|boire)', 'avale (?:pas|plus|rien)', 'can not swallow', 'unable to swallow', 'convuls\\w*', 'tremble\\w* de partout', 'shaking all over'), withAll: [w(DIABETIC)] },
    { match: w(LOW_GLUCOSE), withAny: [w(SWEAT), w(SYSTEMIC), w('trembl\\w*', 'shak\\w*', 'confus\\w*')], otherwise: 'same_day' },
  ]),
  entry('ketoacidosis', 'Acidocétose diabétique possible', 'FRENCH « hyperglycémie » tri 2 ; NICE DKA (vomiting, deep breathing, ketones, drowsiness)', [
    { match: w('vomi\\w*', 'vomit\\w*', 'throwing up', BREATH_FAST, FRUITY), withAll: [w(DIABETIC)], withAny: [w(HIGH_GLUCOSE), w(THIRST), w(FRUITY), w(DROWSY), w(CONFUSED), w(BREATH_FAST), BELLY_PAIN, w('type 1', 'insulin\\w*', 'insuline\\w*', 'pompe', 'pump')], otherwise: 'same_day' },
  ]),
  entry('infant_dehydration', "Déshydratation du nourrisson ou du jeune enfant", 'FRENCH « pédiatrie : diarrhée / vomissements » tri 2 ; NICE NG143 / diarrhoea and vomiting in under 5s (red flags)', [
    { match: w(URINE_CONTROL, 'yeux (?:creux|cernes|enfonces)', 'sunken', 'fontanelle (?:creuse|enfoncee|qui creuse)', 'refuse (?:tout|tous|les biberons|de boire|le sein|ses biberons)', 'ne boit (?:plus|rien|pas)', 'won t (?:drink|feed|take)', 'will not (?:drink|feed|take)', 'not drinking', 'not feeding', 'pleure sans larmes', 'no tears', 'bouche (?:seche|collante)', 'dry mouth', DROWSY), withAll: [DIARRHOEA_VOMIT], when: CHILD },
  ]),
  entry('bronchiolitis', "Bronchiolite / détresse respiratoire du nourrisson", 'FRENCH « dyspnée de l enfant » tri 2 ; NICE NG9 (apnoea, grunting, recession, < 50 % of feeds, exhaustion)', [
    { match: w(BREATH_FAST, BREATHLESS_STRICT, 'tirage', 'creuse\\w* (?:sous|entre) les cotes', 'cotes qui (?:se creusent|rentrent|se voient)', 'ventre qui se creuse', 'ribs? (?:sucking|pulling|showing)', 'sucking in', 'pauses? (?:respiratoires?|dans sa respiration)', 'arrete de respirer', 'stops? breathing', 'grunt\\w*', 'geint', 'gemi\\w*', 'narines? qui (?:bougent|battent|s ouvrent)', 'nostrils? flar\\w*', 'head bobbing', 'siffle\\w*', 'wheez\\w*', 'moitie (?:du|de son|de ses) biberons?', 'half (?:his|her|of (?:his|her)) (?:bottle|feed)'), when: (ctx) => INFANTISH(ctx) && ctx.has(w(BREATH_FAST, BREATHLESS_STRICT, 'tirage', 'creuse\\w* (?:sous|entre) les cotes', 'cotes qui (?:se creusent|rentrent|se voient)', 'ribs? (?:sucking|pulling|showing)', 'sucking in', 'pauses?', 'arrete de respirer', 'stops? breathing', 'grunt\\w*', 'geint', 'narines?', 'nostrils?', 'epuise\\w*', 'exhausted', 'tired', 'fatigue\\w*')) },
  ]),
  entry('carbon_monoxide', 'Intoxication au monoxyde de carbone possible', 'SAMU (plusieurs personnes du même foyer, céphalées, nausées, source de combustion) ; NHS CO poisoning', [
    { match: w('monoxyde', 'carbon monoxide', 'intoxication au co', 'co poisoning', '(?:detecteur|alarme) (?:de )?(?:co|monoxyde)\\w*', 'co (?:alarm|detector)\\w*') },
    { match: w(HEADACHE, 'nause\\w*', 'vertig\\w*', 'dizz\\w*', 'vomi\\w*', 'malaise', 'somnolen\\w*', 'drowsy'), withAll: [w(HOUSEHOLD)], withAny: [w(CO_SOURCE), w('mieux (?:dehors|a l exterieur|quand (?:on|je|nous) sort)', 'better (?:outside|when (?:we|i) (?:go|went|are) out)', 'quand on (?:sort|ouvre)', 'fenetres? fermees?', 'windows? (?:shut|closed)')] },
  ]),
  entry('poisoning', 'Intoxication ou ingestion dangereuse', 'FRENCH « intoxication » tri 1-2 ; centres antipoison (pile bouton, caustiques, champignons, médicaments d un adulte chez l enfant)', [
    { ...nr('(?:avale\\w*|mange\\w*|bu|bois|swallow\\w*|ate|eaten|drank|drunk|ingere\\w*|mis (?:dans|a) la bouche|in (?:his|her) mouth|suce\\w*|sucked|mache\\w*|chewed|lech\\w*|licked|gobe\\w*)', '(?:piles?|pile (?:bouton|plate)|button batter\\w*|batter\\w*|aimants?|magnets?|javel|bleach|detergent|lessive|capsules?|pods?|produit\\w*|cleaning|cleaner|lave vaisselle|dishwasher|destop|deboucheur|drain|white spirit|essence|petrol|antigel|antifreeze|raticide|mort aux rats|rat poison|champignons?|mushrooms?|e liquide?|vape|vapoteuse|nicotine|baies|berries|lampe a huile|paraffin|soude|acide|acid|ammoniac|ammonia)', 6) },
    { ...nr('(?:avale\\w*|mange\\w*(?! (?:peu|pas|bien|normalement|moins|un peu|rien|presque rien))|bu|swallow\\w*|ate|eaten|took|taken|pris|prendre|prends|ingere\\w*|gobe\\w*|pioche\\w*|trouve|found|manque\\w*|missing)', '(?:medicaments?|cachets?|comprimes?|gelules?|pills?|tablets?|meds|boites?|plaquettes?|pilulier|pill box|pillbox|flacon|bottle|doliprane|paracetamol|dafalgan|efferalgan|xanax|lexomil|stilnox|zolpidem|somniferes?|sleeping pills|anxiolyti\\w*|antidepress\\w*|tramadol|codeine|morphine|methadone|subutex|lithium|calpol|ibuprofen|nurofen|advil|insuline|insulin|fer|iron)', 6), when: (ctx) => CHILD(ctx) || ctx.has(w('toute? (?:la|une|sa|ma) (?:boite|plaquette)', 'toutes? (?:les|ses|mes)', 'tous (?:les|ses|mes)', 'whole (?:box|packet|bottle|strip|pack)', 'plusieurs (?:boites|plaquettes)', 'une (?:dizaine|vingtaine|trentaine)', '\\d\\d (?:comprimes|cachets|gelules|pills|tablets)', 'lots of', 'a lot of', 'all (?:of )?(?:his|her|my|the)', 'pas les (?:siens|siennes)', 'de (?:sa|son|ma|mon) (?:mere|pere|grand mere|grand pere|mamie|papi)', 'grand (?:mere|pere)', 'grandma\\w*', 'grandad\\w*', 'nan\\w*', 'someone else', 'volontairement', 'on purpose', 'overdos\\w*', 'surdos\\w*')) || ctx.has(w(DROWSY)) || ctx.has(w(CONFUSED)) },
  ]),
  entry('heat_stroke', 'Coup de chaleur', 'FRENCH « hyperthermie » tri 1-2 ; NHS heatstroke (confusion, hot dry skin, no sweating, collapse)', [
    { match: w(CONFUSED, DROWSY, 'effondre\\w*', 'collaps\\w*', 'tombe\\w*', 'ne transpire plus', 'stopped sweating', 'peau (?:seche|brulante|chaude et seche)', 'hot (?:and )?dry skin', HIGH_TEMP, 'convuls\\w*'), withAll: [w(EXPOSURE_HEAT)], when: (ctx) => count(ctx, [w(CONFUSED), w(DROWSY), w('effondre\\w*', 'collaps\\w*'), w('ne transpire plus', 'stopped sweating', 'peau (?:seche|brulante)', 'hot (?:and )?dry skin'), w(HIGH_TEMP)]) >= 1 && ctx.has(w('canicule', 'chaleur', 'coup de chaleur', 'insolation', 'soleil', 'heat\\w*', 'sun\\w*', '(?:3[5-9]|4\\d) degres', 'sans clim\\w*', 'no air con\\w*', 'tres chaud', 'tellement chaud', 'so hot', 'sweltering', 'etouffant', 'fournaise')) },
  ]),
  entry('hypothermia', 'Hypothermie', 'FRENCH « hypothermie » tri 1-2 ; SAMU (personne âgée au sol, immersion)', [
    { match: w(CONFUSED, DROWSY, 'ne tremble plus', 'stopped shivering', 'grelott\\w*', 'shiver\\w*', '(?:temperature|thermometre) (?:a |de )?3[0-4]', '3[0-4](?:\\.\\d)? (?:degres|de temperature)', 'glace\\w*', 'gele\\w*', 'frigorifi\\w*', 'ice cold', 'freezing', 'frozen', 'bleu\\w*', 'blue'), withAll: [w(EXPOSURE_COLD)], when: (ctx) => ctx.has(w(CONFUSED, DROWSY, 'ne tremble plus', 'stopped shivering', '(?:temperature|thermometre) (?:a |de )?3[0-4]', '3[0-4](?:\\.\\d)? (?:degres|de temperature)')) || ctx.has(w(OLD)) },
  ]),
  entry('limb_ischaemia', 'Ischémie aiguë de membre', 'FRENCH « ischémie de membre » tri 2 ; NICE (6 P : pain, pallor, pulselessness, paraesthesia, paralysis, perishing cold)', [
    { ...nr(PALE_COLD, LIMB, 4), withAny: [w(NO_PULSE), w(SUDDEN)], when: (ctx) => count(ctx, [w(PAIN), w(NUMB), w(CANT_MOVE), w(NO_PULSE), w(SUDDEN)]) >= 2 },
    { match: w(NO_PULSE) },
  ]),
  entry('cauda_equina', 'Syndrome de la queue de cheval', 'FRENCH « lombalgie » tri 2 (troubles sphinctériens, anesthésie en selle) ; NICE back pain red flags', [
    { match: w(URINE_CONTROL, near(NUMB, SITE.saddle, 5), near(`(?:${NUMB}|${CANT_MOVE}|faible\\w*|weak\\w*)`, '(?:deux jambes|les jambes|both legs|his legs|her legs|my legs)', 4)), withAll: [w(near(PAIN, SITE.back, 4), 'sciatique', 'sciatica', 'lumbago', 'lombalgie', 'hernie', 'disc', 'disque', 'lombaires?', 'lumbar', 'reins', 'tour de reins', 'bloque\\w* du dos', 'back (?:pain|went|gave)')] },
  ]),
  entry('severe_asthma', 'Asthme aigu grave', 'FRENCH « asthme » tri 1-2 (parole impossible, DEP < 50 %) ; NICE / BTS acute asthma', [
    { match: w('ventoline', 'salbutamol', 'inhalateur', 'spray', 'pompe', 'bronchodilat\\w*', 'inhaler', 'puffer', 'reliever', 'nebul\\w*', 'asthm\\w*'), withAny: [w('ne (?:fait|marche|soulage|change) (?:rien|plus|pas)', 'fait rien', 'sans effet', 'aucun effet', 'not (?:working|helping)', 'no (?:effect|help|better|difference)', 'does nothing', 'do nothing', 'not doing anything', 'finir (?:ses|mes|une|sa|ma) phrases?', 'finish (?:a|his|her|my) sentences?', 'full sentences?', 'mot par mot', 'one word at a time', 'can only (?:say|speak|get out)', '(?:ne peut|n arrive|can not|can t) (?:plus |pas )?(?:parler|speak|talk)', '(?:[6-9]|\\d\\d|six|huit|dix|douze|vingt|eight|ten|twelve|twenty) (?:bouffees|puffs|pulverisations)', '(?:\\d+|six|huit|dix|douze|vingt|eight|ten|twelve|twenty) (?:bouffees|puffs|pulverisations|fois) (?:de suite|d affilee|en (?:une|1) heure|in (?:an|one|1) hour|in a row)', 'not touching (?:it|the sides)', 'ne (?:me )?(?:soulage|fait) (?:rien|plus rien)', 'toutes les (?:5|10|15|20|cinq|dix) minutes', 'every (?:5|10|15|20|few) minutes', 'levres (?:bleues|violettes|grises)', 'blue lips', 'lips (?:blue|grey)', 'epuise\\w*', 'exhausted', '(?:peak flow|debit de pointe|dep)(?: \\w+){0,3} (?:[1-4]\\d ?%|[5-9]\\d\\b|1\\d\\d\\b)', 'de plus en plus', 'worse and worse', 'getting worse', 'pire'), w(DROWSY)], soften: { when: ASTHMA_TALKS, to: 'same_day' } },
  ]),
  entry('sepsis', 'Sepsis possible (infection avec signe de gravité, chimiothérapie)', 'FRENCH « fièvre » tri 2 (purpura, marbrures, confusion, immunodépression) ; NICE NG51 / neutropenic sepsis CG151', [
    { match: FEVER, withAny: [w(CONFUSED), w(DROWSY), w('marbr\\w*', 'mottled', 'blotchy', 'extremites (?:froides|glacees)', '(?:mains|pieds) (?:froids|glaces|bleus)', 'cold (?:hands|feet)', 'tient (?:plus|pas) debout', 'can not stand', 'respire (?:tres )?vite', 'breathing (?:very )?fast', 'n urine (?:plus|pas)', 'pas (?:uriner|urine|fait pipi)', 'not (?:peed|passed urine)', 'jamais (?:vu|ete) (?:aussi|si|comme)', 'never (?:seen|been) (?:him|her|me)? ?(?:so|this) (?:ill|unwell|sick)', 'tres (?:mal en point|affaibli\\w*)'), w(CHEMO)] },
    { match: w('frissons?', 'grelott\\w*', 'tremble\\w*', 'shiver\\w*', 'rigors?', 'chills?', 'shaking'), withAll: [w(CHEMO)] },
    { match: w('frissons?', 'grelott\\w*', 'shiver\\w*', 'rigors?', 'chills?'), withAny: [w(CONFUSED), w('marbr\\w*', 'mottled', 'n urine (?:plus|pas)', 'not (?:peed|passed urine)'), w('opere\\w*', 'operation', 'surgery', 'sonde', 'catheter')] },
  ]),
  entry('anaphylaxis', 'Anaphylaxie (gonflement visage / gorge, gêne respiratoire)', 'FRENCH « allergie » tri 1-2 ; NICE CG134 / Resuscitation Council anaphylaxis', [
    { ...nr(SWELLING, `(?:${SITE.face}|${SITE.neck}|gorge|throat|bouche|mouth)`, 4), withAny: [w('allergi\\w*', 'piqu\\w*', 'sting', 'stung', 'guepe', 'abeille', 'frelon', 'bee', 'wasp', 'cacahuetes?', 'arachides?', 'peanuts?', 'nuts?', 'noix', 'crevettes?', 'fruits de mer', 'shellfish', 'mange', 'ate', 'eaten', 'antibiotiques?', 'antibiotics?', 'penicilline', 'amoxicilline', 'medicament', 'vaccin\\w*'), w(BREATHLESS_STRICT), w('avaler', 'swallow\\w*', 'voix', 'voice', 'urticaire', 'hives', 'plaques partout', 'boutons partout', 'rash all over', 'malaise', 'faint\\w*')], otherwise: 'same_day' },
    { match: w('gorge (?:qui )?(?:se )?(?:ferme|serre|gonfle|bouche)', 'throat (?:is )?(?:closing|tight\\w*|swelling|swollen)', 'langue (?:qui )?(?:gonfle|enfle)', 'tongue (?:is )?(?:swelling|swollen)', '(?<!(?:ordonnance|prescription|renouvel\\w*|renew\\w*|refaire|has|have|a|ai) (?:d |de |d un |de l |de son |de mon |an |my |her |his |the |un |l |son |mon )?)(?:epipen|anapen|stylo (?:d )?adrenaline|adrenaline)(?! (?:but|mais) (?:\\w+ ){0,3}(?:never|jamais))', 'choc anaphylactique', 'anaphyla\\w*', 'oedeme de quincke', 'quincke') },
  ]),
  entry('meningitis_purpura', 'Méningite / purpura fulminans possible', 'FRENCH « fièvre » tri 1 (purpura) ; NICE NG240 (non-blanching rash, stiff neck, photophobia)', [
    { ...nr(SPOTS, '(?:ne (?:disparai\\w*|s efface\\w*|part\\w*|blanchi\\w*|pali\\w*) (?:pas|plus)|verre|glass|tumbler|violet\\w*|purple|pourpre|lie de vin|noir\\w*|do not fade|does not fade|don t fade|not fading|stay)', 6) },
    { match: w('nuque (?:raide|bloquee|dure)', 'ne (?:peut|peux|arrive) (?:pas|plus) (?:a )?(?:plier|baisser|tourner|bouger) (?:la |sa |le )?(?:tete|cou|nuque)', 'menton (?:sur|contre) (?:la |sa )?poitrine', 'stiff neck', 'neck (?:is )?(?:stiff|rigid)', 'can not (?:bend|move) (?:his|her|my) neck', 'chin to (?:his|her|my) chest', 'lumiere (?:lui |me )?fait mal', 'supporte (?:pas|plus) la lumiere', 'light hurts', 'can not stand (?:the )?light', 'photophob\\w*'), withAny: [FEVER, w(HEADACHE), w('vomi\\w*', 'vomit\\w*'), w(DROWSY), w(CONFUSED)], otherwise: 'same_day' },
  ]),
  entry('seizure', 'Convulsions en cours ou répétées', 'FRENCH « convulsions » tri 1-2 ; NICE epilepsy (status > 5 min, first seizure)', [
    { match: w('convuls\\w*', 'tremble de partout', 'secou\\w* de (?:spasmes|secousses|partout)', 'secousses', 'spasmes', 'yeux revulses', 'eyes (?:rolled|rolling)', 'shaking all over', 'jerking', 'fitting(?! (?:me|him|her|us|them|you|it) in)', 'seiz\\w*', 'fait une crise (?:d epilepsie|convulsive)?', 'having a fit', 'had a fit', 'raidi\\w* (?:d un coup|et)', '(?:bave|mousse) aux levres', 'foaming at', 'mordu la langue', 'bit (?:his|her|my) tongue') },
  ]),
  entry('unresponsive', 'Personne inconsciente ou qui ne réagit pas', 'FRENCH « malaise / coma » tri 1 ; SAMU (ne répond pas, ne respire pas normalement)', [
    { match: w('effondre\\w*', 'ecroule\\w*', 'collaps\\w*', 'tombe\\w* (?:par terre|d un coup|raide|comme une masse)', 'dropped', 'keeled over', 'ne respire (?:plus|pas)', 'not breathing', 'yeux (?:dans le vide|fixes)', 'staring', 'pas de reaction', 'no reaction', 'ne (?:reagit|repond|bouge) (?:plus|pas)(?! (?:au|aux|a mes|a nos|a ses|a mon|a son|a ma|a sa|a mon|a notre) (?:telephone|tel|appels?|messages?|sms|portable|traitement|antibiotiques?|mails?|courrier))', 'won t (?:respond|wake)', 'will not (?:respond|wake)', 'not (?:responding|waking)', 'inconscient\\w*', 'unconscious', 'dans le coma') },
  ]),
  entry('severe_trauma', 'Traumatisme grave', 'FRENCH « traumatisme » tri 1-2 (cinétique, déformation, plaie pénétrante) ; SAMU', [
    { match: w('tombe\\w* (?:du|d un|de la|de l|d une) (?:toit|echelle|balcon|fenetre|escabeau|arbre|etage|mur|cheval|velo|moto|scooter|trottinette|escalier)', 'chute (?:du|d un|de la|de l|d une) (?:toit|echelle|balcon|fenetre|escabeau|arbre|etage|mur|cheval|moto|hauteur)', '(?:fell|came|thrown) (?:off|from|out of|down) (?:a |the |his |her |my )?(?:roof|ladder|balcony|window|tree|horse|bike|motorbike|scooter|scaffold\\w*|stairs)', 'accident\\w*(?! (?:du|de|of) (?:travail|trajet|work))', 'renverse\\w* par', 'percute\\w*', 'hit by a (?:car|van|bus|lorry|truck)', 'knocked (?:down|over) by', 'os qui (?:sort|depasse|se voit)', 'bone (?:sticking|showing|poking)', 'deforme\\w*', 'angle bizarre', 'odd angle', 'wrong way', 'coup de couteau', 'poignarde\\w*', 'stabbed', 'stab wound', 'shot', 'electrocut\\w*', 'electrise\\w*', 'noy\\w*', 'drown\\w*', 'ecrase\\w* (?:par|sous)', 'crushed', 'coince\\w* sous', 'trapped under'), withAny: [w(DROWSY), w(CONFUSED), w(CANT_MOVE), w(NUMB), w('saign\\w*', 'bleed\\w*', 'sang', 'blood'), w(WORST), w(BREATHLESS_STRICT), w(SYSTEMIC), w('deforme\\w*', 'angle', 'os', 'bone', 'tete', 'head', 'dos', 'back', 'nuque', 'neck', 'ventre', 'belly', 'poitrine', 'chest', 'vomi\\w*', 'perdu connaissance', 'knocked out')], otherwise: 'same_day' },
  ]),
  entry('head_injury', 'Traumatisme crânien avec signe de gravité', 'FRENCH « traumatisme crânien » tri 2 ; NICE NG232 (vomiting, drowsiness, amnesia, anticoagulant, fluid from nose/ear)', [
    { ...nr('(?:tombe\\w*|chute|cogne\\w*|coup|choc|heurt\\w*|bang\\w*|bump\\w*|hit|knock\\w*|fell|fall|tape\\w*|percute\\w*)', '(?:tete|crane|front|tempe|nuque|head|forehead|skull|temple)', 5), withAny: [w('vomi\\w* (?:plusieurs|\\d|deux|trois|encore|a nouveau|sans arret|en jet)', '(?:vomited|sick|threw up) (?:\\d|twice|three|several|again|repeatedly)', 'keeps? (?:being sick|vomiting|throwing up)', 'vomit\\w* (?:again|repeatedly)'), w(DROWSY), w(CONFUSED), w('perdu connaissance', 'knocked out', 'black\\w* out', 'ne se souvient', 'ne se rappelle', 'remember', 'repete (?:les memes|la meme|sans arret)', 'same questions?', 'keeps asking', 'liquide clair', 'clear fluid', 'ecoulement', 'saign\\w* (?:du nez|de l oreille)', 'bleed\\w* from (?:the|his|her) (?:nose|ear)', 'convuls\\w*', 'vision (?:double|trouble|floue)', 'blurred', 'double vision'), w(ANTICOAG)], otherwise: 'same_day' },
  ]),
  entry('heavy_bleeding', 'Hémorragie abondante', 'FRENCH « hémorragie » tri 1-2 ; SAMU', [
    { match: w('saign\\w*', 'bleed\\w*', 'nosebleeds?', 'nose ?bleed\\w*', 'epistaxis', 'sang', 'blood', 'hemorragi\\w*', 'haemorrhag\\w*', 'pisse le sang'), withAny: [w('beaucoup', 'enorme\\w*', 'abondant\\w*', 'en jet', 'gicle\\w*', 'spurt\\w*', 'puls\\w*', 'ne s arrete (?:pas|plus)', 's arrete pas', 'won t stop', 'will not stop', 'keeps? (?:on )?bleeding', 'soak\\w*', 'tremp\\w*', 'serviettes?', 'towels?', 'flaque', 'pool', 'partout', 'everywhere', 'litres?', 'a lot', 'lots of', 'pissing', 'non stop', 'depuis (?:une|1|2|deux) heures?')], unless: w('rouge a levres', 'prise de sang', 'blood test', 'sang (?:dans les urines|dans l urine) (?:au labo|sur l analyse)', 'analyse de sang', 'donner (?:mon|du) sang', 'don du sang', 'blood (?:pressure|sugar|results?)') },
  ]),
  entry('severe_breathing', 'Détresse respiratoire', 'FRENCH « dyspnée » tri 1-2 (SpO2 < 92 %) ; SAMU', [
    { match: w(LOW_SAT, 'mousse (?:rosee|rose)', 'crache\\w* de la mousse', 'pink frothy', 'frothy (?:sputum|spit)', 'gargouill\\w* quand (?:il|elle|je) respire', 'gurgl\\w*') },
    { match: w(BREATHLESS_STRICT), withAny: [w('tres', 'tellement', 'du tout', 'at all', 'really', 'badly', 'severe\\w*', 'bleu\\w*', 'blue', 'gris\\w*', 'grey', 'parler', 'speak', 'talk', SUDDEN, 'panique', 'panic\\w*', 'de plus en plus', 'getting worse', 'worse', 'pire', 'assis', 'sitting up', 'penche\\w* en avant', 'leaning forward', 'nuit', 'night'), w(DROWSY), w(CONFUSED)], otherwise: 'same_day' },
  ]),
  entry('testicular_torsion', 'Torsion testiculaire possible', 'FRENCH « douleur testiculaire » tri 2 ; NICE (sudden testicular pain)', [
    { ...nr(PAIN, SITE.testicle, 5), withAny: [w(SUDDEN), w(WORST), w('vomi\\w*', 'vomit\\w*', 'remonte\\w*', 'higher', 'reveille\\w*', 'woke')], otherwise: 'same_day' },
  ]),
  entry('vision_loss', "Perte brutale de la vision", 'FRENCH « troubles visuels » tri 2 ; NICE (sudden loss of vision)', [
    { ...nr('(?:ne (?:voit|vois|voyait) (?:plus|rien)|voit plus rien|perdu la vue|plus rien (?:vu|voir)|noir|rideau|voile|curtain|shade|blind\\w*|aveugle|lost (?:the )?(?:vision|sight)|can not see|moitie|half|black)', SITE.eye, 5), withAny: [w(SUDDEN), w('d un oeil', 'one eye', 'un oeil', 'ce matin', 'depuis \\d+ (?:minutes|heures?)', 'this morning', 'just', 'au reveil', 'woke')], otherwise: 'same_day' },
  ]),
  entry('acute_abdomen', 'Abdomen aigu avec signe de gravité', 'FRENCH « douleur abdominale » tri 2 (défense, choc) ; SAMU', [
    { match: BELLY_PAIN, withAny: [w(WORST), w(SUDDEN)], when: (ctx) => ctx.has(w('pale\\w*', 'gris\\w*', 'grey', 'ashen', 'livide', 'sueurs?', 'sweat\\w*', 'clammy', 'malaise', 'faint\\w*', 'tourne de l oeil')) || ctx.has(w('dur comme (?:du bois|une planche|de la pierre|un caillou)', 'ventre (?:tout )?dur', 'rigid', 'board', 'hard as')) || ctx.has(w(OLD)) || ctx.has(w(ANTICOAG)), otherwise: 'same_day' },
  ]),
  entry('infant_danger', 'Nourrisson en danger (mou, gris, ne boit plus, cri anormal)', 'FRENCH « pédiatrie » tri 1-2 ; NICE NG143 traffic light (red features)', [
    { match: w(DROWSY, 'ne boit (?:plus|rien)', 'refuse (?:tout|tous|les biberons|le sein|de boire)', 'won t feed', 'not feeding', 'gris\\w*', 'grey', 'bleu\\w*', 'blue', 'marbr\\w*', 'mottled', 'cri (?:aigu|bizarre|faible|plaintif|anormal)', 'crie (?:bizarrement|faiblement)', 'high pitched cry', 'weak cry', 'geint', 'gemi\\w*', 'moaning', 'vomi\\w* vert', 'green vomit', 'fontanelle(?: \\w+){0,2} (?:bomb\\w*|gonfle\\w*|tendue)', 'bulging', 'ne (?:se )?reveille (?:plus|pas)', 'tout mou', 'toute molle', 'mou comme (?:un )?chiffon', 'molle comme (?:un )?chiffon', 'floppy'), when: INFANTISH },
  ]),
  entry('major_burn', 'Brûlure grave', 'FRENCH « brûlure » tri 1-2 (visage, voies aériennes, étendue, électrique, chimique) ; SAMU', [
    { match: w('brul\\w*', 'burn\\w*', 'scald\\w*', 'ebouillant\\w*', 'bouilloire', 'eau bouillante', 'kettle', 'boiling water', 'peau (?:qui )?part en lambeaux', 'skin (?:is )?peeling off', 'cloques?', 'blister\\w*'), withAny: [w('visage', 'face', 'cou', 'neck', 'bouche', 'mouth', 'fumee', 'smoke', 'electri\\w*', 'chimique', 'chemical', 'acide', 'acid', 'soude', 'bras entier', 'whole (?:arm|leg|back|chest)', 'tout le (?:bras|dos|torse|ventre)', 'grande surface', 'large', 'blanche', 'white', 'noir\\w*', 'charred', 'cloques partout', 'huile bouillante', 'boiling', 'eau bouillante', 'essence', 'petrol')], unless: w('brulures? (?:d estomac|urinaires?|en urinant|mictionnelles?)', 'burning (?:when|on) (?:i )?(?:pee|urinat)', 'heartburn', 'coup de soleil', 'sunburn') },
  ]),
  entry('self_harm_in_progress', "Automutilation ou tentative en cours", 'SAMU ; NICE NG225 (self-harm)', [
    { match: w(SELF_HARM_ACT) },
  ]),
  entry('suicidal_explicit', 'Intention suicidaire explicite', 'FRENCH « idées suicidaires » tri 2 ; NICE CG133 ; 3114', [
    { match: w(DEATH_WISH), withAny: [w(MEANS), w(MEANS_WEAK), w('ce soir', 'cette nuit', 'demain', 'tonight', 'today', 'aujourd hui', 'plan', 'projet', 'prevu', 'decide\\w*', 'pret\\w*', 'ready', 'comment (?:je vais|le faire)', 'how (?:i will|to do it)', 'adieu', 'goodbye')], otherwise: 'same_day' },
  ]),
  entry('suicidal_indirect', 'Intention suicidaire indirecte (adieux, affaires en ordre, moyens prêts)', 'NICE CG133 / NG225 (warning signs: farewells, putting affairs in order, giving possessions away) ; Santé publique France, 3114', [
    // The wordings themselves carry negations ("je ne serai plus un poids", "won't be needing").
    { match: w(FINALITY), when: (ctx) => count(ctx, FINALITY_PARTS) >= 2 || ctx.has(w(DEATH_WISH)) || ctx.has(w(MEANS)) || ctx.has(w(DISTRESS)), timeless: true, negationIsSign: true },
    { match: w(MEANS), withAny: [w(DISTRESS), w(DEATH_WISH), w(FINALITY)], timeless: true, negationIsSign: true },
    // A farewell that is the whole message (« goodbye everyone, sorry »): nothing else is asked of a practice.
    { match: w(FAREWELL), when: (ctx) => ctx.norm.split(' ').length <= 12, timeless: true, negationIsSign: true },
  ]),
];

/** The catalogue as rules for the urgency engine (one rule per discriminator). */
export const CATALOGUE_RULES: FlagRule[] = CATALOGUE.flatMap((e) => e.rules);

/** Codes of entries whose vital instruction must also give 3114 (suicide prevention line). */
export const SUICIDE_CODES = new Set(['SUICIDE_RISK', code('self_harm_in_progress'), code('suicidal_explicit'), code('suicidal_indirect')]);
