import type { Mailer } from '../../platform/mail/mailer.js';
import { unprocessable } from '../access.js';
import type { ReceiptDocument } from './receipt-pdf.service.js';

/**
 * The one place where billing sends mail (the messaging capability is being reworked: only this function will
 * change). The receipt goes as a PDF attachment; the body names no act nor amount (the mail may be read by others).
 */
export async function mailReceipt(mailer: Mailer, doc: ReceiptDocument, to: string, practiceName: string): Promise<void> {
  const what = doc.kind === 'credit_note' ? `l’avoir n° ${doc.number}` : `la note d’honoraires n° ${doc.number}`;
  try {
    await mailer.send({
      to,
      subject: `${practiceName} — ${doc.kind === 'credit_note' ? 'avoir' : 'note d’honoraires'} ${doc.number}`,
      text: `Bonjour,\n\nVeuillez trouver ci-joint ${what} de ${doc.practitionerName}.\n\nCordialement,\n${practiceName}`,
      attachments: [{ filename: doc.fileName, content: doc.pdf, contentType: 'application/pdf' }],
    });
  } catch {
    throw unprocessable('to', 'L’envoi de l’e-mail a échoué (serveur de messagerie) : réessayez ou imprimez le reçu.', 'Sending the e-mail failed (mail server): retry or print the receipt.');
  }
}
