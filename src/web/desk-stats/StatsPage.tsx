import { useId, useMemo, useState } from 'react';
import { Bar, Line } from 'react-chartjs-2';
import type { ChartOptions } from 'chart.js';
import { useTranslation } from 'react-i18next';
import { Alert } from '../ui/Alert';
import { ChartCard, DataTable } from '../ui/ChartCard';
import { formatDate, COMPACT, formatDuration, formatMonth, formatNumber } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { SelectField } from '../ui/SelectField';
import { useLoad } from '../ui/useLoad';
import { statsApi, type DeskStats, type Granularity, type StatsFilters } from './api';
import { COLOURS } from './charts';
import './desk-stats.css';
import { clock } from '../clock';

function isoDaysAgo(days: number): string {
  const d = new Date(clock.nowMs() - days * 86400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const baseOptions = (yTitle: string): ChartOptions<'bar'> => ({
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
  plugins: { legend: { position: 'bottom' }, tooltip: { mode: 'index', intersect: false } },
  scales: { y: { beginAtZero: true, title: { display: true, text: yTitle }, ticks: { precision: 0 } } },
});

/** #/statistiques — desk statistics over a period, per day/week/month and per practitioner, each exportable to CSV. */
export function StatsPage() {
  const { t } = useTranslation();
  const id = useId();
  const [filters, setFilters] = useState<StatsFilters>({ from: isoDaysAgo(29), to: isoDaysAgo(0), granularity: 'day', practitionerId: '' });
  const result = useLoad(() => statsApi.stats(filters), [filters.from, filters.to, filters.granularity, filters.practitionerId]);
  const s = result.data;
  const set = <K extends keyof StatsFilters>(k: K, v: StatsFilters[K]) => setFilters((f) => ({ ...f, [k]: v }));

  return (
    <>
      <PageTitle title={t('deskStats.title')}>{t('deskStats.title')}</PageTitle>
      <p className="muted">{t('deskStats.intro')}</p>
      <form className="card ds-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('deskStats.filters')}>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('deskStats.from')}</label>
          <input id={`${id}-from`} type="date" value={filters.from} max={filters.to} onChange={(e) => e.target.value && set('from', e.target.value)} data-testid="stats-from" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('deskStats.to')}</label>
          <input id={`${id}-to`} type="date" value={filters.to} min={filters.from} onChange={(e) => e.target.value && set('to', e.target.value)} data-testid="stats-to" />
        </div>
        <SelectField<Granularity> label={t('deskStats.granularity')} value={filters.granularity} onChange={(v) => set('granularity', v)} testId="stats-granularity"
          options={(['day', 'week', 'month'] as const).map((g) => ({ value: g, label: t(`deskStats.by.${g}`) }))} />
        <SelectField label={t('deskStats.practitioner')} value={filters.practitionerId} onChange={(v) => set('practitionerId', v)} testId="stats-practitioner">
          <option value="">{t('deskStats.allPractitioners')}</option>
          {s?.practitioners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </SelectField>
      </form>
      {result.error && <Alert tone="error">{result.error.message}</Alert>}
      <p role="status" className="muted result-count">{result.loading ? t('common.loading') : ''}</p>
      {s && <StatsBody stats={s} filters={filters} />}
    </>
  );
}

function StatsBody({ stats: s, filters }: { stats: DeskStats; filters: StatsFilters }) {
  const { t } = useTranslation();
  const label = (b: string) => (s.period.granularity === 'month' ? formatMonth(b) : formatDate(b, { style: 'compact', noYear: s.period.granularity === 'day' }));
  const labels = s.buckets.map((b) => label(b.bucket));
  const minutes = t('deskStats.minutes');
  const count = t('deskStats.countAxis');

  const activity = useMemo(() => ({
    labels,
    datasets: [
      { label: t('deskStats.series.appointments'), data: s.buckets.map((b) => b.appointments), backgroundColor: COLOURS.appointments },
      { label: t('deskStats.series.arrivals'), data: s.buckets.map((b) => b.arrivals), backgroundColor: COLOURS.arrivals },
      { label: t('deskStats.series.walkIns'), data: s.buckets.map((b) => b.walkIns), backgroundColor: COLOURS.walkIns },
      { label: t('deskStats.series.noShows'), data: s.buckets.map((b) => b.noShows), backgroundColor: COLOURS.noShows },
    ],
  }), [s, t]); // eslint-disable-line react-hooks/exhaustive-deps
  const waits = {
    labels,
    datasets: [
      { label: t('deskStats.series.median'), data: s.buckets.map((b) => b.waitMedian), borderColor: COLOURS.median, backgroundColor: COLOURS.median, pointStyle: 'circle' as const, spanGaps: true },
      { label: t('deskStats.series.p90'), data: s.buckets.map((b) => b.waitP90), borderColor: COLOURS.p90, backgroundColor: COLOURS.p90, borderDash: [6, 4], pointStyle: 'triangle' as const, pointRadius: 4, spanGaps: true },
    ],
  };
  const per = s.byPractitioner;
  const perData = {
    labels: per.map((p) => p.name),
    datasets: [
      { label: t('deskStats.series.appointments'), data: per.map((p) => p.appointments), backgroundColor: COLOURS.appointments },
      { label: t('deskStats.series.arrivals'), data: per.map((p) => p.arrivals), backgroundColor: COLOURS.arrivals },
      { label: t('deskStats.series.walkIns'), data: per.map((p) => p.walkIns), backgroundColor: COLOURS.walkIns },
      { label: t('deskStats.series.noShows'), data: per.map((p) => p.noShows), backgroundColor: COLOURS.noShows },
    ],
  };
  const reasons = {
    labels: s.calls.byReason.map((r) => t(`phoneLog.reason.${r.reason}`)),
    datasets: [{ label: t('deskStats.series.calls'), data: s.calls.byReason.map((r) => r.count), backgroundColor: COLOURS.calls }],
  };
  const outcomes = {
    labels: s.calls.byOutcome.map((r) => t(`phoneLog.outcome.${r.outcome}`)),
    datasets: [{ label: t('deskStats.series.calls'), data: s.calls.byOutcome.map((r) => r.count), backgroundColor: COLOURS.appointments }],
  };
  const horizontal: ChartOptions<'bar'> = { ...baseOptions(count), indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } };
  const tot = s.totals;
  // The shared number rules: « 3,7 % » with its no-break space in French, « 3.7% » in English.
  const fmt = (v: number | null, percent = false) => (v === null ? '—' : formatNumber(v, { percent }));

  return (
    <>
      <ul className="ds-kpis" data-testid="stats-kpis">
        <li><span className="ds-kpi-value">{tot.appointments}</span><span>{t('deskStats.series.appointments')}</span></li>
        <li><span className="ds-kpi-value">{tot.arrivals}</span><span>{t('deskStats.series.arrivals')}</span></li>
        <li><span className="ds-kpi-value">{tot.walkIns}</span><span>{t('deskStats.series.walkIns')}</span></li>
        <li><span className="ds-kpi-value">{tot.noShows} <small>({fmt(tot.noShowRate, true)})</small></span><span>{t('deskStats.series.noShows')}</span></li>
        <li><span className="ds-kpi-value">{tot.waitMedian === null ? '—' : formatDuration(tot.waitMedian)}</span><span>{t('deskStats.kpiMedian')}</span></li>
        <li><span className="ds-kpi-value">{s.calls.total}</span><span>{t('deskStats.series.calls')}</span></li>
      </ul>
      <div className="ds-grid">
        <ChartCard id="activity" title={t('deskStats.chart.activity')} csv={statsApi.csvUrl(filters, 'periods')}
          data={<DataTable head={[t('deskStats.period'), t('deskStats.series.appointments'), t('deskStats.series.arrivals'), t('deskStats.series.walkIns'), t('deskStats.series.noShows'), t('deskStats.series.leftUnseen')]} rows={s.buckets.map((b) => [label(b.bucket), b.appointments, b.arrivals, b.walkIns, b.noShows, b.leftUnseen])} />}>
          <Bar data={activity} options={baseOptions(count)} aria-label={t('deskStats.chart.activity')} role="img" />
        </ChartCard>
        <ChartCard id="waits" title={t('deskStats.chart.waits')} csv={statsApi.csvUrl(filters, 'periods')} note={t('deskStats.waitsNote')}
          data={<DataTable head={[t('deskStats.period'), t('deskStats.series.median'), t('deskStats.series.p90'), t('deskStats.measured')]} rows={s.buckets.map((b) => [label(b.bucket), fmt(b.waitMedian), fmt(b.waitP90), b.waitCount])} />}>
          <Line data={waits} options={{ ...(baseOptions(minutes) as ChartOptions<'line'>), scales: { y: { beginAtZero: true, title: { display: true, text: minutes } } } }} aria-label={t('deskStats.chart.waits')} role="img" />
        </ChartCard>
        <ChartCard id="practitioners" title={t('deskStats.chart.practitioners')} csv={statsApi.csvUrl(filters, 'practitioners')}
          data={<DataTable head={[t('deskStats.practitioner'), t('deskStats.series.appointments'), t('deskStats.series.arrivals'), t('deskStats.series.walkIns'), t('deskStats.series.noShows'), t('deskStats.noShowRate'), t('deskStats.series.median'), t('deskStats.series.p90')]} rows={per.map((p) => [p.name, p.appointments, p.arrivals, p.walkIns, p.noShows, fmt(p.noShowRate, true), fmt(p.waitMedian), fmt(p.waitP90)])} />}>
          <Bar data={perData} options={baseOptions(count)} aria-label={t('deskStats.chart.practitioners')} role="img" />
        </ChartCard>
        <ChartCard id="calls" wide title={t('deskStats.chart.calls')} csv={statsApi.csvUrl(filters, 'calls')} note={t('deskStats.callsNote')}
          data={<DataTable head={[t('deskStats.value'), t('deskStats.series.calls')]} rows={[...s.calls.byReason.map((r) => [t(`phoneLog.reason.${r.reason}`), r.count]), ...s.calls.byOutcome.map((r) => [`→ ${t(`phoneLog.outcome.${r.outcome}`)}`, r.count])]} />}>
          <div className="ds-two">
            <div className="ds-half"><p className="ds-sub">{t('deskStats.byReason')}</p><div className="ds-half-canvas"><Bar data={reasons} options={horizontal} aria-label={t('deskStats.byReason')} role="img" /></div></div>
            <div className="ds-half"><p className="ds-sub">{t('deskStats.byOutcome')}</p><div className="ds-half-canvas"><Bar data={outcomes} options={horizontal} aria-label={t('deskStats.byOutcome')} role="img" /></div></div>
          </div>
        </ChartCard>
      </div>
    </>
  );
}
