import { fileTypeFromBuffer, supportedExtensions } from 'file-type';
import { DOCUMENT_MIME_TYPES, type DocumentMimeType } from './schema.js';

/**
 * What a document really is, decided by its bytes (magic numbers, via `file-type`), never by its
 * name or the browser's claim. The name's extension and the declared MIME type are then checked
 * against the content: a PNG named `.pdf`, an executable named `.jpg`, an HTML page or an SVG are refused.
 */
export type Bilingual = { fr: string; en: string };

export type ContentCheck =
  | { ok: true; mimeType: DocumentMimeType; extension: string }
  | { ok: false; status: 415 | 422; reason: 'unrecognised' | 'not_accepted' | 'mismatch' | 'truncated_pdf'; detected: string | null; declared: string | null; message: Bilingual };

interface Format {
  mime: DocumentMimeType;
  /** Extensions that declare this format; the first is the canonical one. */
  extensions: readonly string[];
  label: Bilingual;
}

const FORMATS: readonly Format[] = [
  { mime: 'application/pdf', extensions: ['pdf'], label: { fr: 'un PDF', en: 'a PDF' } },
  { mime: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], label: { fr: 'une image JPEG', en: 'a JPEG image' } },
  { mime: 'image/png', extensions: ['png'], label: { fr: 'une image PNG', en: 'a PNG image' } },
  { mime: 'image/webp', extensions: ['webp'], label: { fr: 'une image WebP', en: 'a WebP image' } },
  { mime: 'image/heic', extensions: ['heic', 'heif', 'hif'], label: { fr: 'une image HEIC', en: 'a HEIC image' } },
  { mime: 'image/heif', extensions: ['heic', 'heif', 'hif'], label: { fr: 'une image HEIF', en: 'a HEIF image' } },
  { mime: 'image/tiff', extensions: ['tif', 'tiff'], label: { fr: 'une image TIFF', en: 'a TIFF image' } },
];
const byMime = new Map<string, Format>(FORMATS.map((f) => [f.mime, f]));

export const ACCEPTED_FORMATS_LABEL: Bilingual = { fr: 'PDF, JPEG, PNG, WebP, HEIC/HEIF ou TIFF', en: 'PDF, JPEG, PNG, WebP, HEIC/HEIF or TIFF' };

/** Browsers' and scanners' other names for the accepted types. */
const MIME_ALIASES: Record<string, string> = {
  'application/x-pdf': 'application/pdf',
  'application/acrobat': 'application/pdf',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'image/tif': 'image/tiff',
  'image/x-tiff': 'image/tiff',
};
/** Declarations that say nothing about the type. */
const GENERIC_MIME = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/binary', 'application/unknown', 'application/x-unknown']);

const EXECUTABLE_EXT = new Set(['exe', 'dll', 'com', 'msi', 'scr', 'bat', 'cmd', 'ps1', 'vbs', 'elf', 'so', 'dylib', 'macho', 'apk', 'jar', 'sh', 'app', 'deb', 'rpm', 'bin']);
const EXECUTABLE_MIME = new Set([
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-dosexec',
  'application/vnd.microsoft.portable-executable',
  'application/x-executable',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sharedlib',
  'application/java-archive',
  'application/vnd.android.package-archive',
  'application/x-msi',
  'application/x-sh',
]);
const HTML_EXT = new Set(['html', 'htm', 'xhtml', 'xht', 'shtml', 'mhtml', 'mht']);
const SCRIPT_EXT = new Set(['js', 'mjs', 'cjs', 'php', 'py', 'pl', 'rb', 'hta', 'wsf']);
/** Text formats `file-type` cannot recognise but that a name can still declare. */
const TEXT_EXT = new Set([...HTML_EXT, ...SCRIPT_EXT, 'svg', 'svgz', 'xml', 'txt', 'csv', 'json', 'rtf', 'md', 'eml', 'ics', 'vcf']);

/** Label of any declared or detected type, for the messages. */
function label(kind: { ext?: string | undefined; mime?: string | undefined }): Bilingual {
  const accepted = kind.mime ? byMime.get(kind.mime) : FORMATS.find((f) => kind.ext && f.extensions.includes(kind.ext));
  if (accepted) return accepted.label;
  const { ext, mime } = kind;
  if ((ext && EXECUTABLE_EXT.has(ext)) || (mime && EXECUTABLE_MIME.has(mime))) return { fr: 'un programme exécutable', en: 'an executable program' };
  if ((ext && HTML_EXT.has(ext)) || mime === 'text/html' || mime === 'application/xhtml+xml') return { fr: 'une page web (HTML)', en: 'a web page (HTML)' };
  if (ext === 'svg' || ext === 'svgz' || mime === 'image/svg+xml') return { fr: 'une image SVG', en: 'an SVG image' };
  if ((ext && SCRIPT_EXT.has(ext)) || mime === 'text/javascript' || mime === 'application/javascript') return { fr: 'un script', en: 'a script' };
  if (ext === 'zip' || mime === 'application/zip') return { fr: 'une archive ZIP', en: 'a ZIP archive' };
  if (ext === 'gif' || mime === 'image/gif') return { fr: 'une image GIF', en: 'a GIF image' };
  if (ext) return { fr: `un fichier .${ext.toUpperCase()}`, en: `a .${ext.toUpperCase()} file` };
  return { fr: `un fichier de type ${mime}`, en: `a file of type ${mime}` };
}

/** « un PDF » → « d'un PDF », « une image » → « d'une image ». */
const ofFr = (l: string) => l.replace(/^(une?) /, "d'$1 ");

/** The extension a file name declares, if it is one a file type is known by (`rapport.v2` declares nothing). */
export function declaredExtension(fileName: string): string | undefined {
  const m = /\.([a-z0-9]{1,10})$/i.exec(fileName.trim());
  const ext = m?.[1]?.toLowerCase();
  if (!ext) return undefined;
  if (FORMATS.some((f) => f.extensions.includes(ext)) || EXECUTABLE_EXT.has(ext) || TEXT_EXT.has(ext) || supportedExtensions.has(ext)) return ext;
  return undefined;
}

/** The MIME type a browser declared, normalised; undefined when it says nothing (octet-stream). */
export function declaredMime(mime: string | undefined): string | undefined {
  const m = (mime ?? '').split(';')[0]!.trim().toLowerCase();
  if (GENERIC_MIME.has(m)) return undefined;
  return MIME_ALIASES[m] ?? m;
}

const sameFamily = (a: string, b: string) => a === b || (a.startsWith('image/hei') && b.startsWith('image/hei') && !a.endsWith('-sequence') && !b.endsWith('-sequence'));

/** PDF readers look for the end-of-file marker in the last 1024 bytes: a PDF without it is truncated. */
function pdfLooksComplete(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024)));
  return tail.includes('%%EOF');
}

export async function checkDocumentContent(bytes: Uint8Array, declared: { fileName: string; mimeType?: string | undefined }): Promise<ContentCheck> {
  const ext = declaredExtension(declared.fileName);
  const mime = declaredMime(declared.mimeType);
  const claim = ext !== undefined ? label({ ext }) : mime !== undefined ? label({ mime }) : undefined;
  const claimed = ext !== undefined ? `.${ext}` : (mime ?? null);
  const accepted = ACCEPTED_FORMATS_LABEL;

  const found = await fileTypeFromBuffer(bytes);
  if (!found) {
    const claimsAccepted = (ext !== undefined && FORMATS.some((f) => f.extensions.includes(ext))) || (ext === undefined && mime !== undefined && byMime.has(mime));
    const message: Bilingual =
      claim && claimsAccepted ?
        {
          fr: `Ce fichier n'est pas ${claim.fr} valide : son contenu n'est pas reconnu. Formats acceptés : ${accepted.fr}. Vérifiez le fichier choisi.`,
          en: `This file is not a valid ${claim.en.replace(/^an? /, '')}: its content is not recognised. Accepted formats: ${accepted.en}. Check the file you chose.`,
        }
      : claim ?
        {
          fr: `Ce fichier est ${claim.fr} : ce format n'est pas accepté. Formats acceptés : ${accepted.fr}.`,
          en: `This file is ${claim.en}: this format is not accepted. Accepted formats: ${accepted.en}.`,
        }
      : {
          fr: `Le contenu de ce fichier n'est pas reconnu. Formats acceptés : ${accepted.fr}. Vérifiez le fichier choisi.`,
          en: `The content of this file is not recognised. Accepted formats: ${accepted.en}. Check the file you chose.`,
        };
    return { ok: false, status: 415, reason: 'unrecognised', detected: null, declared: claimed, message };
  }

  const format = byMime.get(found.mime);
  const actual = format ? format.label : label({ ext: found.ext, mime: found.mime });
  const extOk = ext === undefined || (format?.extensions.includes(ext) ?? false);
  const mimeOk = mime === undefined || (format !== undefined && sameFamily(mime, format.mime));
  const mismatch = !extOk || !mimeOk;

  if (!format) {
    return {
      ok: false,
      status: 415,
      reason: 'not_accepted',
      detected: found.mime,
      declared: claimed,
      message:
        mismatch && claim ?
          {
            fr: `Ce fichier n'est pas ${claim.fr} : son contenu est celui ${ofFr(actual.fr)}, un format non accepté. Formats acceptés : ${accepted.fr}.`,
            en: `This file is not ${claim.en}: its content is that of ${actual.en}, a format that is not accepted. Accepted formats: ${accepted.en}.`,
          }
        : {
            fr: `Ce fichier est ${actual.fr} : ce format n'est pas accepté. Formats acceptés : ${accepted.fr}.`,
            en: `This file is ${actual.en}: this format is not accepted. Accepted formats: ${accepted.en}.`,
          },
    };
  }

  if (mismatch) {
    const c = claim ?? label({ mime });
    return {
      ok: false,
      status: 422,
      reason: 'mismatch',
      detected: format.mime,
      declared: claimed,
      message: {
        fr: `Ce fichier n'est pas ${c.fr} : son contenu est celui ${ofFr(actual.fr)}. Vérifiez le fichier choisi.`,
        en: `This file is not ${c.en}: its content is that of ${actual.en}. Check the file you chose.`,
      },
    };
  }

  if (format.mime === 'application/pdf' && !pdfLooksComplete(bytes)) {
    return {
      ok: false,
      status: 422,
      reason: 'truncated_pdf',
      detected: format.mime,
      declared: claimed,
      message: {
        fr: "Ce PDF est incomplet ou endommagé (la fin du fichier manque). Enregistrez-le ou numérisez-le à nouveau, puis réessayez.",
        en: 'This PDF is incomplete or damaged (the end of the file is missing). Save or scan it again, then retry.',
      },
    };
  }

  return { ok: true, mimeType: format.mime, extension: format.extensions[0]! };
}

/** Extensions that name an accepted type, the canonical one first. */
export function extensionsOf(mime: DocumentMimeType): readonly string[] {
  return byMime.get(mime)!.extensions;
}

export function isAcceptedMime(mime: string): mime is DocumentMimeType {
  return (DOCUMENT_MIME_TYPES as readonly string[]).includes(mime);
}
