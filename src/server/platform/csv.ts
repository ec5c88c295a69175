/**
 * CSV reading for imports and tests: a BOM is dropped, quotes honoured (doubled quotes inside), CRLF, LF or CR line
 * ends. The delimiter is `;` (French spreadsheets) unless the header line has more commas or tabs than semicolons.
 */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const first = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r\n|\n|\r/, 1)[0] ?? '';
  const count = (c: string) => first.split(c).length - 1;
  const semi = count(';');
  if (count('\t') > semi && count('\t') >= count(',')) return '\t';
  return count(',') > semi ? ',' : ';';
}

export function parseCsv(text: string, delimiter: ';' | ',' | '\t' = detectDelimiter(text)): string[][] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRow();
    } else cell += c;
  }
  if (cell || row.length) endRow();
  return rows;
}
