/**
 * iCalendar (RFC 5545) writer, pure. Lines end with CRLF and are folded at 75 octets (a continuation line starts
 * with one space; a UTF-8 character is never cut); TEXT values escape `\`, `;`, `,` and newlines; instants are
 * written in UTC (`…Z`), so no VTIMEZONE is needed.
 */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line into lines of at most 75 octets (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (octets + n > limit) {
      out.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n');
}

export function icalDate(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export interface IcalEvent {
  uid: string;
  start: Date;
  end: Date;
  stamp: Date;
  summary: string;
  description?: string | null | undefined;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  sequence?: number;
  location?: string | null | undefined;
}

export function renderCalendar(cal: { name: string; prodId?: string; events: readonly IcalEvent[] }): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${cal.prodId ?? '-//Pivot//Agenda//FR'}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
  ];
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${icalDate(e.stamp)}`,
      `DTSTART:${icalDate(e.start)}`,
      `DTEND:${icalDate(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    lines.push(`STATUS:${e.status ?? 'CONFIRMED'}`, `SEQUENCE:${e.sequence ?? 0}`, 'TRANSP:OPAQUE', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

// ---------- a strict minimal reader (tests, and a self-check of what we write) ----------

export interface ParsedComponent {
  name: string;
  props: { name: string; params: Record<string, string>; value: string }[];
  children: ParsedComponent[];
}

/** Unfolds and parses iCalendar text strictly: CRLF only, ≤ 75 octets per physical line, balanced BEGIN/END. */
export function parseCalendar(text: string): ParsedComponent {
  if (!text.endsWith('\r\n')) throw new Error('must end with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  for (const l of physical) {
    if (l.includes('\n') || l.includes('\r')) throw new Error('bare LF or CR');
    if (Buffer.byteLength(l, 'utf8') > 75) throw new Error(`line longer than 75 octets: ${l}`);
  }
  const logical: string[] = [];
  for (const l of physical) {
    if (l.startsWith(' ') || l.startsWith('\t')) {
      if (!logical.length) throw new Error('continuation first');
      logical[logical.length - 1] += l.slice(1);
    } else logical.push(l);
  }
  const stack: ParsedComponent[] = [];
  let root: ParsedComponent | undefined;
  for (const l of logical) {
    // dotAll: U+2028/U+2029 are legal in TEXT values and must not end the match.
    const m = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=[^;:]*)*):(.*)$/s.exec(l);
    if (!m) throw new Error(`bad content line: ${l}`);
    const name = m[1]!.toUpperCase();
    const params = Object.fromEntries([...m[2]!.matchAll(/;([A-Za-z0-9-]+)=([^;:]*)/g)].map((p) => [p[1]!.toUpperCase(), p[2]!]));
    const value = m[3]!;
    if (name === 'BEGIN') {
      const c: ParsedComponent = { name: value.toUpperCase(), props: [], children: [] };
      if (stack.length) stack[stack.length - 1]!.children.push(c);
      else if (root) throw new Error('two roots');
      else root = c;
      stack.push(c);
    } else if (name === 'END') {
      const c = stack.pop();
      if (!c || c.name !== value.toUpperCase()) throw new Error(`unbalanced END:${value}`);
    } else {
      if (!stack.length) throw new Error('property outside a component');
      stack[stack.length - 1]!.props.push({ name, params, value });
    }
  }
  if (stack.length || !root) throw new Error('unterminated calendar');
  return root;
}

export function unescapeText(s: string): string {
  return s.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

export function parseIcalDate(v: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  if (!m) throw new Error(`not a UTC date-time: ${v}`);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}
