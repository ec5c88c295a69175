/**
 * Clinical concepts: the vocabulary the catalogue's discriminators are written in.
 *
 * A concept is a family of lay wordings (French and English, normalised: lowercase, no
 * accents, SMS expanded) for one idea — a body site, a symptom, a state, a severity, an
 * onset, a vulnerability. The catalogue (`catalogue.ts`) combines concepts the way the
 * triage scales do ("pain" near "jaw" with "sweating"), so a new sentence built from known
 * pieces is caught without anyone having written that sentence down. Stems end in `\w*`
 * so that inflections and most SMS endings match.
 */
import { gap } from './lexicon.js';

const alt = (...xs: string[]): string => `(?:${xs.join('|')})`;

// ---- Body sites -------------------------------------------------------------------------
export const SITE = {
  chest: alt('poitrine', 'thorax', 'thoraci\\w*', 'sternum', 'cage thoracique', 'chest', 'breastbone', 'sternum'),
  jaw: alt('machoires?', 'menton', 'jaw', 'jaws', 'chin'),
  neck: alt('cou', 'gorge', 'neck', 'throat'),
  arm: alt('bras', 'epaules?', 'arms?', 'shoulders?', 'poignets?', 'wrists?'),
  back: alt('dos', 'omoplates?', 'entre les epaules', 'back', 'shoulder blades?', 'between (?:my|his|her|the) shoulders'),
  upperBelly: alt('estomac', 'epigastr\\w*', 'creux de l estomac', 'haut du ventre', 'sous les cotes', 'stomach', 'upper (?:belly|abdomen|tummy)',
    'pit of (?:my|his|her|the) stomach', 'indigestion', 'digestion', 'heartburn', 'aigreurs?', 'brulures? d estomac'),
  belly: alt('ventre', 'abdomen', 'abdominal\\w*', 'bas ventre', 'belly', 'tummy', 'stomach', 'bide', 'flanc', 'side', 'cote'),
  head: alt('tete', 'crane', 'head', 'migraine', 'cephalee\\w*', 'headache'),
  leg: alt('mollets?', 'jambes?', 'cuisses?', 'pieds?', 'orteils?', 'calf', 'calves', 'legs?', 'thighs?', 'feet', 'foot', 'toes?'),
  testicle: alt('testicul\\w*', 'bourses?', 'testicles?', 'testes', 'balls', 'scrot\\w*', 'parties'),
  eye: alt('oeil', 'yeux', 'vue', 'eyes?', 'vision', 'sight'),
  saddle: alt('entre les (?:jambes|cuisses)', 'fesses', 'perinee', 'parties intimes', 'selle', 'between (?:my|his|her|the) legs', 'saddle', 'groin', 'bottom', 'buttocks'),
  face: alt('visage', 'figure', 'levres?', 'langue', 'face', 'lips?', 'tongue', 'paupieres?', 'eyelids?'),
};

// ---- Symptoms and states ----------------------------------------------------------------
/** Pain and its lay equivalents (pressure, weight, burning, "something not right"). */
export const PAIN = alt(
  'douleurs?', 'douloureu\\w*', 'mal', 'souffr\\w*', 'serre\\w*', 'serrement', 'oppress\\w*', 'ecras\\w*', 'pression', 'poids', 'barre',
  'etau', 'brul\\w*', 'gene', 'lourd\\w*', 'pesanteur', 'coince\\w*', 'tiraill\\w*', 'elance\\w*', 'dechir\\w*', 'poignard',
  'pain', 'pains', 'painful', 'hurts?', 'hurting', 'ache', 'aching', 'aches', 'tight\\w*', 'pressure', 'crushing', 'frotte\\w*', 'rubb\\w*', 'se tient', 'holding', 'clutching', 'squeez\\w*', 'heavy',
  'heaviness', 'discomfort', 'burning', 'tearing', 'ripping', 'stabbing', 'sore', 'agony', 'cramp\\w*', 'crampe\\w*',
);
/** Autonomic and general signs that turn a pain into an emergency (sweat, pallor, nausea, malaise). */
export const SYSTEMIC = alt(
  'sueurs?', 'transpir\\w*', 'en nage', 'moite\\w*', 'trempe\\w*', 'sweat\\w*', 'clammy', 'drenched', 'soaked',
  'nause\\w*', 'envie de vomir', 'vomi\\w*', 'barbouill\\w*', 'nauseous', 'sick', 'throw\\w* up', 'threw up', 'vomit\\w*',
  'pale\\w*', 'blanc comme', 'blanche comme', 'livide', 'gris\\w*', 'grey\\w*', 'gray\\w*', 'ashen', 'teint \\w+',
  'malaise', 'mal fichu\\w*', 'faint\\w*', 'tourner de l oeil', 'tete qui tourne', 'vertig\\w*', 'dizz\\w*', 'light ?headed', 'tourne',
  'essouffl\\w*', 'souffle court', 'manque d air', 'short of breath', 'breathless\\w*', 'out of breath', 'can not catch',
  'pas bien du tout', 'pas dans son assiette', 'ne (?:se sent|me sens|se sentait) pas bien', 'unwell', 'awful', 'horrible', 'bizarre',
  'angoiss\\w*', 'impression (?:de|qu) (?:mourir|je vais mourir|il va mourir|elle va mourir)', 'going to die', 'sense of doom',
  'epuis\\w*', 'exhausted', 'ko', 'vide\\w*', 'sans force', 'weak\\w*', 'faible\\w*',
);
export const BREATHLESS = alt(
  'essouffl\\w*', 'souffle\\w*', 'manque d air', 'manquer d air', 'respir\\w*', 'etouff\\w*', 'suffoqu\\w*', 'asphyx\\w*', 'haletant\\w*',
  'short of breath', 'breathless\\w*', 'out of breath', 'breath\\w*', 'gasp\\w*', 'suffocat\\w*', 'choking', 'wheez\\w*', 'puffing', 'panting',
  'air hunger', 'sifflement\\w*', 'siffle\\w*', 'tirage', 'pant\\w*',
);
export const SWEAT = alt('sueurs?', 'transpir\\w*', 'en nage', 'moite\\w*', 'trempe\\w* de sueur', 'sweat\\w*', 'clammy', 'drenched');
export const CONFUSED = alt(
  'confus\\w*', 'desoriente\\w*', 'perdu\\w*', 'incoheren\\w*', 'delire\\w*', 'divague\\w*', 'dit n importe quoi', 'raconte n importe quoi',
  'repond (?:a cote|bizarrement|plus|mal)', 'ne (?:me )?reconnait (?:plus|pas)', 'agite\\w*', 'bizarre\\w*', 'etrange\\w*', 'pas normal\\w*',
  'absent\\w*', 'dans le vague', 'dans les vapes', 'a l ouest', 'comportement', 'agress\\w*',
  'confused', 'confusion', 'disoriented', 'not making sense', 'talking nonsense', 'rambling', 'strange\\w*', 'weird\\w*', 'odd\\w*', 'not himself', 'not herself',
  'out of it', 'spaced out', 'muddled', 'woozy', 'befuddled', 'en vrac', 'vaseu\\w*', 'pas net\\w*', 'away with the fairies', 'does not recogni\\w*', 'doesn t recogni\\w*', 'drunk', 'ivre', 'saoul',
);
export const DROWSY = alt(
  'somnolen\\w*', 'endormi\\w*', 's endort', 'dort (?:tout le temps|sans arret|beaucoup)', 'difficile a reveiller', 'du mal a (?:le |la )?reveiller',
  'ne se reveille', 'reveille (?:pas|plus|difficilement)', 'mou', 'molle', 'tout mou', 'toute molle', 'amorphe', 'apathique', 'ne reagit',
  'drowsy', 'sleepy', 'hard to wake', 'won t wake', 'will not wake', 'barely awake', 'floppy', 'limp', 'lethargic', 'listless', 'unresponsive',
  'not responding', 'ne repond (?:plus|pas)', 'inconscient\\w*', 'unconscious', 'dans le coma', 'coma',
);
export const SUDDEN = alt(
  'd un coup', 'd un seul coup', 'tout a coup', 'soudain\\w*', 'brutal\\w*', 'brusque\\w*', 'subit\\w*', 'en quelques secondes', 'comme un coup',
  'coup de (?:tonnerre|massue|poignard|marteau|batte)', 'explos\\w*', 'sudden\\w*', 'all of a sudden', 'out of nowhere', 'out of the blue',
  'thunderclap', 'like (?:being|i was|he was|she was) (?:hit|struck|kicked)', 'within seconds', 'came on (?:fast|suddenly|all at once)', 'in one go',
);
export const WORST = alt(
  'atroce\\w*', 'insupportable\\w*', 'intenable', 'le pire', 'la pire', 'pire (?:de ma|de sa|douleur|mal)', 'jamais (?:eu|connu|ressenti) (?:un|une|aussi|ca)',
  'jamais eu aussi mal', 'horrible\\w*', 'terrible\\w*', 'violent\\w*', 'enorme', 'tres (?:fort\\w*|violent\\w*|intense)', 'hurle\\w*', 'crie\\w*', 'pleure\\w* de douleur',
  'se tord\\w*', 'plie\\w* en deux', '10 sur 10', '10/10', 'worst', 'excruciating', 'unbearable', 'agony', 'agonising', 'agonizing', 'never (?:had|felt)',
  'screaming', 'doubled over', 'severe', 'really bad', 'terrible',
);
export const PALE_COLD = alt(
  'pale\\w*', 'blanc\\w*', 'livide', 'froid\\w*', 'glace\\w*', 'gele\\w*', 'cold', 'icy', 'white', 'ice', 'frozen', 'bleu\\w*', 'blue', 'violet\\w*',
  'marbr\\w*', 'mottled', 'blotchy',
);
export const NO_PULSE = alt('(?:pas|plus|sans|aucun|ne sens pas (?:le|son)) pouls', 'pouls (?:introuvable|absent)', 'no pulse', 'can not (?:feel|find) (?:a|the|his|her|my) pulse', 'pulseless');
export const NUMB = alt('engourdi\\w*', 'insensible\\w*', 'ne sen\\w* (?:plus|pas|rien)', 'sens (?:plus|rien)', 'fourmill\\w*', 'picot\\w*', 'numb\\w*', 'pins and needles', 'tingl\\w*', 'no feeling', 'can not feel', 'dead');
export const CANT_MOVE = alt('(?:ne )?tient (?:pas|plus)(?: debout)?', '(?:ne|n) (?:peut|peux|arrive) (?:plus|pas) (?:a )?(?:bouger|remuer|lever|marcher|tenir)', 'ne bouge plus', 'paralys\\w*', 'inerte', 'can not (?:move|lift|walk|stand)', 'won t move', 'will not move', 'paralys\\w*', 'sans force', 'no strength', 'gives way', 'lache', 'jambes? (?:en coton|coupees|molles)', 'legs? (?:gave|giving) way');
export const URINE_CONTROL = alt(
  '(?:ne|n) (?:peut|peux|arrive|arrivait) (?:plus|pas) (?:a )?(?:uriner|faire pipi|pisser)', '(?:pas|plus) (?:uriner|urine|fait pipi|de pipi)', 'n urine (?:plus|pas)',
  'ne fait (?:plus|pas) pipi', 'retention', 'incontinen\\w*', 'fuites? urinaires?', 'uriner sur (?:moi|lui|elle)', 'fait pipi sur (?:moi|lui|elle)',
  'fait dans (?:sa|ma) culotte', 'selles? (?:involontaires?|sans (?:m en|s en) rendre compte)', 'can not (?:pee|wee|urinate|pass water)', 'not (?:peed|weed|passed (?:water|urine))', 'barely (?:peed|weed|passed (?:water|urine))', '(?:tres )?peu urine', 'presque pas (?:urine|fait pipi)',
  'no (?:urine|pee|wee)', 'wet (?:myself|himself|herself)', 'lost control of (?:my|his|her) (?:bladder|bowels?)', 'incontinen\\w*', 'no wet nappies', 'couches? (?:seches?|pas mouillees?)',
  'pas de couche mouillee', 'dry nappies', 'dry diapers?',
);
export const HEADACHE = alt('mal (?:a|de) (?:la )?tete', 'maux de tete', 'cephalee\\w*', 'migraine\\w*', 'tete (?:qui|va) (?:explos\\w*|eclat\\w*)', 'headaches?', 'head (?:is )?(?:pounding|splitting|exploding|hurts?)', 'migraine\\w*');
export const VISUAL = alt('voit (?:flou|trouble|double|des)', 'vois (?:flou|trouble|double|des)', 'vision (?:floue|trouble|double|blurred|blurry)', 'eclairs?', 'flash\\w*', 'points? (?:noirs?|lumineux|brillants?)', 'mouches?', 'etoiles', 'spots?', 'stars', 'blurr\\w*', 'flou');
export const SWELLING = alt('gonfl\\w*', 'enfl\\w*', 'oedeme\\w*', 'bouffi\\w*', 'swell\\w*', 'swollen', 'puffy', 'puffed');
export const THIRST = alt('soif', 'boit (?:enormement|beaucoup|sans arret|des litres)', 'thirst\\w*', 'drinking (?:loads|litres|liters|constantly)');
export const BREATH_FAST = alt('respire (?:tres )?(?:vite|fort|profondement|bizarrement|a fond)', 'respiration (?:rapide|profonde|bruyante|bizarre|ample)', 'souffle fort', 'breath\\w* (?:fast|deep\\w*|heav\\w*|hard|rapid\\w*|weird\\w*)', 'panting', 'deep sighing', 'halete\\w*');
export const FRUITY = alt('haleine (?:qui sent|sucree|de pomme|fruitee|bizarre|d acetone)', 'sent (?:l acetone|la pomme|le fruit|le vernis)', 'acetone', 'fruity', 'smells? (?:of|like) (?:pear drops|nail polish|acetone|fruit)', 'pear drops', 'cetone\\w*', 'ketones?');
export const SPOTS = alt('taches?', 'boutons?', 'points? (?:rouges?|violets?)', 'plaques?', 'spots?', 'rash', 'blotch\\w*', 'marks');

// ---- Measurements and values ------------------------------------------------------------
/** Low capillary glucose: < 0.6 g/L, < 60 mg/dL, < 3.3 mmol/L, "LO". */
export const LOW_GLUCOSE = alt(
  '(?:glycemie|dextro|sucre|glucose|hgt|glucometre|capteur|freestyle|lecteur|sugar|bm|reading|bg|levels?)' + gap(4) + ' (?:0\\.[0-5]\\d*(?! ?mmol)|[2-5]\\d ?mg|(?:[12](?:\\.\\d+)?|3(?:\\.[0-2]\\d*)?) ?mmol)\\b',
  '(?:glycemie|sucre|sugar|glucose)' + gap(3) + ' (?:tres )?(?:basse?|bas|low|lo|effondre\\w*|dans les chaussettes)', '\\blo\\b', 'hypos?', 'hypoglyc\\w*', 'en hypo', 'low sugar', 'low blood sugar',
);
export const HIGH_GLUCOSE = alt(
  '(?:glycemie|dextro|sucre|glucose|hgt|glucometre|lecteur|sugar|bm|reading|bg)' + gap(4) + ' (?:[3-9]\\.\\d+ ?g|[4-9]\\d\\d|2\\d(?:\\.\\d)? ?mmol|3\\d(?:\\.\\d)? ?mmol|hi|high)\\b',
  '\\bhi\\b', 'hypers?', 'hyperglyc\\w*', 'high (?:blood )?sugar\\w*', 'sucre (?:tres )?(?:haut|eleve)', 'glycemie (?:tres )?(?:haute|elevee)', 'acetone', 'cetone\\w*', 'ketones?',
);
/** A high blood pressure. A bare "24/10" is a date (a birth date in an identity line), so the short form needs a word for blood pressure before it. */
export const HIGH_BP = alt('tension' + gap(3) + ' (?:1[6-9]|2\\d)\\b', 'tension' + gap(3) + ' (?:1[6-9]\\d|2\\d\\d)\\b', '(?:blood pressure|bp)' + gap(3) + ' (?:1[6-9]\\d|2\\d\\d)\\b', '(?:tension|ta|bp|pression|blood pressure)' + gap(3) + ' (?:1[6-9]|2\\d)/(?:9|1[0-4])\\b(?!/)', '(?<![\\d/])(?:1[6-9]\\d|2\\d\\d)/(?:9\\d|1[0-4]\\d)\\b(?!/)', 'hypertension', 'tension (?:tres )?(?:haute|elevee)', 'high blood pressure', 'tension au plafond');
export const HIGH_TEMP = alt('(?:4[0-2])(?:\\.\\d)?(?! ?(?:ans|years|kg|minutes|min|h|heures|jours|days|euros|semaines|sa|mois|km|cm))', 'brulant\\w*', 'burning up', 'bouillant\\w*', 'tres chaud\\w*', 'hot to the touch', 'boiling');
export const LOW_TEMP = alt('3[0-4](?:\\.\\d)? ?(?:degres|de temperature|°)?(?= |$)', 'glace\\w*', 'gele\\w*', 'frigorifi\\w*', 'froid\\w*', 'frozen', 'ice cold', 'freezing', 'cold');
export const LOW_SAT = alt('(?:saturation|sat|spo2|oxymetre|sats|oxygen)' + gap(3) + ' (?:[5-8]\\d|9[01])\\b');

// ---- Persons and vulnerabilities --------------------------------------------------------
export const INFANT = alt('bebe', 'nourrisson', 'nouveau ne', 'newborn', 'baby', 'infant', '(?:de|a) \\d+ (?:mois|semaines|jours)', '\\d+ (?:months?|weeks?|days?) old', 'biberons?', 'bottles?', 'tetee\\w*', 'allait\\w*', 'feeds?', 'feeding', 'couches?', 'nappies', 'nappy', 'diapers?');
export const DIABETIC = alt('diabet\\w*', 'insuline\\w*', 'insulin\\w*', 'glycemie', 'dextro', 'lantus', 'novorapid', 'humalog', 'levemir', 'toujeo', 'pompe', 'pump', 'capteur', 'freestyle', 'sulfamide\\w*', 'gliclazide', 'diamicron', 'type 1', 'type 2', 'dt1', 'dt2');
export const PREGNANT = alt('enceinte', 'grossesse', 'pregnan\\w*', '\\d+ ?(?:sa|semaines d amenorrhee)', '(?:\\d+|premier|deuxieme|troisieme|dernier) (?:trimestre|mois de grossesse)', 'weeks? pregnant', 'expecting', 'bump', 'terme', 'due date');
export const POSTPARTUM = alt('accouch\\w*', 'accouchement', 'cesarienne', 'post ?partum', 'gave birth', 'given birth', 'delivered', 'delivery', 'c section', 'caesarean', 'cesarean', 'new mum', 'newborn', 'nouveau ne', 'vient de naitre', 'maternite', 'maternity', 'suites de couches', 'lochies');
export const LATE_PERIOD = alt('retard de regles', 'regles en retard', 'pas eu (?:mes|ses) regles', 'test (?:de grossesse )?positif', 'positive (?:pregnancy )?test', 'period (?:is )?late', 'late period', 'missed (?:my|her|a) period', 'enceinte', 'pregnan\\w*', 'early pregnancy', 'debut de grossesse', 'beta ?hcg');
export const CHEMO = alt('chimio\\w*', 'chemo\\w*', 'radiotherapie', 'immunotherapie', 'cancer', 'leucemie', 'leuk\\w*', 'lymphome', 'lymphoma', 'greffe\\w*', 'transplant\\w*', 'neutropeni\\w*', 'aplasi\\w*', 'corticoides? au long', 'immunodepri\\w*', 'immunosuppr\\w*');
export const CLOT_RISK = alt(
  'opere\\w*', 'operation', 'chirurgie', 'intervention', 'prothese', 'surgery', 'operated', 'op\\b', 'hip replacement', 'knee replacement',
  'platre', 'attelle', 'botte', 'cast', 'plaster', 'immobilis\\w*', 'alite\\w*', 'bedridden', 'bed ?bound', 'plusieurs jours au lit', 'lit depuis',
  'long (?:vol|trajet|voyage|flight|drive|haul)', 'avion', 'flight', 'flew', 'retour de (?:voyage|vacances)', 'voyage', 'heures de (?:route|voiture|train|vol)', 'hours? (?:in the car|on a plane|flight|drive)',
  'pilule', 'contracepti\\w*', 'the pill', 'accouch\\w*', 'gave birth', 'enceinte', 'pregnan\\w*', 'phlebite', 'thrombose', 'dvt', 'blood clot', 'caillot', 'mollet (?:gonfle|dur|rouge|chaud|douloureux)', 'calf (?:swollen|hot|red|hard|painful)',
);
export const HEART_HISTORY = alt('cardiaque', 'coeur', 'stent', 'pontage', 'infarctus', 'angine de poitrine', 'angor', 'coronar\\w*', 'heart', 'cardiac', 'bypass', 'angina', 'tension', 'hypertendu\\w*', 'cholesterol', 'fum\\w*', 'smok\\w*', 'diabet\\w*');
export const OLD = alt('(?:[6-9]\\d|1[01]\\d) ans', '(?:[6-9]\\d|1[01]\\d) (?:years|yo)', 'grand (?:mere|pere)', 'grand ?(?:ma|pa|mother|father|mum|dad)', 'granny', 'mamie', 'papi\\w*', 'papy', 'personne agee', 'elderly', 'ehpad', 'care home', 'nursing home', 'retraite\\w*', 'retired', 'vieux', 'vieille', 'old (?:man|lady|woman)', 'ma mere', 'mon pere', 'my (?:mum|mom|mother|dad|father)', 'maman', 'papa', 'residente?', 'resident');
export const ANTICOAG = alt('anticoagul\\w*', 'xarelto', 'eliquis', 'pradaxa', 'coumadine', 'previscan', 'sintrom', 'warfarin', 'apixaban', 'rivaroxaban', 'lovenox', 'fluidifi\\w*', 'blood thinners?', 'kardegic', 'plavix', 'aspirine');
export const EXPOSURE_HEAT = alt('canicule', 'chaleur', 'chaud', 'soleil', 'insolation', 'coup de chaleur', 'heat\\w*', 'hot', 'sun\\w*', 'heatwave', '3[5-9] degres', '4\\d degres', 'sans clim\\w*', 'no air con\\w*', 'sport', 'marathon', 'course', 'footing', 'run\\w*', 'travaill\\w* dehors', 'toit', 'chantier');
export const EXPOSURE_COLD = alt('par terre (?:toute|depuis|la)', 'sur le sol', 'nuit (?:par terre|dehors|au sol)', 'tombe\\w* (?:dans la nuit|cette nuit|hier soir)', 'on the floor (?:all night|overnight|for hours)', 'all night on the floor', 'dehors', 'outside', 'eau (?:froide|glacee)', 'cold water', 'lac', 'riviere', 'river', 'lake', 'neige', 'snow', 'sans chauffage', 'no heating', 'chauffage (?:est )?(?:en panne|coupe|eteint)', 'par terre (?:dans|depuis|toute|la|au|sur)', 'au sol (?:depuis|toute)', 'heating (?:off|broken)', 'froid', 'cold', 'freezing');
export const HOUSEHOLD = alt(
  'plusieurs', 'tous', 'toute la famille', 'tout le monde', 'les enfants', 'mon mari et (?:moi|les enfants)', 'ma femme et (?:moi|les enfants)', 'nous (?:avons|sommes)', 'on a tous', 'on est tous',
  'we (?:all|both)', 'all of us', 'the whole family', 'everyone (?:at|in)', 'both of us', 'the kids and', 'and the kids', 'both', 'les deux', 'aussi mal a la tete', 'also',
);
export const CO_SOURCE = alt('chaudiere', 'poele', 'chauffe eau', 'brasero', 'barbecue', 'groupe electrogene', 'cheminee', 'chauffage (?:d appoint|au gaz|au petrole|au bois)', 'insert', 'gaz', 'boiler', 'stove', 'heater', 'generator', 'fireplace', 'log burner', 'wood burner', 'gas', 'barbecue', 'bbq', 'monoxyde', 'carbon monoxide', 'co alarm', 'detecteur', 'alarm');

/** A concept regex source, wrapped as one word-bounded group (for building rules). */
/** Up to `n` words in between, within one sentence (commas allowed, not full stops), none of them a negation. */
const within = (n: number): string => `(?: (?!(?:rien|pas|sans|aucun|aucune|ni|jamais|no|not|without|never|nothing)\\b)(?:[a-z0-9][a-z0-9.]*|,)){0,${n}}`;
export const near = (a: string, b: string, n = 6): string => `${a}${within(n)} ${b}|${b}${within(n)} ${a}`;
