import { describe, expect, it } from 'vitest';
import { INTENTS } from './types.js';
import type { Intent } from './types.js';
import type { LinearModel } from './classifier.js';
import { decideIntent } from './intent.js';
import { normalize } from './normalize.js';
import { triageMessage } from './engine.js';

/** A model without features that always prefers `intent`: the rules alone decide what changes. */
const always = (intent: Intent): LinearModel => ({ classes: [...INTENTS], vocab: [], idf: [], weights: [], bias: INTENTS.map((c) => (c === intent ? 3 : 0)) });

describe('README rule 11: asking whether to come is advice, asking to come is a booking', () => {
  it.each([
    "Mon mollet est gonflé et rouge depuis ma césarienne. Je dois consulter aujourd'hui ?",
    'Knee arthroscopy 5 days ago, my calf is swollen and warm. Should I come in today?',
    'New floaters and flashes since this morning. Do I need to be seen today or can this wait?',
    "Il tousse depuis une semaine, est-ce que ça vaut le coup de venir ?",
    'My son was kicked in the groin yesterday, it still aches. Should he be seen today?',
  ])('%s -> medical_question', (text) => {
    const d = decideIntent(normalize(text), 'same_day', always('book'));
    expect(d.intent).toBe('medical_question');
    expect(d.reasons.map((r) => r.code)).toContain('INTENT_ASKS_WHETHER_TO_COME');
    // The model was sure of `book`: the secretary sees both.
    expect(d.alternatives).toEqual(['medical_question', 'book']);
  });

  it.each([
    "J'ai de la fièvre et mal à la gorge depuis hier, je peux venir cet après-midi ?",
    'Rash since Monday, can I come in today?',
    "Je voudrais un rendez-vous, j'ai mal au genou depuis une semaine, ou ça peut attendre ?",
    'Should I come in today? If so can I have an appointment at 4?',
    'Should I book an appointment? I would like to move my Thursday appointment to Friday.',
  ])('%s stays book', (text) => {
    expect(decideIntent(normalize(text), 'same_day', always('book')).intent).not.toBe('medical_question');
  });

  it('a "come in" inside a whether-question is not read as a request to be seen', () => {
    const d = decideIntent(normalize('My calf is sore under the cast. Should I get it checked today?'), 'same_day', always('medical_question'));
    expect(d.intent).toBe('medical_question');
    expect(decideIntent(normalize('My calf is sore under the cast, can I get it checked today?'), 'same_day', always('medical_question')).intent).toBe('book');
  });

  it('with the bundled model, through the engine', () => {
    const r = triageMessage('New floaters in my right eye since this morning, no curtain. Do I need to be seen today or can this wait?');
    expect(r.intent).toBe('medical_question');
    expect(triageMessage('New floaters in my right eye since this morning, no curtain. Can I come in today?').intent).toBe('book');
  });

  it('a call back asked of the doctor with an urgent problem is a medical question, an appointment asked beside it a booking', () => {
    const callback = decideIntent(normalize("Je tousse et je crache jaune depuis trois jours, plus essoufflé que d'habitude. Le docteur peut me rappeler aujourd'hui ?"), 'same_day', always('book'));
    expect(callback.intent).toBe('medical_question');
    expect(callback.reasons.map((r) => r.code)).toContain('INTENT_CALLBACK');
    expect(decideIntent(normalize('His legs are more swollen this week. He would like the doctor to ring him today.'), 'same_day', always('book')).intent).toBe('medical_question');
    expect(decideIntent(normalize('Fièvre depuis hier, pouvez-vous me rappeler pour me donner un rendez-vous ce soir ?'), 'same_day', always('book')).intent).toBe('book');
    // A routine booking that mentions a call back stays a booking.
    expect(decideIntent(normalize('Je voudrais un rendez-vous pour un vaccin, rappelez-moi.'), 'routine', always('book')).intent).toBe('book');
  });

  it('an urgent problem mentioned beside an appointment already made is not a new booking', () => {
    for (const text of ["Mon mari a une douleur qui serre dans la poitrine et il transpire, on ne pourra pas venir au rendez-vous de 16h.", 'Tight chest since last night, can we talk about it at my appointment next week?']) {
      expect(decideIntent(normalize(text), 'vital', always('book')).intent).toBe('medical_question');
    }
  });

  it.each([
    "He's confused and burning hot since this afternoon. Could someone come to the house?",
    'Muddled since this morning, a cough, speech clear. Could the doctor pop round today?',
    'Type 1 diabetic, vomiting since last night, ketones high. Can I get a same-day appointment?',
    "Earache and 39 since yesterday, drinking ok. Any appointments today?",
    "Piqué par une guêpe, la langue gonfle. Je peux venir ?",
    "Migraine qui ne passe plus avec le triptan, je vomis tout. Est-ce que je peux être vue aujourd'hui ?",
    'Elle a la gastro et elle est toute molle, je voulais un rendez-vous.',
  ])('an explicit request to be seen in other words (README rule 11): %s -> book', (text) => {
    const d = decideIntent(normalize(text), 'same_day', always('medical_question'));
    expect(d.intent).toBe('book');
    expect(d.reasons.map((r) => r.code)).toContain('INTENT_ASKS_TO_BE_SEEN');
  });
});

describe('README rule 13: an administrative request with an urgent problem is a booking only when they ask to be seen', () => {
  it.each([
    ["Pourriez-vous m'envoyer la facture de la consultation pour ma mutuelle ? Et mon mari a vomi du sang ce matin, il est très pâle.", 'billing'],
    ['Je ne viendrai pas au rendez-vous de jeudi, ma femme a une douleur dans la poitrine qui serre depuis une heure.', 'cancel'],
  ] as const)('%s -> medical_question', (text, admin) => {
    const d = decideIntent(normalize(text), 'vital', always(admin));
    expect(d.intent).toBe('medical_question');
  });

  it('with a request to be seen, it is a booking', () => {
    const text = "Pourriez-vous m'envoyer la facture pour la mutuelle ? Et mon fils a 39,5 depuis 3 jours, pouvez-vous le voir aujourd'hui ?";
    expect(decideIntent(normalize(text), 'same_day', always('billing')).intent).toBe('book');
  });
});

describe('README rule 11: what is not a request to be seen', () => {
  it.each([
    "Je suis passée voir mon père ce matin, il était par terre, il est glacé et met longtemps à répondre.",
    "Il a une douleur qui serre dans la poitrine, il voulait savoir s'il peut prendre un Doliprane.",
    "Ambulance is on its way, my dad's face has dropped on the left. His appointment tomorrow obviously won't happen.",
    "Mrs Okafor's neighbour says she is lying on her kitchen floor and won't answer, he can see her through the window.",
  ])('%s -> medical_question', (text) => {
    expect(decideIntent(normalize(text), 'vital', always('medical_question')).intent).toBe('medical_question');
  });

  it.each([
    'Bonsoir, une oppression dans la poitrine depuis une demi-heure. Je peux passer demain matin ?',
    'Mon père est tombé hier, mal à la hanche. Visite à la maison possible ?',
    'bjr vou avé une place ojourdhui pr mon bb il a 38.5',
    'Le mari de Mme Nguyen a appelé, elle voit trouble. Demande si elle peut venir en fin de journée.',
    "hi do you have anything on saturday morning for my knee? it's swollen",
  ])('%s -> book', (text) => {
    expect(decideIntent(normalize(text), 'same_day', always('medical_question')).intent).toBe('book');
  });
});

describe('README rule 12: moving an appointment they hold is a reschedule, even to today', () => {
  it.each([
    "coucou, je peux echanger mon rdv de 10h30 demain contre un creneau l'aprem? voiture au garage",
    'Could we switch tomorrow\'s video call to a proper visit today? My son has had 39 for three days.',
  ])('%s -> reschedule', (text) => {
    const d = decideIntent(normalize(text), 'routine', always('book'));
    expect(d.intent).toBe('reschedule');
  });

  it('a new appointment asked for is still a booking', () => {
    expect(decideIntent(normalize("Je voudrais un rendez-vous demain, ou un autre jour si c'est plein."), 'routine', always('book')).intent).toBe('book');
  });
});

describe('README rule 11: a life-threatening picture with no request in it is a medical question', () => {
  it('the model leaning to book on the signs alone is overruled', () => {
    const text = "Mia is with me and I just found her with her grandmother's pills, the blister pack is empty, she's 3 and very sleepy and wobbly.";
    const d = decideIntent(normalize(text), 'vital', always('book'));
    expect(d.intent).toBe('medical_question');
    expect(d.alternatives).toEqual(['medical_question', 'book']);
  });

  it.each([
    "Ma mère est sous Xarelto, elle est tombée, une bosse. On voudrait qu'elle soit vue aujourd'hui.",
    'Could we have a teleconsultation this afternoon? My wife is on chemotherapy, 38.9 with shaking chills.',
  ])('a request in other words keeps the booking: %s', (text) => {
    expect(decideIntent(normalize(text), 'vital', always('book')).intent).toBe('book');
  });
});

describe('who writes and what they ask, read from the message itself', () => {
  it.each([
    ['Bonjour, Optique du Centre. Un client nous dit qu’il a perdu la moitié de la vue depuis une heure.', 'vital'],
    ["Hello, I'm an outreach worker with the night team. We found a man sleeping outside, very cold and drowsy.", 'vital'],
    ['Bonjour, Dr Fabre, généraliste. Une patiente avec une colique néphrétique fébrile, je voudrais une échographie aujourd’hui.', 'same_day'],
    ['Hello, Hillside Pharmacy here. Mrs Patel is at the counter with a question about her tablets.', 'routine'],
  ] as const)('a professional introducing themself is professional (README rule 18): %s', (text, urgency) => {
    const d = decideIntent(normalize(text), urgency, always('medical_question'));
    expect(d.intent).toBe('professional');
  });

  it.each([
    "Bonjour, le labo m'a appelée, mon potassium est trop élevé, ils m'ont dit de voir mon médecin aujourd'hui.",
    'bonjour la pharmacie n’a plus de mon traitement en stock, que faire ?',
  ])('a patient quoting the lab or the pharmacy is not one: %s', (text) => {
    expect(decideIntent(normalize(text), 'same_day', always('medical_question')).intent).toBe('medical_question');
  });

  it.each(['merci pour l’accueil ce matin, très sympa', 'super merci !', 'Merci pour tout, bébé Louise est née hier, 3,2 kg, tout va bien !'])(
    'thanks that ask nothing are other: %s',
    (text) => expect(decideIntent(normalize(text), 'routine', always('medical_question')).intent).toBe('other'),
  );

  it('thanks with a question, a request (« merci de m’envoyer »), or a farewell, are not', () => {
    expect(decideIntent(normalize("Merci de m'envoyer un duplicata de l'ordonnance de lunettes, je l'ai égarée."), 'routine', always('document_request')).intent).toBe('document_request');
    expect(decideIntent(normalize('Merci pour hier ! Est-ce que je dois continuer le sirop ?'), 'routine', always('medical_question')).intent).toBe('medical_question');
    expect(decideIntent(normalize('Merci pour tout docteur, vous n’aurez plus de mes nouvelles.'), 'vital', always('medical_question')).intent).toBe('medical_question');
  });

  it('a renewal asked in so many words stays a renewal with a same-day symptom (README rule 15)', () => {
    const text = 'bonjour, ma mère n’a plus de médicament pour le cœur depuis 3 jours, jambes gonflées, pouvez-vous refaire l’ordonnance ?';
    expect(decideIntent(normalize(text), 'same_day', always('medical_question')).intent).toBe('prescription_renewal');
    expect(decideIntent(normalize(text), 'vital', always('medical_question')).intent).toBe('medical_question');
  });
});
