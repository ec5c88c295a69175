/**
 * Vital red flags: "hang up and call 15 (or 112)".
 *
 * Source: the practice checklist in docs (domain file section 3) and the dataset README.
 * Each rule is a sign pattern on the normalised text plus optional co-conditions. Written
 * wide on purpose: a false alarm costs a phone call, a miss can cost a life.
 */
import type { FlagRule } from './rule.js';
import {
  ALLERGEN, DROWSY, FEVER, PAIN, PREGNANT, SEVERE, SHOCK_SIGNS, SUDDEN, gap, words,
} from './lexicon.js';

const G2 = gap(2);
/** An adrenaline pen named for a renewal, a form or as something the child has (« has an EpiPen but never used it ») is not a reaction. */
const PEN_NOT_FOR_PAPERWORK = '(?<!(?:ordonnance|prescription|renouvel\\w*|renew\\w*|refaire|has|have|a|ai) (?:d |de |d un |de l |de son |de mon |an |my |her |his |the |un |l |son |mon )?)';
/** A figure of speech is not a sign: « j'ai failli faire une crise cardiaque en voyant la facture », "I nearly had a heart attack". */
const NOT_FIGURATIVE = '(?<!(?:apres|depuis|suite a|since|after) (?:son |sa |mon |ma |his |her |my |leur |their )(?:petit |mini )?)(?<!(?:failli|cru|croire|crois|manque de|almost|nearly|thought i was going to|thought i was) (?:faire |avoir |fait |have |had |having )?(?:une |un |a )?)';
/** « la sage-femme ne répond pas », "the surgery is not answering": someone who does not pick up is not unresponsive. */
const NOT_A_PRO_ANSWERING = '(?<!(?:sage femme|medecin|docteur|dr|cabinet|secretariat|pharmacie|pharmacien|standard|hopital|maternite|labo|laboratoire|kine|infirmiere|dentiste|specialiste|personne|telephone|portable|samu|15) (?:ne |n )?)';
const G3 = gap(3);
const G4 = gap(4);
const G5 = gap(5);

const ARRIVE_NOT = '(?:n |ne )?(?:arrive|arrivait|arrivais|arrivent|peut|pouvait|pouvais|peux|parvient|parvenait|reussit|reussis) (?:plus|pas|presque plus)';

export const CHEST_PAIN: FlagRule = {
  code: 'CHEST_PAIN',
  label: 'Douleur ou oppression thoracique',
  level: 'vital',
  match: words(
    `(?:douleurs?|mal|oppression|serrement|pression|poids|barre|etau|brulures?|pesanteur|gene|point|ecrasement|serre|serrer|compression|lourdeur)${G5} (?:poitrine|thorax|sternum|thoracique)`,
    'douleurs? thoraciques?', 'oppression thoracique', 'angine de poitrine',
    `(?:poitrine|thorax)${G3} (?:serre|serree|brule|ecrase|fait mal|comprime|oppresse|lourde)`,
    '(?:se tient|se tenait|tient|tenait) (?:la|sa) poitrine', `${NOT_FIGURATIVE}(?:infarctus|crise cardiaque|attaque cardiaque)`,
    `chest (?:pain|pains|tightness|pressure|discomfort|heaviness|hurts?|hurting|is tight|feels tight|tight|ache|aching)`,
    `(?:pain|pains|tightness|pressure|heaviness|ache|aching|crushing|squeezing|weight|band|burning|discomfort)${G3} (?:in|on|across|around|of) (?:my|his|her|the|their) chest`,
    'clutching (?:his|her|my|their) chest', `${NOT_FIGURATIVE}heart attack`, `(?:sitting|sat|weight) on (?:my|his|her) chest`,
  ),
  // README: chest pain only when coughing, with fever, is same_day (d0117-like cases).
  soften: { when: words('quand (?:je|il|elle) tousse', 'en toussant', 'when (?:i|he|she) cough\\w*', 'when coughing', 'only when (?:i )?cough\\w*', 'pendant la toux'), to: 'same_day' },
};

export const STROKE: FlagRule = {
  code: 'STROKE',
  label: "Signes d'AVC (visage, bras, parole)",
  level: 'vital',
  neuro: true,
  match: words(
    // V: face
    `(?:visage|bouche|levre|levres|joue|face|mouth|smile|lip)${G3} (?:paralyse\\w*|de travers|tordue?|pend|pendait|tombe|tombait|affaisse\\w*|devie\\w*|droop\\w*|dropp?ed|lopsided|twisted|fallen|paralys\\w*|ne bouge plus|immobile|fige\\w*|won t move|not moving)`,
    '(?:moitie|cote) (?:du|de son|de mon) visage', '(?:half|one side) (?:of )?(?:his|her|my|the) face', `${ARRIVE_NOT} a sourire`, '(?:can not|unable to) smile',
    'paralysie faciale', 'facial (?:droop|palsy|paralysis|weakness)', 'droop\\w* (?:face|mouth)',
    // I: limb
    `(?:bras|jambe|main|cote|membre|arm|leg|hand|side)${G4} (?:ne tient plus|ne repond plus|paralyse\\w*|inerte|sans force|ne bouge plus|lache|retombe|paralys\\w*|limp|dead|won t move|will not move|does not move|is not moving)`,
    `${ARRIVE_NOT} a (?:bouger|lever|tenir|soulever|serrer|sentir)${G3} (?:bras|jambe|main|fourchette|verre|tasse|stylo|telephone|cuillere|couverts)`,
    `(?:can not|could not|unable to|couldn t) (?:move|lift|raise|feel|grip|hold)${G2} (?:arm|leg|hand|fork|cup)`,
    `(?:engourdi\\w*|numb\\w*|weak\\w*|faiblesse|fourmillements?|paralys\\w*)${G4} (?:d un cote|du cote|one side|right side|left side|cote droit|cote gauche|moitie du corps|half of (?:his|her|my) body)`,
    `(?:bras|jambe|main|arm|leg|hand)${G3} (?:droite?|gauche|right|left)${G2} (?:engourdi\\w*|numb|weak|paralys\\w*|sans force)`,
    `(?:arm|leg) and (?:arm|leg)${G4} (?:numb|weak)`, `(?:bras|jambe) et (?:la |le )?(?:bras|jambe)${G4} (?:engourdi\\w*|sans force|faibles?)`,
    // T: speech
    `(?:du mal|difficulte\\w*|peine|${ARRIVE_NOT}) a (?:parler|articuler|trouver (?:ses|mes|les) mots|s exprimer|prononcer)`,
    'parle (?:bizarrement|difficilement|bizarre|de travers|avec difficulte|n importe comment|plus|mal)', 'mots qui n existent pas',
    'ne trouve plus (?:ses|mes) mots', 'cherche ses mots', 'bafouille', 'bredouille', 'aphasi\\w*', 'dysarthri\\w*',
    `parole${G2} (?:troublee|pateuse|incomprehensible|bizarre|confuse|difficile)`, 'troubles? de (?:la )?parole',
    'slurr\\w*', 'garbled', `(?:trouble|difficulty|problems?|struggling|hard time) (?:speaking|talking|finding (?:his|her|my|the) words|getting (?:his|her|my) words out|with (?:his|her|my) speech)`,
    '(?:can not|could not|unable to) (?:speak|talk|find (?:his|her|my|the) words)', 'speech (?:is |was )?(?:slurred|garbled|strange|weird|odd|funny|off)',
    'words (?:are |were )?(?:jumbled|garbled|mixed up)', 'talking nonsense',
    // named events
    `${NOT_FIGURATIVE}(?:fait|fais|faire|faisait|fasse) un avc`, `${NOT_FIGURATIVE}avc`, 'accident vasculaire', 'attaque cerebrale', 'having a stroke', `${NOT_FIGURATIVE}stroke`, 'mini avc',
  ),
  // "je ne peux plus lever le bras" after painting a ceiling: shoulder problem (d0182-like).
  soften: { when: words('epaule', 'shoulder', 'tendinite', 'apres avoir (?:porte|repeint|peint|souleve|bricole)', 'en bricolant', 'sport', 'tennis', 'coude'), to: 'same_day' },
};

export const SUDDEN_NEURO: FlagRule = {
  code: 'SUDDEN_NEURO',
  label: 'Trouble neurologique brutal (vision double, vertige, équilibre, céphalée brutale)',
  level: 'vital',
  neuro: true,
  match: words(
    '(?:vois|voit|voyais|voyait|vision) double', 'double vision', 'diplopie', 'tout tourne', 'vertiges?', 'dizzy', 'dizziness',
    'room (?:is )?spinning', `${ARRIVE_NOT} a (?:marcher droit|tenir debout|garder l equilibre)`, '(?:can not|unable to) (?:walk straight|stand up|keep (?:his|her|my) balance)',
    'desequilibre', 'perd l equilibre', 'losing (?:his|her|my) balance', 'confus\\w* d un coup',
    `(?:mal de tete|maux de tete|cephalee|headache)${G4} (?:brutal\\w*|soudain\\w*|explosi\\w*|en coup de tonnerre|pire de (?:sa|ma) vie|jamais eu)`,
    '(?:worst|thunderclap|explosive|sudden severe) headache', 'headache (?:of|in) (?:his|her|my) life', 'pire mal de tete',
  ),
  withAny: [SUDDEN, words('pire', 'worst', 'thunderclap', 'coup de tonnerre', 'explosi\\w*')],
  otherwise: 'same_day',
  soften: { when: words('en me levant', 'en se levant', 'when (?:i )?(?:stand|stood|get|got) up', 'trop vite', 'deux secondes', 'quelques secondes', 'coup dans l oeil', 'regarde vers'), to: 'same_day' },
};

export const VISION_LOSS: FlagRule = {
  code: 'VISION_LOSS',
  label: 'Perte brutale de la vision',
  level: 'vital',
  neuro: true,
  match: words(
    '(?:ne |n )?(?:vois|voit|voyait|voyais) plus (?:rien|de l oeil|d un oeil|du tout|de ce cote|de mon oeil|de son oeil|de l oeil droit|de l oeil gauche)',
    '(?:perdu|perd) la vue', `perte${G2} de (?:la )?(?:vue|vision)`, 'rideau', 'voile noir', 'aveugle d un oeil', 'amaurose',
    '(?:lost|losing|loss of) (?:the |his |her |my |all )?(?:vision|sight)', 'can not see (?:out of|with|from|anything)',
    '(?:went|gone|going) (?:blind|black)', 'curtain', 'blind in one eye', `(?:vision|vue)${G2} (?:noire|disparu\\w*)`,
  ),
};

export const BREATHING: FlagRule = {
  code: 'SEVERE_BREATHING',
  label: 'Détresse respiratoire',
  level: 'vital',
  match: words(
    'ne respire (?:plus|pas|presque plus)', 'respire plus', 'arret respiratoire', 'not breathing', 'stopped breathing', 'no longer breathing',
    `(?:du mal|difficulte\\w*|peine|${ARRIVE_NOT}) a respirer`, 'respire (?:tres |super |hyper )?(?:mal|difficilement|bizarrement|bizarre|avec difficulte)',
    'respire (?:tres |super |hyper |trop )?(?:vite|rapidement)', `respiration${G2} (?:rapide|difficile|bruyante|bizarre|laborieuse|saccadee)`,
    's etouffe', 'etouffe', 'etouffement', 'suffoque\\w*', 'suffocation', 'asphyxi\\w*', 'manque d air', 'cherche (?:son|mon) (?:air|souffle)',
    'bout de souffle', 'gasping', 'choking', 'chokes', 'choked', 'suffocating', 'can not breathe', '(?:can not|could not) catch (?:his|her|my) breath',
    `(?:struggling|trouble|difficulty|hard|unable|fighting|labou?red|laboring|problems?) (?:to |with |for )?(?:breathe|breathing|breath)`,
    'breathing (?:very )?(?:fast|rapidly|strangely|noisily|hard|badly)', 'fast breathing', 'tirage', 'creuse (?:sous|entre) les cotes',
    'creuse le ventre', '(?:sucking|pulling) in (?:under|between|below) (?:the|his|her) ribs', 'grunting', 'pauses? (?:respiratoires|quand (?:il|elle) respire|dans sa respiration|in (?:his|her) breathing)',
    'apnee', 'stops breathing', 'arrete de respirer', 'avale de travers', 'fausse route', `(?:something|quelque chose)${G2} (?:stuck|coince|bloque)`,
    `(?:coince|bloque)${G2} (?:dans la gorge|in (?:his|her|my) throat)`, 'essouffle\\w* au repos', '(?:short of breath|breathless) at rest',
    `${ARRIVE_NOT} a (?:finir|terminer) (?:ses|mes) phrases`, '(?:can not|unable to) finish (?:a |his |her |my )?sentences?',
  ),
  unless: words('ronfle\\w*', 'snor\\w*', 'apnee du sommeil', 'sleep apnoea', 'sleep apnea'),
  soften: { when: words('la nuit quand (?:il|elle) dort', 'en dormant'), to: 'same_day' },
};

export const CYANOSIS: FlagRule = {
  code: 'CYANOSIS',
  label: 'Lèvres ou peau bleues / grises',
  level: 'vital',
  match: words(
    `(?:levres|levre|bouche|lips|lip|visage|face|extremites|peau|skin|teint)${G3} (?:bleu\\w*|violet\\w*|gris\\w*|cyanos\\w*|blue|grey|gray|purple|bluish)`,
    '(?:tout|toute) (?:bleu|bleue|grise?|gris)', 'cyanose', '(?:turning|turned|gone|going|is|looks|went) (?:blue|grey|gray)',
    'bleu\\w* autour de la bouche', 'blue around (?:the|his|her) (?:lips|mouth)',
  ),
  // "le doigt est tout bleu et gonfle": a bruise, not cyanosis.
  soften: { when: words('doigts?', 'orteils?', 'pied', 'genou', 'cheville', 'poignet', 'ongle', 'hematome', 'bleu au', 'coup', 'bruis\\w*', 'fingers?', 'toes?', 'ankle', 'knee', 'portiere', 'marteau'), to: 'same_day' },
};

export const SEVERE_ASTHMA: FlagRule = {
  code: 'SEVERE_ASTHMA',
  label: "Crise d'asthme ne répondant pas au traitement",
  level: 'vital',
  match: words(
    `(?:ventoline|inhaler|inhalateur|pompe|puffer|salbutamol|bronchodilatateur|spray)${G3} (?:ne fait rien|ne marche pas|ne fait pas effet|ne fait plus effet|ne suffit pas|ne suffit plus|sans effet|fait rien|marche pas|not working|does not (?:help|work)|no effect|not helping|did not help|no difference)`,
  ),
};

export const UNRESPONSIVE: FlagRule = {
  code: 'UNRESPONSIVE',
  label: 'Inconscient / ne répond pas',
  level: 'vital',
  match: words(
    `${NOT_A_PRO_ANSWERING}`+'(?:ne |n )?(?:me |nous |lui )?(?:repond|reponds|repondait|reagit|reagissait) (?:plus|pas|presque pas|presque plus)(?! (?:au|aux|a mes|a nos|a ses|a mon|a son|a ma|a sa) (?:telephone|tel|appels?|messages?|sms|portable|traitement|antibiotiques?|mails?))',
    'inconscient\\w*', 'sans connaissance', 'perdu connaissance', 'perd connaissance', 'perte de connaissance', 'evanoui\\w*',
    'tombe\\w* dans les pommes', '(?:ne )?se reveille (?:pas|plus)', `(?:impossible|difficile|du mal) a (?:le |la )?reveiller`,
    `${ARRIVE_NOT} a (?:le |la )?reveiller`, 'unconscious', 'unresponsive', 'not responding', 'non responsive', 'not waking',
    'won t wake', 'will not wake(?: up)?', 'can not wake', 'can not rouse', 'passed out', 'blacked out', 'collapsed', 'keeled over',
    '(?:s est |s )?effondre\\w*', 'yeux ouverts mais', 'eyes open but', 'ne nous regarde (?:pas|plus)', 'regard fixe', 'does not know (?:me|us)',
    'ne (?:me |nous )?reconnait (?:plus|pas)',
  ),
  // A relative "who does not answer the phone" is not unresponsive (handled by the negative lookahead);
  // "ne reconnait plus" in dementia follow-up is chronic and filtered by the tense logic.
};

export const SEIZURE: FlagRule = {
  code: 'SEIZURE',
  label: 'Convulsions',
  level: 'vital',
  match: words(
    'convuls\\w*', 'crise (?:d epilepsie|convulsive|comitiale|tonico clonique)', 'seizures?', 'seizing', 'fitting(?! (?:me|him|her|us|them|you|it) in)', 'having a fit',
    'tremble de tout son corps', `(?:bras|jambes|membres)${G2} (?:tapent|secousses|se raidissent)`, 'secousses', 'spasmes',
  ),
};

export const HEAVY_BLEEDING: FlagRule = {
  code: 'HEAVY_BLEEDING',
  label: 'Hémorragie importante',
  level: 'vital',
  match: words(
    `(?:saign\\w*|hemorragi\\w*|sang|bleed\\w*|blood)${G4} (?:beaucoup|enormement|abondant\\w*|abondamment|a flots|partout|gicle|en jet|sans arret|ne s arrete pas|s arrete pas|ne s arrete plus|arrete pas|heavily|a lot|everywhere|profusely|won t stop|will not stop|does not stop|not stopping|can not stop|spurting|gushing|pouring|soaking)`,
    'pisse le sang', 'pisser le sang', 'perd beaucoup de sang', 'beaucoup de sang', 'lots of blood', 'so much blood', 'pool of blood', 'flaque de sang',
    `(?:vomi|vomit|vomis|vomissait|vomissement\\w*|vomiting|vomited|throwing up|threw up|crache|crachait|coughing up|coughed up)${G2} (?:du |de )?(?:sang|noir|blood|black)`,
    'hematemese', '(?:soaking|soaked)(?: a| through)?(?: a)? (?:pad|pads|towel|towels)', '(?:trempe|remplit|rempli) (?:une |des |sa |ses |plusieurs )?(?:serviettes?|protections?)',
    'caillots', 'clots', 'hemorragie',
  ),
};

export const PREGNANCY_EMERGENCY: FlagRule = {
  code: 'PREGNANCY_EMERGENCY',
  label: 'Grossesse : saignement avec douleur, ou céphalée avec troubles visuels',
  level: 'vital',
  match: words('saign\\w*', 'bleed\\w*', 'perte de sang', 'pertes de sang', 'du sang', 'points lumineux', 'mouches', 'flashing lights', 'spots in front of'),
  withAll: [PREGNANT],
  withAny: [words('ventre dur', 'hard as', 'douleur\\w* (?:\\w+ )?(?:tres|forte|violente|brutale|intense|enorme)', '(?:tres|tres tres) mal', 'severe', 'sudden\\w*', 'brutal\\w*', 'very bad', 'malaise', 'dizzy', 'faint', 'mal a la tete', 'headache', 'mal de tete', 'atroce')],
  otherwise: 'same_day',
};

export const ANAPHYLAXIS: FlagRule = {
  code: 'ANAPHYLAXIS',
  label: 'Réaction allergique grave (œdème visage/gorge, gêne respiratoire)',
  level: 'vital',
  match: words(
    `(?:levres?|langue|visage|face|lips?|tongue|bouche)${G3} (?:gonfl\\w*|enfl\\w*|enorme\\w*|swell\\w*|swollen|puffy|puffing)`,
    `(?:gonflement|oedeme|swelling)${G2} (?:des levres|de la langue|de la gorge|du visage|de la face|of (?:the |his |her |my )?(?:lips|tongue|throat|face))`,
    'oedeme de quincke', 'quincke', 'anaphyla\\w*', 'choc allergique', 'allergic shock', `${PEN_NOT_FOR_PAPERWORK}(?:epipen|stylo d adrenaline|anapen|jext)(?! (?:but|mais) (?:\\w+ ){0,3}(?:never|jamais))`,
    `(?:gorge|throat)${G2} (?:qui serre|serre|se ferme|se resserre|closing|closes|tight|tightening|swell\\w*|gonfl\\w*)`,
    `(?:urticaire|plaques|boutons|hives|rash|rougeurs?)${G3} (?:partout|tout le corps|all over)`,
  ),
  // The throat / generalised-hives forms need an allergen or a systemic sign; lips, tongue, face swelling never do.
  when: (ctx) =>
    /\b(?:levres?|langue|visage|face|lips?|tongue|bouche|quincke|anaphyla|choc allergique|allergic shock|epipen|adrenaline|anapen|jext)/.test(ctx.norm) ||
    ctx.has(ALLERGEN) ||
    ctx.has(words('avaler', 'swallow\\w*', 'respir\\w*', 'breath\\w*', 'malaise', 'dizzy', 'faint\\w*', 'tete qui tourne')),
  unless: words('angine', 'amygdales', 'tonsil\\w*', 'dent', 'dents', 'gencive', 'abces dentaire', 'tooth', 'coup', 'tombe\\w*', 'fell'),
};

export const ALLERGY_SYSTEMIC: FlagRule = {
  code: 'ANAPHYLAXIS',
  label: 'Réaction allergique grave (malaise ou gêne respiratoire après allergène)',
  level: 'vital',
  match: words('malaise', 'tete qui tourne', 'dizzy', 'faint\\w*', 'du mal a avaler', 'difficulty swallowing', 'can not swallow', 'respire mal', 'wheez\\w*', 'siffle\\w*'),
  withAll: [words('allergi\\w*', 'piqu\\w*', 'sting', 'stung', 'guepe', 'abeille', 'frelon', 'bee', 'wasp', 'hornet', 'crevettes?', 'cacahuetes?', 'arachides?', 'peanuts?', 'fruits de mer', 'shellfish')],
};

export const SUICIDE: FlagRule = {
  code: 'SUICIDE_RISK',
  label: 'Intention suicidaire (projet, moyen, adieu, passage à l acte)',
  level: 'vital',
  match: words(
    '(?:me|se|te) (?:suicider|tuer|foutre en l air|pendre|jeter sous|defenestrer|jeter du|jeter par)', 'en finir', 'mettre fin a (?:mes|ses|tes) jours',
    'passer a l acte', 'je vais le faire', '(?:vais|va|veut|veux) sauter', `sauter${G2} (?:du|d un|par la|sous|from|off)`, 'kill (?:myself|himself|herself|themselves)',
    'end (?:it all|my life|his life|her life|it tonight|things)', 'take (?:my|his|her) (?:own )?life', '(?:lettres?|messages?|mots?|sms|textos?|mails?|videos?) d adieu',
    `(?:prepare|achete|sorti|pret|ready|bought|got)${G3} (?:la corde|une corde|corde|rope|arme|gun|fusil|pistolet)`,
    'ce soir c est (?:fini|la fin)', 'tonight is the night', 'c est decide', 'i have decided to', 'j ai decide de (?:partir|en finir|mourir)',
    '(?:farewell|goodbye) (?:letters?|messages?|notes?|texts?)', `(?:ecrit|written|wrote|laisse|left)${G2} (?:des |a |some )?(?:letters?|lettres?|mots?|notes?)${G3} (?:enfants|kids|children|famille|family|parents)`,
    '(?:veux|veut|want to|wants to) die', 'envie de mourir', 'tentative de suicide', 'tente de se (?:suicider|tuer)', '(?:tried|trying|attempted) to kill',
    'attempted suicide', 'suicide attempt', 'dire adieu', 'say goodbye to everyone',
  ),
};

export const SUICIDE_MEANS: FlagRule = {
  code: 'SUICIDE_RISK',
  label: 'Idées suicidaires avec moyen ou projet',
  level: 'vital',
  match: words('idees? (?:noires|suicidaires)', 'pensees? (?:noires|suicidaires)', 'suicid\\w*', 'dark thoughts', 'mieux sans (?:lui|moi|elle)', 'better off without'),
  withAny: [words('couteau', 'corde', 'arme', 'fusil', 'pistolet', 'knife', 'rope', 'gun', 'pont', 'bridge', 'balcon', 'plan', 'projet', 'prevu', 'ce soir', 'tonight', 'stock\\w*', 'saved up', 'reserve de (?:medicaments|cachets)', 'lettre')],
};

export const TRAUMA: FlagRule = {
  code: 'SEVERE_TRAUMA',
  label: 'Traumatisme grave (chute de hauteur, accident, déformation, brûlure étendue)',
  level: 'vital',
  match: words(
    `(?:tombe\\w*|chute|fell|fallen|falling)${G4} (?:du|d un|d une|de la|de l|des|from|off|out of)${G2} (?:balcon|toit|echelle|etage|fenetre|hauteur|arbre|echafaudage|balcony|roof|ladder|floor|window|height|tree|scaffold\\w*|cliff|falaise|mur|wall)`,
    'accident (?:de (?:la )?(?:route|voiture|moto|scooter|circulation|velo)|grave)', 'renverse\\w* par (?:une|un) (?:voiture|camion|bus|moto|scooter)',
    '(?:hit|knocked down|run over) by (?:a )?(?:car|truck|bus|van|motorbike)', 'car (?:crash|accident)', 'road accident', '(?:motorbike|motorcycle|scooter) accident',
    `(?:jambe|bras|os|membre|cheville|poignet|leg|arm|bone|ankle|wrist|epaule)${G5} (?:tordue?|deforme\\w*|dans un sens (?:pas normal|bizarre|anormal)|angle (?:bizarre|anormal)|at a (?:weird|strange|funny|odd) angle|bent the wrong way|sticking out|sort de la peau|through the skin|deformed)`,
    'fracture ouverte', 'open fracture', 'os (?:qui )?sort', `(?:ne sent plus|sent plus|can not feel|no feeling in)${G2} (?:ses|mes|his|her|my) (?:jambes|legs|pieds|feet)`,
    'electrocut\\w*', 'electric shock', 'electrise\\w*', 'noyade', 'noye\\w*', 'bu la tasse', 'drown\\w*', '(?<!(?:mis|mets|passe|passer|rince|rincer|refroidi\\w*|laisse|garde|tenu|tenue|put it|held it|run it|ran it) )sous l eau (?!froide|fraiche|du robinet)', '(?<!(?:put it|held it|run it|ran it|kept it) )under (?:the )?water(?! tap)', 'coup de couteau', 'poignard\\w*', 'stabbed', 'gunshot',
    'blesse par balle', 'empale\\w*', 'defenestr\\w*', 'ecrase\\w* par', 'crushed',
  ),
};

export const HEAD_INJURY: FlagRule = {
  code: 'HEAD_INJURY',
  label: 'Traumatisme crânien avec signe de gravité',
  level: 'vital',
  match: words(
    `(?:coup|choc|cogne\\w*|tombe\\w*|chute|heurte\\w*|blow|hit|bang\\w*|bumped|knock\\w*|fell|trauma\\w*)${G5} (?:tete|crane|head)`,
    `(?:tete|crane|head)${G3} (?:cogne\\w*|heurte\\w*|injury|trauma|bosse)`, `bosse${G3} (?:tete|front|crane|head)`, 'traumatisme cranien',
    'head injury', 'sans casque', 'without (?:a )?helmet',
  ),
  withAny: [words('vomi\\w*', 'vomit\\w*', 'confus\\w*', 'somnol\\w*', 's endort', 'drowsy', 'sleepy', 'ne se souvient', 'se souvient plus', 'does not remember', 'can not remember',
    'perte de connaissance', 'perdu connaissance', 'knocked out', 'saign\\w*', 'bleed\\w*', 'anticoagul\\w*', 'blood thinner\\w*', 'eliquis', 'xarelto', 'previscan', 'kardegic',
    'convuls\\w*', 'seizure', 'terrible headache', 'mal de tete (?:terrible|enorme|violent)', 'clear fluid', 'liquide clair', 'bizarre', 'strange')],
  otherwise: 'same_day',
};

export const MAJOR_BURN: FlagRule = {
  code: 'MAJOR_BURN',
  label: 'Brûlure grave (étendue, visage, électrique, inhalation)',
  level: 'vital',
  match: words('brule\\w*', 'brulure(?!s? (?:urinaires?|en urinant|d estomac|gastriques?|quand))', 'burnt', 'burned', 'burns?(?! when)', 'scald\\w*', 'ebouillant\\w*'),
  withAny: [words('visage', 'face', 'tout le corps', 'whole body', 'blanc', 'blanche', 'white', 'charred', 'carbonise\\w*', 'electri\\w*', 'inhal\\w*', 'fumee', 'smoke',
    'huile bouillante', 'boiling oil', 'shaking', 'tremble', 'large', 'grande surface', 'tout le dos', 'tout le torse', 'chest', 'torse', 'incendie', 'fire', 'explosion')],
  otherwise: 'same_day',
  unless: words('urin\\w*', 'estomac', 'stomach', 'reflux', 'heartburn', 'soleil', 'coup de soleil', 'sunburn'),
};

/** Infants: floppy, grey/mottled, not feeding, abnormal cry, bilious vomiting (README rule 5, domain section 3). */
export const INFANT_DANGER: FlagRule = {
  code: 'INFANT_DANGER',
  label: 'Nourrisson/enfant : mou, gris/marbré, ne boit plus, cri anormal',
  level: 'vital',
  match: words(
    '(?<!ventre )(?:tout |tres |toute |si )?(?:mou|molle)', 'hypotoni\\w*', 'floppy', 'limp', 'gris', 'grise', 'grisatre', 'grey', 'gray', 'greyish', 'marbre\\w*', 'marbrures', 'mottled',
    'ne boit plus', 'refuse (?:de boire|le biberon|les biberons|tout|le sein|de teter)', 'ne tete plus', 'won t feed', 'will not feed', 'not feeding', 'refusing (?:feeds|to feed|the bottle)',
    'stopped feeding', 'moins de la moitie', 'vomit (?:tous ses|chaque) biberons?', 'vomit a chaque biberon', `(?:cri|pleurs?|pleure|crying|cry)${G2} (?:anormal\\w*|inconsolable|aigu|bizarre|gemissant|high pitched|weak|faible)`,
    'gemit', 'geint', 'inconsolable', `vomi\\w*${G2} (?:vert|verdatre|bilieux)`, 'green vomit', 'bilious', 'fontanelle bombee', 'bulging fontanelle',
    'ne se reveille pas', 'difficile a reveiller', 'hard to wake', 'won t wake', 'very sleepy', 'tres endormi\\w*', 'dort tout le temps', 'constamment endormi\\w*', 'ne boit plus ses biberons',
    'peau (?:froide|glacee)', 'cold to (?:the )?touch',
  ),
  when: (ctx) => ctx.age.infant || (ctx.age.child && (ctx.age.years === undefined || ctx.age.years < 6)),
};

export const MENINGITIS: FlagRule = {
  code: 'MENINGITIS_SIGNS',
  label: 'Fièvre avec raideur de nuque',
  level: 'vital',
  match: words(
    'raideur (?:de |dans |a )?(?:la )?nuque', `nuque${G2} (?:raide|bloquee)`, 'lumiere (?:lui |me )?fait mal', 'light hurts (?:his|her|my) eyes', 'stiff neck', 'neck (?:is |feels )?stiff', `(?:can not|unable to) (?:bend|move|touch)${G2} (?:neck|chin)`,
    `${ARRIVE_NOT} (?:a )?(?:baisser|plier|pencher) la tete`, 'menin\\w*', 'photophobi\\w*', 'supporte pas la lumiere',
  ),
  withAny: [FEVER, words('mal de tete', 'maux de tete', 'headache', 'vomi\\w*', 'vomit\\w*', 'taches', 'spots', 'rash')],
  otherwise: 'same_day',
  unless: words('vaccin\\w*', 'vaccine'),
};

export const PURPURA: FlagRule = {
  code: 'PURPURA',
  label: 'Taches qui ne s effacent pas à la pression (purpura)',
  level: 'vital',
  match: words(
    'purpura', 'petechi\\w*',
    `(?:taches?|boutons?|points?|spots?|rash|plaques?|marques?)${gap(6)} (?:ne (?:s effacent|disparaissent|partent|blanchissent|palissent) pas|(?:s effacent|disparaissent|partent) pas|(?:do|does|did|will) not (?:fade|disappear|go away|blanch)|won t fade|not fading|non blanching)`,
    'non blanching', 'test du verre positif', `(?:taches?|spots?|plaques?|boutons?)${G2} (?:violet\\w*|violac\\w*|pourpres?|purple|noir\\w*|lie de vin)`,
    `(?:bleus|hematomes|bruises)${G2} (?:partout|spontane\\w*|sans raison|all over|for no reason)`,
  ),
};

export const SEPSIS: FlagRule = {
  code: 'SEPSIS_SIGNS',
  label: 'Fièvre avec signes de gravité (marbrures, confusion, somnolence)',
  level: 'vital',
  match: words('marbre\\w*', 'marbrures', 'mottled', 'dit n importe quoi', 'delire\\w*', 'confus\\w*', 'desoriente\\w*', 'hallucin\\w*', 'not making sense',
    'somnol\\w*', 'de plus en plus endormi\\w*', 'drowsy', 'hard to wake', 'difficile a reveiller', 'extremites froides', 'cold (?:hands and feet|extremities)',
    'respire (?:tres |trop )?vite', 'ne tient plus debout', 'can not stand'),
  withAll: [FEVER],
};

export const POISONING: FlagRule = {
  code: 'POISONING',
  label: 'Intoxication / surdosage',
  level: 'vital',
  match: words(
    `(?:avale\\w*|pris|prise|ingere\\w*|bu|took|taken|swallowed|ate|eaten|drank|mange\\w*)${G4} (?:toute (?:la|sa|une|ma|une) (?:boite|plaquette|bouteille|tablette)|(?:une |la |sa )?(?:boite|plaquette|flacon)s? (?:entiere|complete)|(?:des|tous (?:les|ses|mes)|toutes (?:les|ses|mes)) (?:comprimes|cachets|medicaments|pilules|gelules|somniferes|anxiolytiques|antidepresseurs|calmants)|plusieurs (?:comprimes|cachets|boites|plaquettes|pilules|somniferes)|une (?:quinzaine|dizaine|vingtaine|trentaine|poignee) de|\\d{2,} (?:comprimes|cachets|pilules|gelules)|(?:too many|lots of|a lot of|a bunch of|a handful of|loads of|all (?:of )?(?:my|his|her|the)|several|some of)${gap(5)} (?:pills|tablets|capsules|medication|meds|paracetamol|sleeping pills)|(?:the|a) whole (?:box|pack|bottle|packet|strip))`,
    `(?:avale\\w*|bu|ingere\\w*|swallowed|drank|drunk|ate|mange\\w*)${G4} (?:javel|eau de javel|bleach|detergent|produit${G3} (?:menager|vaisselle|entretien|nettoyage|wc|lave\\w*)|dishwasher \\w+|cleaning product|destop|white spirit|antigel|antifreeze|insecticide|mort aux rats|raticide|pesticide|champignons|mushrooms|essence|petrol|capsules? de lessive|lessive|pile bouton|button batter\\w*|aimants?|magnets|methadone|alcool a bruler)`,
    'overdose', 'surdose', 'surdosage volontaire', 'intoxi\\w*', 'empoisonn\\w*', 'poison\\w*', 'monoxyde', 'carbon monoxide', 'took an od', 'too many (?:of )?(?:my |his |her )?(?:\\w+ )?(?:pills|tablets)',
  ),
  unless: words('alimentaire', 'food poisoning'),
};

export const DROWSY_CONTEXT: FlagRule = {
  code: 'REDUCED_CONSCIOUSNESS',
  label: 'Somnolence anormale',
  level: 'vital',
  match: DROWSY,
  unless: words('me rend\\w* somnolent\\w*', 'makes (?:me|him|her) (?:drowsy|sleepy)', 'effets? (?:secondaires?|indesirables?)', 'side effects?', 'apres (?:le|les) repas', 'after (?:meals|lunch)'),
};

export const SEVERE_ABDOMEN: FlagRule = {
  code: 'SEVERE_ABDOMINAL_PAIN',
  label: 'Douleur abdominale brutale avec signes de choc ou ventre dur',
  level: 'vital',
  match: words(
    `ventre${G2} (?:dur comme (?:du bois|une planche|de la pierre|un caillou)|de bois|rigide|tout dur)`, `(?:belly|abdomen|stomach|tummy)${G2} (?:hard as (?:a board|wood|rock)|rigid|rock hard|like a board)`,
    `(?:douleurs?|mal|pain|ache)${G5} (?:ventre|abdomen|abdominale?s?|belly|stomach|tummy|abdominal)`, `(?:ventre|abdomen|belly|stomach|tummy)${G3} (?:douleurs?|pain|hurts)`,
  ),
  withAll: [SEVERE],
  withAny: [SHOCK_SIGNS, words('malaise', 'faint\\w*', 'tete qui tourne', 'dizzy', 'perdu connaissance', 's evanoui\\w*', 'dur comme', 'hard as', 'rigide', 'rigid', 'rock hard', 'like a board', 'de bois')],
};

export const TESTICULAR: FlagRule = {
  code: 'TESTICULAR_TORSION',
  label: 'Douleur testiculaire brutale',
  level: 'vital',
  match: words('testicule\\w*', 'testicul\\w*', 'bourses?', 'testicles?', 'testis', 'scrotum', 'scrotal'),
  withAll: [PAIN],
  withAny: [SUDDEN, words('severe', 'intense', 'atroce', 'terrible', 'tres mal', 'pleure', 'hurle', 'vomi\\w*', 'really bad', 'excruciating')],
  otherwise: 'same_day',
};

export const SHOCK: FlagRule = {
  code: 'SHOCK_SIGNS',
  label: 'Pâleur grise, sueurs, malaise (signes de choc)',
  level: 'vital',
  match: words('gris', 'grise', 'grisatre', 'grey', 'gray', 'ashen', 'livide', 'pale comme un linge', 'sueurs? froides?', 'cold sweats?', 'clammy', 'marbre\\w*', 'mottled'),
  withAny: [words('douleurs?', 'mal', 'pain', 'malaise', 'faint\\w*', 'collapse\\w*', 'vomi\\w*', 'saign\\w*', 'bleed\\w*', 'respir\\w*', 'breath\\w*', 'perdu connaissance', 'confus\\w*')],
  unless: words('cheveux', 'hair', 'ciel', 'sky', 'temps', 'weather', 'voiture', 'car'),
};

export const VITAL_RULES: FlagRule[] = [
  CHEST_PAIN, STROKE, SUDDEN_NEURO, VISION_LOSS, BREATHING, CYANOSIS, SEVERE_ASTHMA, UNRESPONSIVE, SEIZURE, HEAVY_BLEEDING,
  PREGNANCY_EMERGENCY, ANAPHYLAXIS, ALLERGY_SYSTEMIC, SUICIDE, SUICIDE_MEANS, TRAUMA, HEAD_INJURY, MAJOR_BURN, INFANT_DANGER,
  MENINGITIS, PURPURA, SEPSIS, POISONING, DROWSY_CONTEXT, SEVERE_ABDOMEN, TESTICULAR, SHOCK,
];
