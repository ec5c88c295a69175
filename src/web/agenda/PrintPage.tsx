import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session';
import { useRoute } from '../router';
import { Alert } from '../ui/Alert';
import { formatDate, COMPACT, formatTime, formatPhone } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { agendaApi } from './api';
import { isCancelled } from './layout';
import { statusLabel, patientNameOf } from './labels';
import { addDays, instantAt, isIsoDate, today } from './time';
import './agenda.css';
import { DataTable } from '../ui/DataTable';

/**
 * #/agenda/print?date=YYYY-MM-DD&practitioner=<id> — the day list, one section per practitioner, laid out for
 * paper (print stylesheet): the browser's « Imprimer → PDF » makes the PDF.
 */
export function AgendaPrintPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'fr-FR';
  const me = useMe();
  const { query } = useRoute();
  const practitioner = query.get('practitioner');
  const data = useLoad(async () => {
    const [settings, { practitioners }] = await Promise.all([agendaApi.settings(), agendaApi.practitioners()]);
    const zone = settings.timeZone;
    const date = isIsoDate(query.get('date')) ? query.get('date')! : today(zone);
    const chosen = practitioners.filter((p) => !practitioner || p.id === practitioner);
    const { appointments } = await agendaApi.appointments(
      instantAt(date, 0, zone).toISO()!, instantAt(addDays(date, 1), 0, zone).toISO()!, chosen.map((p) => p.id),
    );
    return { zone, date, chosen, appointments: appointments.filter((a) => !isCancelled(a)) };
  }, [query.get('date'), practitioner]);

  useEffect(() => {
    if (data.data) document.title = `${t('agenda.print.title')} ${data.data.date} — Pivot`;
  }, [data.data, t]);

  return (
    <main id="main-content" className="agenda-print" data-testid="print-view" data-ready={data.data ? 'true' : undefined}>
      <div className="agenda-print-actions no-print">
        <a href={`#/agenda?date=${data.data?.date ?? ''}`} className="button">{t('agenda.print.back')}</a>
        <button type="button" className="button button-primary" onClick={() => window.print()} data-testid="print-button">{t('agenda.print.print')}</button>
      </div>
      {data.error && <Alert tone="error">{data.error.message}</Alert>}
      {!data.data ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <h1>{t('agenda.print.heading', { date: formatDate(data.data.date, { style: 'weekday' }) })}</h1>
          <p className="muted">{me.practice.name} · {t('agenda.print.count', { count: data.data.appointments.length })}</p>
          {data.data.chosen.map((p) => {
            const list = data.data!.appointments.filter((a) => a.practitionerId === p.id);
            return (
              <section key={p.id} className="agenda-print-section" aria-labelledby={`print-${p.id}`}>
                <h2 id={`print-${p.id}`}>{p.displayName} <span className="muted">— {p.specialty}</span></h2>
                {list.length === 0 ? (
                  <p className="empty">{t('agenda.print.none')}</p>
                ) : (
                  <DataTable className="table table-dense agenda-print-table" wrap={false} columns={[t('agenda.print.time'), t('agenda.print.patient'), t('agenda.print.born'), t('agenda.print.phone'), t('agenda.print.motif'), t('agenda.print.status'), t('agenda.print.note')]}>
                    {list.map((a) => (
                      <tr key={a.id} data-testid="print-row">
                        <td className="nowrap">{formatTime(a.start, { zone: data.data!.zone })}–{formatTime(a.end, { zone: data.data!.zone })}</td>
                        <th scope="row">{patientNameOf(a)}</th>
                        <td className="nowrap">{formatDate(a.patientBirthDate, COMPACT)}</td>
                        <td className="nowrap" data-testid="print-phone">{formatPhone(a.patientPhone)}</td>
                        <td>{a.motifName ?? t('agenda.noMotif')}</td>
                        <td>{statusLabel(t, a.status)}</td>
                        <td>{a.note ?? ''}</td>
                      </tr>
                    ))}
                  </DataTable>
                )}
              </section>
            );
          })}
        </>
      )}
    </main>
  );
}
