import { FONT_FILES, renderPdf, type PdfPage } from '../platform/pdf/pdf.js';
import { blocksOf, withoutEmptySections, type Block, type RichDoc } from './richtext.js';

/**
 * The report as a PDF on the practice's letterhead (platform/pdf: pdfkit, DejaVu embedded): the author's block,
 * the first correspondent's address in the envelope window, the subject, the body as typed (headings, lists,
 * bold and underlined runs), and the electronic validation (who, when, the version's fingerprint).
 */
export interface ReportPdf {
  practiceName: string;
  author: { name: string; specialty: string; rpps: string | null };
  address: string[] | null;
  placeDate: string;
  title: string;
  patientLine: string;
  /** The other correspondents, named under the subject (« Copie : … »). */
  copies: string[];
  amends: string | null;
  body: RichDoc;
  fields: Record<string, string>;
  /** The template's own paragraphs, filled: under a heading, they are not what was written for it. */
  templateTexts: string[];
  validation: { by: string; at: string; hash: string } | null;
  createdAt: Date;
}

function writeBlock(page: PdfPage, b: Block): void {
  const { doc } = page;
  const indent = b.kind === 'item' ? 14 + 14 * b.depth : 0;
  const size = b.kind === 'heading' ? 11 : 10;
  page.ensureSpace(size * 2.4);
  if (b.kind === 'heading') doc.moveDown(0.4);
  const x = page.left + indent;
  const width = page.width - indent;
  if (b.kind === 'item') {
    doc.font('regular').fontSize(size).text(b.bullet, page.left + indent - 12, doc.y, { width: 12, lineBreak: false });
  }
  const runs = b.runs.filter((r) => r.text.length > 0);
  if (!runs.length) {
    doc.font('regular').fontSize(size).text(' ', x, doc.y, { width });
  } else {
    runs.forEach((r, i) => {
      const bold = b.kind === 'heading' || r.marks.includes('bold');
      doc.font(bold ? 'bold' : r.marks.includes('italic') ? 'italic' : 'regular').fontSize(size);
      const opts = { width, continued: i < runs.length - 1, underline: r.marks.includes('underline') };
      if (i === 0) doc.text(r.text, x, doc.y, opts);
      else doc.text(r.text, opts);
    });
  }
  doc.moveDown(b.kind === 'item' ? 0.2 : 0.5);
  doc.x = page.left;
}

// The same DejaVu package ships the oblique face beside the two the platform registers.
const ITALIC = FONT_FILES.regular.replace(/DejaVuSans\.ttf$/, 'DejaVuSans-Oblique.ttf');

export async function renderReportPdf(r: ReportPdf): Promise<Buffer> {
  const footer = `${r.author.name}${r.author.rpps ? ` — RPPS ${r.author.rpps}` : ''} — ${r.practiceName}`;
  return renderPdf({ title: r.title, author: r.author.name, createdAt: r.createdAt, footer }, (page) => {
    page.doc.registerFont('italic', ITALIC);
    page.letterhead(r.practiceName, [r.author.name, r.author.specialty, ...(r.author.rpps ? [`RPPS ${r.author.rpps}`] : [])]);
    if (r.address) page.addressBlock(r.address);
    else page.doc.moveDown(3);
    page.paragraph(r.placeDate, { align: 'right' });
    page.doc.moveDown(1);
    page.paragraph(`Objet : ${r.title}`, { bold: true });
    page.paragraph(r.patientLine);
    if (r.copies.length) page.paragraph(`Copie : ${r.copies.join(', ')}`);
    if (r.amends) page.paragraph(r.amends, { bold: true });
    page.doc.moveDown(1);
    // Validated, the letter leaves the practice: a template heading left empty is not printed (the draft keeps it).
    const blocks = blocksOf(r.body, r.fields);
    for (const b of r.validation ? withoutEmptySections(blocks, r.templateTexts) : blocks) writeBlock(page, b);
    page.doc.moveDown(1);
    page.paragraph(r.author.name, { align: 'right', bold: true });
    if (r.validation) {
      page.doc.moveDown(0.5);
      page.paragraph(`Validé électroniquement par ${r.validation.by} le ${r.validation.at} — version ${r.validation.hash.slice(0, 16)}`, { size: 8, align: 'right' });
    } else {
      page.paragraph('BROUILLON — non validé par le praticien', { size: 9, bold: true, align: 'right' });
    }
  });
}
