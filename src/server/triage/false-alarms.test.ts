import { describe, expect, it } from 'vitest';
import { triageMessage } from './engine.js';

const REF = new Date('2026-03-10T09:00:00+01:00');
const urgency = (text: string): string => triageMessage(text, { referenceDate: REF }).urgency;

/**
 * False alarms of the development sets that the labelling rules clearly call non-vital, each beside
 * the vital message it must not weaken (docs/triage.md, « Vital precision »). Written here in other words.
 */
describe('clearly non-vital wordings are not vital, their vital neighbours still are', () => {
  it('a figure of speech is not a heart attack or a stroke', () => {
    expect(urgency("J'ai failli faire une crise cardiaque en voyant la facture, pourquoi 60 euros ?")).not.toBe('vital');
    expect(urgency("j ai cru faire un AVC en lisant votre SMS d annulation, un autre créneau svp")).not.toBe('vital');
    expect(urgency('I nearly had a heart attack when I saw the bill, can you explain the fee?')).not.toBe('vital');
    expect(urgency('je crois que mon mari fait un AVC, il parle bizarrement depuis 10 minutes')).toBe('vital');
    expect(urgency('my dad is having a heart attack, he is clutching his chest')).toBe('vital');
  });

  it('a cut finger is not self-harm; a cut wrist is', () => {
    expect(urgency('je me suis coupé le doigt en épluchant des légumes, c est profond, faut-il des points ?')).not.toBe('vital');
    expect(urgency('je me suis coupée les poignets ce soir, ça saigne')).toBe('vital');
    expect(urgency('elle s est coupée au bras volontairement, il y a du sang partout')).toBe('vital');
  });

  it('asthma worse over days with normal speech is same-day; a reliever that does nothing is vital', () => {
    expect(urgency('asthmatique, ventoline 4 fois par jour depuis mon rhume, je parle normalement, rdv aujourd hui ?')).toBe('same_day');
    expect(urgency('asthma getting worse this week, blue inhaler helps, I can talk fine. Can I be seen today?')).not.toBe('vital');
    expect(urgency('son asthme empire, la ventoline ne fait rien, il ne peut plus finir ses phrases')).toBe('vital');
    expect(urgency('my asthma is getting worse and worse, I can only say one word at a time')).toBe('vital');
  });

  it('an adrenaline pen named for a form or a renewal is not a reaction; a pen used now is', () => {
    expect(urgency("renouvellement de l'Anapen pour l'école svp, il va très bien")).not.toBe('vital');
    expect(urgency('she has an EpiPen but has never needed it, could you sign the school trip form?')).not.toBe('vital');
    expect(urgency("piqué par une guêpe, on a fait l'Anapen, il a la gorge qui serre")).toBe('vital');
  });

  it('a meal eaten despite paracetamol is not an ingestion; a child who swallowed the tablets is', () => {
    expect(urgency('ma fille 5 ans 39 depuis 3 jours malgré le doliprane, elle mange peu mais boit bien')).not.toBe('vital');
    expect(urgency('mon fils de 3 ans a avalé des comprimés de doliprane de la boîte, une dizaine')).toBe('vital');
  });

  it('someone who does not pick up the phone is not unresponsive', () => {
    const codes = triageMessage('la sage-femme répond pas, je voulais savoir pour le bain du bébé', { referenceDate: REF }).reasons.map((r) => r.code);
    expect(codes).not.toContain('VITAL_UNRESPONSIVE');
    expect(urgency('mon père ne répond plus, il est allongé par terre')).toBe('vital');
  });

  it('lower back pain with fever is not a coronary sign, nor is a surname', () => {
    expect(urgency('brûlures en urinant, fièvre 38,5 et douleur dans le bas du dos depuis hier. Marie Blanc')).not.toBe('vital');
    expect(urgency('douleur dans le dos entre les omoplates, je suis en sueur et tout blanc')).toBe('vital');
  });

  it('a diagnosis named as history is not a sign now; new signs after it still are', () => {
    expect(urgency('il prend du Kardégic depuis son infarctus, pouvez-vous refaire l ordonnance ?')).not.toBe('vital');
    expect(urgency('Since her stroke she needs a new walking frame prescription, could the doctor sign it?')).not.toBe('vital');
    expect(urgency('depuis son AVC il allait bien, mais là il a le visage de travers et ne parle plus')).toBe('vital');
    expect(urgency('I had chest pain back in March, the hospital said reflux, all clear. Can we review my pills?')).not.toBe('vital');
    expect(urgency('douleur dans la poitrine depuis 20 minutes, il transpire')).toBe('vital');
  });
});
