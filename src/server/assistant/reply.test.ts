import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { triageMessage } from '../triage/index.js';
import { answerFromSheet, composeReply, detectTopics, EMERGENCY_SENTENCE, EMPTY_SHEET, type PracticeSheet } from './reply.js';
import type { Channel } from './schema.js';

const ref = new Date('2026-03-10T09:00:00Z');
const sheet: PracticeSheet = {
  ...EMPTY_SHEET,
  openingHours: 'Du lundi au vendredi 8 h – 19 h, le samedi 9 h – 12 h.',
  address: '12 rue des Tilleuls, 69003 Lyon',
  parking: 'Parking gratuit derrière le bâtiment (10 places).',
  fees: [{ practitioner: 'Dr Martin', fees: 'Consultation 30 € (secteur 1)' }],
  paymentsAccepted: 'Carte bancaire, chèque, espèces.',
};
const reply = (text: string, channel: Channel = 'web_chat', s: PracticeSheet = sheet) =>
  composeReply({ triage: triageMessage(text, { referenceDate: ref }), text, sheet: s, channel, patientKnown: false });
const firstSentence = (t: string) => t.split(/(?<=[.!?])\s/)[0]!;

describe('vital replies', () => {
  const vitalFr = [
    "J'ai une douleur dans la poitrine depuis 20 minutes, je transpire beaucoup",
    'Mon mari a le visage de travers et il n’arrive plus à parler',
    'ma fille ne respire plus bien, ses lèvres sont bleues',
  ];
  const vitalEn = ['My husband collapsed and is not responding', 'I have crushing chest pain right now and I am sweating'];

  it.each(vitalFr)('French: the emergency instruction comes first, nothing before it — %s', (text) => {
    const r = reply(text);
    expect(r.emergency).toBe(true);
    expect(r.lang).toBe('fr');
    expect(r.text.startsWith(EMERGENCY_SENTENCE.fr)).toBe(true);
    expect(firstSentence(r.text)).toMatch(/^Appelez immédiatement le 15 \(SAMU\) ou le 112\.$/);
    expect(r.text).toMatch(/SMS au 114/);
    expect(r.numbers).toEqual(expect.arrayContaining(['15', '112', '114']));
    expect(r.text).not.toMatch(/rendez-vous (est|a été) (pris|transmis)|créneau/);
  });

  it.each(vitalEn)('English: the emergency instruction comes first — %s', (text) => {
    const r = reply(text, 'sms');
    expect(r.emergency).toBe(true);
    expect(r.lang).toBe('en');
    expect(firstSentence(r.text)).toBe(EMERGENCY_SENTENCE.en);
    expect(r.text).toMatch(/text 114/);
  });

  it('suicidal crisis: 15/112 first, then 114 and 3114', () => {
    const r = reply("je veux en finir ce soir, j'ai préparé les cachets");
    expect(firstSentence(r.text)).toBe(EMERGENCY_SENTENCE.fr);
    expect(r.text).toMatch(/3114/);
    expect(r.text.indexOf('3114')).toBeGreaterThan(r.text.indexOf('112'));
    expect(r.numbers).toContain('3114');
    const en = reply('I want to kill myself tonight, I have the pills ready');
    expect(firstSentence(en.text)).toBe(EMERGENCY_SENTENCE.en);
    expect(en.text).toMatch(/3114/);
  });

  it('property: whatever the sheet and channel, a vital reply starts with the emergency sentence of its language', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...vitalFr, ...vitalEn),
        fc.constantFrom<Channel>('web_chat', 'sms', 'email', 'phone'),
        fc.record({ onCall: fc.option(fc.string(), { nil: null }), openingHours: fc.option(fc.string(), { nil: null }) }),
        fc.boolean(),
        (text, channel, partial, known) => {
          const triage = triageMessage(text, { referenceDate: ref });
          const r = composeReply({ triage, text, channel, sheet: { ...EMPTY_SHEET, ...partial }, patientKnown: known });
          return r.text.startsWith(EMERGENCY_SENTENCE[triage.lang]) && r.emergency;
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('same-day replies', () => {
  it('tells to be seen today, points to 15 and 116 117, no medical advice', () => {
    const r = reply('Mon fils de 2 mois a 38.5 de fièvre');
    expect(r.emergency).toBe(false);
    expect(r.text).toMatch(/aujourd’hui/);
    expect(r.text).toMatch(/116 117/);
    expect(r.text).toMatch(/15/);
    expect(r.text).not.toMatch(/paracétamol|doliprane|donnez/i);
    expect(r.asked).toContain('patient_concerned');
  });
});

describe('non-clinical replies never advise and ask for the missing piece', () => {
  it('prescription without medicine asks which one', () => {
    const r = reply('Bonjour, je voudrais renouveler mon ordonnance');
    expect(r.asked).toContain('medicine');
    expect(r.text).toMatch(/Quel\(s\) médicament/);
  });
  it('prescription with medicine does not ask for it', () => {
    const r = reply('Bonjour, je voudrais renouveler mon Doliprane');
    expect(r.asked).not.toContain('medicine');
  });
  it('results are never given, the exam is asked', () => {
    const r = reply('Bonjour, est-ce que mes résultats sont arrivés ?');
    expect(r.text).toMatch(/jamais communiqués par message/);
    expect(r.asked).toContain('exam');
  });
  it('English document request (composer given the decision)', () => {
    const text = 'Hello, I need something for my employer please';
    const triage = { ...triageMessage(text, { referenceDate: ref }), intent: 'document_request' as const, lang: 'en' as const };
    const r = composeReply({ triage, text, sheet, channel: 'email', patientKnown: true });
    expect(r.text).toMatch(/Which document/);
    expect(r.asked).toEqual(['document']);
  });
  it('medical question: no advice', () => {
    const r = reply('Est-ce que je peux prendre de l’ibuprofène avec mon traitement ?');
    expect(r.text).toMatch(/ne peux pas donner d’avis médical/);
  });
});

describe('practical information comes only from the sheet', () => {
  it('answers from the sheet, word for word', () => {
    const r = reply('Quels sont vos horaires le samedi ? Et où se garer ?');
    expect(r.fileRequest).toBe(false);
    expect(r.text).toContain(sheet.openingHours!);
    expect(r.text).toContain(sheet.parking!);
  });
  it('says it does not know and files a request when the sheet is silent', () => {
    const r = reply('Est-ce que le cabinet est accessible en fauteuil roulant ?');
    expect(r.fileRequest).toBe(true);
    expect(r.text).toMatch(/Je n’ai pas/);
    expect(r.text).toMatch(/secrétariat/);
  });
  it('an empty sheet never produces an answer', () => {
    const r = reply('Quels sont vos horaires ?', 'web_chat', EMPTY_SHEET);
    expect(r.fileRequest).toBe(true);
    expect(r.sheet?.answered).toEqual([]);
  });
  it('a question classified "other" about a sheet item is answered from the sheet', () => {
    const r = reply('Avez-vous un parking ?');
    expect(r.text).toContain(sheet.parking!);
  });
  it('detects topics in French and English, accents optional', () => {
    expect(detectTopics('ou se garer ? quel est le tarif ?')).toEqual(expect.arrayContaining(['parking', 'fees']));
    expect(detectTopics('What are your opening hours and do you take card?')).toEqual(expect.arrayContaining(['opening_hours', 'payments']));
    expect(answerFromSheet('Quel est le prix de la consultation ?', sheet, 'fr').answered[0]!.text).toContain('30 €');
  });
});
