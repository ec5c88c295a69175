import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { href } from '../router';
import { Alert } from '../ui/Alert';
import { formatDate, formatDateTime, formatMoney, uiLang } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { dentalApi, practiceToday, type DentalLine, type DentalQuoteView, type SignRequest } from './dentalApi';
import { SignaturePad } from './SignaturePad';

/** One dental quote: its acts and totals, then what its state allows (present, sign, refuse, print, bill a done act). */
export function DentalQuoteDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = uiLang();
  const loaded = useLoad(() => dentalApi.get(id), [id]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [option, setOption] = useState<SignRequest['option']>('proposed');
  const [doneOn, setDoneOn] = useState(practiceToday());
  const [tiersPayant, setTiersPayant] = useState<'none' | 'amo'>('none');
  const [billed, setBilled] = useState<string | null>(null);
  const q = loaded.data?.quote;

  async function act(run: () => Promise<{ quote: DentalQuoteView }>) {
    setError(null);
    setBusy(true);
    try {
      loaded.setData({ quote: (await run()).quote });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  const upload = (file: File | undefined) => {
    if (!file) return;
    const mime = file.type as SignRequest['mime'];
    const reader = new FileReader();
    reader.onload = () => {
      const data = String(reader.result);
      void act(() => dentalApi.sign(id, { kind: 'paper', option, mime, fileBase64: data.slice(data.indexOf(',') + 1) }));
    };
    reader.readAsDataURL(file);
  };

  if (loaded.error) return <div className="page"><Alert tone="error">{loaded.error.message}</Alert></div>;
  if (!q) return <div className="page"><p className="muted">{t('common.loading', { defaultValue: '…' })}</p></div>;
  const money = (c: number) => formatMoney(c, lang);
  const line = (l: DentalLine) => (
    <tr key={l.position} className={l.role === 'alternative' ? 'dq-alt' : undefined}>
      <td>{l.position}{l.role === 'alternative' ? ` (${t('billing.dental.altOf', { n: l.alternativeFor })})` : ''}</td>
      <td>{l.code}</td><td>{l.tooth ?? '—'}</td><td>{l.tooth === null ? <>{t('billing.dental.global')} — </> : null}{l.label}<br /><span className="muted">{l.material} · {t(`billing.dental.places.${l.manufacturePlace}`)}</span></td>
      <td><span className={`dq-basket dq-basket-${l.basket}`}>{t(`billing.dental.baskets.${l.basket}`)}</span></td>
      <td className="num">{money(l.feeCents)}</td><td className="num">{money(l.baseCents)}</td><td className="num">{money(l.amoCents)}</td><td className="num">{money(l.patientCents)}</td>
    </tr>
  );
  const totals = (label: string, x: DentalQuoteView['proposed']) => (
    <tr><th scope="row" colSpan={5}>{label}</th><td className="num">{money(x.feeCents)}</td><td className="num">{money(x.baseCents)}</td><td className="num">{money(x.amoCents)}</td><td className="num">{money(x.patientCents)}</td></tr>
  );
  return (
    <div className="page dental-quote" data-testid="dental-quote">
      <PageTitle title={t('billing.dental.quoteOf', { name: q.patient.name })}>{t('billing.dental.quoteOf', { name: q.patient.name })}</PageTitle>
      <p><a href={href('/facturation/devis')}>{t('billing.dental.back')}</a></p>
      <p>
        <span className={`dq-status dq-status-${q.status}`} data-testid="dental-status">{t(`billing.dental.states.${q.status}`)}</span>{' '}
        {q.practitioner.name} · {formatDate(q.date)} · {t('billing.dental.validUntil')} {formatDate(q.validUntil)} · {t('billing.dental.amoRate', { percent: q.amoPercent })}
      </p>
      <p>{t('billing.dental.treatment')} : {q.treatment}</p>
      {q.reminders.map((r) => <Alert key={r.fr} tone="info" testId="dental-reminder">{lang === 'en' ? r.en : r.fr}</Alert>)}
      <div className="table-wrap">
        <table className="table table-dense" data-testid="dental-lines">
          <thead>
            <tr>
              <th scope="col">N°</th><th scope="col">{t('billing.dental.code')}</th><th scope="col">{t('billing.dental.tooth')}</th><th scope="col">{t('billing.dental.act')}</th>
              <th scope="col">{t('billing.dental.basket')}</th><th scope="col" className="num">{t('billing.dental.fee')}</th><th scope="col" className="num">{t('billing.dental.base')}</th>
              <th scope="col" className="num">{t('billing.dental.amo')}</th><th scope="col" className="num">{t('billing.dental.remaining')}</th>
            </tr>
          </thead>
          <tbody>{q.lines.map(line)}</tbody>
          <tfoot>
            {totals(t('billing.dental.totalProposed'), q.proposed)}
            {q.alternative && totals(t('billing.dental.totalAlternative'), q.alternative)}
          </tfoot>
        </table>
      </div>
      {error && <Alert tone="error" testId="dental-error">{error}</Alert>}
      <p>
        <a className="button" href={dentalApi.pdfUrl(q.id)} target="_blank" rel="noopener noreferrer" data-testid="dental-pdf">{t('billing.dental.pdf')}</a>{' '}
        {q.status === 'draft' && <button type="button" className="button button-primary" disabled={busy} onClick={() => act(() => dentalApi.move(q.id, 'present'))} data-testid="dental-present">{t('billing.dental.present')}</button>}{' '}
        {(q.status === 'draft' || q.status === 'presented') && <button type="button" className="button" disabled={busy} onClick={() => act(() => dentalApi.move(q.id, 'refuse'))} data-testid="dental-refuse">{t('billing.dental.refuse')}</button>}
      </p>
      {q.status === 'presented' && (
        <section className="dq-sign" aria-labelledby="dq-sign-title">
          <h2 id="dq-sign-title">{t('billing.dental.sign.title')}</h2>
          {q.alternative && (
            <fieldset>
              <legend>{t('billing.dental.sign.option')}</legend>
              <label><input type="radio" name="dq-option" checked={option === 'proposed'} onChange={() => setOption('proposed')} data-testid="option-proposed" /> {t('billing.dental.sign.proposed', { amount: money(q.proposed.patientCents) })}</label>{' '}
              <label><input type="radio" name="dq-option" checked={option === 'alternative'} onChange={() => setOption('alternative')} data-testid="option-alternative" /> {t('billing.dental.sign.alternative', { amount: money(q.alternative.patientCents) })}</label>
            </fieldset>
          )}
          <SignaturePad busy={busy} onSign={(png) => act(() => dentalApi.sign(q.id, { kind: 'screen', option, mime: 'image/png', fileBase64: png }))} />
          <label>{t('billing.dental.sign.paper')} <input type="file" accept="image/png,image/jpeg,application/pdf" onChange={(e) => upload(e.target.files?.[0])} data-testid="signature-file" /></label>
        </section>
      )}
      {q.signature && (
        <section aria-labelledby="dq-signed-title">
          <h2 id="dq-signed-title">{t('billing.dental.signed.title')}</h2>
          <p data-testid="dental-signed">
            {t(q.signature.kind === 'screen' ? 'billing.dental.signed.screen' : 'billing.dental.signed.paper', { when: formatDateTime(q.signature.signedAt) })} ·{' '}
            {t(`billing.dental.signed.${q.signature.option}`)} · <span className="muted">SHA-256 {q.signature.sha256.slice(0, 16)}…</span>
          </p>
          <p className="muted">{t('billing.dental.signed.locked')}</p>
          <h3>{t('billing.dental.bill.title')}</h3>
          <div className="billing-filters">
            <label>{t('billing.dental.bill.doneOn')} <input type="date" value={doneOn} max={practiceToday()} onChange={(e) => setDoneOn(e.target.value)} data-testid="bill-done-on" /></label>
            <label>{t('billing.collect.tiersPayant')}{' '}
              <select value={tiersPayant} onChange={(e) => setTiersPayant(e.target.value as 'none' | 'amo')} data-testid="bill-tiers-payant">
                <option value="none">{t('billing.dental.bill.noTiersPayant')}</option>
                <option value="amo">{t('billing.dental.bill.tiersPayantAmo')}</option>
              </select>
            </label>
          </div>
          <ul className="dq-billable" data-testid="dental-billable">
            {q.billable.map((b) => {
              const l = q.lines.find((x) => x.position === b.position)!;
              return (
                <li key={b.position}>
                  {l.code} · {l.tooth === null ? t('billing.dental.global') : `${t('billing.dental.tooth')} ${l.tooth}`} · {money(l.feeCents)} —{' '}
                  {b.invoiceId ? (
                    <a href={href(`/facturation/factures/${b.invoiceId}`)} data-testid="billed-invoice">{t('billing.dental.bill.billedOn', { date: formatDate(b.doneOn) })}</a>
                  ) : (
                    <button type="button" className="button button-small" disabled={busy} data-testid={`bill-act-${b.position}`}
                      onClick={() => act(async () => { const r = await dentalApi.bill(q.id, b.position, { doneOn, tiersPayant }); setBilled(r.invoiceId); return r; })}>
                      {t('billing.dental.bill.button', { code: l.code, tooth: l.tooth ?? '—' })}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
          {billed && <Alert tone="success" testId="dental-billed">{t('billing.dental.bill.done')} <a href={href(`/facturation/factures/${billed}`)}>{t('billing.dental.bill.collect')}</a></Alert>}
        </section>
      )}
    </div>
  );
}
