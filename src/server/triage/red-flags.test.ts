import { describe, expect, it } from 'vitest';
import { triageMessage } from './engine.js';
import { assessUrgency } from './urgency.js';
import { normalize } from './normalize.js';

const urgencyOf = (text: string): string => triageMessage(text, { referenceDate: new Date('2025-03-10T10:00:00+01:00') }).urgency;
/**
 * The rules and catalogue alone. Negation, time and same-day pictures are their job: the
 * statistical detector cannot read tense or negation and may still escalate a message to
 * vital (a false alarm the design accepts, see combine.ts), so those tests target the rules.
 */
const rulesUrgencyOf = (text: string): string => assessUrgency(normalize(text)).urgency;
const codesOf = (text: string): string[] => triageMessage(text).reasons.map((r) => r.code);

// One present-tense example per red flag, French and English, with wordings not in dev.jsonl.
const VITAL: Array<[string, string, string]> = [
  ['VITAL_CHEST_PAIN', "J'ai une barre dans la poitrine depuis une heure, je transpire.", 'My chest feels tight and heavy since 30 minutes and I feel sick.'],
  ['VITAL_STROKE', 'Ma mère a la bouche de travers et elle parle bizarrement depuis 10 minutes.', "My dad's face is drooping on one side and his speech is slurred."],
  ['VITAL_SEVERE_BREATHING', "Mon fils n'arrive plus à respirer, il creuse sous les côtes.", 'She is struggling to breathe and can not finish her sentences.'],
  ['VITAL_UNRESPONSIVE', 'Mon grand-père est par terre, il ne répond plus quand je lui parle.', "My husband collapsed and we can't wake him."],
  ['VITAL_SEIZURE', 'Ma fille convulse depuis 5 minutes, ça ne s arrête pas.', 'My son is having a seizure right now.'],
  ['VITAL_HEAVY_BLEEDING', 'Il s est coupé au bras, ça saigne énormément et ça ne s arrête pas.', 'He cut his leg and it is bleeding heavily, it will not stop.'],
  ['VITAL_ANAPHYLAXIS', 'Après des crevettes, ses lèvres gonflent et sa gorge se ferme.', 'After a bee sting her tongue is swelling up.'],
  ['VITAL_SUICIDE_RISK', "Je vais me suicider ce soir, j'ai les cachets devant moi.", 'I am going to kill myself tonight.'],
  ['VITAL_SEVERE_TRAUMA', "Il est tombé d'une échelle de 4 mètres, sa jambe est tordue dans un sens pas normal.", 'My son fell from the roof and can not feel his legs.'],
  ['VITAL_INFANT_DANGER', 'Mon bébé de 6 semaines est tout mou et ne boit plus.', 'My 2 month old baby is floppy and not feeding.'],
  ['VITAL_MENINGITIS_SIGNS', 'Il a 39,5 de fièvre et une raideur de la nuque.', 'She has a high fever and a stiff neck.'],
  ['VITAL_PURPURA', "Ma fille a de la fièvre et des taches qui ne s'effacent pas quand j'appuie.", 'He has a fever and a rash that does not fade under a glass.'],
  ['VITAL_VISION_LOSS', "D'un coup je ne vois plus rien de l'oeil droit.", 'I suddenly lost the vision in my left eye.'],
  ['VITAL_POISONING', 'Mon fils a avalé toute la plaquette de Doliprane, il est somnolent.', 'My toddler swallowed a handful of my sleeping pills.'],
  ['VITAL_TESTICULAR_TORSION', 'Mon fils a une douleur brutale au testicule depuis une heure.', 'Sudden severe pain in my testicle since this morning.'],
  ['VITAL_SEVERE_ABDOMINAL_PAIN', 'Douleur atroce au ventre, ventre dur comme du bois, je suis en sueur.', 'Excruciating belly pain, my stomach is hard as a board and I am clammy.'],
  ['VITAL_CYANOSIS', 'Il a les lèvres toutes bleues et il respire mal.', 'Her lips are turning blue.'],
  ['VITAL_HEAD_INJURY', "Il s'est cogné la tête en tombant, depuis il vomit et il est confus.", 'He hit his head an hour ago and now he keeps vomiting.'],
];

describe('red flags: each one, French and English', () => {
  for (const [code, fr, en] of VITAL) {
    it(`${code} (fr)`, () => {
      expect(urgencyOf(fr)).toBe('vital');
      expect(codesOf(fr)).toContain(code);
    });
    it(`${code} (en)`, () => {
      expect(urgencyOf(en)).toBe('vital');
      expect(codesOf(en)).toContain(code);
    });
  }
});

describe('SMS style, typos and hesitations keep red flags', () => {
  it.each([
    'jai tres mal a la poitrine ca serre depuis 20 min',
    'euh... ben mon pere il respire plus bien, hein, il est tout bleu',
    'ma fille 2 ans convulse encore dpt 5 min',
    'bjr mon bb 5 sem est tt mou il boit plus',
    'he cant breathe properly, hes choking',
  ])('%s', (text) => expect(urgencyOf(text)).toBe('vital'));
});

describe('a sign that began today is not chronic because something else in the sentence has lasted', () => {
  it.each([
    // Held-out set 3's one missed emergency (read after its scoring): the two weeks were the ibuprofen's.
    'hi, been taking ibuprofen for my back for 2 weeks, today my poo is black and sticky like tar and I nearly fainted in the shower',
    "Je prends de l'ibuprofène depuis 3 semaines pour le dos, ce matin mes selles sont noires comme du goudron et j'ai fait un malaise",
  ])('%s', (text) => expect(rulesUrgencyOf(text)).toBe('vital'));
  it('a sign that has lasted weeks with no onset today stays chronic', () => {
    expect(rulesUrgencyOf('Mes selles sont noires depuis 3 semaines, je prends du fer.')).not.toBe('vital');
  });
});

describe('negation', () => {
  it.each([
    ['Pas de douleur dans la poitrine, juste un rhume.', 'routine'],
    ['No chest pain, no shortness of breath, just a sore throat.', 'routine'],
    ['Il a de la fièvre à 38 mais pas de raideur de nuque et il joue.', 'routine'],
    ["Je n'ai pas mal à la poitrine, je voudrais renouveler mon traitement.", 'routine'],
    ['Sans fièvre, sans taches, il tousse un peu.', 'routine'],
    ["Elle n'a plus de difficulté à respirer depuis la ventoline, elle va bien.", 'routine'],
    ['Piqué par une guêpe, le bras a gonflé, rien au visage, il respire normalement.', 'routine'],
  ])('%s -> %s', (text, expected) => expect(rulesUrgencyOf(text)).toBe(expected));

  it('a negated flag is reported, not silently dropped', () => {
    expect(codesOf('Pas de douleur dans la poitrine, juste un rhume.')).toContain('NEGATED_CHEST_PAIN');
  });

  it('negation does not leak across "mais" / "but"', () => {
    expect(rulesUrgencyOf("Pas de fièvre mais il a une raideur de nuque et vomit.")).toBe('vital');
    expect(rulesUrgencyOf('No fever but her lips are swelling after peanuts.')).toBe('vital');
  });

  it("a denied action (« won't drink anything ») does not deny the sign after it", () => {
    // The robustness property found it: the statistical detector alone had caught this child.
    expect(rulesUrgencyOf("hi we have to cancel lily's vaccination tomorrow she's had diarrhoea all day and now won't drink anything at all very sleepy no wet nappy since lunch")).toBe('vital');
    expect(rulesUrgencyOf('elle ne mange pas du tout tres somnolente depuis ce matin')).toBe('vital');
    // Denials of having, feeling or mentioning keep their reach.
    expect(rulesUrgencyOf("I don't have a fever or a stiff neck, just a blocked nose.")).toBe('routine');
    expect(codesOf("il a pas parlé de se faire du mal mais il ne sort plus de chez lui")).not.toContain('VITAL_SELF_HARM');
  });

  it('a vaccine names a disease, it is not a sign; a fever after a vaccine still counts', () => {
    expect(rulesUrgencyOf("J'ai perdu le certificat de vaccination contre la fièvre jaune, vous pouvez me refaire un duplicata ?")).toBe('routine');
    expect(rulesUrgencyOf('Est-ce que le vaccin contre le zona est remboursé ?')).toBe('routine');
    expect(rulesUrgencyOf('Does the doctor do the yellow fever jab?')).toBe('routine');
    expect(rulesUrgencyOf('mon bébé a eu son vaccin hier et depuis il a 39 de fièvre et il est tout mou')).toBe('vital');
    expect(rulesUrgencyOf('after his vaccine for measles yesterday he has a fever of 40 and is floppy')).toBe('vital');
    expect(codesOf('bébé de 2 mois, vaccin de rappel, fièvre à 38,5').filter((c) => c.startsWith('NEGATED_'))).toEqual([]);
  });

  it('« hypo » and « hyper » are blood sugars, not any word that starts with them', () => {
    expect(rulesUrgencyOf('Dear Doctor, discover our new range of hypoallergenic baby wipes for your waiting room.')).toBe('routine');
    expect(rulesUrgencyOf('diabétique type 1, je vomis depuis ce matin, je suis en hyper à 3 g')).toBe('vital');
    expect(rulesUrgencyOf('je suis diabétique, hypo à 0,45, je tremble et je suis en sueur')).toBe('vital');
  });

  it('"je ne sais pas si" is doubt, not negation (safety first)', () => {
    expect(rulesUrgencyOf("Je ne sais pas si c'est grave, il a une douleur dans la poitrine depuis 1h.")).toBe('vital');
  });
});

describe('time: history, resolved episodes, handled events', () => {
  it('history of a vital event is not vital', () => {
    expect(rulesUrgencyOf("J'ai fait un infarctus il y a 5 ans, je voudrais renouveler mon traitement.")).toBe('routine');
    expect(rulesUrgencyOf('I had a stroke in 2018 and fully recovered, I need a form.')).toBe('routine');
  });
  it('« for about ten minutes » days ago is an episode over; today, or « for the last 20 minutes », it goes on (README rule 4)', () => {
    expect(rulesUrgencyOf('Last Tuesday my left arm went numb and heavy for about ten minutes while I was gardening. It went back to normal.')).toBe('same_day');
    expect(rulesUrgencyOf('Three days ago my right hand went clumsy and numb for about a quarter of an hour and then fully recovered.')).toBe('same_day');
    expect(rulesUrgencyOf('My husband has had crushing chest pain for about 20 minutes and is sweating.')).toBe('vital');
    expect(rulesUrgencyOf('Yesterday evening his face drooped on the left for about ten minutes, then went back to normal.')).toBe('vital');
  });

  it('a sign that was the reason for an emergency visit, over and explained, is routine (README rule 3); back now, it is vital', () => {
    expect(rulesUrgencyOf("Je suis allé aux urgences jeudi pour une douleur dans la poitrine, ils ont fait l'ECG, ce n'était pas le cœur. Je voudrais un rendez-vous de contrôle.")).toBe('routine');
    expect(rulesUrgencyOf("Graham had chest pains on Sunday, we went to A&E, they did all the tests and said it's not the heart.")).toBe('routine');
    expect(rulesUrgencyOf("We went to A&E on Sunday, they said not the heart. Now the chest pain is back, crushing, for the last 20 minutes.")).toBe('vital');
  });

  it('« fitting me in » is a slot, not a seizure', () => {
    expect(rulesUrgencyOf('thanks for fitting me in yesterday, feeling much better!')).toBe('routine');
    expect(rulesUrgencyOf("my son is fitting, he won't stop shaking, his lips are blue")).toBe('vital');
  });

  it('a current event with an old history stays vital', () => {
    expect(rulesUrgencyOf("Douleur énorme dans la poitrine depuis 10 minutes. J'ai déjà fait un infarctus en 2019.")).toBe('vital');
  });
  it('resolved episode not yet assessed is same_day', () => {
    expect(rulesUrgencyOf("La semaine dernière j'ai eu une douleur dans la poitrine pendant 10 minutes, depuis plus rien.")).toBe('same_day');
  });
  it('resolved episode already assessed is routine', () => {
    expect(rulesUrgencyOf("Je suis passée aux urgences hier pour une douleur thoracique, ils ont dit que ce n'était pas le cœur.")).toBe('routine');
  });
  it('transient neurological deficit within 24 h stays vital, older is same_day', () => {
    expect(rulesUrgencyOf("Hier soir pendant 20 minutes elle n'arrivait plus à parler, ça a disparu.")).toBe('vital');
    expect(rulesUrgencyOf("Il y a trois jours, pendant dix minutes, je n'arrivais plus à bouger la main gauche, puis tout est revenu.")).toBe('same_day');
  });
  it('vital event handled by hospital: routine', () => {
    expect(rulesUrgencyOf("Mon mari a fait un AVC mardi, il est hospitalisé, merci d'annuler son rendez-vous.")).toBe('routine');
  });
});

describe('third parties', () => {
  it.each([
    'Ma mère a une douleur dans la poitrine qui serre depuis 30 minutes.',
    'My husband is having chest pain and is sweating.',
    'Mon voisin est par terre, il ne répond pas.',
    'Notre fils de 3 ans est tout bleu, il a avalé un jouet et ne respire plus.',
  ])('%s', (text) => expect(rulesUrgencyOf(text)).toBe('vital'));
});

describe('same_day rules', () => {
  it.each([
    ['Mon bébé de 6 semaines a 38,3 de fièvre, il boit bien.', 'SAME_DAY_INFANT_FEVER'],
    ['Mon fils de 5 ans a 39,5 depuis 3 jours et mal à l oreille.', 'SAME_DAY_CHILD_FEVER'],
    ["J'ai des brûlures en urinant avec 38,8 de fièvre et mal au dos.", 'SAME_DAY_FEVER_WITH_FOCUS'],
    ['Je n ai plus d insuline depuis ce soir.', 'SAME_DAY_CRITICAL_TREATMENT_INTERRUPTED'],
    ['Il a des idées noires mais pas de projet, il accepte de parler au médecin.', 'SAME_DAY_PSYCHOLOGICAL_DISTRESS'],
    ['Je vois des éclairs et des mouches noires depuis ce matin.', 'SAME_DAY_EYE_OR_EAR_URGENT'],
    ['Laboratoire : valeur critique de potassium pour Monsieur X, merci de le rappeler.', 'SAME_DAY_CRITICAL_RESULT_OR_RECALL'],
  ])('%s', (text, code) => {
    expect(rulesUrgencyOf(text)).toBe('same_day');
    expect(codesOf(text)).toContain(code);
  });
  it('a well child with a recent fever is routine', () => {
    expect(rulesUrgencyOf('Mon fils a 38 depuis ce matin, il joue et boit bien.')).toBe('routine');
  });
  it('administrative deadlines never raise urgency', () => {
    expect(rulesUrgencyOf("J'ai besoin du certificat aujourd'hui, c'est urgent.")).toBe('routine');
  });
  it('renewal with tablets left is routine, a critical gap is same_day', () => {
    expect(rulesUrgencyOf('Renouvellement de mon anticoagulant svp, il me reste 10 jours.')).toBe('routine');
    expect(rulesUrgencyOf("Je n'ai plus de Keppra depuis ce matin, je suis épileptique.")).toBe('same_day');
  });
});
