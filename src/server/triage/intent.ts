/**
 * Intent: statistical model first, then the README precedence rules that a bag-of-words
 * model cannot learn from 550 examples (the clinical part wins over admin requests).
 */
import type { Intent, Reason, Urgency } from './types.js';
import { INTENTS } from './types.js';
import type { LinearModel } from './classifier.js';
import { predictProba } from './classifier.js';

/** Administrative intents that yield to an ongoing same_day/vital problem (README rule 13). */
const YIELDS_TO_CLINICAL = new Set<Intent>(['cancel', 'document_request', 'billing', 'practical_info', 'other']);

const isIntent = (s: string): s is Intent => (INTENTS as readonly string[]).includes(s);

/** An explicit request to be seen (README rule 11), not "should I wait for my appointment?". */
const REQUEST_SEEN = new RegExp(
  [
    '(?:voudrais|voudrait|souhaite|souhaiterais|aimerais|besoin d|demande de|demande d) (?:un |une |prendre )?(?:rendez vous|creneau|consultation|visite|teleconsultation)',
    '(?:voudrais|souhaiterais|aimerais|veux) (?:consulter|voir (?:le|un|une|la) (?:docteur|medecin|dr|pediatre|dentiste))',
    '(?:un|une) (?:rendez vous|creneau|consultation) (?:aujourd hui|ce (?:matin|soir|jour)|cet apres midi|en urgence|rapidement)',
    '(?:avez vous|vous avez|vous auriez|il vous reste|reste t il) (?:un |une |encore un |de la )?(?:rendez vous|creneau|place|dispo\\w*)',
    '(?:pouvez vous|vous pouvez|pourriez vous|peut il|pourrait il|peut elle) (?:le |la |me |nous |les )?(?:prendre|recevoir|voir|passer)',
    '(?:passer|passez|passiez|viens|vient|venez|veniez|venir) (?:me |le |la |nous )?voir', '(?:peux|puis|pouvons|peut) (?:je |on )?(?:passer|venir) (?:aujourd hui|ce matin|cet apres midi|ce soir|au cabinet)',
    '(?:on|je) peut? (?:passer|venir) (?:aujourd hui|ce matin|cet apres midi|ce soir|au cabinet)',
    '(?:can|could) (?:i|we) (?:come|be seen|book|see|get an appointment|have an appointment)', '(?:see|examine) (?:him|her|me|us|my \\w+) (?:today|this|tomorrow)',
    '(?:like|want|need) to (?:book|be seen|see (?:a|the) doctor)', '(?:any|a) (?:slot|appointment) (?:today|this)', 'appointment request', 'home visit',
    // The same request in other words: a modal, then "see / look at / take / examine" someone.
    '(?:peut|pourrait|pourriez|pouvez|puisse|voie|voir|pourra) (?:vous )?(?:(?:le |la |les |me |nous |l )?(?:voir|regarder|examiner|recevoir|ausculter|passer)|(?:le |la |les |me |nous |l )prendre)',
    '(?:que )?(?:le|la) (?:docteur|medecin|dr) (?:le |la |me |nous |les |l )?(?:voie|regarde|examine|recoive|prenne)',
    '(?:avez vous|vous avez|auriez vous|vous auriez|y a t il) (?:des |un |une )?(?:creneaux|disponibilites|places?|rendez vous)',
    '(?:faire|prevoir|programmer) (?:un |une )?(?:bilan|check up|visite|controle|consultation)', '(?:passer|venir) (?:au cabinet|en consultation|vous voir)',
    '(?:bring|take) (?:him|her|them|my \\w+) (?:in|down|to (?:you|the surgery))', '(?:come|pop) (?:in|down|to the (?:surgery|practice|clinic))', 'get (?:it|him|her|this|them) (?:looked at|checked)',
    '(?:be|get) (?:seen|checked)', '(?:routine )?(?:review|check ?up) (?:when|please|with)', '(?:you|doctor|dr \\w+|someone|somebody|to|please) (?:see|examine|check) (?:him|her|me|us|them)', 'fit (?:me|him|her|us) in',
    'book (?:in|me|him|her|an?)', '(?<!(?:his|her|my|our|their|your|the) )appointment (?:today|this|tomorrow|please|for)',
    // README rule 11 names "can I come today?" and the home visit: the same requests in other persons and tenses.
    '(?:could|can|would) (?:the doctor|a doctor|someone|somebody|you|dr \\w+) (?:come|pop|call) (?:round|by|over|to the house|out|and see)', '(?:could|can) (?:the doctor|a doctor|someone|somebody) visit',
    '(?:could|can) (?:i|we) (?:get|have) (?:a|an) (?:\\w+ ){0,2}(?:appointment|appt|slot|rendez vous)', 'any (?:appointments|slots)',
    '(?:voulais|voulait|voudrions|voulions) (?:un |une |prendre )?(?:rendez vous|creneau|consultation|visite)', '(?:pouviez vous|vous pourriez) (?:le |la |me |nous |les )?(?:prendre|recevoir|voir)',
    '(?:je|on) (?:peux|peut|pourrais|pourrait) (?:venir|passer) \\?', '(?:je peux|puis je|est ce que je peux|je pourrais) etre (?:vue?s?|recue?s?)',
    // The same requests with a day, a purpose or a third person; SMS spellings of « vous avez une place ».
    '(?:peux|puis|pouvons|peut|pourrais|pourrait) (?:je |on |il |elle )?(?:passer|venir) (?:demain|cet aprem|tout a l heure|maintenant|en fin de|parler|en parler|consulter)',
    'demande (?:une |un )(?:visite|rendez vous|rdv|creneau|consultation)', 'demande (?:si (?:elle|il|on) (?:peut|pourrait)|a) (?:venir|passer|etre vue?)',
    '(?:visite|passage) (?:a la maison|a domicile)', '(?:possible|possibilite) de (?:passer|venir|le voir|la voir|me voir|etre vue?)',
    'faudrait (?:que je|qu il|qu elle|qu on) (?:voie|consulte|passe|vienne)', 'vou?s? av(?:e|ez) (?:un |une |1 )?(?:place|creneau|creno|rdv)',
    'do you have (?:anything|something|a slot|an appointment|any space|room)', '(?:like|want|need) to get (?:my|his|her|it|this) (?:\\w+ ){0,2}checked',
  ].join('|'),
);
/**
 * An appointment asked for in so many words (README rule 14): « je voudrais un rendez-vous pour renouveler mon
 * ordonnance » is `book`; « il me faudrait mon ordonnance renouvelée » stays `prescription_renewal`.
 */
const EXPLICIT_APPOINTMENT = /\b(?:voudrais|voudrait|souhaite|souhaiterais|aimerais|besoin d|prendre|avoir|demande de|demande d|veux|faudrait) (?:un |une |prendre un |prendre une )?(?:rendez vous|rdv|consultation|creneau|teleconsultation)\b|\b(?:book|make|get|need|want|like|have) (?:an? )?(?:appointment|appt|consultation|slot)\b/;
/** « Faut-il prendre rendez-vous ? », "do I need an appointment?": a question about the need, not a request. */
const ASKS_IF_APPOINTMENT_NEEDED = /\b(?:faut il|faudra t il|dois je|doit on|devons nous|est ce qu il faut|do (?:i|we|you|they) (?:need|have)|does (?:he|she|it) (?:need|have)|is (?:an?|it) )(?: \w+){0,3} (?:rendez vous|rdv|appointment|appt|consultation)\b/;
const ADMIN_PURPOSES = new Set<Intent>(['prescription_renewal', 'document_request']);

/** Explicit cancellation of an appointment, without a wish to move it (README rule 12). */
const CANCEL_EXPLICIT = /\b(?:annuler|annule|annulez|annulation|cancel|cancell?ing|supprimer)\b(?: \w+){0,4} (?:rendez vous|rdv|appointment|appt|seances?|consultation|visite|teleconsultation|check up|review)\b|\b(?:rendez vous|rdv|appointment|seances?|consultation|visite)\b(?: \w+){0,8} (?:a annuler|est annule|to cancel|cancelled)\b/;
const MOVE_WISH = /\b(?:(?:le|la|les) (?:passer|mettre) (?:a|plutot)|decaler|echanger|switch|swap|reporter|deplacer|changer|modifier|avancer|repousser|move|reschedule|postpone|autre (?:date|creneau|jour|heure)|another (?:day|time|date|slot))\b/;

const WAITS_FOR_APPOINTMENT = /\b(?:attendre|wait for|wait until)\b(?: \w+){0,4} (?:rendez vous|rdv|visite|appointment)\b|\b(?:pas besoin de|no need for|don t need an?|do not need an?) (?:rendez vous|rdv|appointment)\b|\bshould (?:i|he|she|we|they) (?:be (?:seen|checked)|see (?:a|the) doctor|come in)\b|\b(?:faut il|dois je|doit on|est ce qu il faut) (?:la |le |les |me )?(?:faire )?(?:voir|consulter|examiner)\b/;

/**
 * An appointment the person already has (« il a rendez-vous jeudi », "he's got an appointment on Friday"): mentioning
 * it is not asking for a new one (README rule 11), so with an urgent problem the message is a medical question.
 */
const HAS_APPOINTMENT = /\b(?:a|ai|as|avons|avez|ont|avait|avais|avions|aura|aurons) (?:deja |bien )?(?:un |une |son |sa |mon |ma |notre |leur )?(?:rendez vous|rdv|consultation|visite|seance)\b|\b(?:garde|garder|gardons|maintenir|maintiens|annule|annuler|decommander|attendre|attends|attend) (?:le |la |mon |ma |son |sa |notre |ce |cette )?(?:rendez vous|rdv|consultation|visite)\b|\b(?:has|have|got|had|s got|ve got) (?:an? |his |her |my |our |their )?(?:appointment|appt|check ?up|review)\b|\b(?:keep|wait for|wait until|cancel) (?:the |my |his |her |our |this )?(?:appointment|appt)\b|\b(?:at|to|for|before) (?:my|his|her|our|their) (?:appointment|appt|review|check ?up)\b|\b(?:a|au|pour) (?:mon|son|sa|notre|leur) (?:rendez vous|rdv|consultation|visite)\b|\bau (?:rendez vous|rdv) (?:de|du|d)\b/;

/**
 * A professional introducing themself at the start of the message (README rule 18): « ici la pharmacie du Centre »,
 * « EHPAD Les Glycines, veilleuse de nuit », « Dr Fabre, généraliste », "district nurse here", "this is the school nurse".
 * Not « le labo m'a appelée » (a patient quoting the lab): the bare name needs a comma, colon or full stop after it.
 */
const PRO_ROLE = '(?:pharmacie|pharmacien\\w*|pharmacist|pharmacy|laboratoire|labo|lab|biolab|opticien\\w*|optique|infirmiere (?:liberale|a domicile|scolaire|du|de la|de l|coordinatrice)|infirmier (?:liberal|a domicile)|cabinet infirmier|idel?|district nurse|school nurse|community midwife|midwife|sage femme|outreach worker|aide soignante|auxiliaire de vie|ambulances?|ambulancier\\w*|ehpad|ssiad|clinique|chu|centre hospitalier|hopital|hospital|care home|nursing home|home ?care|telesurveillance|university health)';
const GREETING = '(?:(?:bonjour|bonsoir|hello|hi|good (?:morning|afternoon|evening)|dear \\w+|oui|allo|madame|monsieur|docteur)\\s?,?\\s?)*';
const PRO_INTRO = new RegExp(
  [
    `^${GREETING}(?:ici|c est|this is|i m|i am|je suis|nous sommes|we are) (?:le |la |l |the |a |an |un |une |votre |your )?${PRO_ROLE}\\b`,
    `^${GREETING}${PRO_ROLE}(?: [a-z]+){0,3} ?[,:.]`,
    `^${GREETING}(?:[a-z]+ ){0,3}${PRO_ROLE} here\\b`,
    `^${GREETING}(?:dr|docteur|doctor) [a-z]+ ,? (?:[a-z]+ )?(?:medecin|generaliste|pediatre|cardiologue|gyneco\\w*|psychiatre|dermato\\w*|rhumato\\w*|chirurgien\\w*|radiologue|gp|consultant)\\b`,
  ].join('|'),
);

/** A renewal asked in so many words (« renouvellement », « refaire l'ordonnance », "repeat prescription"). */
const RENEWAL_ASKED = /\b(?:renouvel\w*|renouvlement|renew\w*|repeat (?:prescription|script)|(?:refaire|renvoyer|faire|refais|redonner|prolonger) (?:l |mon |ma |son |sa |une )?(?:ordo|ordonnance)|(?:new|another) prescription for|need again the)\b/;

/** A message opening with thanks (after a greeting or « super », « ok »); « merci de m'envoyer » is a request. */
const THANKS_FIRST = /^(?:(?:bonjour|bonsoir|hello|hi|dear \w+|cher \w+|chere \w+|docteur|doctor|super|ok|okay|d accord|parfait|great|perfect|top)\s?,?\s?)*(?:merci\w*(?! (?:de|d)\b)|thanks?|thank you|thx)\b/;
/** A colleague's thanks (« cher confrère, merci de m'avoir adressé… ») is professional correspondence. */
const PEER = /\b(?:confrere|consoeur|colleague|confraternel\w*)\b/;

/** Any word of booking: without one, a vital message the model calls `book` asks for nothing. */
const BOOKING_WORD = /\b(?:rendez vous|rdv|creneau|creno|(?:tele)?consultation|visite|vue?s?|examine\w*|checked|place|dispo\w*|passer|venir|recevoir|voir|appointment|appt|slot|visit|come|book\w*|seen|see)\b/;

/** An appointment named as theirs (« mon rdv de 10h30 », "tomorrow's video call", "my appointment from next Tuesday"). */
const HELD_APPOINTMENT = /\b(?:mon|ma|son|sa|notre|leur|le|la) (?:rendez vous|rdv|consultation|visite|teleconsultation|seance)s? (?:de|du|d|prevue?|pris|prise)\b|\b(?:my|his|her|our|their|tomorrow s|today s|monday s|tuesday s|wednesday s|thursday s|friday s) (?:\w+ )?(?:appointment|appt|rdv|video call|phone call|check ?up|review|slot)\b/;

/**
 * A question about whether to be seen at all (README rule 11): « je dois
 * consulter aujourd'hui ? », "should I come in today, or can this wait?", "does he need to be seen?". It asks for
 * advice on the need, not for a slot: without an explicit request elsewhere (« je voudrais un rendez-vous », "can I
 * come today?") the message is a medical question. Matched text is removed before REQUEST_SEEN reads the message,
 * so "come in" or "be seen" inside such a question is not taken for a request.
 */
const ASKS_WHETHER_TO_COME = new RegExp(
  [
    '(?:dois je|je dois|devrais je|je devrais|faut il|faudrait il|il faut|est ce qu il faut|est ce que je dois|est ce qu on doit|on doit|doit on|doit il|doit elle|il doit|elle doit|devons nous|nous devons)'
      + ' (?:le |la |les |l |me |te |se |nous )?(?:faire )?(?:venir|consulter|voir (?:un |le |la )?(?:medecin|docteur|quelqu un)|passer|montrer|examiner|amener|emmener|prendre (?:un )?(?:rendez vous|rdv)|aller (?:aux urgences|chez le medecin|voir))(?: [^.?!]{0,40})? \\?',
    '(?:ca|cela) (?:vaut|merite) (?:le coup|la peine) (?:de |d )?(?:venir|consulter|passer|prendre (?:un )?(?:rendez vous|rdv))',
    '(?:est ce )?(?:necessaire|utile) (?:de |d )?(?:venir|consulter|passer|le faire voir|la faire voir)',
    '(?:ou|or) (?:ca|cela|on|je|il|elle)? ?(?:peut|peux|can (?:it|this|that|i|we|he|she)) (?:attendre|wait)',
    'should (?:i|he|she|we|they|my \\w+) (?:come in|come down|be seen|be checked|get (?:it |this |that |him |her |them |myself )?(?:checked|looked at|seen)|see (?:a |the |someone|somebody)\\w*|book|bring (?:him|her|them)\\b|go (?:to|and see)|make an appointment)',
    'do (?:i|we) (?:bring|take) (?:him|her|them) (?:in|to you|down)',
    '(?:if|whether) (?:i|he|she|we|they) (?:should|needs? to|ought to) (?:be seen|come in|be checked|see (?:a|the) doctor)',
    '(?:do|does|would) (?:i|we|he|she|they|you think (?:i|he|she|we)) (?:need|have|want) (?:to (?:be seen|be checked|come in|come down|see (?:a|the|someone)|book|get (?:it|this|him|her) (?:checked|looked at))|an appointment|a (?:doctor|check))',
    '(?:is it|would it be) (?:worth|necessary|best) (?:to )?(?:coming in|come in|being seen|be seen|getting (?:it|this) checked|booking)',
  ]
    .map((alt) => `\\b(?:${alt})`)
    .join('|'),
  'g',
);

/** The message without its "whether to come" questions. */
const withoutWhetherQuestions = (norm: string): string => norm.replace(ASKS_WHETHER_TO_COME, ' ');

/** A call back asked of the doctor (the README's definition of a medical question: "needs a practitioner's call back"). */
const CALLBACK = /\b(?:me|le|la|nous|les|l) (?:rappeler|rappelle|rappeliez|appeler|appelle|telephoner)\b|\brappel(?:er)? (?:du|par le) (?:docteur|medecin)\b|\b(?:call|ring|phone) (?:me|him|her|us|them) (?:back|today|this|as soon|when)\b|\b(?:call|ring) ?back\b/;

export interface IntentDecision {
  intent: Intent;
  confidence: number;
  reasons: Reason[];
  /** True when the request must be shown to the secretary with its two likely intents. */
  unsure: boolean;
  /** The chosen intent, then the next likely one. */
  alternatives: Intent[];
}

/**
 * Below this probability of the model's first intent (or when a precedence rule overrules a
 * model that was at least this sure) the intent is "unsure": the request is filed under the
 * first, flagged « à vérifier » with the second beside it, never silently.
 */
export const UNSURE_BELOW = 0.6;

/** Above this probability an administrative intent is kept even with an urgent sign (flagged unsure). */
export const ADMIN_SURE = 0.9;

const INTENT_LABEL_FR: Record<Intent, string> = {
  book: 'Rendez-vous', reschedule: 'Déplacement', cancel: 'Annulation', prescription_renewal: 'Renouvellement', test_results: 'Résultats',
  medical_question: 'Question médicale', document_request: 'Document', billing: 'Facturation', practical_info: 'Information pratique',
  professional: 'Professionnel', other: 'Autre',
};

/** `clinicalFromRules`: the urgency (if not routine) was found by the rules, not only by a statistical detector. */
export function decideIntent(norm: string, urgency: Urgency, model: LinearModel, clinicalFromRules = true): IntentDecision {
  const ranked = predictProba(model, norm);
  const top = ranked[0];
  let intent: Intent = top && isIntent(top.label) ? top.label : 'other';
  const modelTop: Intent = intent;
  let forcedAlternative: Intent | undefined;
  const confidence = top?.p ?? 0;
  const reasons: Reason[] = [
    {
      code: 'INTENT_MODEL',
      label: 'Intention estimée par le modèle statistique',
      evidence: ranked.slice(0, 2).map((r) => `${r.label} ${(r.p * 100).toFixed(0)} %`).join(', '),
    },
  ];
  const asksWhether = ASKS_WHETHER_TO_COME.test(norm);
  ASKS_WHETHER_TO_COME.lastIndex = 0;
  // REQUEST_SEEN reads the message without its "whether to come" questions (rule 11: asking if one must come is advice).
  const requestText = asksWhether ? withoutWhetherQuestions(norm) : norm;
  if (intent === 'medical_question' && REQUEST_SEEN.test(requestText) && !WAITS_FOR_APPOINTMENT.test(norm)) {
    reasons.push({ code: 'INTENT_ASKS_TO_BE_SEEN', label: 'Symptômes avec demande explicite de consultation : rendez-vous', evidence: (requestText.match(REQUEST_SEEN)?.[0] ?? '').trim() });
    intent = 'book';
  }
  if (ADMIN_PURPOSES.has(intent) && EXPLICIT_APPOINTMENT.test(norm) && !ASKS_IF_APPOINTMENT_NEEDED.test(norm) && !CANCEL_EXPLICIT.test(norm) && !MOVE_WISH.test(norm)) {
    reasons.push({ code: 'INTENT_APPOINTMENT_FOR_ADMIN', label: 'Rendez-vous demandé pour un renouvellement ou un document : rendez-vous', evidence: (norm.match(EXPLICIT_APPOINTMENT)?.[0] ?? '').trim() });
    intent = 'book';
  }
  // README rule 12: moving an appointment they already hold (« j'ai rendez-vous jeudi, je peux le passer à aujourd'hui ? »,
  // "can I move my rdv to today?") is a reschedule, even when the new time is today and the reason a symptom.
  if (intent === 'book' && MOVE_WISH.test(norm) && (HAS_APPOINTMENT.test(norm) || HELD_APPOINTMENT.test(norm)) && !CANCEL_EXPLICIT.test(norm)) {
    reasons.push({ code: 'INTENT_MOVES_HELD_APPOINTMENT', label: 'Rendez-vous existant à déplacer : déplacement', evidence: (norm.match(MOVE_WISH)?.[0] ?? '').trim() });
    intent = 'reschedule';
  }
  if ((intent === 'book' || intent === 'reschedule') && CANCEL_EXPLICIT.test(norm) && !MOVE_WISH.test(norm)) {
    reasons.push({ code: 'INTENT_EXPLICIT_CANCEL', label: 'Annulation explicite d un rendez-vous', evidence: (norm.match(CANCEL_EXPLICIT)?.[0] ?? '').trim() });
    intent = 'cancel';
  }
  if (intent === 'book' && asksWhether && !REQUEST_SEEN.test(requestText) && !EXPLICIT_APPOINTMENT.test(requestText) && !MOVE_WISH.test(norm)) {
    reasons.push({ code: 'INTENT_ASKS_WHETHER_TO_COME', label: 'Demande s il faut consulter, sans demande de rendez-vous : question médicale', evidence: (norm.match(ASKS_WHETHER_TO_COME)?.[0] ?? '').trim() });
    ASKS_WHETHER_TO_COME.lastIndex = 0;
    intent = 'medical_question';
  }
  if (intent === 'book' && urgency !== 'routine' && CALLBACK.test(norm) && !REQUEST_SEEN.test(requestText) && !EXPLICIT_APPOINTMENT.test(requestText)) {
    reasons.push({ code: 'INTENT_CALLBACK', label: 'Demande de rappel par le médecin, sans demande de rendez-vous : question médicale', evidence: (norm.match(CALLBACK)?.[0] ?? '').trim() });
    intent = 'medical_question';
  }
  if (intent === 'book' && WAITS_FOR_APPOINTMENT.test(norm) && !REQUEST_SEEN.test(norm)) {
    reasons.push({ code: 'INTENT_QUESTION_NOT_BOOKING', label: 'Demande s il faut attendre un rendez-vous existant : question médicale', evidence: (norm.match(WAITS_FOR_APPOINTMENT)?.[0] ?? '').trim() });
    intent = 'medical_question';
  }
  // A life-threatening picture with no request to be seen in it: the model leaned to `book` on the signs alone (its
  // training pairs many symptoms with bookings), but the message asks for nothing but help (README rule 11).
  if (intent === 'book' && urgency === 'vital' && !REQUEST_SEEN.test(requestText) && !EXPLICIT_APPOINTMENT.test(requestText) && !MOVE_WISH.test(norm) && !BOOKING_WORD.test(norm)) {
    reasons.push({ code: 'INTENT_VITAL_NO_REQUEST', label: 'Urgence vitale sans demande de rendez-vous : question médicale', evidence: `book ${Math.round((top?.p ?? 0) * 100)} %` });
    intent = 'medical_question';
  }
  if (intent === 'book' && urgency !== 'routine' && HAS_APPOINTMENT.test(norm) && !REQUEST_SEEN.test(norm) && !MOVE_WISH.test(norm)) {
    reasons.push({ code: 'INTENT_EXISTING_APPOINTMENT', label: 'Rendez-vous déjà pris, problème urgent décrit : question médicale', evidence: (norm.match(HAS_APPOINTMENT)?.[0] ?? '').trim() });
    intent = 'medical_question';
  }
  // README rule 15: a renewal asked in so many words stays a renewal when it comes with a symptom that is not
  // life-threatening (« plus de médicament pour le cœur, jambes gonflées : ordonnance svp »); the urgency says the rest.
  if (intent === 'medical_question' && urgency !== 'vital' && RENEWAL_ASKED.test(norm)) {
    reasons.push({ code: 'INTENT_RENEWAL_ASKED', label: 'Renouvellement demandé explicitement : renouvellement', evidence: (norm.match(RENEWAL_ASKED)?.[0] ?? '').trim() });
    intent = 'prescription_renewal';
  }
  if (intent !== 'professional' && PRO_INTRO.test(norm)) {
    reasons.push({ code: 'INTENT_PROFESSIONAL_SENDER', label: 'Un professionnel se présente : professionnel', evidence: (norm.match(PRO_INTRO)?.[0] ?? '').trim() });
    intent = 'professional';
  }
  // README intents: « thanks only » is `other`. A routine message that opens with thanks and asks nothing (no question, no
  // request) is a thank-you, whatever it tells of how the patient is (« merci pour hier, il va beaucoup mieux »).
  if (urgency === 'routine' && intent !== 'other' && intent !== 'professional' && THANKS_FIRST.test(norm) && !norm.includes('?') && !REQUEST_SEEN.test(norm) && !EXPLICIT_APPOINTMENT.test(norm) && !CANCEL_EXPLICIT.test(norm) && !MOVE_WISH.test(norm) && !PEER.test(norm)) {
    reasons.push({ code: 'INTENT_THANKS_ONLY', label: 'Remerciements sans demande : autre', evidence: (norm.match(THANKS_FIRST)?.[0] ?? '').trim() });
    intent = 'other';
  }
  // When only a statistical detector raised the urgency (the rules found nothing) and the intent model is very sure
  // of a purely administrative request (an invoice, a survey, a wrong number), the urgency is usually a false alarm:
  // on the development sets the flip was wrong 9 times out of 10 there. The request stays filed under its intent,
  // flagged « à vérifier » with « Question médicale » beside it; the urgency and its instruction are untouched.
  const adminSure = !clinicalFromRules && (top?.p ?? 0) >= ADMIN_SURE && intent === modelTop;
  if (urgency !== 'routine' && YIELDS_TO_CLINICAL.has(intent) && adminSure) {
    reasons.push({ code: 'INTENT_ADMIN_KEPT', label: 'Demande administrative nette malgré un signe clinique : à vérifier', evidence: `${intent} ${Math.round((top?.p ?? 0) * 100)} %` });
    forcedAlternative = 'medical_question';
  } else if (urgency !== 'routine' && YIELDS_TO_CLINICAL.has(intent)) {
    // Rule 13's « or book if they ask to be seen »: a request to be seen, not any mention of a consultation (« la
    // facture de la consultation », « je ne viendrai pas au rendez-vous »).
    const asksToBeSeen = (REQUEST_SEEN.test(requestText) || EXPLICIT_APPOINTMENT.test(requestText)) && !/\b(?:annul\w*|cancel\w*)\b/.test(norm);
    const next: Intent = asksToBeSeen ? 'book' : 'medical_question';
    reasons.push({
      code: 'INTENT_CLINICAL_FIRST',
      label: 'Demande administrative avec un problème clinique urgent : le clinique passe en premier',
      evidence: `${intent} -> ${next}`,
    });
    intent = next;
  }
  const second = ranked.find((r) => r.label !== intent && isIntent(r.label));
  const overruled = intent !== modelTop && (top?.p ?? 0) >= UNSURE_BELOW;
  const alternatives = [intent, forcedAlternative ?? (overruled ? modelTop : (second?.label as Intent | undefined))].filter((x): x is Intent => x !== undefined);
  const unsure = overruled || forcedAlternative !== undefined || (top?.p ?? 0) < UNSURE_BELOW;
  if (unsure && alternatives.length === 2) {
    reasons.push({
      code: 'INTENT_UNSURE',
      label: `Intention incertaine : à vérifier entre « ${INTENT_LABEL_FR[alternatives[0] as Intent]} » et « ${INTENT_LABEL_FR[alternatives[1] as Intent]} »`,
      evidence: alternatives.join('|'),
    });
  }
  return { intent, confidence, reasons, unsure: unsure && alternatives.length === 2, alternatives };
}
