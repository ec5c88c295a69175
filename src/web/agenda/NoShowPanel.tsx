import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../ui/Alert';
import { agendaApi, type NoShowStats } from './api';
import { formatNumber } from '../ui/format';
import { DataTable } from '../ui/DataTable';

/**
 * « Rendez-vous non honorés » under the agenda: missed appointments per practitioner and motif over the last 90
 * days, and the practice's policy (warning after N, online booking blocked after M). Loaded when opened. No-shows
 * are never billed in France: the panel offers nothing of the kind.
 */
export function NoShowPanel() {
  const { t } = useTranslation();
  const [stats, setStats] = useState<NoShowStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    if (stats) return;
    agendaApi.noShowStats().then(setStats, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };
  const pct = (r: number) => formatNumber(r, { percent: true });
  return (
    <details className="card agenda-noshow" onToggle={(e) => { if ((e.target as HTMLDetailsElement).open) load(); }} data-testid="noshow-panel">
      <summary><h2 className="agenda-noshow-title">{t('agenda.noShow.title')}</h2></summary>
      {error && <Alert tone="error">{error}</Alert>}
      {!stats ? (
        !error && <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <p className="muted" data-testid="noshow-policy">
            {t('agenda.noShow.policy', { warn: stats.policy.warnAfter, block: stats.policy.blockOnlineAfter })}
          </p>
          <p data-testid="noshow-total">{t('agenda.noShow.total', { noShows: stats.total.noShows, due: stats.total.due, rate: pct(stats.total.rate) })}</p>
          {stats.rows.length === 0 ? (
            <p className="empty">{t('agenda.noShow.none')}</p>
          ) : (
            <DataTable className="table table-dense" testId="noshow-table" caption={t('agenda.noShow.caption')} columns={[t('agenda.noShow.practitioner'), t('agenda.noShow.motif'), { label: t('agenda.noShow.due'), className: 'num' }, { label: t('agenda.noShow.noShows'), className: 'num' }, { label: t('agenda.noShow.rate'), className: 'num' }]}>
              {stats.rows.map((r) => (
                <tr key={`${r.practitionerId}-${r.motifId ?? ''}`}>
                  <th scope="row">{r.practitionerName}</th>
                  <td>{r.motifName ?? t('agenda.noMotif')}</td>
                  <td className="num">{r.due}</td>
                  <td className="num">{r.noShows}</td>
                  <td className="num">{pct(r.rate)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </details>
  );
}
