/** The readable sheet: French labels, marks that survive black-and-white print, escaped HTML. */
import { describe, expect, it } from 'vitest';
import { HL7_ORU_BIOCHEMISTRY } from './fixtures/samples.js';
import { parseHl7Oru } from './hl7-oru.js';
import { renderHtml, renderText } from './sheet.js';
import type { LabReport } from './types.js';

const report = (() => {
  const o = parseHl7Oru(HL7_ORU_BIOCHEMISTRY);
  if (!o.ok) throw new Error(o.error.message);
  return o.reports[0] as LabReport;
})();

describe('result sheet', () => {
  it('renders plain text with the patient, the prescriber and the marks ↑ ↓ !!', () => {
    const text = renderText(report);
    expect(text.split('\n').slice(0, 5)).toEqual([
      'Résultats d’analyses — LBM01 (HL7 ORU)',
      'Patient : LEFÈVRE Hélène (nom d’usage DUPONT), née le 14/03/1958, femme, INS 258036938812345',
      'Prescripteur / destinataire : Paul MARTIN',
      'Demande du 03/12/2024 08:30 — compte rendu du 03/12/2024 17:40',
      '4 résultat(s) anormal(aux) sur 6',
    ]);
    expect(text).toContain('↑    Créatinine : 128 µmol/L  [réf. 45-90]  — ↑ élevé');
    expect(text).toContain('↓    Potassium : 3.1 mmol/L  [réf. 3.5-5.0]  — ↓ bas');
    expect(text).toContain('↑    Glucose : 7.9 mmol/L  [réf. 4.1-5.9]  — ↑ élevé (hors valeurs de référence, sans indication du laboratoire)');
    expect(text).toContain('!! ↓ Hémoglobine : 6.1 g/dL  [réf. 12.0-16.0]  — !! ↓ critique bas');
    expect(text).toContain('     INR : 2.6  [réf. 2.0-3.0]\n');
  });

  it('renders HTML with abnormal rows marked and every lab value escaped', () => {
    const hostile: LabReport = { ...report, sender: '<img src=x onerror=alert(1)>', results: [{ ...report.results[0]!, label: '<script>alert(1)</script>', comment: 'a & b' }] };
    const html = renderHtml(hostile);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<tr class="abnormal">');
    expect(html).toContain('a &amp; b');
    expect(html).toContain('<th>Valeurs de référence</th>');
  });

  it('says when nothing is abnormal and lists reading warnings', () => {
    const calm: LabReport = { ...report, results: [report.results[2]!], warnings: ['Ligne 3 : segment « XYZ » inconnu, ignoré.'] };
    const text = renderText(calm);
    expect(text).toContain('1 résultat(s), aucun anormal signalé');
    expect(text).toContain('Avertissements de lecture :\n- Ligne 3 : segment « XYZ » inconnu, ignoré.');
  });
});
