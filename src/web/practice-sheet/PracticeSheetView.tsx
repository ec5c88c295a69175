import { useTranslation } from 'react-i18next';
import type { PracticeSheetView as Sheet } from './api';
import './practice-sheet.css';
import { DataTable } from '../ui/DataTable';

type Key = keyof Sheet['info'];
const GROUPS: { titleKey: string; keys: Key[] }[] = [
  { titleKey: 'hoursAccess', keys: ['openingHours', 'address', 'access', 'parking', 'transport'] },
  { titleKey: 'payment', keys: ['paymentsAccepted', 'tiersPayant'] },
  { titleKey: 'visit', keys: ['whatToBring', 'onCall'] },
];

/**
 * The practice information sheet, read-only: the same rendering at the desk, on paper and on the public booking
 * page. An item the administrator left empty is simply not shown (never invented).
 */
export function PracticeSheetView({ sheet, level = 2 }: { sheet: Sheet; level?: 2 | 3 }) {
  const { t } = useTranslation();
  const H = level === 2 ? 'h2' : 'h3';
  const fees = sheet.fees.filter((f) => f.fees || f.sector);
  return (
    <div className="ps-sheet" data-testid="practice-sheet">
      {GROUPS.map((g) => {
        const items = g.keys.filter((k) => sheet.info[k]);
        if (items.length === 0 && !(g.titleKey === 'payment' && fees.length)) return null;
        return (
          <section key={g.titleKey} className="ps-group">
            <H className="ps-group-title">{t(`practiceSheet.group.${g.titleKey}`)}</H>
            {g.titleKey === 'payment' && fees.length > 0 && (
              <DataTable className="table table-dense ps-fees" testId="practice-sheet-fees" caption={t('practiceSheet.field.fees')} captionClassName="ps-caption" wrap={false} columns={[t('practiceSheet.practitioner'), t('practiceSheet.sector'), t('practiceSheet.fees')]}>
                {fees.map((f) => (
                  <tr key={f.practitioner}>
                    <th scope="row">{f.practitioner}{f.specialty && <div className="ps-muted">{f.specialty}</div>}</th>
                    <td>{f.sector ? t(`practiceSheet.sectorLabel.${f.sector}`) : '—'}</td>
                    <td className="ps-text">{f.fees ?? t('practiceSheet.feesUnknown')}</td>
                  </tr>
                ))}
              </DataTable>
            )}
            {items.length > 0 && (
              <dl className="ps-list">
                {items.map((k) => (
                  <div key={k} className={`ps-item${k === 'onCall' ? ' ps-oncall' : ''}`} data-testid={`practice-sheet-${k}`}>
                    <dt>{t(`practiceSheet.field.${k}`)}</dt>
                    <dd className="ps-text">{sheet.info[k]}</dd>
                  </div>
                ))}
              </dl>
            )}
          </section>
        );
      })}
      <p className="ps-emergency">{t('practiceSheet.emergency')}</p>
    </div>
  );
}
