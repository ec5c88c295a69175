/**
 * File names come from the user's computer: anything is possible (paths, control characters,
 * right-to-left overrides that turn `gpj.exe` into `exe.jpg` on screen, reserved Windows names,
 * 2,000 characters). We keep a readable, harmless name for display and download.
 */
const MAX_LENGTH = 120;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

export function sanitiseFileName(raw: string | undefined, fallback = 'document'): string {
  let name = (raw ?? '').normalize('NFC');
  // Keep the last path segment only (Windows and POSIX separators).
  name = name.split(/[\\/]/).pop() ?? '';
  name = name
    // Control and format characters (incl. bidi overrides, zero-width), unpaired surrogates.
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/gu, '')
    // Characters reserved on Windows or dangerous in headers and shells.
    .replace(/[<>:"|?*;`$]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    // No hidden files, no trailing dots or spaces (Windows drops them).
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const dot = name.lastIndexOf('.');
  let stem = dot > 0 ? name.slice(0, dot) : name;
  let ext = dot > 0 ? name.slice(dot + 1) : '';
  if (!/^[\p{L}\p{N}]{1,10}$/u.test(ext)) {
    stem = name;
    ext = '';
  }
  if (WINDOWS_RESERVED.test(stem)) stem = `_${stem}`;
  const budget = MAX_LENGTH - (ext ? ext.length + 1 : 0);
  stem = [...stem].slice(0, budget).join('').trim();
  if (!stem) stem = fallback;
  return ext ? `${stem}.${ext}` : stem;
}

/** Adds the extension of the detected type when the name has none, or another one. */
export function withExtension(name: string, acceptable: readonly string[]): string {
  const m = /\.([^.]+)$/.exec(name);
  if (m && acceptable.includes(m[1]!.toLowerCase())) return name;
  const extension = acceptable[0]!;
  const room = MAX_LENGTH - extension.length - 1;
  return `${[...name].slice(0, room).join('')}.${extension}`;
}

/** The file's title by default: its name without extension. */
export function titleFromFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? name.slice(0, dot) : name).replace(/[_]+/g, ' ').trim().slice(0, 200) || 'Document';
}

/** `content-disposition` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 8187). */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
