/**
 * Bytes → text. French labs send ISO-8859-1 / Windows-1252 (most HPRIM files) or UTF-8 (recent HL7 feeds), rarely
 * saying which. Strict UTF-8 is tried first: a Latin-1 « é » (0xE9) followed by an ASCII byte is never valid UTF-8,
 * so a Latin-1 file cannot be mistaken for UTF-8 in practice; when it fails, Windows-1252 (a superset of Latin-1
 * for printable characters: it also maps 0x80–0x9F to €, œ, ’…) is used. No dependency: Node's TextDecoder.
 */
export type Charset = 'utf-8' | 'windows-1252';

export interface Decoded {
  text: string;
  charset: Charset;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/**
 * Windows-1252's 0x80–0x9F (Node built without full ICU decodes 'windows-1252' as plain Latin-1, leaving C1
 * controls where French text has ’, œ, €, …): mapped by hand. Undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D)
 * stay as their C1 code point.
 */
const C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
export function decodeWindows1252(bytes: Uint8Array): string {
  return latin1.decode(bytes).replace(/[\u0080-\u009F]/g, (c) => C1[c.charCodeAt(0) - 0x80] as string);
}

export function decodeBytes(input: Uint8Array | string): Decoded {
  if (typeof input === 'string') return { text: input.replace(/^\uFEFF/, ''), charset: 'utf-8' };
  const body = input.length >= 3 && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? input.subarray(3) : input;
  try {
    return { text: utf8.decode(body), charset: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(body), charset: 'windows-1252' };
  }
}

/** Lines whatever the end (CRLF, LF, CR alone: HL7's segment terminator), without the empty trailing ones. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  return lines;
}
