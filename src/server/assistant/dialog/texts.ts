import type { Lang } from '../../triage/index.js';

/** What the booking dialog says, in French and English (the sentences built from values stay in the machine). */

type Txt = Record<Lang, string>;
export const T = {
  startBook: { fr: 'Je peux vous proposer un rendez-vous.', en: 'I can offer you an appointment.' },
  startMove: { fr: 'Je peux déplacer votre rendez-vous.', en: 'I can move your appointment.' },
  startCancel: { fr: 'Je peux enregistrer l’annulation de votre rendez-vous.', en: 'I can cancel your appointment.' },
  sameDay: {
    fr: 'Votre situation doit être vue par un médecin aujourd’hui. Si les symptômes s’aggravent, appelez le 15.',
    en: 'Your situation needs to be seen by a doctor today. If the symptoms get worse, call 15.',
  },
  askIdentity: {
    fr: 'Pour vérifier l’identité du patient, écrivez ses nom, prénom et date de naissance (par exemple : Camille Lefèvre 12/04/1988). Un code vous sera envoyé par SMS ou e-mail, aux coordonnées enregistrées au cabinet.',
    en: 'To check the patient’s identity, write their surname, first name and date of birth (for example: Camille Lefèvre 12/04/1988). A code will be sent by text or e-mail to the contact details the practice has on file.',
  },
  stopHint: { fr: 'Écrivez « stop » à tout moment pour arrêter.', en: 'Write “stop” at any time to stop.' },
  identityUnclear: {
    fr: 'Je n’ai pas compris. Écrivez le nom, le prénom et la date de naissance complète du patient (jour/mois/année).',
    en: 'I did not understand. Please write the patient’s surname, first name and full date of birth (day/month/year).',
  },
  codeSent: {
    fr: 'Si ces informations correspondent à un dossier du cabinet, un code à 6 chiffres vient d’être envoyé au téléphone portable ou à l’adresse e-mail enregistrés dans ce dossier (valable 15 minutes). Écrivez ce code ici. Rien reçu ? Écrivez « nouveau code », ou « pas de code » pour que le secrétariat vous recontacte.',
    en: 'If these details match a file of the practice, a 6-digit code has just been sent to the mobile phone or e-mail address recorded in that file (valid for 15 minutes). Write the code here. Nothing received? Write “new code”, or “no code” and the front desk will contact you.',
  },
  codeUnclear: {
    fr: 'Écrivez le code à 6 chiffres reçu, « nouveau code » ou « pas de code ».',
    en: 'Write the 6-digit code you received, “new code” or “no code”.',
  },
  codeWrong: { fr: 'Code incorrect.', en: 'Wrong code.' },
  codeExpired: {
    fr: 'Ce code a expiré ou a déjà servi. Écrivez « nouveau code » pour en recevoir un autre.',
    en: 'This code has expired or was already used. Write “new code” to receive another one.',
  },
  verified: { fr: 'Merci, votre identité est vérifiée.', en: 'Thank you, your identity is confirmed.' },
  rateLimited: {
    fr: 'Trop de codes ont été demandés. Votre demande est transmise au secrétariat, qui vous recontactera.',
    en: 'Too many codes were requested. Your request has been passed to the front desk, who will contact you.',
  },
  noCode: {
    fr: 'Votre demande est transmise au secrétariat, qui vous recontactera pour vérifier votre identité et vous proposer un rendez-vous.',
    en: 'Your request has been passed to the front desk, who will contact you to check your identity and offer you an appointment.',
  },
  askPractitioner: { fr: 'Avec quel praticien ?', en: 'With which practitioner?' },
  anyPractitioner: { fr: 'Peu importe', en: 'No preference' },
  askMotif: { fr: 'Pour quel motif ?', en: 'What is the appointment for?' },
  askWhen: {
    fr: 'Quand souhaitez-vous venir ? Par exemple : « mardi prochain vers 10h », « demain matin », « dès que possible ».',
    en: 'When would you like to come? For example: “next Tuesday around 10am”, “tomorrow morning”, “as soon as possible”.',
  },
  askWhenMove: {
    fr: 'Quand souhaitez-vous venir à la place ? Par exemple : « jeudi après-midi », « la semaine prochaine », « dès que possible ».',
    en: 'When would you like to come instead? For example: “Thursday afternoon”, “next week”, “as soon as possible”.',
  },
  proposals: { fr: 'Voici les prochains créneaux libres :', en: 'Here are the next free slots:' },
  proposalsToday: { fr: 'Voici les créneaux encore libres aujourd’hui :', en: 'Here are the slots still free today:' },
  chooseSlot: {
    fr: 'Répondez par le numéro du créneau, ou « autre » pour d’autres horaires.',
    en: 'Reply with the number of the slot, or “other” for other times.',
  },
  chooseSlotToday: {
    fr: 'Répondez par le numéro du créneau, ou « rappel » pour que le secrétariat vous rappelle aujourd’hui.',
    en: 'Reply with the number of the slot, or “call back” and the front desk will call you today.',
  },
  other: { fr: 'Autres horaires', en: 'Other times' },
  callbackChoice: { fr: 'Être rappelé(e) aujourd’hui', en: 'Call me back today' },
  urgentHeld: {
    fr: 'Le cabinet garde aussi des créneaux pour les urgences du jour : le secrétariat peut vous en attribuer un en vous rappelant.',
    en: 'The practice also keeps slots for same-day needs: the front desk can give you one when calling you back.',
  },
  noSlotToday: {
    fr: 'Je n’ai pas de créneau libre à vous proposer aujourd’hui. Votre demande est transmise en priorité au secrétariat, qui vous rappellera aujourd’hui pour trouver une solution (créneaux d’urgence du jour). Si le cabinet est fermé, appelez le 116 117 (médecin de garde) ou le 15.',
    en: 'I have no free slot to offer you today. Your request has been passed to the front desk as a priority, who will call you back today to find a solution (same-day slots). If the practice is closed, call 116 117 (on-call doctor) or 15.',
  },
  callback: {
    fr: 'C’est noté : le secrétariat vous rappellera aujourd’hui. Si les symptômes s’aggravent, appelez le 15.',
    en: 'Noted: the front desk will call you back today. If the symptoms get worse, call 15.',
  },
  noSlot: {
    fr: 'Je ne trouve pas de créneau libre dans les quatre prochaines semaines. Votre demande est transmise au secrétariat, qui vous recontactera.',
    en: 'I cannot find a free slot in the next four weeks. Your request has been passed to the front desk, who will contact you.',
  },
  noOffer: {
    fr: 'La prise de rendez-vous par l’assistant n’est pas ouverte pour ce cabinet. Votre demande est transmise au secrétariat, qui vous proposera un créneau.',
    en: 'Booking through the assistant is not open at this practice. Your request has been passed to the front desk, who will offer you a slot.',
  },
  yesNo: { fr: 'Répondez « oui » ou « non ».', en: 'Please answer “yes” or “no”.' },
  taken: { fr: 'Ce créneau vient d’être pris.', en: 'This slot has just been taken.' },
  stopped: {
    fr: 'D’accord, j’arrête là. Votre demande reste transmise au secrétariat.',
    en: 'All right, I stop here. Your request stays with the front desk.',
  },
  unclear: {
    fr: 'Je n’arrive pas à comprendre votre réponse : votre demande est transmise au secrétariat, qui vous recontactera.',
    en: 'I cannot understand your answer: your request has been passed to the front desk, who will contact you.',
  },
  noAppointment: {
    fr: 'Je ne trouve aucun rendez-vous à venir dans votre dossier. Votre demande est transmise au secrétariat.',
    en: 'I cannot find any upcoming appointment in your file. Your request has been passed to the front desk.',
  },
  whichAppointment: { fr: 'De quel rendez-vous s’agit-il ?', en: 'Which appointment is it?' },
  kept: { fr: 'D’accord, votre rendez-vous est maintenu.', en: 'All right, your appointment is kept.' },
  changeLink: {
    fr: 'Pour le déplacer ou l’annuler, écrivez-moi ici ou utilisez le lien du message de confirmation.',
    en: 'To move or cancel it, write to me here or use the link in the confirmation message.',
  },
  refused: { fr: 'Votre demande est transmise au secrétariat, qui vous recontactera.', en: 'Your request has been passed to the front desk, who will contact you.' },
  callbackNumber: { fr: 'Indiquez un numéro où vous rappeler.', en: 'Please give a number where you can be called back.' },
  newcomer: {
    fr: 'Pour un premier rendez-vous, vous n’avez pas encore de dossier au cabinet : je ne peux pas vous envoyer de code.',
    en: 'For a first appointment you do not have a file at the practice yet, so I cannot send you a code.',
  },
  newcomerOnline: {
    fr: 'Vous pouvez réserver en ligne un motif ouvert aux nouveaux patients : {url} (un code sera envoyé au numéro ou à l’adresse que vous indiquerez).',
    en: 'You can book online a reason for visit open to new patients: {url} (a code will be sent to the number or address you give).',
  },
  newcomerCallback: {
    fr: 'Sinon, indiquez un numéro où vous rappeler : le secrétariat vous proposera un rendez-vous.',
    en: 'Otherwise, give a number where you can be called back: the front desk will offer you an appointment.',
  },
  newcomerCallbackOnly: {
    fr: 'Votre demande est transmise au secrétariat : indiquez un numéro où vous rappeler, il vous proposera un rendez-vous.',
    en: 'Your request has been passed to the front desk: give a number where you can be called back and they will offer you an appointment.',
  },
} satisfies Record<string, Txt>;

export function deadlineText(minutes: number, lang: Lang): string {
  const h = Math.round(minutes / 60);
  const span = minutes % 60 === 0 ? (lang === 'fr' ? `${h} h` : `${h} hours`) : `${minutes} min`;
  return lang === 'fr'
    ? `Ce rendez-vous ne peut plus être modifié ici (au plus tard ${span} avant). Appelez le cabinet ; votre demande est transmise au secrétariat.`
    : `This appointment can no longer be changed here (at the latest ${span} before). Please call the practice; your request has been passed to the front desk.`;
}
