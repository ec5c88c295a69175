import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, parseCalendar, parseIcalDate, renderCalendar, unescapeText } from './ical.js';

describe('iCalendar writer (RFC 5545)', () => {
  it('folds at 75 octets without cutting a UTF-8 character, and unfolding gives the line back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => {
        const line = `SUMMARY:${s.replace(/[\r\n]/g, '')}`;
        const folded = foldLine(line);
        const parts = folded.split('\r\n');
        for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
        for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true);
        expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
        expect(Buffer.from(folded, 'utf8').toString('utf8')).toBe(folded); // no broken sequence
      }),
      { numRuns: 500 },
    );
  });

  it('escapes TEXT and round-trips any string through render + strict parse', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    // Found by the property below: a line separator (U+2028) inside a TEXT value.
    const withSeparator = renderCalendar({ name: 'x', events: [{ uid: 'y@pivot', start: new Date(0), end: new Date(900_000), stamp: new Date(0), summary: '\u2028', description: null }] });
    expect(unescapeText(parseCalendar(withSeparator).children[0]!.props.find((p) => p.name === 'SUMMARY')!.value)).toBe('\u2028');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ maxLength: 100 }), (summary, description) => {
        const start = new Date(Date.UTC(2026, 10, 24, 9, 30));
        const text = renderCalendar({ name: 'Dr Test; agenda, 1', events: [{ uid: 'x@pivot', start, end: new Date(start.getTime() + 900_000), stamp: start, summary, description: description || null }] });
        const cal = parseCalendar(text);
        const ev = cal.children.find((c) => c.name === 'VEVENT')!;
        const get = (n: string) => ev.props.find((p) => p.name === n)?.value;
        const norm = (s: string) => s.replace(/\r\n|\r/g, '\n');
        expect(unescapeText(get('SUMMARY')!)).toBe(norm(summary));
        if (description) expect(unescapeText(get('DESCRIPTION')!)).toBe(norm(description));
        expect(parseIcalDate(get('DTSTART')!).getTime()).toBe(start.getTime());
        expect(unescapeText(cal.props.find((p) => p.name === 'X-WR-CALNAME')!.value)).toBe('Dr Test; agenda, 1');
      }),
      { numRuns: 300 },
    );
  });

  it('the strict parser refuses bare LF, long lines and unbalanced components', () => {
    expect(() => parseCalendar('BEGIN:VCALENDAR\nEND:VCALENDAR\r\n')).toThrow();
    expect(() => parseCalendar(`BEGIN:VCALENDAR\r\nX:${'a'.repeat(80)}\r\nEND:VCALENDAR\r\n`)).toThrow();
    expect(() => parseCalendar('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n')).toThrow();
  });
});

describe('iCalendar writer, read back by an independent library (ical.js)', () => {
  it('any summary and description survive escaping, folding and ical.js parsing; instants stay exact', async () => {
    const { default: ICAL } = await import('ical.js');
    fc.assert(
      fc.property(
        // \r alone is written as a line break (\n): normalise the expectation the same way.
        fc.string({ unit: 'grapheme', maxLength: 150 }),
        fc.string({ maxLength: 80 }),
        fc.integer({ min: 0, max: 400 * 24 * 60 }),
        (summary, description, minutes) => {
          const start = new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);
          const end = new Date(start.getTime() + 20 * 60_000);
          const text = renderCalendar({ name: 'Dr Test; agenda, 1', events: [{ uid: 'p@pivot', start, end, stamp: start, summary, description: description || null }] });
          const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
          const event = new ICAL.Event(vevent);
          const norm = (s: string) => s.replace(/\r\n|\r/g, '\n');
          expect(event.summary).toBe(norm(summary));
          if (description) expect(event.description).toBe(norm(description));
          expect(event.startDate.toJSDate().getTime()).toBe(start.getTime());
          expect(event.endDate.toJSDate().getTime()).toBe(end.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});
