import { beforeAll, describe, expect, it } from 'vitest';
import { getSpellChecker, type SpellChecker } from './checker.js';
import { compoundShape } from './proper-compounds.js';

let checker: SpellChecker;
beforeAll(async () => {
  checker = await getSpellChecker();
}, 60_000);

const flagged = (text: string) => checker.check(text).map((i) => ({ word: i.word, first: i.suggestions[0] }));

describe('shape of a hyphenated proper noun', () => {
  it.each([
    ['Villefranche-sur-Cher', 'place'],
    ['Saint-Amand-les-Eaux', 'place'],
    ["Pont-de-l'Orbe", 'place'],
    ['Sainte-Colombe', 'place'], // Saint/Sainte first makes a place without a linker
    ['Port-Vendres', 'names'],
    ['Martin-Lavergne', 'names'],
    ['Gastro-entérologue', 'other'], // a lower-case word part: an ordinary compound
    ['Neuilly-sru-Seine', 'other'], // a misspelled linker breaks the shape
    ['sur-le-champ', 'other'],
    ['Vis-à-vis', 'other'],
    ['Dites-le', 'other'], // must end on a name
  ])('%s is %s', (word, shape) => {
    expect(compoundShape(word.split('-'))).toBe(shape);
  });
});

describe('hyphenated proper nouns in a text', () => {
  it('accepts invented or rare place names whole, at the start of a line too', () => {
    const text =
      'Domicile : 4 impasse des Lilas, Villebrune-sur-Orvanne.\nMarchenoir-les-Combes, le 3 mars.\n' +
      "Adressée par le centre de Pont-de-l'Orbe, née à Sainte-Aurélie-en-Vaux, suivie à Roquefeuil-lès-Granges.";
    expect(flagged(text)).toEqual([]);
  });

  it('accepts a compound of names mid-sentence (double surname, town without linker)', () => {
    expect(flagged('Vue par le Dr Brécourt-Lamothe à Port-Vendrac.')).toEqual([]);
  });

  it('still flags a misspelled linker, a slip in a known place, lower-case compounds and eponym compounds of the lexicon', () => {
    expect(flagged('Domicile à Neuilly-sru-Seine.')).toEqual([{ word: 'Neuilly-sru-Seine', first: 'Neuilly-sur-Seine' }]);
    expect(flagged('Domicile à Saint-Étiene-du-Rouvray.')).toEqual([{ word: 'Saint-Étiene-du-Rouvray', first: 'Saint-Étienne-du-Rouvray' }]);
    expect(flagged('Avis de gastro-entérolgie.')).toEqual([{ word: 'gastro-entérolgie', first: 'gastro-entérologie' }]);
    expect(flagged('Syndrome de Guilain-Barré.')).toEqual([{ word: 'Guilain-Barré', first: 'Guillain-Barré' }]);
    // A capitalised part near a lexicon word is a misspelling, not a name.
    expect(flagged('Traité par Doliprame-Codéine.').map((i) => i.word)).toEqual(['Doliprame-Codéine']);
  });
});
