/**
 * Short answers people type inside a chat or SMS dialog (identity, choices, confirmations,
 * one-line requests). Every message of a conversation goes through triage, so these must
 * never look vital to the statistical detector: they are added to its training data as
 * non-vital, and `src/server/triage/robustness.test.ts` checks them.
 */
export const SHORT_REPLIES: string[] = [
  'oui', 'non', 'ok', "d'accord", 'oui merci', 'non merci', 'merci', 'merci beaucoup', 'parfait', 'très bien', 'ça marche', 'super',
  'le premier', 'le deuxième', 'le troisième', 'le 1', 'le 2', '1', '2', '3', 'autre', 'un autre', 'autre créneau', 'un autre jour', 'plus tard',
  'plutôt le matin', "plutôt l'après-midi", 'mardi', 'jeudi matin', 'demain', 'la semaine prochaine', 'le plus tôt possible', 'peu importe',
  'je veux un rdv', 'je voudrais un rendez-vous', 'un rendez-vous svp', 'prendre rdv', 'rdv', 'annuler', 'annuler mon rdv', 'déplacer mon rdv',
  'je confirme', 'confirmé', 'stop', 'arrêter', 'recommencer', 'nouveau code', 'je n’ai pas reçu le code', 'le code ne marche pas', '123456', '000000',
  'Jean Dupont 03/02/1975', 'Marie Martin née le 12/05/1980', 'Dupont Jean', 'c’est pour mon fils', 'pour ma fille', 'pour moi', 'pour ma mère',
  'avec le Dr Martin', 'n’importe quel médecin', 'le docteur Girard', 'en visio', 'au cabinet', 'par téléphone', 'je ne sais pas', 'pourquoi ?',
  'vous êtes ouverts ?', 'quels horaires ?', 'adresse ?', 'combien ça coûte ?', 'ordonnance', 'renouvellement', 'certificat', 'résultats',
  'bonjour', 'bonsoir', 'allô', 'salut', 'bonne journée', 'à bientôt', 'c’est noté', 'je rappelle', 'rappelez-moi', 'vous pouvez me rappeler ?',
  'yes', 'no', 'okay', 'thanks', 'thank you', 'the first one', 'the second one', 'another one', 'other', 'later', 'tomorrow', 'next week',
  'I want an appointment', 'book an appointment please', 'cancel', 'cancel my appointment', 'move my appointment', 'I confirm', 'new code',
  "I didn't get the code", 'John Smith 03/02/1975', "it's for my son", 'for my daughter', 'with Dr Martin', 'any doctor', 'by phone', 'video',
  "I don't know", 'why?', 'are you open?', 'opening hours?', 'address?', 'how much?', 'prescription', 'repeat prescription', 'sick note',
  'results', 'hello', 'hi', 'good evening', 'call me back please', 'that works', 'perfect', 'sounds good', 'no thanks',
];
