import { describe, expect, it } from 'vitest';
import { triageMessage } from './engine.js';

const REF = new Date('2025-03-10T10:00:00+01:00'); // Monday 10 March 2025, Paris
const details = (text: string) => triageMessage(text, { referenceDate: REF }).details;

describe('dates and times', () => {
  it('resolves French relative expressions', () => {
    // Said on a Monday, « mardi prochain » is next week's Tuesday (tomorrow would be « demain »); « mardi » is tomorrow.
    expect(details('mardi prochain vers 10h').dates).toEqual([{ text: 'mardi prochain vers 10h', date: '2025-03-18', time: '10:00', approximate: true }]);
    expect(details('mardi vers 10h').dates[0]).toMatchObject({ date: '2025-03-11' });
    expect(details('next Monday please').dates[0]).toMatchObject({ date: '2025-03-17' });
    expect(details('demain matin si possible').dates[0]).toMatchObject({ date: '2025-03-11', partOfDay: 'morning' });
    expect(details("rdv aujourd'hui à 16h30").dates[0]).toMatchObject({ date: '2025-03-10', time: '16:30' });
    expect(details('le 12/03 à 9h').dates[0]).toMatchObject({ date: '2025-03-12', time: '09:00' });
    expect(details('mon rendez-vous du 7 décembre').dates[0]).toMatchObject({ date: '2024-12-07' });
    expect(details('mardi dernier').dates[0]).toMatchObject({ date: '2025-03-04' });
  });
  it('resolves English expressions', () => {
    expect(details('next Monday at 3pm').dates[0]).toMatchObject({ date: '2025-03-17', time: '15:00' });
    expect(details('my appointment on the 21st').dates[0]).toMatchObject({ date: '2025-03-21' });
    expect(details('tomorrow afternoon').dates[0]).toMatchObject({ date: '2025-03-11', partOfDay: 'afternoon' });
  });
  it('does not read a blood pressure or an age as a date', () => {
    expect(details('sa tension est à 23/13').dates).toEqual([]);
    expect(details('mon fils de 16 ans').dates).toEqual([]);
  });
});

describe('people, medicines, phones', () => {
  it('practitioner named', () => {
    expect(details('Je voudrais voir le Dr Martin ou le docteur Dupuis').practitioners).toEqual(['Dr Martin', 'Dr Dupuis']);
    expect(details("bjr les radios pr le dr giraud, il peut les voir?").practitioners).toEqual(['Dr Giraud']);
    expect(details("Dear Dr Hamon's secretary").practitioners).toEqual(['Dr Hamon']);
  });
  it('patient identity and birth date', () => {
    expect(details("Oui bonjour, c'est Madame Lucette Faure, née le 03/04/1941.").patient).toEqual({ name: 'Lucette Faure', birthDate: '1941-04-03' });
    expect(details('Cordialement, Marie Blanchard').patient.name).toBe('Marie Blanchard');
  });
  it('third party', () => {
    expect(details('Ma mère a de la fièvre').thirdParty).toBe('mother');
    expect(details('My husband has a rash').thirdParty).toBe('partner');
    expect(details('Je voudrais un rendez-vous').thirdParty).toBeUndefined();
  });
  it('medicines and callback numbers', () => {
    expect(details('Renouvellement Levothyrox et Kardégic svp').medicines).toEqual(['levothyrox', 'kardegic']);
    expect(details('Rappelez-moi au 06 12 34 56 78 ou +33 1 23 45 67 89').phones).toEqual(['+33612345678', '+33123456789']);
  });
});
