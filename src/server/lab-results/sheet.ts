/**
 * The readable result sheet, in French: plain text (for the register, an e-mail body, a terminal) and simple HTML
 * (the screen, and later the PDF on the practice's letterhead). Abnormal values are marked so that they survive a
 * black-and-white print: « ↑ » high, « ↓ » low, « !! » critical, « * » abnormal without direction.
 */
import { bornWord } from '../platform/identity-display.js';
import type { LabFlag, LabReport, LabResult } from './types.js';

export const FLAG_MARK: Record<LabFlag, string> = {
  normal: '', low: '↓', high: '↑', critically_low: '!! ↓', critically_high: '!! ↑', abnormal: '*',
};

const FLAG_LABEL: Record<LabFlag, string> = {
  normal: 'normal', low: 'bas', high: 'élevé', critically_low: 'critique bas', critically_high: 'critique haut', abnormal: 'anormal',
};

const FORMAT_LABEL = { 'hprim-sante': 'HPRIM Santé', 'hprim-medecin': 'HPRIM médecin', 'hl7-oru': 'HL7 ORU' } as const;

/** ISO → « 03/12/2024 » or « 03/12/2024 08:30 ». */
export function frenchDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso === '' ? '—' : iso;
  return `${m[3]}/${m[2]}/${m[1]}${m[4] ? ` ${m[4]}:${m[5]}` : ''}`;
}

const SEX = { F: 'femme', M: 'homme', U: 'sexe non précisé' } as const;

export function isAbnormal(r: LabResult): boolean {
  return r.flag !== null && r.flag !== 'normal';
}

function flagNote(r: LabResult): string {
  if (!isAbnormal(r) || r.flag === null) return '';
  return `${FLAG_MARK[r.flag]} ${FLAG_LABEL[r.flag]}${r.flagSource === 'range' ? ' (hors valeurs de référence, sans indication du laboratoire)' : ''}`;
}

function patientLine(report: LabReport): string {
  const p = report.patient;
  const used = p.usedName && p.usedName !== p.birthName ? ` (nom d’usage ${p.usedName})` : '';
  return `${p.birthName.toUpperCase()} ${p.firstName}${used}, ${bornWord(p.sex)} le ${frenchDate(p.birthDate)}, ${SEX[p.sex]}${p.ins ? `, INS ${p.ins.value}` : ''}`;
}

export function renderText(report: LabReport): string {
  const out: string[] = [];
  out.push(`Résultats d’analyses — ${report.sender || 'laboratoire non précisé'} (${FORMAT_LABEL[report.format]})`);
  out.push(`Patient : ${patientLine(report)}`);
  out.push(`Prescripteur / destinataire : ${report.receivedFor || '—'}`);
  out.push(`Demande du ${frenchDate(report.requestedAt)} — compte rendu du ${frenchDate(report.reportedAt)}`);
  const abnormal = report.results.filter(isAbnormal).length;
  out.push(abnormal > 0 ? `${abnormal} résultat(s) anormal(aux) sur ${report.results.length}` : `${report.results.length} résultat(s), aucun anormal signalé`);
  out.push('');
  for (const r of report.results) {
    const mark = r.flag ? FLAG_MARK[r.flag] : '';
    const range = r.referenceRange.text ? `  [réf. ${r.referenceRange.text}]` : '';
    out.push(`${mark.padEnd(4)} ${r.label} : ${r.value.replace(/\n/g, '\n       ')}${r.unit ? ` ${r.unit}` : ''}${range}${isAbnormal(r) ? `  — ${flagNote(r).trim()}` : ''}`);
    for (const c of r.comment.split('\n').filter(Boolean)) out.push(`       ${c}`);
  }
  if (report.comments.length > 0) out.push('', 'Commentaires :', ...report.comments);
  if (report.warnings.length > 0) out.push('', 'Avertissements de lecture :', ...report.warnings.map((w) => `- ${w}`));
  return out.join('\n');
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A self-contained HTML fragment: every value from the lab is escaped (a lab file is not trusted input). */
export function renderHtml(report: LabReport): string {
  const rows = report.results.map((r) => {
    const cls = isAbnormal(r) ? ' class="abnormal"' : '';
    const mark = r.flag ? FLAG_MARK[r.flag] : '';
    const comment = r.comment ? `<div class="comment">${esc(r.comment).replace(/\n/g, '<br>')}</div>` : '';
    return `<tr${cls}><td>${esc(r.label)}${comment}</td><td class="value">${esc(r.value)}</td><td>${esc(r.unit)}</td><td>${esc(r.referenceRange.text)}</td><td class="flag" title="${esc(flagNote(r))}">${esc(mark)}</td></tr>`;
  });
  const list = (title: string, items: string[]): string =>
    items.length === 0 ? '' : `<h2>${title}</h2><ul>${items.map((c) => `<li>${esc(c).replace(/\n/g, '<br>')}</li>`).join('')}</ul>`;
  return [
    '<article class="lab-report" lang="fr">',
    `<h1>Résultats d’analyses — ${esc(report.sender || 'laboratoire non précisé')}</h1>`,
    `<p>Patient : ${esc(patientLine(report))}<br>Prescripteur / destinataire : ${esc(report.receivedFor || '—')}<br>`,
    `Demande du ${esc(frenchDate(report.requestedAt))} — compte rendu du ${esc(frenchDate(report.reportedAt))}</p>`,
    '<table><thead><tr><th>Analyse</th><th>Résultat</th><th>Unité</th><th>Valeurs de référence</th><th>Anomalie</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
    list('Commentaires', report.comments),
    list('Avertissements de lecture', report.warnings),
    '</article>',
  ].join('\n');
}
