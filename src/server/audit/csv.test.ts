import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell } from './routes.js';

describe('CSV cells', () => {
  it('neutralises spreadsheet formulas', () => {
    for (const f of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)']) expect(csvCell(f)).toBe(`"'${f.replace(/"/g, '""')}"`);
  });

  it('keeps a cell on one line: control and bidi characters become spaces', () => {
    expect(csvCell('login\r\nfaux;"x"\u202e')).toBe('"login faux;""x"""');
  });

  it('always yields one quoted cell whatever the content', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constant(null), fc.jsonValue()), (v) => {
        const cell = csvCell(v);
        // Quoted, and every inner quote doubled: a parser reads back exactly one field.
        return cell.startsWith('"') && cell.endsWith('"') && !/[^"]"(?!")/.test(cell.slice(1, -1).replace(/""/g, ''));
      }),
    );
  });
});
