import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Test-time only: reads a PDF back with Debian's poppler-utils (`pdftotext`, `pdftoppm`; .ci/run installs them).
 * Text extraction asserts content; the PNG pages land in test-output/screenshots/ so that a person looks at them.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const PDF_SCREENSHOTS = path.join(repoRoot, 'test-output', 'screenshots');

function withFile<T>(pdf: Buffer, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'pivot-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The document's text, layout kept (columns stay on one line), pages separated by form feeds. */
export function pdfText(pdf: Buffer): string {
  return withFile(pdf, (file) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

/** Number of pages, from `pdfinfo`. */
export function pdfPages(pdf: Buffer): number {
  const info = withFile(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** The fonts the PDF uses, from `pdffonts` (name and whether embedded). */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  const out = withFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type [encoding…] emb sub uni object ID: « emb » is the fifth field from the end.
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}

/**
 * Renders every page to PNG (`pdftoppm`, 60 dpi) as test-output/screenshots/<name>-<n>.png and returns the paths.
 */
export function pdfToPngs(pdf: Buffer, name: string, dpi = 60): string[] {
  mkdirSync(PDF_SCREENSHOTS, { recursive: true });
  return withFile(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), file, path.join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f, i) => {
        const to = path.join(PDF_SCREENSHOTS, `${name}-${i + 1}.png`);
        copyFileSync(path.join(dir, f), to);
        return to;
      });
  });
}
