import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * Server-side PDF documents (receipts, deposit slips, letters) without a browser: pdfkit with DejaVu Sans embedded
 * from the `dejavu-fonts-ttf` npm package, so every installation prints the same glyphs (accents, €, « ») whatever
 * fonts the machine has. Pure apart from reading the font files: the caller passes the document's date (the clock),
 * so a PDF built twice from the same data is the same PDF.
 */
const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONT_FILES = {
  regular: path.join(fontDir, 'DejaVuSans.ttf'),
  bold: path.join(fontDir, 'DejaVuSans-Bold.ttf'),
} as const;

/** Millimetres to PDF points (1/72 inch). */
export const mm = (n: number) => (n * 72) / 25.4;

const A4 = { width: mm(210), height: mm(297) };
const MARGIN = mm(18);
const FOOTER_ZONE = mm(16);

export interface PdfMeta {
  title: string;
  author: string;
  /** Business time of the document (clock.now()), written as CreationDate: never the wall clock. */
  createdAt: Date;
  /** Left part of the footer on every page (e.g. « Dr X — RPPS … »); the right part is « Page n / N ». */
  footer?: string;
  /** « Page », or « Page » in the reader's language. */
  pageWord?: string;
}

export interface Column {
  header: string;
  /** Share of the usable width; the shares of a table need not add up to 1 (they are normalised). */
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** The page helpers handed to a document builder. Positions are in points from the top-left corner. */
export class PdfPage {
  readonly left = MARGIN;
  readonly right = A4.width - MARGIN;
  readonly width = A4.width - 2 * MARGIN;

  constructor(readonly doc: PDFKit.PDFDocument) {}

  get y(): number {
    return this.doc.y;
  }

  /** Sender block at the top left: a bold first line (name), then the others. */
  letterhead(name: string, lines: string[]): void {
    const { doc } = this;
    doc.font('bold').fontSize(12).text(name, this.left, MARGIN, { width: mm(95) });
    doc.font('regular').fontSize(9);
    for (const l of lines) doc.text(l, { width: mm(95) });
  }

  /**
   * Recipient block where the window of a French DL envelope (110 × 220 mm, window 100 × 45 mm at 20 mm from the
   * right and 15 mm from the bottom) shows it once the A4 sheet is folded in three: 100 mm from the left edge,
   * 55 mm from the top, at most 85 × 35 mm, so a sheet that slips a few millimetres still shows the whole address.
   */
  addressBlock(lines: string[]): void {
    const { doc } = this;
    const x = mm(105);
    const y = mm(55);
    doc.font('regular').fontSize(10);
    doc.text(lines.slice(0, 6).join('\n'), x, y, { width: mm(85), height: mm(35), lineGap: 1 });
    doc.y = Math.max(doc.y, mm(95));
    doc.x = this.left;
  }

  title(text: string): void {
    this.doc.font('bold').fontSize(14).text(text, this.left, this.doc.y + mm(4), { width: this.width });
    this.doc.moveDown(0.4);
  }

  paragraph(text: string, opts: { bold?: boolean; size?: number; align?: 'left' | 'right' | 'center' } = {}): void {
    this.ensureSpace(mm(8));
    this.doc
      .font(opts.bold ? 'bold' : 'regular')
      .fontSize(opts.size ?? 10)
      .text(text, this.left, this.doc.y, { width: this.width, align: opts.align ?? 'left' });
  }

  /** Label / value lines side by side (identity blocks, totals). */
  keyValues(rows: [string, string][], opts: { labelShare?: number } = {}): void {
    const labelW = this.width * (opts.labelShare ?? 0.45);
    for (const [k, v] of rows) {
      this.ensureSpace(mm(6));
      const y = this.doc.y;
      this.doc.font('regular').fontSize(10).text(k, this.left, y, { width: labelW - 4 });
      const afterLabel = this.doc.y;
      this.doc.font('bold').text(v, this.left + labelW, y, { width: this.width - labelW });
      this.doc.y = Math.max(afterLabel, this.doc.y);
    }
    this.doc.x = this.left;
  }

  /**
   * A table with a bold header row, repeated on each new page; a cell wraps within its column. Rows are strings
   * already formatted by the caller (amounts with money()).
   */
  table(columns: Column[], rows: string[][], opts: { totals?: string[] } = {}): void {
    const { doc } = this;
    const share = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / share) * this.width);
    const drawRow = (cells: string[], bold: boolean, ruleAbove: boolean) => {
      doc.font(bold ? 'bold' : 'regular').fontSize(9);
      const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 }))) + 5;
      if (doc.y + h > A4.height - MARGIN - FOOTER_ZONE) {
        doc.addPage();
        drawRow(columns.map((c) => c.header), true, false);
      }
      const y = doc.y;
      if (ruleAbove) doc.moveTo(this.left, y).lineTo(this.right, y).lineWidth(0.5).strokeColor('#888888').stroke();
      let x = this.left;
      cells.forEach((c, i) => {
        doc.text(c, x + 3, y + 3, { width: widths[i]! - 6, align: columns[i]!.align ?? 'left' });
        x += widths[i]!;
      });
      doc.y = y + h;
      doc.x = this.left;
    };
    drawRow(columns.map((c) => c.header), true, false);
    rows.forEach((r) => drawRow(r, false, true));
    if (opts.totals) drawRow(opts.totals, true, true);
    doc.moveDown(0.5);
  }

  /** A new page when fewer than `height` points remain above the footer. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > A4.height - MARGIN - FOOTER_ZONE) this.doc.addPage();
  }
}

/** Builds a document and returns its bytes; the footer (text and « Page n / N ») is written on every page at the end. */
export async function renderPdf(meta: PdfMeta, build: (page: PdfPage) => void | Promise<void>): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    font: FONT_FILES.regular,
    lang: 'fr-FR',
    info: { Title: meta.title, Author: meta.author, Creator: 'Pivot', Producer: 'Pivot', CreationDate: meta.createdAt },
  });
  doc.registerFont('regular', FONT_FILES.regular);
  doc.registerFont('bold', FONT_FILES.bold);
  doc.font('regular');
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  await build(new PdfPage(doc));
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit add a page: lift the margin while the footer is written.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = A4.height - MARGIN - mm(4);
    doc.moveTo(MARGIN, y - mm(2)).lineTo(A4.width - MARGIN, y - mm(2)).lineWidth(0.5).strokeColor('#888888').stroke();
    doc.font('regular').fontSize(8).fillColor('#333333');
    if (meta.footer) doc.text(meta.footer, MARGIN, y, { width: mm(140), lineBreak: false });
    doc.text(`${meta.pageWord ?? 'Page'} ${i - range.start + 1} / ${range.count}`, A4.width - MARGIN - mm(30), y, { width: mm(30), align: 'right', lineBreak: false });
    doc.fillColor('#000000');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/** 1234567 → « 12 345,67 € » with a narrow no-break space as the French thousands separator. */
export function money(cents: number): string {
  const sign = cents < 0 ? '−' : '';
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')} €`;
}
