/**
 * Time context of a red flag: is the event happening now, over, or history?
 *
 * README rules 3-4: an event that is over and handled is not vital; a resolved episode not
 * yet assessed is same_day (except a transient neurological deficit within 24 h); history
 * ("infarctus en 2019", "il y a 3 ans") does not count. Only explicit markers are used, so a
 * message without any time marker keeps its red flag (safety first).
 */

export interface TimeContext {
  /** The event is happening now: "depuis 20 minutes", "en ce moment", "right now". */
  ongoing: boolean;
  /** Generic "depuis …" / "since …": started earlier and still present. */
  since: boolean;
  /** Lasting for weeks, months or years: not an acute emergency. */
  chronic: boolean;
  /** Past tense or an episode duration ("j ai eu", "avait", "had", "pendant 10 minutes"). */
  pastTense: boolean;
  /** Weak continuation: "toujours", "still", "encore". */
  still: boolean;
  /** Years/months ago, history: "il y a 3 ans", "en 2019", "last year", "deja fait". */
  remotePast: boolean;
  /** Days ago: "hier", "il y a 3 jours", "last week", "pendant 10 minutes". */
  recentPast: boolean;
  /** Within the last 24 h: "hier soir", "cette nuit", "ce matin", "il y a 2 heures". */
  within24h: boolean;
}

const NUM = '(?:\\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|vingt|trente|quelques|plusieurs|a|an|one|two|three|four|five|six|ten|few|several|couple of)';

const MONTH = '(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december)';

const ONGOING = new RegExp(
  [
    `depuis (?:environ |about |presque |plus de |moins de )?${NUM} (?:minutes?|min|heures?|h)\\b`,
    `depuis (?:tout a l heure|ce matin|cette nuit|ce soir|cet apres midi|le reveil|midi|qu il est leve|que je suis leve|que je suis levee)`,
    `il y a ${NUM} (?:minutes?|heures?)`, `${NUM} (?:minutes?|hours?) ago`,
    `for (?:the last |the past )${NUM} (?:minutes?|hours?)`, `since (?:about |around )?${NUM} (?:minutes?|hours?)`,
    `since (?:this morning|last night|an hour)`,
    'en ce moment', 'actuellement', 'right now', 'currently', 'en train de', 'is having', 'are having', 'am having',
    'maintenant', 'a l instant', 'vient de', 'viens de', 'just now', 'has just', 'have just', 'ne passe pas', 'won t stop',
    'will not stop', 's arrete pas', 'ne s arrete pas', 'toujours pas', 'is still', 'still has', 'still having',
    'de plus en plus', 'getting worse', 'still [a-z]+ing', 'toujours en train', 'encore en train', 'continue de', 'continues? to', 'depuis (?:le debut de )?(?:l apres midi|la matinee)', '\\bnow\\b',
    '(?:mais|et|alors) la (?:il|elle|je|j|on|ca|mon|ma)\\b',
  ].join('|'),
);
const SINCE = /\b(?:depuis|since)\b(?! ,| plus rien| rien| ca va| il va bien| elle va bien| je vais bien| then)/;
const CHRONIC = new RegExp(
  [
    `depuis (?:des|plusieurs|quelques|${NUM}) (?:semaines|mois|ans|annees)`, 'depuis longtemps', 'depuis toujours',
    'depuis (?:l ete|l hiver|le printemps|l automne|la rentree|la naissance|l enfance|noel)', 'de moins en moins',
    `for (?:${NUM} |the last |the past )?(?:weeks|months|years)`, 'since (?:the )?(?:summer|winter|spring|autumn|childhood|birth|christmas)',
    `since ${NUM} (?:weeks|months|years)`, 'chronique', 'chronic', 'regulierement', 'souvent', 'often', 'recurrent', 'tous les soirs',
  ].join('|'),
);
const PAST_TENSE = new RegExp(
  [
    '\\b(?:ai|a|avons|avez|ont|avait|avais) eu\\b', '\\bhad\\b', '\\bwas\\b', '\\bwere\\b', '\\bavai[st]\\b', '\\barrivai[st]\\b',
    '\\bpouvai[st]\\b', '\\betai[st]\\b', '\\b(?:a|ai) fait\\b', 'a dure', 'lasted', 'happened', 's est produit', 'est arrive',
    'pendant (?:environ |a peu pres )?(?:une|un|quelques|\\d+|deux|trois|dix)', 'for (?:about |around )?(?:a|one|two|few|\\d+) (?:seconds?|minutes?)',
    '\\bpuis\\b', 'avait', 'avaient',
  ].join('|'),
);
const STILL = /\b(toujours|still|encore|persiste|persists)\b/;
const REMOTE_PAST = new RegExp(
  [
    `il y a ${NUM} (?:ans?|annees?|mois)`, `${NUM} (?:years?|months?) ago`, '\\ben (?:19|20)\\d\\d\\b', '\\bin (?:19|20)\\d\\d\\b',
    'l an dernier', 'l annee derniere', 'l an passe', 'last year', 'le mois dernier', 'last month', 'autrefois',
    'dans le passe', 'in the past', 'deja fait', 'deja eu', 'deja fait un', 'antecedents?', 'history of', 'quand j etais',
    'when i was', 'enfant j', 'as a child', 'il y a longtemps', 'long ago', 'a l epoque',
    // A named month in the past (« chest pain I had back in March », « en janvier dernier »); a bare « en mars » may be an appointment.
    `back in ${MONTH}`, `(?:en|au mois de) ${MONTH} dernier`, `last ${MONTH}`, `(?:earlier|early|late) (?:this year|in ${MONTH})`,
  ].join('|'),
);
const RECENT_PAST = new RegExp(
  [
    '\\bhier\\b', '\\byesterday\\b', 'avant hier', `il y a ${NUM} (?:jours?|semaines?|nuits?)`, `${NUM} (?:days?|weeks?|nights?) ago`,
    'la semaine derniere', 'la semaine passee', 'last week', 'last night', 'la nuit derniere', 'cette nuit', 'ce week end',
    'this weekend', 'last weekend', 'le week end dernier', '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (?:dernier|soir|matin)',
    'last (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)', `pendant (?:environ |a peu pres )?${NUM} (?:secondes?|minutes?|heures?)`,
    `pendant une (?:dizaine|vingtaine|demi heure|minute|heure|seconde)`, `for (?:about |around )?${NUM} (?:seconds?|minutes?)`,
    'a dure', 'lasted', 'this morning', 'ce matin', 'earlier today', 'plus tot dans la journee',
  ].join('|'),
);
const WITHIN_24H = new RegExp(
  [
    'hier soir', 'hier apres midi', 'cette nuit', 'la nuit derniere', 'last night', 'ce matin', 'this morning', 'earlier today',
    `il y a ${NUM} (?:heures?|minutes?)`, `${NUM} (?:hours?|minutes?) ago`, 'yesterday evening', 'ce midi', '\\bhier\\b', '\\byesterday\\b',
  ].join('|'),
);

/**
 * A sign that began today is new, whatever else in the sentence has lasted: « been taking ibuprofen for 2 weeks,
 * today my poo is black … and I nearly fainted » was read as chronic (the two weeks were the ibuprofen's) and a
 * bleeding with a near-faint came out same-day. Safety first: a today onset in the sentence cancels « chronic ».
 */
const TODAY_ONSET = /\b(?:today|aujourd hui|this morning|ce matin|tonight|ce soir|cet apres midi|this afternoon|this evening|just now|a l instant|tout a l heure|depuis (?:ce matin|ce midi|cet apres midi|ce soir|tout a l heure)|since (?:this morning|lunchtime|this afternoon))\b/;

/** Remote-past marker in a piece of text (used on the clause of a sign). */
export function isRemotePast(text: string): boolean {
  return REMOTE_PAST.test(text);
}

/**
 * "for about ten minutes": how long it lasted — ongoing now ("chest pain for 20 minutes") unless the sentence dates it
 * days back ("last Tuesday my arm went numb for about ten minutes": an episode over, README rule 4).
 */
const LASTED_FOR = new RegExp(`\\bfor (?:about |around |nearly |almost )?${NUM} (?:minutes?|mins?|hours?)\\b`);
const DAYS_BACK = new RegExp(`\\b(?:${NUM} (?:days?|weeks?) ago|last (?:week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|il y a ${NUM} (?:jours?|semaines?)|(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) dernier|la semaine derniere)\\b`);

export function timeContext(sentence: string): TimeContext {
  const ongoing = ONGOING.test(sentence) || (LASTED_FOR.test(sentence) && !DAYS_BACK.test(sentence));
  return {
    ongoing,
    since: SINCE.test(sentence),
    chronic: CHRONIC.test(sentence) && !TODAY_ONSET.test(sentence),
    pastTense: PAST_TENSE.test(sentence),
    still: STILL.test(sentence),
    remotePast: REMOTE_PAST.test(sentence),
    recentPast: RECENT_PAST.test(sentence),
    within24h: WITHIN_24H.test(sentence),
  };
}

/** Message-level: the episode is over and the person is well ("depuis plus rien", "tout est revenu"). */
export const RESOLVED = new RegExp(
  [
    'depuis plus rien', 'plus rien depuis', 'depuis , plus rien', 'depuis rien', 'tout est revenu', 'tout est rentre dans l ordre',
    'ca a disparu', 'c est passe', 'ca s est arrete', 'ca va mieux', 'va mieux', 'allait mieux', 'depuis ca va', 'depuis il va bien',
    'depuis elle va bien', 'elle va bien (?:ce matin|maintenant|depuis|aujourd hui)', 'il va bien (?:ce matin|maintenant|depuis|aujourd hui)',
    'je vais bien (?:maintenant|depuis|aujourd hui)', 'plus rien depuis', 'resolved', 'went away', 'gone now', 'back to normal', '(?:fully |completely )?recovered', 'went back', 'came back to normal',
    'since then (?:nothing|fine|ok|okay|all good)', 'fine now', 'now fine', 'feels fine now', 'revenu a la normale', 'recupere',
    'a repris connaissance', 'est revenu a lui', 'est revenue a elle', 'came round', 'came to', 'depuis , ca va', 'depuis je vais bien',
    'nothing since', 'it passed', 'has passed', '(?:maintenant|now|la|mtn) (?:ca va|c est bon|tout va bien)\\b', '(?:now|and now) (?:i m |he s |she s |it s )?(?:fine|ok|okay|all good)\\b',
  ].join('|'),
);

/** Message-level: the vital event is already handled by emergency services or hospital. */
export const HANDLED = new RegExp(
  [
    'hospitalise', 'hospitalisee', 'est a l hopital', 'est en reanimation', 'en reanimation', 'in hospital', 'in the hospital',
    'admitted', 'samu l a', 'samu est venu', 'pompiers l ont', 'ambulance took', 'emmene aux urgences', 'emmenee aux urgences',
    'a ete opere', 'a ete operee', 'pris en charge par', 'est prise en charge', 'est pris en charge', 'en cardiologie', 'en neurologie',
    'en soins intensifs', 'in intensive care', 'still in hospital',
  ].join('|'),
);

/** Message-level: a resolved episode was already assessed by a doctor or an emergency department. */
/** In the sign's own sentence, a visit to the emergency department that is over (« je suis allé aux urgences jeudi pour… »). */
export const ED_VISIT_PAST = /\b(?:(?:suis|est|sommes|etais|etait|sont) (?:alle|allee|alles|allees|passe|passee|passes)|on est (?:alle|alles|passe|passes)|(?:went|been|go) (?:to|into)) (?:aux urgences|a and e|a e|the er|the emergency|casualty|the hospital)\b/;

export const ASSESSED = new RegExp(
  [
    '(?:urgences|urgentiste|cardiologue|samu|medecin de garde|er|a and e|emergency|hospital|doctor) (?:\\w+ ){0,5}(?:ont dit|a dit|m ont dit|said|told)',
    'ce n etait pas (?:le coeur|grave|un avc|cardiaque)', 'c etait pas le coeur', 'not (?:the|my|his|her) heart', 'not a stroke',
    'pas un avc', 'bilan (?:etait )?normal', 'ecg (?:etait )?normal', 'examens? (?:etaient )?normaux', 'all (?:tests )?(?:were )?(?:normal|clear)',
    'rien trouve', 'found nothing', 'nothing found', 'tout etait normal', 'ils m ont rassure', 'passe aux urgences', 'passee aux urgences',
    'went to (?:a and e|the er|the emergency)', 'vu aux urgences', 'seen in (?:a and e|the er|emergency)',
  ].join('|'),
);
