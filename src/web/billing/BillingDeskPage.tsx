import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { href, navigate, useRoute } from '../router';
import { Alert, LiveMessage } from '../ui/Alert';
import { formatMoney, formatTime, uiLang } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { billingApi, type DeskConsultation, type DeskDay } from './api';
import { CollectDialog, type CollectTarget } from './CollectDialog';
import './billing.css';
import { DataTable } from '../ui/DataTable';

/**
 * The desk's billing day (#/facturation): today's consultations per practitioner, each billed in that
 * practitioner's name, with what is billed, collected and still due. The first consultation to bill has the focus:
 * Enter opens « Encaisser », Enter bills and collects, Enter closes, and the focus moves to the next one.
 * `?rdv=<appointment>` (from the reception desk or the agenda) opens « Encaisser » for that consultation.
 */
export function BillingDeskPage() {
  const { t } = useTranslation();
  const lang = uiLang();
  const route = useRoute();
  const date = route.query.get('date') ?? undefined;
  const day = useLoad(() => billingApi.desk(date), [date]);
  const [open, setOpen] = useState<CollectTarget | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const firstToBill = useRef<HTMLButtonElement>(null);

  const rdv = route.query.get('rdv');
  const patient = route.query.get('patient');
  const practitioner = route.query.get('praticien');
  useEffect(() => {
    if (rdv) setOpen({ appointmentId: rdv });
    else if (patient && practitioner) setOpen({ patientId: patient, practitionerId: practitioner, ...(date ? { date } : {}) });
  }, [rdv, patient, practitioner, date]);
  useEffect(() => {
    if (day.data && !open) firstToBill.current?.focus();
  }, [day.data, open]);

  const data = day.data;
  const close = (text: string | null) => {
    setOpen(null);
    if (text) setMessage(text);
    if (rdv || patient) navigate(`/facturation${date ? `?date=${date}` : ''}`, { replace: true });
    day.reload();
  };
  let firstAssigned = false;
  const refFor = (c: DeskConsultation) => {
    if (firstAssigned || c.invoice) return undefined;
    firstAssigned = true;
    return firstToBill;
  };

  return (
    <div className="page billing-desk" data-testid="billing-desk">
      <PageTitle
        title={t('billing.desk.title')}
        actions={
          <label>
            {t('billing.desk.date')}{' '}
            <input type="date" value={data?.date ?? date ?? ''} onChange={(e) => navigate(`/facturation${e.target.value ? `?date=${e.target.value}` : ''}`)} data-testid="billing-date" />
          </label>
        }
      >
        {t('billing.desk.title')}
      </PageTitle>
      <LiveMessage message={message} />
      {day.error && <Alert tone="error">{day.error.message}</Alert>}
      {data && data.practitioners.every((p) => !data.consultations.some((c) => c.practitionerId === p.id)) && <p className="muted" data-testid="billing-empty">{t('billing.desk.empty')}</p>}
      {data?.practitioners.map((p) => {
        const rows = data.consultations.filter((c) => c.practitionerId === p.id);
        if (!rows.length) return null;
        return (
          <section key={p.id} className="card billing-group" aria-labelledby={`billing-p-${p.id}`} data-testid="billing-practitioner" data-id={p.id}>
            <div className="billing-group-head">
              <h2 id={`billing-p-${p.id}`}>{p.name}</h2>
              <span className="muted" data-testid="billing-totals">
                {t('billing.desk.totals', { billed: formatMoney(p.billedCents, lang), collected: formatMoney(p.collectedCents, lang), remaining: formatMoney(p.remainingCents, lang), toBill: p.toBill })}
              </span>
              {!p.hasProfile && <span className="badge badge-warning">{t('billing.desk.noProfile')}</span>}
            </div>
            <ConsultationTable rows={rows} data={data} refFor={refFor} onCollect={setOpen} />
          </section>
        );
      })}
      {open && <CollectDialog target={open} onClose={() => close(null)} onDone={(text) => close(text)} />}
    </div>
  );
}

function ConsultationTable({ rows, data, refFor, onCollect }: { rows: DeskConsultation[]; data: DeskDay; refFor: (c: DeskConsultation) => React.RefObject<HTMLButtonElement | null> | undefined; onCollect: (t: CollectTarget) => void }) {
  const { t } = useTranslation();
  const lang = uiLang();
  return (
    <DataTable className="table table-dense" columns={[t('billing.desk.col.time'), t('billing.desk.col.patient'), t('billing.desk.col.state'), { label: t('billing.desk.col.billed'), className: 'num' }, { label: t('billing.desk.col.paid'), className: 'num' }, { label: t('billing.desk.col.remaining'), className: 'num' }, t('billing.desk.col.receipt'), t('billing.desk.col.actions')]}>
      {rows.map((c) => {
        const target: CollectTarget = c.appointmentId ? { appointmentId: c.appointmentId } : { patientId: c.patient.id, practitionerId: c.practitionerId, date: data.date };
        const unpaid = c.invoice && c.invoice.remainingCents > 0;
        return (
          <tr key={c.key} data-testid="billing-row" data-appointment={c.appointmentId ?? ''} data-state={c.invoice ? (unpaid ? 'unpaid' : 'paid') : 'to_bill'}>
            <td className="nowrap">{c.at ? formatTime(c.at, { zone: data.timeZone }) : ''}</td>
            <td>{c.patient.name}{c.motif && <div className="muted small">{c.motif}</div>}</td>
            <td>{c.invoice ? (unpaid ? <span className="badge badge-warning">{t('billing.desk.state.unpaid')}</span> : <span className="badge badge-success">{t('billing.desk.state.paid')}</span>) : <span className="badge badge-neutral">{t('billing.desk.state.toBill')}</span>}</td>
            <td className="num">{c.invoice ? formatMoney(c.invoice.totalCents, lang) : ''}</td>
            <td className="num">{c.invoice ? formatMoney(c.invoice.paidCents, lang) : ''}</td>
            <td className="num" data-testid="billing-remaining">{c.invoice ? formatMoney(c.invoice.remainingCents, lang) : ''}</td>
            <td>{c.invoice?.receipt?.number ?? ''}</td>
            <td className="nowrap">
              {(!c.invoice || unpaid) && (
                <button type="button" ref={refFor(c)} className={`button button-small ${c.invoice ? '' : 'button-primary'}`} onClick={() => onCollect(target)} data-testid="billing-collect" aria-label={t('billing.desk.collectFor', { name: c.patient.name })}>
                  {t('billing.desk.collect')}
                </button>
              )}{' '}
              {c.invoice && <a href={href(`/facturation/factures/${c.invoice.id}`)} className="button button-small" data-testid="billing-open">{t('billing.desk.open')}</a>}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
