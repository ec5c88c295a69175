import { DateTime } from 'luxon';
import type { Tx } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { clock } from '../../platform/clock.js';
import { bornWord } from '../../platform/identity-display.js';
import { mm, money, renderPdf } from '../../platform/pdf/pdf.js';
import { readProfile } from '../profiles.service.js';
import type { DentalLine, Totals } from './contract.js';
import { quoteRows, quoteView } from './quotes.service.js';

/**
 * The quote as the patient takes it home, with the mentions of the dental devis: practitioner (RPPS, Assurance
 * Maladie number), patient, date and validity, treatment plan, for each act its CCAM code, tooth, basket, material,
 * place of manufacture, fee, AMO base and share, the remaining share; the totals of the proposed treatment and of the
 * mandatory alternative; the patient's choice and signature once signed (drawn signature printed, or « signé sur
 * papier » with the scan's SHA-256).
 */
const PLACE: Record<string, string> = { france: 'France', eu: 'Union européenne (hors France)', outside_eu: 'Hors Union européenne' };
const STATUS: Record<string, string> = { draft: 'BROUILLON — non présenté au patient', presented: 'Présenté au patient, en attente de signature', signed: 'Signé', refused: 'Refusé par le patient', expired: 'Expiré' };
const BASKET_SHORT: Record<string, string> = { rac0: '100 % Santé', maitrise: 'RAC maîtrisé', libre: 'Tarifs libres' };
const frDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export async function quotePdf(tx: Tx, ctx: RequestContext, id: string): Promise<{ fileName: string; pdf: Buffer; patientId: string }> {
  const v = await quoteView(tx, ctx, id);
  const { q, patient } = await quoteRows(tx, ctx, id);
  const [profile, practice] = await Promise.all([
    readProfile(tx, ctx.practiceId, v.practitioner.id),
    tx.selectFrom('practices as p').leftJoin('practice_info as i', 'i.practice_id', 'p.id').select(['p.name', 'p.timezone', 'i.address']).where('p.id', '=', ctx.practiceId).executeTakeFirstOrThrow(),
  ]);
  const orthodontics = v.lines.some((l) => l.tooth === null);
  const title = `Devis de soins ${orthodontics ? 'dentaires (orthodontie)' : 'prothétiques dentaires'} du ${frDay(v.date)}`;
  const row = (l: DentalLine) => [
    // A global treatment (orthodontics) has no tooth: « — » in the column, « Traitement global » with the act.
    String(l.position), l.code, l.tooth === null ? '—' : String(l.tooth),
    `${l.role === 'alternative' ? `Alternative à l’acte ${l.alternativeFor} : ` : ''}${l.tooth === null ? `Traitement global — ${l.label}` : `${l.label}\nMatériau : ${l.material}\nFabrication : ${PLACE[l.manufacturePlace] ?? l.manufacturePlace}`}`,
    BASKET_SHORT[l.basket] ?? l.basket, money(l.feeCents), money(l.baseCents), money(l.amoCents), money(l.patientCents),
  ];
  const amount = { width: 1.2, align: 'right' as const };
  const cols = [
    { header: 'N°', width: 0.45 }, { header: 'Code', width: 1.3 }, { header: 'Dent', width: 0.75 }, { header: 'Acte, matériau, lieu de fabrication', width: 2.5 },
    { header: 'Panier', width: 1.2 }, { header: 'Honoraires', width: 1.5, align: 'right' as const }, { header: 'Base AMO', ...amount }, { header: 'Part AMO', ...amount }, { header: 'Reste', ...amount },
  ];
  const totalRow = (label: string, t: Totals) => ['', '', '', label, '', money(t.feeCents), money(t.baseCents), money(t.amoCents), money(t.patientCents)];
  const pdf = await renderPdf(
    { title, author: v.practitioner.name, createdAt: clock.now(), footer: `${v.practitioner.name} — RPPS ${profile?.rpps ?? '—'} — devis du ${frDay(v.date)}` },
    (p) => {
      p.letterhead(v.practitioner.name, [
        'Chirurgien-dentiste',
        ...(profile ? [`RPPS ${profile.rpps} — N° Assurance Maladie ${profile.amNumber}`] : []),
        practice.name,
        ...(practice.address ? [practice.address] : []),
      ]);
      p.addressBlock([v.patient.name, `${bornWord(patient.sex)} le ${frDay(v.patient.birthDate)}`]);
      p.title(title);
      p.keyValues([
        ['État', STATUS[v.status] ?? v.status],
        ['Valable jusqu’au', frDay(v.validUntil)],
        ['Taux de remboursement AMO des soins dentaires', `${v.amoPercent} % de la base${orthodontics ? ' (orthodontie : 100 % de la base)' : ''}`],
      ]);
      for (const r of v.reminders) p.paragraph(r.fr, { size: 9 });
      p.doc.moveDown(0.4);
      p.paragraph(`Plan de traitement : ${v.treatment}`);
      p.doc.moveDown(0.4);
      const proposed = v.lines.filter((l) => l.role === 'proposed');
      const alternatives = v.lines.filter((l) => l.role === 'alternative');
      p.paragraph('Traitement proposé', { bold: true });
      p.table(cols, proposed.map(row), { totals: totalRow('Total du traitement proposé', v.proposed) });
      if (alternatives.length && v.alternative) {
        p.paragraph('Alternative thérapeutique (sans reste à charge ou à reste à charge maîtrisé)', { bold: true });
        p.table(cols, alternatives.map(row), { totals: totalRow('Total avec les alternatives', v.alternative) });
      }
      p.paragraph(
        'Paniers : « 100 % Santé » sans reste à charge ; « RAC maîtrisé » : reste à charge maîtrisé. Reste : honoraires moins la part de l’Assurance Maladie obligatoire, avant le remboursement de votre complémentaire santé. ' +
          'Les actes du panier « 100 % Santé » n’ont pas de reste à charge avec un contrat de complémentaire santé responsable ; ' +
          'ceux du panier « reste à charge maîtrisé » ont des honoraires plafonnés ; ceux du panier « tarifs libres » ont des honoraires fixés librement avec tact et mesure.',
        { size: 8 },
      );
      p.paragraph(
        'Devis établi conformément à l’article L.1111-3 du code de la santé publique et à la convention nationale des chirurgiens-dentistes : ' +
          'lorsqu’un acte proposé n’appartient pas au panier 100 % Santé, une alternative sans reste à charge, ou à défaut à reste à charge maîtrisé, est proposée. ' +
          'Le dispositif médical sur mesure est fabriqué au lieu indiqué pour chaque acte. Devis gratuit, à conserver ; il peut être transmis à votre complémentaire santé.',
        { size: 8 },
      );
      p.doc.moveDown(0.8);
      p.ensureSpace(mm(45));
      if (v.signature) {
        const signedAt = DateTime.fromISO(v.signature.signedAt).setZone(practice.timezone).toFormat('dd/MM/yyyy à HH:mm');
        const option = v.signature.option === 'proposed' ? 'le traitement proposé' : 'l’alternative thérapeutique';
        p.paragraph(`Le patient a choisi ${option} et a signé le devis le ${signedAt}.`, { bold: true });
        if (v.signature.kind === 'screen' && q.signature) p.doc.image(q.signature, p.left, p.doc.y + 4, { fit: [mm(70), mm(28)] });
        else p.paragraph('Devis signé sur papier ; l’original numérisé est conservé au dossier.', { size: 9 });
        p.doc.y += mm(30);
        p.paragraph(`Empreinte SHA-256 de la signature : ${v.signature.sha256}`, { size: 7 });
      } else {
        p.paragraph('Date et signature du patient, précédées de la mention « Bon pour accord », et choix : ☐ traitement proposé  ☐ alternative', { size: 9 });
      }
    },
  );
  return { fileName: `devis-dentaire-${v.date}-${v.id.slice(0, 8)}.pdf`, pdf, patientId: v.patient.id };
}
