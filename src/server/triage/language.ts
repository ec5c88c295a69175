/**
 * French / English detection by function words.
 *
 * Short SMS and franglais ("hello, possible de renouveler…", "cancel my rdv de 16h30, merci")
 * are the hard cases: greetings and politeness words are shared, so they weigh little; the
 * words that carry the sentence decide (README rule 20). Ties go to French (the practice's
 * language).
 */
import type { Lang } from './types.js';

// Without a prototype: a message saying « constructor » or « toString » must weigh 0, not a function.
const FR: Record<string, number> = Object.create(null);
const EN: Record<string, number> = Object.create(null);
const add = (table: Record<string, number>, list: string, weight: number): void => {
  for (const w of list.split(' ')) table[w] = weight;
};
add(FR, 'le la les des du une et est je il elle nous vous mon ma mes ton ta tes son sa ses pour pas que qui dans sur avec au aux ce cette ces ca c j l d n qu s y en ou mais donc car ne plus tres bien aussi etre avoir fait suis ai avez sont peut peux faut voudrais souhaite pourriez pouvez depuis hier demain aujourd hui matin soir semaine prochaine rendez medecin docteur fils fille mere pere mari femme enfant bebe merci bonjour bonsoir madame monsieur cordialement quand comme est-ce quoi pourquoi combien rien tout toute elle-meme lui leur leurs votre vos notre nos un avoir ans jours mal douleur fievre ordonnance annuler renouvellement besoin possible apres avant encore deja si non oui salut coucou', 2);
add(EN, 'the and is i my you your to of in for it this that with have has he she his her we can could would please thanks thank dear since today tomorrow am are was be not do does did appointment doctor son daughter mother father wife husband get need want like what when how why there their they them been will should just about any some no yes hi hey regards best sorry would from at on an if or but so our me him its which who were had than then also very much more still week morning evening afternoon night last next ago feel feeling got pain fever baby child kids mum dad cancel book renew results', 2);
// Three-word messages (« cut wrists bleeding », « mal au ventre ») have no function word: the symptom words decide.
add(FR, 'saigne saignement gonfle gonflee gonfles enfle enflee douleurs tete ventre gorge toux tousse vomit vomi vomissements diarrhee dos jambe jambes bras poitrine oeil yeux visage levres langue respire respirer souffle essouffle chute tombe tombee boite brulure brule piqure guepe vue trouble rouge rougeur fievreux malaise vertiges nausee nausees cotes cheville genou poignets enceinte regles bouton boutons plaque demange gratte pique', 1);
add(EN, 'bleeding bleed blood swelling swollen hurts hurt hurting painful ache aches aching sore head headache stomach tummy belly throat cough coughing vomiting vomit sick diarrhoea diarrhea back leg legs arm arms chest eye eyes face lips tongue breathing breathe breath breathless fall fell limping limp burn burned burnt sting stung wasp vision blurry blurred red rash itchy itching dizzy faint fainted nausea ribs ankle knee wrist wrists pregnant period spots lump worse better suddenly sudden lost cut', 1);
// Shared or borrowed words carry little weight.
for (const w of ['hello', 'ok', 'merci', 'rdv', 'dr', 'a', 'on', 'son', 'me', 'pour', 'must', 'bus', 'parking', 'test', 'check', 'cool', 'top', 'thanks']) {
  delete FR[w];
  delete EN[w];
}
FR.merci = 0.5;
EN.thanks = 1;
FR.a = 0.5; // "a" is French ("il a", "à") far more often than the English article in this corpus
EN.a = 0.5;
FR.on = 0.3;
EN.on = 0.3;

/** Both weights of a word in one entry: a message's words are looked up once, not once per language. */
const WEIGHTS = new Map<string, readonly [number, number]>([...new Set([...Object.keys(FR), ...Object.keys(EN)])].map((w) => [w, [FR[w] ?? 0, EN[w] ?? 0]]));

export function detectLanguage(norm: string): Lang {
  let fr = 0;
  let en = 0;
  for (const tok of norm.split(' ')) {
    const weights = WEIGHTS.get(tok);
    if (weights === undefined) continue;
    fr += weights[0];
    en += weights[1];
  }
  return en > fr ? 'en' : 'fr';
}
