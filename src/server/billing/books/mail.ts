import type { Mailer } from '../../platform/mail/mailer.js';
import type { Tx } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import type { ReceiptDocument } from './receipt-pdf.service.js';

/**
 * The one place where billing sends mail. The receipt goes as a PDF attachment; the body names no act nor amount (the
 * mail may be read by others). It is queued in the request's transaction and tried right after the commit: it leaves
 * only if the request succeeds, once, and a failed attempt is retried by the job queue (docs/messaging.md).
 */
export async function queueReceiptMail(mailer: Mailer, tx: Tx, ctx: RequestContext, doc: ReceiptDocument, to: string, practiceName: string): Promise<void> {
  const what = doc.kind === 'credit_note' ? `l’avoir n° ${doc.number}` : `la note d’honoraires n° ${doc.number}`;
  const deliver = await mailer.queue(tx, {
    to,
    subject: `${practiceName} — ${doc.kind === 'credit_note' ? 'avoir' : 'note d’honoraires'} ${doc.number}`,
    text: `Bonjour,\n\nVeuillez trouver ci-joint ${what} de ${doc.practitionerName}.\n\nCordialement,\n${practiceName}`,
    practiceId: ctx.practiceId,
    kind: 'receipt',
    accountId: ctx.accountId,
    attachments: [{ filename: doc.fileName, content: doc.pdf, contentType: 'application/pdf' }],
  });
  ctx.afterCommit(async () => deliver());
}
