import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ownWords, triageMessage } from './engine.js';
import { normalize, stripAccents } from './normalize.js';
import { INTENTS, LANGS, URGENCIES } from './types.js';
import { decideIntent } from './intent.js';
import type { LinearModel } from './classifier.js';

const REF = new Date('2025-03-10T10:00:00+01:00'); // a Monday
const run = (text: string) => triageMessage(text, { referenceDate: REF });

describe('normalize', () => {
  it('expands SMS abbreviations and drops phone hesitations', () => {
    expect(normalize("Euh bjr jai 38,5 dpt 2j, rdv svp")).toBe('bonjour j ai 38.5 dpt 2 jours , rendez vous s il vous plait');
    expect(normalize('Ben, hein, mon fils a bcp de fièvre')).toBe('mon fils a beaucoup de fievre');
    expect(normalize("I can't breathe, he's not responding")).toBe('i can not breathe , he s not responding');
  });

  it('reads the names of Object\'s own properties as words', () => {
    for (const word of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf']) {
      expect(normalize(`mon fils dit ${word} en boucle`)).toBe(`mon fils dit ${word.toLowerCase()} en boucle`);
    }
  });
});

describe('intent', () => {
  it.each([
    ['Bonjour, je voudrais un rendez-vous avec le Dr Martin jeudi pour un contrôle.', 'book'],
    ['Bjr je dois décaler mon rdv de mardi à la semaine prochaine', 'reschedule'],
    ['Please cancel my appointment on Friday, thanks.', 'cancel'],
    ['Bonjour, pouvez-vous renouveler mon ordonnance de Levothyrox ? Il me reste une semaine.', 'prescription_renewal'],
    ['Est-ce que mes résultats de prise de sang sont arrivés ?', 'test_results'],
    ["Il me faudrait un certificat médical pour le club de judo.", 'document_request'],
    ['Pourriez-vous m envoyer une facture pour ma mutuelle ?', 'billing'],
    ['Vous êtes ouverts le samedi matin ?', 'practical_info'],
    ['Bonjour, ici la pharmacie du Centre, l ordonnance de Mme Roux n est pas signée.', 'professional'],
    ['Félicitations, vous avez gagné un iPhone, cliquez ici.', 'other'],
  ])('%s -> %s', (text, intent) => expect(run(text).intent).toBe(intent));

  it('the clinical part wins over an administrative request (README rule 13)', () => {
    const r = run("J'appelais pour une facture mais mon mari a du mal à parler depuis 10 minutes et son bras ne tient plus.");
    expect(r.urgency).toBe('vital');
    expect(r.intent).toBe('medical_question');
  });

  it('rule 13 overrides whatever admin intent the model proposes', () => {
    // A stub model that always says "billing": the precedence rule alone must fix the intent.
    const billingOnly: LinearModel = { classes: [...INTENTS], vocab: [], idf: [], weights: [], bias: INTENTS.map((c) => (c === 'billing' ? 5 : 0)) };
    const vital = decideIntent(normalize('il a une douleur dans la poitrine'), 'vital', billingOnly);
    expect(vital.intent).toBe('medical_question');
    expect(vital.reasons.map((x) => x.code)).toContain('INTENT_CLINICAL_FIRST');
    expect(decideIntent(normalize('je voudrais un rendez vous aujourd hui'), 'same_day', billingOnly).intent).toBe('book');
    expect(decideIntent(normalize('une facture svp'), 'routine', billingOnly).intent).toBe('billing');
  });

  it('a very sure administrative intent is kept, flagged unsure, when only a statistical detector raised the urgency', () => {
    const billingOnly: LinearModel = { classes: [...INTENTS], vocab: [], idf: [], weights: [], bias: INTENTS.map((c) => (c === 'billing' ? 5 : 0)) };
    const kept = decideIntent(normalize('pourquoi deux montants sur la facture de samedi ?'), 'vital', billingOnly, false);
    expect(kept.intent).toBe('billing');
    expect(kept.unsure).toBe(true);
    expect(kept.alternatives).toEqual(['billing', 'medical_question']);
    // The same model, a less sure one, or an urgency found by the rules: the clinical part wins (README rule 13).
    expect(decideIntent(normalize('il a une douleur dans la poitrine'), 'vital', billingOnly, true).intent).toBe('medical_question');
    const lessSure: LinearModel = { ...billingOnly, bias: INTENTS.map((c) => (c === 'billing' ? 2 : 0)) };
    expect(decideIntent(normalize('pourquoi deux montants sur la facture ?'), 'vital', lessSure, false).intent).toBe('medical_question');
  });

  it('rule 14: an appointment asked for a renewal or a document is book; the renewal itself, or asking whether one is needed, is not', () => {
    const renewalOnly: LinearModel = { classes: [...INTENTS], vocab: [], idf: [], weights: [], bias: INTENTS.map((c) => (c === 'prescription_renewal' ? 5 : 0)) };
    const decide = (t: string) => decideIntent(normalize(t), 'routine', renewalOnly);
    expect(decide('je voudrais un rendez-vous pour renouveler mon ordonnance').intent).toBe('book');
    expect(decide('je voudrais un rendez-vous pour renouveler mon ordonnance').reasons.map((x) => x.code)).toContain('INTENT_APPOINTMENT_FOR_ADMIN');
    expect(decide("I'd like to book an appointment for my repeat prescription").intent).toBe('book');
    expect(decide('il me faudrait mon ordonnance renouvelée').intent).toBe('prescription_renewal');
    expect(decide('faut-il obligatoirement prendre rendez-vous pour le renouvellement ?').intent).toBe('prescription_renewal');
    expect(decide('do I need an appointment for my repeat prescription?').intent).toBe('prescription_renewal');
  });

  it('rule 11: an appointment already held is not a booking request; with an urgent problem the message is a medical question', () => {
    const bookOnly: LinearModel = { classes: [...INTENTS], vocab: [], idf: [], weights: [], bias: INTENTS.map((c) => (c === 'book' ? 5 : 0)) };
    const decide = (t: string, u: 'vital' | 'same_day' | 'routine' = 'vital') => decideIntent(normalize(t), u, bookOnly);
    const held = decide('il a rendez-vous jeudi avec le docteur mais là il est par terre et ne répond plus');
    expect(held.intent).toBe('medical_question');
    expect(held.reasons.map((x) => x.code)).toContain('INTENT_EXISTING_APPOINTMENT');
    expect(decide("he's got an appointment with you on Friday, now he is very confused and breathing fast").intent).toBe('medical_question');
    expect(decide('on a un rendez-vous de suivi demain, elle a des secousses des bras').intent).toBe('medical_question');
    // A new request in the same message, a wish to move the held one, or a routine message: the rule stays out.
    expect(decide('il a rendez-vous jeudi mais pouvez-vous le voir aujourd hui ? il a très mal à la poitrine').intent).toBe('book');
    // Moving the held one is a reschedule (README rule 12), even to today for a symptom.
    expect(decide("j'ai rendez-vous jeudi, est-ce que je peux le passer à aujourd'hui ? j'ai de la fièvre", 'same_day').intent).toBe('reschedule');
    expect(decide('il a rendez-vous jeudi, je voulais savoir l adresse', 'routine').intent).toBe('book');
  });

  it('a vital message keeps an explicit booking request as book', () => {
    expect(run('Avez-vous un créneau ce matin ? Ma fille respire très vite et elle est de plus en plus endormie.').intent).toBe('book');
  });
});

describe('signs glued by punctuation', () => {
  // The rules' old first-letters check took « tete+vomit » for one word starting with « te » and skipped the vomiting
  // signs; the exact pre-filter reads words the way the regexes do (« + » is not a word character).
  it('a sign after « + » counts as after a space', () => {
    const codes = (t: string): string[] => triageMessage(t).reasons.map((r) => r.code).filter((c) => c !== 'INTENT_MODEL');
    const spaced = codes('fils 15 ans fievre mal de tete vomit depuis ce matin');
    expect(spaced).toContain('SAME_DAY_CHILD_FEVER');
    expect(codes('fils 15 ans fievre+mal de tete+vomit depuis ce matin')).toEqual(spaced);
  });
});

describe('a sign without the rest of its picture', () => {
  it('is not labelled with the picture it belongs to; the full picture keeps its label', () => {
    const label = (t: string, code: string): string | undefined => triageMessage(t).reasons.find((r) => r.code === code)?.label;
    const boy = label('fils 15 ans fievre mal de tete vomit depuis ce matin', 'SAME_DAY_C_PRE_ECLAMPSIA');
    expect(boy).toMatch(/^Signe isolé, critères incomplets de « Pré-éclampsie possible .*» : à voir dans la journée$/);
    const pregnant = label('enceinte de 34 semaines, j ai un mal de tete terrible et je vois des points lumineux depuis ce matin', 'VITAL_C_PRE_ECLAMPSIA');
    expect(pregnant).toMatch(/^Pré-éclampsie possible/);
  });
});

describe('language', () => {
  it.each([
    ['Bonjour, je voudrais un rendez-vous.', 'fr'],
    ['Hello, I would like an appointment please.', 'en'],
    ['hello, possible de renouveler mon spray? merci', 'fr'],
    ['Hello, please cancel my rdv de 16h30 today, merci!', 'en'],
    // Words that are also names of Object's properties weigh nothing, in either language.
    ['Bonjour, mon fils répète constructor et toString, je voudrais un rendez-vous.', 'fr'],
    ['Hello, my son keeps saying constructor and valueOf, I would like an appointment.', 'en'],
  ])('%s -> %s', (text, lang) => expect(run(text).lang).toBe(lang));
});

describe('instruction', () => {
  it('vital says 15/112, suicide adds 3114', () => {
    const r = run("J'ai préparé les médicaments, je vais en finir ce soir.");
    expect(r.urgency).toBe('vital');
    expect(r.details.instruction).toMatch(/15/);
    expect(r.details.instruction).toMatch(/3114/);
  });
});

// Realistic routine messages used as carriers in the properties below.
const CARRIERS = [
  'Bonjour, je voudrais annuler mon rendez-vous de jeudi.',
  'Pouvez-vous me renvoyer la facture de mars ?',
  'Hello, could I book a check-up next week?',
  'bjr cest ouvert le samedi?',
  'Merci pour tout, bonne journée !',
  'Bonjour, le laboratoire a envoyé mes résultats ?',
  '',
];
const RED_FLAGS = [
  "J'ai une douleur dans la poitrine qui serre depuis 20 minutes.",
  'Ma mère ne répond plus, elle est par terre.',
  'Mon fils convulse en ce moment.',
  "My husband can't breathe and his lips are blue.",
  'Son visage est de travers et il parle bizarrement.',
  'Ça saigne énormément et ça ne s arrête pas.',
  'I want to kill myself tonight.',
];

describe('properties (fast-check)', () => {
  it('never throws and always returns valid enums, on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom(...CARRIERS, ...RED_FLAGS)), (text) => {
        const r = run(text);
        expect(INTENTS).toContain(r.intent);
        expect(URGENCIES).toContain(r.urgency);
        expect(LANGS).toContain(r.lang);
        expect(Array.isArray(r.reasons)).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 30_000); // 1.7 s alone; the whole suite shares two cores

  it('adding a red-flag sentence to any message makes it vital', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CARRIERS), fc.string({ maxLength: 60 }), fc.constantFrom(...RED_FLAGS), fc.boolean(), (carrier, noise, flag, before) => {
        const text = before ? `${flag} ${carrier} ${noise}` : `${carrier} ${noise}. ${flag}`;
        expect(run(text).urgency).toBe('vital');
      }),
      { numRuns: 300 },
    );
  });

  it('prefixing phone hesitations does not change the result', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('euh', 'Euh...', 'ben', 'hein,', 'euuuh', 'bah'), { minLength: 1, maxLength: 4 }), fc.constantFrom(...CARRIERS, ...RED_FLAGS), (fillers, text) => {
        const a = run(text);
        const b = run(`${fillers.join(' ')} ${text}`);
        expect([b.intent, b.urgency, b.lang]).toEqual([a.intent, a.urgency, a.lang]);
      }),
    );
  });

  it('removing accents or changing case does not change the result', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CARRIERS, ...RED_FLAGS, 'Mon bébé de 6 semaines a 38,3 de fièvre.', "Pas de fièvre, pas de douleur thoracique."), fc.boolean(), (text, upper) => {
        const a = run(text);
        const variant = upper ? stripAccents(text).toUpperCase() : stripAccents(text);
        const b = run(variant);
        expect([b.intent, b.urgency, b.lang]).toEqual([a.intent, a.urgency, a.lang]);
      }),
    );
  });
});

describe('a reply quoting what it answers', () => {
  const reminder = '> Rappel : RDV le 15/12 à 10h15 avec Dr Kessler. Répondez OUI pour confirmer, NON pour annuler.\n';
  it('reads the intent from the reply, without the quoted lines', () => {
    expect(ownWords(`${reminder}Oui. Vous prenez la carte bancaire ? La dernière fois le terminal ne marchait pas.`)).toBe('Oui. Vous prenez la carte bancaire ? La dernière fois le terminal ne marchait pas.');
  });
  it('keeps the quoted lines when the reply means nothing without them', () => {
    expect(ownWords(`${reminder}NON`)).toBe(`${reminder}NON`);
    expect(ownWords('> Bot: What is the reason for your message?\nprescription')).toBe('> Bot: What is the reason for your message?\nprescription');
  });
  it('leaves a message without quotes as it is (a « > » inside a line is not a quote)', () => {
    expect(ownWords('glycémie > 3 g depuis ce matin, je vomis')).toBe('glycémie > 3 g depuis ce matin, je vomis');
  });
});
