import fs from 'node:fs';
import path from 'node:path';

/**
 * Error messages written in French only, outside the fr/en catalogues (`messages.ts`, `error-messages.ts`): the
 * `message` of an error detail, or of a refusal, given as a string literal that reads as French. Such a message
 * reaches an English-speaking user in French; the catalogue's `{ fr, en }` pair is answered in the request's language
 * by `localizeDetails` (platform/http/errors.ts).
 */
/** `message:` then its value: literals, or a condition choosing between literals; not an inline `{ fr, en }` pair (up to the next `,` `}` `]` outside quotes). */
const MESSAGE_VALUE = /\bmessage:(?!\s*\{)\s*((?:'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`|[^,}\]'"`])+)/g;
const LITERAL = /(['"`])((?:\\.|(?!\1).)*)\1/g;
const FRENCH = /[àâçéèêëîïôûùüœ’«»]|\b(le|la|les|un|une|des|du|ce|cette|est|pour|requis|nul|vide|manquant|introuvable|inconnue?|attendu)\b/i;
const CATALOGUE = /(^|[-/])messages\.ts$/;

export interface FrenchMessage {
  /** `folder/file.ts:line`, relative to src/server. */
  where: string;
  text: string;
}

export function findFrenchMessages(text: string): string[] {
  return [...text.matchAll(MESSAGE_VALUE)].flatMap((m) => [...m[1]!.matchAll(LITERAL)].map((l) => l[2]!)).filter((s) => FRENCH.test(s));
}

/** Every hard-coded French message of the non-test TypeScript files under `root` (src/server). */
export function scanFrenchMessages(root: string): FrenchMessage[] {
  const found: FrenchMessage[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !/\.test(-helper)?\.ts$/.test(entry.name) && !CATALOGUE.test(entry.name)) {
        fs.readFileSync(full, 'utf8').split('\n').forEach((line, i) => {
          for (const text of findFrenchMessages(line)) found.push({ where: `${path.relative(root, full)}:${i + 1}`, text });
        });
      }
    }
  };
  walk(root);
  return found;
}
