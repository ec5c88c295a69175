/** The readings shared by the three formats: numbers, ranges, flags, dates, escapes. */
import { describe, expect, it } from 'vitest';
import { decodeBytes, splitLines } from './decode.js';
import { escape, HL7_DEFAULT, unescape } from './delimited.js';
import { flagFromRange, readDate, readFlag, readNumber, readRange } from './values.js';

describe('values', () => {
  it('reads numbers with a French decimal comma and refuses everything else', () => {
    expect(['4,3', '4.3', '-2', '+1,5', ',5', '12 ', '128'].map(readNumber)).toEqual([4.3, 4.3, -2, 1.5, 0.5, 12, 128]);
    expect(['<0,013', '1/80', 'positif', '4,3,2', '1e5', '', '4 300', 'NaN', 'Infinity'].map(readNumber)).toEqual(Array(9).fill(null));
  });

  it('reads ranges from two bounds or from text', () => {
    expect(readRange('', '3,5', '5,0')).toEqual({ low: 3.5, high: 5, text: '3,5-5,0' });
    expect(readRange('', '', '5')).toEqual({ low: null, high: 5, text: '<5' });
    expect(readRange('', '60', '')).toEqual({ low: 60, high: null, text: '>60' });
    expect(readRange('3.5-5.0')).toEqual({ low: 3.5, high: 5, text: '3.5-5.0' });
    expect(readRange('3,5 - 5,0')).toMatchObject({ low: 3.5, high: 5 });
    expect(readRange('-2--1')).toMatchObject({ low: -2, high: -1 });
    expect(readRange('<5')).toMatchObject({ low: null, high: 5 });
    expect(readRange('≥ 60')).toMatchObject({ low: 60, high: null });
    expect(readRange('négatif')).toEqual({ low: null, high: null, text: 'négatif' });
  });

  it('maps the lab flags and derives one from the range only when the lab gave none', () => {
    expect(['N', 'l', 'H', 'LL', 'HH', 'A', '', 'ZZ'].map(readFlag)).toEqual([
      { flag: 'normal', known: true }, { flag: 'low', known: true }, { flag: 'high', known: true }, { flag: 'critically_low', known: true },
      { flag: 'critically_high', known: true }, { flag: 'abnormal', known: true }, { flag: null, known: true }, { flag: 'abnormal', known: false },
    ]);
    const range = { low: 3.5, high: 5, text: '' };
    expect([3.4, 3.5, 5, 5.1].map((v) => flagFromRange(v, range))).toEqual(['low', 'normal', 'normal', 'high']);
    expect(flagFromRange(null, range)).toBeNull();
    expect(flagFromRange(4, { low: null, high: null, text: 'négatif' })).toBeNull();
  });

  it('reads dates (HL7/HPRIM timestamps, French dates) and refuses impossible ones', () => {
    expect(['20241203', '202412030815', '20241203081530', '20241203081530.123+0100', '03/12/2024'].map(readDate))
      .toEqual(['2024-12-03', '2024-12-03T08:15', '2024-12-03T08:15:30', '2024-12-03T08:15:30', '2024-12-03']);
    expect(['20240230', '20241303', '202412032500', '31/02/2024', '2024', '', '18000101'].map(readDate)).toEqual(Array(7).fill(null));
  });

  it('unescapes HL7 sequences and keeps unknown ones as written', () => {
    expect(unescape('a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f', HL7_DEFAULT)).toBe('a|b^c&d~e\\f');
    expect(unescape('H\\XC3A9\\l\\XE8\\ne\\.br\\x\\H\\y\\N\\', HL7_DEFAULT)).toBe('Hélène\nxy');
    expect(unescape('50 \\% \\Z\\ fin\\', HL7_DEFAULT)).toBe('50 \\% \\Z\\ fin\\');
    expect(unescape(escape('a|b^c&d~e\\f', HL7_DEFAULT), HL7_DEFAULT)).toBe('a|b^c&d~e\\f');
  });

  it('decodes UTF-8, Latin-1 and Windows-1252 and splits every line end', () => {
    expect(decodeBytes(Buffer.from('Hélène', 'utf8'))).toEqual({ text: 'Hélène', charset: 'utf-8' });
    expect(decodeBytes(Buffer.from('Hélène Lefèvre', 'latin1'))).toEqual({ text: 'Hélène Lefèvre', charset: 'windows-1252' });
    expect(decodeBytes(Buffer.from([0x80, 0x20, 0x9c]))).toEqual({ text: '€ œ', charset: 'windows-1252' });
    expect(splitLines('a\r\nb\nc\rd\r\n\r\n')).toEqual(['a', 'b', 'c', 'd']);
  });
});
