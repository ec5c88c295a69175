import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSentence, draftFromTranscript, MIN_WORDS, passages, SECTIONS, sentenceOf, words } from './rules.js';

/** Transcripts drawn from consultation phrases, filler, noise, speaker labels and odd characters. */
const phrases = [
  'Patient : bonjour docteur, euh, j’ai mal à la gorge depuis trois jours',
  'Dr : qu’est-ce qui vous amène ?', 'je tousse la nuit', 'vous avez des antécédents ?', 'j’ai été opérée de l’appendicite dans l’enfance',
  'tension à 13/8, pouls à 72', 'à la palpation l’abdomen est souple', 'il s’agit probablement d’une angine virale',
  'je vous prescris du paracétamol 1 g trois fois par jour', 'on va faire une prise de sang', 'je vous revois dans une semaine',
  'bon, voilà', 'Médecin - la gorge est rouge', 'il fait beau', 'Ça ressemble à une grippe', 'ß straße œuf', 'émoji 😀 ici', 'İstanbul ÉTÉ',
];
const separators = ['. ', '\n', ' ? ', '! ', '; ', '.\n\n', ' '];
const transcript = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...phrases), fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 })), fc.constantFrom(...separators)), { maxLength: 25 })
  .map((parts) => parts.map(([p, s]) => p + s).join(''));

describe('consultation draft rules', () => {
  it('every sentence cites a span inside the transcript that contains every word the sentence uses', () => {
    fc.assert(
      fc.property(transcript, (t) => {
        const r = draftFromTranscript(t);
        if (!r.ok) return;
        for (const s of r.sentences) {
          expect(s.source).not.toBeNull();
          expect(s.source!.start).toBeGreaterThanOrEqual(0);
          expect(s.source!.end).toBeLessThanOrEqual(t.length);
          expect(s.source!.start).toBeLessThan(s.source!.end);
          const span = new Set(words(t.slice(s.source!.start, s.source!.end)));
          for (const w of words(s.text)) expect(span.has(w), `${w} in « ${t.slice(s.source!.start, s.source!.end)} »`).toBe(true);
          expect(checkSentence(t, s)).toBeNull();
        }
      }),
      { numRuns: 400 },
    );
  });

  it('sentences come in section order, then transcript order, each passage cited once', () => {
    fc.assert(
      fc.property(transcript, (t) => {
        const r = draftFromTranscript(t);
        if (!r.ok) return;
        const keys = r.sentences.map((s) => [SECTIONS.indexOf(s.section), s.source!.start] as const);
        const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(keys).toEqual(sorted);
        expect(new Set(r.sentences.map((s) => s.source!.start)).size).toBe(r.sentences.length);
      }),
    );
  });

  it('an empty or near-empty transcript gives no draft', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('douleur', 'euh', 'fièvre', 'bonjour', '...', ' ', '\n'), { maxLength: 40 }), (parts) => {
        const t = parts.join(' ');
        const counted = words(t).filter((w) => w !== 'euh').length;
        if (counted < MIN_WORDS) expect(draftFromTranscript(t)).toEqual({ ok: false, reason: 'too_short' });
      }),
    );
    expect(draftFromTranscript('')).toEqual({ ok: false, reason: 'too_short' });
    expect(draftFromTranscript('   \n\n ')).toEqual({ ok: false, reason: 'too_short' });
  });

  it('passages lie inside the transcript and never start with a blank or a speaker label', () => {
    fc.assert(
      fc.property(transcript, (t) => {
        for (const p of passages(t)) {
          expect(t.slice(p.start, p.end)).toBe(p.text);
          expect(/^\s|\s$/u.test(p.text)).toBe(false);
          expect(/^(patient|dr|médecin)\s*[:-]/iu.test(p.text)).toBe(false);
        }
      }),
    );
  });

  it('sorts a real consultation into its sections', () => {
    const t = [
      'Médecin : Bonjour, qu’est-ce qui vous amène ?',
      'Patient : Euh, j’ai mal à la gorge depuis trois jours et de la fièvre.',
      'Médecin : Vous avez des antécédents ? Patient : Je suis asthmatique, asthme depuis l’enfance.',
      'Médecin : Tension à 12/8, la gorge est rouge, les tympans sont normaux.',
      'Médecin : Il s’agit probablement d’une angine virale.',
      'Médecin : Je vous prescris du paracétamol 1 g trois fois par jour.',
      'Médecin : Je vous revois dans une semaine si ça ne passe pas.',
    ].join('\n');
    const r = draftFromTranscript(t);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const by = (s: string) => r.sentences.filter((x) => x.section === s).map((x) => x.text);
    expect(by('reason')).toEqual(['J’ai mal à la gorge depuis trois jours et de la fièvre.']);
    expect(by('history')[0]).toMatch(/asthme/);
    expect(by('examination')[0]).toMatch(/^Tension à 12\/8/);
    expect(by('conclusion')[0]).toMatch(/angine virale/);
    expect(by('prescriptions')[0]).toMatch(/paracétamol 1 g/);
    expect(by('plan')[0]).toMatch(/revois dans une semaine/);
  });

  it('checkSentence refuses a sentence without source, outside the text, or saying other words', () => {
    const t = 'La gorge est rouge et les amygdales sont gonflées.';
    expect(checkSentence(t, { text: 'La gorge est rouge.', source: null })).toBe('no_source');
    expect(checkSentence(t, { text: 'La gorge est rouge.', source: { start: 0, end: t.length + 1 } })).toBe('source_outside');
    expect(checkSentence(t, { text: 'La gorge est blanche.', source: { start: 0, end: t.length } })).toBe('words_not_in_source');
    expect(checkSentence(t, { text: 'Gorge rouge.', source: { start: 0, end: 18 } })).toBeNull();
    expect(sentenceOf('euh, bon, la gorge est rouge')).toBe('La gorge est rouge.');
  });
});
