import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedActions, versionHash, type Actor } from './rules.js';
import { blocksOf, docFromTemplate, fieldsUsed, paragraphTexts, renderHtml, renderText, richDocSchema, withoutEmptySections, type RichDoc } from './richtext.js';
import { sniffAudio } from './audio.js';
import { REPORT_FIELDS, REPORT_TEMPLATES, templateDoc } from './templates.js';
import { sineWav } from '../../../tests/wav.js';

const uuid = fc.uuid();
const words = fc.string({ minLength: 1, maxLength: 40 });
const paragraphs = fc.array(words, { minLength: 1, maxLength: 6 });
const docOf = (texts: string[]): RichDoc => ({ type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });

describe('rich text rendered by the server', () => {
  it('escapes every text: no tag but the ones the renderer writes', () => {
    fc.assert(
      fc.property(paragraphs, (texts) => {
        const html = renderHtml(docOf(texts), {});
        const tags = [...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]);
        expect(tags.every((t) => t === 'p')).toBe(true);
      }),
    );
  });

  it('keeps every paragraph’s text, in order, in the plain text', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zéè ]{1,20}$/), { minLength: 1, maxLength: 5 }), (texts) => {
        expect(renderText(docOf(texts), {})).toBe(texts.join('\n\n').trim());
      }),
    );
  });

  it('fills merge fields, and shows a missing one as [field] rather than nothing', () => {
    const doc = docFromTemplate('Bonjour {{patient.nom}} et {{correspondant.nom}}.');
    expect(renderText(doc, { 'patient.nom': 'DURAND Jeanne' })).toBe('Bonjour DURAND Jeanne et [correspondant.nom].');
    expect(fieldsUsed(doc).sort()).toEqual(['correspondant.nom', 'patient.nom']);
  });

  it('accepts every built-in template, which uses only known fields', () => {
    for (const t of REPORT_TEMPLATES) {
      const doc = templateDoc(t);
      expect(richDocSchema.safeParse(doc).success, t.id).toBe(true);
      expect(fieldsUsed(doc).filter((f) => !(REPORT_FIELDS as readonly string[]).includes(f)), t.id).toEqual([]);
    }
  });

  it('refuses nodes it does not know and documents nested too deep', () => {
    expect(richDocSchema.safeParse({ type: 'doc', content: [{ type: 'image', attrs: { src: 'x' } }] }).success).toBe(false);
    let deep: object = { type: 'paragraph', content: [{ type: 'text', text: 'x' }] };
    for (let i = 0; i < 6; i++) deep = { type: 'bulletList', content: [{ type: 'listItem', content: [deep] }] };
    expect(richDocSchema.safeParse({ type: 'doc', content: [deep] }).success).toBe(false);
  });
});

describe('empty template sections in the validated PDF', () => {
  const text = (blocks: ReturnType<typeof blocksOf>) => blocks.map((b) => `${b.kind === 'heading' ? '# ' : ''}${b.runs.map((r) => r.text).join('')}`);

  it('drops a heading with nothing under it, keeps a filled one and everything else as it was', () => {
    const doc = docFromTemplate('Cher confrère,\n\n# Motif\n\nToux depuis 8 jours.\n\n# Examen clinique\n\n\n\n# Conclusion\n\n- Bronchite\n\n# Traitement');
    expect(text(withoutEmptySections(blocksOf(doc, {})))).toEqual(['Cher confrère,', '# Motif', 'Toux depuis 8 jours.', '# Conclusion', 'Bronchite']);
  });

  it('keeps a heading whose only text is in a sub-section, drops an empty sub-section', () => {
    const h = (level: number, t: string) => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text: t }] });
    const p = (t: string) => ({ type: 'paragraph', content: t ? [{ type: 'text', text: t }] : [] });
    const doc: RichDoc = { type: 'doc', content: [h(2, 'Examen'), h(3, 'Cardiaque'), p(''), h(3, 'Pulmonaire'), p('Murmure normal.'), h(2, 'Avis'), p(' ')] };
    expect(text(withoutEmptySections(blocksOf(doc, {})))).toEqual(['# Examen', '# Pulmonaire', 'Murmure normal.']);
  });

  it('the template’s closing under the last heading does not fill it, and stays printed', () => {
    const referral = REPORT_TEMPLATES.find((t) => t.id === 'referral-gp')!;
    const fields = { 'correspondant.formule': 'Cher confrère', 'patient.civilite': 'Madame', 'patient.nom': 'MARCHAND Anaïs', 'patient.ne': 'née', 'patient.date_naissance': '09/04/1940' };
    const template = paragraphTexts(blocksOf(templateDoc(referral), fields));
    const typed = templateDoc(referral);
    // Typed under « Antécédents », nothing under « Traitement en cours » but the template's closing.
    typed.content!.splice(3, 0, { type: 'paragraph', content: [{ type: 'text', text: 'Lésion pigmentée du dos.' }] });
    expect(text(withoutEmptySections(blocksOf(typed, fields), template))).toEqual([
      'Cher confrère,', 'Je vous adresse Madame MARCHAND Anaïs, née le 09/04/1940, pour avis et prise en charge.',
      '# Antécédents', 'Lésion pigmentée du dos.',
      'Je vous remercie de me tenir informé(e) de votre avis.', 'Bien confraternellement,',
    ]);
  });

  it('never loses a block that holds text, nor changes their order', () => {
    const block = fc.oneof(fc.record({ h: fc.integer({ min: 1, max: 3 }), t: fc.constantFrom('', ' ', 'Titre') }), fc.record({ h: fc.constant(0), t: fc.constantFrom('', 'texte', ' ') }));
    fc.assert(
      fc.property(fc.array(block, { maxLength: 12 }), (spec) => {
        const doc: RichDoc = { type: 'doc', content: spec.map(({ h, t }) => (h ? { type: 'heading', attrs: { level: h }, content: t ? [{ type: 'text', text: t }] : [] } : { type: 'paragraph', content: t ? [{ type: 'text', text: t }] : [] })) };
        const all = blocksOf(doc, {});
        const kept = withoutEmptySections(all);
        const filled = (bs: typeof all) => bs.filter((b) => b.kind !== 'heading' && b.runs.some((r) => r.text.trim()));
        expect(filled(kept)).toEqual(filled(all));
        // A kept heading has text after it before the next heading of its level or above.
        kept.forEach((b, i) => {
          if (b.kind !== 'heading') return;
          const next = kept.findIndex((o, j) => j > i && o.kind === 'heading' && o.level <= b.level);
          expect(filled(kept.slice(i + 1, next < 0 ? undefined : next)).length).toBeGreaterThan(0);
        });
      }),
    );
  });
});

describe('version hash', () => {
  const version = fc.record({ kind: words, title: words, html: words, patientId: uuid, authorId: uuid, recipients: fc.array(fc.record({ correspondentId: uuid, channel: fc.constantFrom('email', 'mssante', 'post') }), { maxLength: 4 }) });

  it('does not depend on the order of the recipients', () => {
    fc.assert(fc.property(version, (v) => {
      expect(versionHash({ ...v, recipients: [...v.recipients].reverse() })).toBe(versionHash(v));
    }));
  });

  it('changes with the text the practitioner reads', () => {
    fc.assert(fc.property(version, words, (v, more) => {
      expect(versionHash({ ...v, html: v.html + more })).not.toBe(versionHash(v));
    }));
  });
});

describe('who may do what', () => {
  const author = '00000000-0000-4000-8000-000000000001';
  const desk: Actor = { desk: true, practitionerId: null };
  const martin: Actor = { desk: false, practitionerId: author };
  const other: Actor = { desk: false, practitionerId: '00000000-0000-4000-8000-000000000002' };

  it('only the author validates; nobody edits a validated report; one amendment per version', () => {
    fc.assert(
      fc.property(fc.constantFrom('draft', 'to_validate', 'validated') as fc.Arbitrary<'draft' | 'to_validate' | 'validated'>, fc.option(uuid, { nil: null }), (status, amendedBy) => {
        const r = { status, authorId: author, amendedBy };
        expect(allowedActions(desk, r)).not.toContain('validate');
        expect(allowedActions(other, r)).toEqual([]);
        expect(allowedActions(martin, r).includes('validate')).toBe(status !== 'validated');
        for (const a of [desk, martin]) {
          expect(allowedActions(a, r).includes('edit')).toBe(status !== 'validated');
          expect(allowedActions(a, r).includes('amend')).toBe(status === 'validated' && amendedBy === null);
        }
      }),
    );
  });
});

describe('dictation files', () => {
  it('are recognised by their first bytes, not their name', () => {
    expect(sniffAudio(sineWav(0.1))).toBe('audio/wav');
    expect(sniffAudio(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0, 0]))).toBe('audio/webm');
    expect(sniffAudio(Buffer.from('OggS\0\0'))).toBe('audio/ogg');
    expect(sniffAudio(Buffer.from('%PDF-1.7'))).toBeNull();
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
      const m = sniffAudio(Buffer.from(b));
      expect(m === null || m.startsWith('audio/')).toBe(true);
    }));
  });
});
