import { beforeAll, describe, expect, it } from 'vitest';
import { getSpellChecker, type SpellChecker } from './checker.js';
import { MedicalLexicon } from './lexicon.js';
import { stripKey } from './normalize.js';

let checker: SpellChecker;
beforeAll(async () => {
  checker = await getSpellChecker();
}, 60_000);

const first = (typo: string) => checker.check(`Note : ${typo} ce jour.`).find((i) => i.word === typo)?.suggestions[0];

describe('medical lexicon, widened by category (issue 14)', () => {
  it('accepts a capitalised eponym or Latin genus only with its capital', () => {
    expect(checker.check('Myélome de Kahler, candidose à Candida albicans, ampoule de Vater.')).toEqual([]);
    // In lower case these are slips of French words, so they stay flagged.
    expect(checker.isCorrect('candida')).toBe(false);
    expect(checker.isCorrect('kahler')).toBe(false);
    // A Latin species name is listed in lower case and accepted as such.
    expect(checker.isCorrect('aureus')).toBe(true);
  });

  it('takes a name close to an eponym for a name, but flags a misspelled genus', () => {
    expect(checker.check('Adressée par le Dr Dubreuil pour avis.')).toEqual([]);
    expect(checker.check('Culture positive à Staphylococus aureus.')[0]?.suggestions[0]).toBe('Staphylococcus');
  });

  it('offers the ligature and the noun before a rare verb tense', () => {
    expect(first('oedeme')).toBe('œdème');
    expect(first('régurgitasions')).toBe('régurgitations');
    expect(first('exacerbasions')).toBe('exacerbations');
  });

  it('accepts a medical suffix on a medical stem, but not on any French word, nor a typo of either', () => {
    for (const w of ['hypophysite', 'jéjunite', 'glucagonome']) expect(checker.isCorrect(w)).toBe(true);
    for (const w of ['maisonite', 'hypophysitte', 'hypofysite', 'glucagonne']) expect(checker.isCorrect(w)).toBe(false);
  });

  it('catches the shuffled letters of a brand written in capitals', () => {
    expect(checker.check('Crème EMAL avant la ponction.')[0]?.suggestions[0]).toBe('EMLA');
  });

  it('gives adjectives in -éen their feminine and plurals', () => {
    for (const w of ['achilléen', 'achilléenne', 'achilléens', 'achilléennes']) expect(checker.isCorrect(w)).toBe(true);
  });

  it('holds one spelling of each drug name: no two DCI or brands differ only by their accents', () => {
    const lexicon = new MedicalLexicon();
    const byKey = new Map<string, Set<string>>();
    for (const e of lexicon.entries.values()) {
      if (e.category !== 'drug' && e.category !== 'brand') continue;
      // The one exception: the maker and the ANSM write Levothyrox, most letters Lévothyrox.
      if (stripKey(e.form) === 'levothyrox') continue;
      const forms = byKey.get(stripKey(e.form)) ?? new Set<string>();
      forms.add(e.form.toLowerCase());
      byKey.set(stripKey(e.form), forms);
    }
    expect([...byKey.values()].filter((f) => f.size > 1).map((f) => [...f].join(' / '))).toEqual([]);
  });

  // Typos written before looking at the suggestions, on words the widening added (drugs, brands, procedures,
  // specialty words, eponyms): each must be flagged with the right word first.
  it.each([
    ['icodextrinne', 'icodextrine'], ['Scopoderme', 'Scopoderm'], ['butybromure', 'butylbromure'], ['Fluocarill', 'Fluocaril'],
    ['Eludrill', 'Eludril'], ['tocolise', 'tocolyse'], ['camptocormi', 'camptocormie'], ['Tenkoff', 'Tenckhoff'],
    ['Staphylococus', 'Staphylococcus'], ['Xeljans', 'Xeljanz'], ['Entyvo', 'Entyvio'], ['Ozempik', 'Ozempic'],
    ['Mounjarro', 'Mounjaro'], ['Trulicitie', 'Trulicity'], ['Dupixant', 'Dupixent'], ['Skyrisi', 'Skyrizi'],
    ['Lixianna', 'Lixiana'], ['Rybelssus', 'Rybelsus'], ['Jardianse', 'Jardiance'], ['Forxigua', 'Forxiga'],
    ['Entrestro', 'Entresto'], ['Biktarvi', 'Biktarvy'], ['Tagriso', 'Tagrisso'], ['Opdivot', 'Opdivo'],
    ['sphinctérotomi', 'sphinctérotomie'], ['cholangioscopi', 'cholangioscopie'], ['élastografie', 'élastographie'],
    ['thymectomi', 'thymectomie'], ['hémorroïdectomi', 'hémorroïdectomie'], ['fundoplicatur', 'fundoplicature'],
    ['pyéloplatie', 'pyéloplastie'], ['vertébroplasti', 'vertébroplastie'], ['trabéculectomi', 'trabéculectomie'],
    ['dacryocystorinostomie', 'dacryocystorhinostomie'], ['kératoacanthôme', 'kératoacanthome'], ['hidradénitte', 'hidradénite'],
    ['rhinofyma', 'rhinophyma'], ['lagoftalmie', 'lagophtalmie'], ['hyphema', 'hyphéma'], ['angiomyolipôme', 'angiomyolipome'],
    ['cavernôme', 'cavernome'], ['schwanome', 'schwannome'], ['médulloblastôme', 'médulloblastome'], ['pléocytose', 'pléiocytose'],
    ['hyperprotéinorrachie', 'hyperprotéinorachie'], ['plexopatie', 'plexopathie'], ['érythromélalgi', 'érythromélalgie'],
    ['platipnée', 'platypnée'], ['stéatohépatitte', 'stéatohépatite'], ['hématochésie', 'hématochézie'], ['lipasemie', 'lipasémie'],
    ['uncodiscarthroze', 'uncodiscarthrose'], ['épitrochléitte', 'épitrochléite'], ['prolactinôme', 'prolactinome'],
    ['incidentalôme', 'incidentalome'], ['paragangliôme', 'paragangliome'], ['trophozoites', 'trophozoïtes'],
    ['parasitemie', 'parasitémie'], ['allo-imunisation', 'allo-immunisation'], ['schizotipique', 'schizotypique'],
    ['normothimique', 'normothymique'], ['somatoform', 'somatoforme'], ['cardiotocografie', 'cardiotocographie'],
    ['Chvosteck', 'Chvostek'], ['Brudzinsky', 'Brudzinski'], ['Trendelenbourg', 'Trendelenburg'], ['Kienbock', 'Kienböck'],
    ['Hirschprung', 'Hirschsprung'], ['Pfannenstiehl', 'Pfannenstiel'],
  ])('flags %s and ranks %s first', (typo, right) => {
    expect(first(typo)).toBe(right);
  });
});

describe('specialty words, combining forms and word families (development round after set 4)', () => {
  it('accepts compounds of the new combining forms, but not a typo in their second part', () => {
    for (const w of ['craniocaudal', 'iridocornéen', 'implantoportée', 'cochléovestibulaire', 'fémoro-poplitée']) {
      expect(checker.check(`Note : ${w} ce jour.`)).toEqual([]);
    }
    expect(first('craniocaudall')).toBe('craniocaudal');
    expect(first('iridocornén')).toBe('iridocornéen');
  });

  it('leaves out a real word that would hide a likely typo of a commoner one', () => {
    // hypertropie (orthoptics) is one letter from hypertrophie; RPC, TVO and IVT are one slip of RCP, TVP and IVG.
    expect(first('hypertropie')).toBe('hypertrophie');
    expect(first('RPC')).toBe('RCP');
    expect(first('TVO')).toBe('TVP');
    expect(first('IVT')).toBe('IVG');
  });

  it('gives no feminine to a noun in -ité, so that a letter typed once too often is seen', () => {
    expect(first('échogénicitée')).toBe('échogénicité');
    expect(first('obésitée')).toBe('obésité');
    expect(checker.isCorrect('échogénicités')).toBe(true);
  });

  // Typos written before looking at the suggestions, on words this round added.
  it.each([
    ['kératomileusys', 'kératomileusis'], ['orthopantomograme', 'orthopantomogramme'], ['onychocriptose', 'onychocryptose'],
    ['scannographiquemnt', 'scannographiquement'], ['thyroïdectomissée', 'thyroïdectomisée'], ['gonalgiqe', 'gonalgique'],
    ['hypokaliémiqe', 'hypokaliémique'], ['épidermisaton', 'épidermisation'], ['conjonctivochalasys', 'conjonctivochalasis'],
    ['blépharochalazis', 'blépharochalasis'], ['céphalométrei', 'céphalométrie'], ['apexificaton', 'apexification'],
    ['dopplérienen', 'dopplérienne'], ['baropodométrei', 'baropodométrie'], ['hypoacousiqeu', 'hypoacousique'],
    ['cholestéatomatuex', 'cholestéatomateux'], ['pustulsoe', 'pustulose'], ['acanthosse', 'acanthose'],
    ['myélinolise', 'myélinolyse'], ['polymédiquéee', 'polymédiquée'], ['insulinopéine', 'insulinopénie'],
  ])('flags %s and ranks %s first', (typo, right) => {
    expect(first(typo)).toBe(right);
  });
});
