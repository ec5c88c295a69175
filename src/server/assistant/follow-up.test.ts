import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { followUpReply, readFollowUp } from './follow-up.js';

const triage = (medicines: string[] = [], urgency: 'routine' | 'same_day' | 'vital' = 'routine', phones: string[] = []) =>
  ({ urgency, details: { medicines, phones } }) as unknown as Parameters<typeof readFollowUp>[1];
const TODAY = '2026-12-06';

describe('readFollowUp', () => {
  it('reads a bare name and birth date as the identity asked for', () => {
    const f = readFollowUp('Inès Legrand 03/03/1993', triage(), ['medicine', 'identity'], TODAY);
    expect(f).toEqual({ identity: { name: 'ines legrand', birthDate: '1993-03-03' }, remaining: ['medicine'] });
  });
  it('reads the identity of the person concerned the same way', () => {
    expect(readFollowUp('Léo Martin né le 12 mai 2019', triage(), ['patient_concerned'], TODAY)?.identity?.birthDate).toBe('2019-05-12');
  });
  it('a medicine answers the medicine question; the identity is still asked', () => {
    expect(readFollowUp('Kardégic 75', triage(['kardegic']), ['medicine', 'identity'], TODAY)).toEqual({ identity: null, remaining: ['identity'] });
  });
  it('a phone number answers the call-back question', () => {
    expect(readFollowUp('06 12 34 56 78', triage([], 'routine', ['0612345678']), ['callback'], TODAY)).toEqual({ identity: null, remaining: [] });
  });
  it('free words answer the other questions (exam, document), not the identity', () => {
    expect(readFollowUp('la prise de sang du 2 décembre', triage(), ['exam', 'identity'], TODAY)?.remaining).toEqual(['identity']);
  });
  it('is not an answer when nothing asked is answered, when nothing was asked, or when the message is urgent', () => {
    expect(readFollowUp('bonjour', triage(), ['identity'], TODAY)).toBeNull();
    expect(readFollowUp('Inès Legrand 03/03/1993', triage(), [], TODAY)).toBeNull();
    expect(readFollowUp('Inès Legrand 03/03/1993', triage([], 'same_day'), ['identity'], TODAY)).toBeNull();
  });
  it('never keeps a piece it reports as answered, and keeps the order of what was asked', () => {
    const pieces = ['identity', 'medicine', 'exam', 'document', 'invoice', 'preferred_time', 'appointment', 'callback', 'patient_concerned', 'question'] as const;
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.subarray([...pieces]), fc.boolean(), (text, asked, med) => {
        const f = readFollowUp(text, triage(med ? ['doliprane'] : []), asked, TODAY);
        if (!f) return;
        expect(f.remaining.length).toBeLessThan(asked.length);
        expect(asked.filter((p) => f.remaining.includes(p))).toEqual(f.remaining);
      }),
    );
  });
});

describe('followUpReply', () => {
  it('thanks, then asks what is missing, or says the request is complete', () => {
    expect(followUpReply({ identity: null, remaining: ['medicine'] }, 'fr').text).toMatch(/^Merci, c’est noté\. Quel\(s\) médicament/);
    const done = followUpReply({ identity: null, remaining: [] }, 'en');
    expect(done.text).toMatch(/^Thank you, noted\. Your request is complete/);
    expect(done.asked).toEqual([]);
  });
});
