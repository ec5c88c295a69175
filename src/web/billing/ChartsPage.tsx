import { useId, useMemo, useState } from 'react';
import { Bar } from 'react-chartjs-2';
import type { ChartOptions } from 'chart.js';
import { useTranslation } from 'react-i18next';
import '../desk-stats/charts';
import '../desk-stats/desk-stats.css';
import { Alert } from '../ui/Alert';
import { ChartCard, csvDataUrl, DataTable } from '../ui/ChartCard';
import { formatMoney, formatMonth, uiLang } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { BooksFrame, type BooksContext } from './BooksFrame';
import { booksApi, type BooksCharts, type ChartRow } from './books-api';

/** Colours distinguishable with enough contrast on white (payers, then one per practitioner). */
const PAYER = { patient: '#0b6b75', amo: '#2563eb', amc: '#b45309', duePatients: '#b3261e', duePayers: '#6b21a8' };
const PRACTITIONER = ['#0b6b75', '#2563eb', '#b45309', '#6b21a8', '#b3261e', '#475569', '#15803d'];

/**
 * #/facturation/livres/graphiques — the books by month: receipts per practitioner, receipts per payer (patient,
 * AMO, AMC), what is still due; each chart has its table and its CSV (the desk statistics' ChartCard).
 */
export function ChartsPage() {
  return <BooksFrame tab="charts" allowAll>{(c) => <ChartsBody {...c} />}</BooksFrame>;
}

const monthsBack = (today: string, n: number) => {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) - n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
};

function ChartsBody({ practitionerId, today }: BooksContext) {
  const { t } = useTranslation();
  const id = useId();
  const [from, setFrom] = useState(monthsBack(today, 11));
  const [to, setTo] = useState(today);
  const charts = useLoad(() => booksApi.charts(from, to, practitionerId), [from, to, practitionerId]);
  return (
    <>
      <form className="card ds-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('billing.booksUi.charts.filters')}>
        <div className="field"><label htmlFor={`${id}-f`}>{t('billing.books.from')}</label><input id={`${id}-f`} type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} data-testid="charts-from" /></div>
        <div className="field"><label htmlFor={`${id}-t`}>{t('billing.books.to')}</label><input id={`${id}-t`} type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} data-testid="charts-to" /></div>
      </form>
      <p className="muted">{t('billing.booksUi.charts.note')}</p>
      {charts.error && <Alert tone="error">{charts.error.message}</Alert>}
      {charts.data && <ChartsGrid c={charts.data} />}
    </>
  );
}

function ChartsGrid({ c }: { c: BooksCharts }) {
  const { t } = useTranslation();
  const lang = uiLang();
  const labels = c.months.map((m) => formatMonth(m));
  const euros = (cents: number) => cents / 100;
  const csvAmount = (cents: number) => (cents / 100).toFixed(2).replace('.', lang === 'fr' ? ',' : '.');
  const sumBy = (month: string, f: (r: ChartRow) => number, practitionerId?: string) =>
    c.rows.filter((r) => r.month === month && (!practitionerId || r.practitionerId === practitionerId)).reduce((s, r) => s + f(r), 0);
  const received = (r: ChartRow) => r.patientCents + r.amoCents + r.amcCents;
  const options: ChartOptions<'bar'> = useMemo(() => ({
    responsive: true, maintainAspectRatio: false, animation: false,
    plugins: { legend: { position: 'bottom' }, tooltip: { mode: 'index', intersect: false, callbacks: { label: (ctx) => `${ctx.dataset.label ?? ''} : ${formatMoney(Math.round(Number(ctx.raw) * 100), lang)}` } } },
    scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: '€' } } },
  }), [lang]);
  const side = { x: { stacked: false }, y: { stacked: false, beginAtZero: true, title: { display: true, text: '€' } } };

  const month = t('billing.booksUi.charts.month');
  const perHead = [month, ...c.practitioners.map((p) => p.name), t('billing.booksUi.charts.total')];
  const perRows = c.months.map((m) => [...c.practitioners.map((p) => sumBy(m, received, p.id)), sumBy(m, received)]);
  const payers = [
    { key: 'patient', label: t('billing.booksUi.charts.patient'), f: (r: ChartRow) => r.patientCents },
    { key: 'amo', label: t('billing.booksUi.charts.amo'), f: (r: ChartRow) => r.amoCents },
    { key: 'amc', label: t('billing.booksUi.charts.amc'), f: (r: ChartRow) => r.amcCents },
  ] as const;
  const dues = [
    { key: 'duePatients', label: t('billing.booksUi.charts.duePatients'), f: (r: ChartRow) => r.dueFromPatientsCents },
    { key: 'duePayers', label: t('billing.booksUi.charts.duePayers'), f: (r: ChartRow) => r.dueFromPayersCents },
  ] as const;
  const series = (list: readonly { key: keyof typeof PAYER; label: string; f: (r: ChartRow) => number }[]) => ({
    labels,
    datasets: list.map((s) => ({ label: s.label, data: c.months.map((m) => euros(sumBy(m, s.f))), backgroundColor: PAYER[s.key] })),
  });
  const table = (list: readonly { label: string; f: (r: ChartRow) => number }[]) => ({
    head: [month, ...list.map((s) => s.label), t('billing.booksUi.charts.total')],
    cents: c.months.map((m) => [...list.map((s) => sumBy(m, s.f)), list.reduce((x, s) => x + sumBy(m, s.f), 0)]),
  });
  const view = (cents: number[][]) => cents.map((r, i) => [labels[i]!, ...r.map((v) => formatMoney(v, lang))]);
  const csv = (head: string[], cents: number[][], name: string) => ({
    csv: csvDataUrl(head, cents.map((r, i) => [c.months[i]!, ...r.map(csvAmount)])), csvName: `${name}-${c.from}-${c.to}.csv`,
  });
  const byPayer = table(payers);
  const byDue = table(dues);

  return (
    <div className="ds-grid">
      <ChartCard id="practitioners" testPrefix="books" title={t('billing.booksUi.charts.byPractitioner')} {...csv(perHead, perRows, 'recettes-par-praticien')}
        data={<DataTable numeric head={perHead} rows={view(perRows)} />}>
        <Bar role="img" aria-label={t('billing.booksUi.charts.byPractitioner')} options={{ ...options, scales: side }}
          data={{ labels, datasets: c.practitioners.map((p, i) => ({ label: p.name, data: c.months.map((m) => euros(sumBy(m, received, p.id))), backgroundColor: PRACTITIONER[i % PRACTITIONER.length] })) }} />
      </ChartCard>
      <ChartCard id="payers" testPrefix="books" title={t('billing.booksUi.charts.byPayer')} {...csv(byPayer.head, byPayer.cents, 'recettes-par-payeur')}
        data={<DataTable numeric head={byPayer.head} rows={view(byPayer.cents)} />}>
        <Bar role="img" aria-label={t('billing.booksUi.charts.byPayer')} options={options} data={series(payers)} />
      </ChartCard>
      <ChartCard id="due" testPrefix="books" wide title={t('billing.booksUi.charts.due')} note={t('billing.booksUi.charts.dueNote')} {...csv(byDue.head, byDue.cents, 'reste-du')}
        data={<DataTable numeric head={byDue.head} rows={view(byDue.cents)} />}>
        <Bar role="img" aria-label={t('billing.booksUi.charts.due')} options={options} data={series(dues)} />
      </ChartCard>
    </div>
  );
}
