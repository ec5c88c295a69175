import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../api/types';
import { PatientPicker } from '../phone-log/PatientPicker';
import { href, navigate } from '../router';
import { Alert } from '../ui/Alert';
import { formatMoney, uiLang } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { dentalApi, practiceToday, type CatalogueAct, type DentalActInput } from './dentalApi';
import { parseEuros } from './money';

/**
 * A new dental quote: patient, dentist, dates, treatment plan, and the acts — each proposed act on its tooth, and
 * for an act outside 100 % Santé its alternative (the server refuses the quote without it, and says why).
 */
interface Row { key: number; code: string; tooth: string; fee: string; place: DentalActInput['manufacturePlace']; role: DentalActInput['role']; alternativeFor: string }
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
let nextKey = 1;
const emptyRow = (role: Row['role'] = 'proposed', alternativeFor = ''): Row => ({ key: nextKey++, code: '', tooth: '', fee: '', place: 'france', role, alternativeFor });

export function DentalQuoteForm() {
  const { t } = useTranslation();
  const lang = uiLang();
  const catalogue = useLoad(() => dentalApi.catalogue(), []);
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [practitionerId, setPractitionerId] = useState('');
  const today = practiceToday();
  const [date, setDate] = useState(today);
  const [validUntil, setValidUntil] = useState(addDays(today, 90));
  const [treatment, setTreatment] = useState('');
  const [rows, setRows] = useState<Row[]>([emptyRow()]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const first = catalogue.data?.dentists[0];
    if (first && !practitionerId) setPractitionerId(first.id);
  }, [catalogue.data, practitionerId]);

  const acts = catalogue.data?.acts ?? [];
  const rowAct = (r: Row): CatalogueAct | undefined => acts.find((a) => a.code === r.code);
  const set = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const proposedIndex = (r: Row) => rows.indexOf(r) + 1;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!patient) return setError(t('billing.dental.form.needPatient'));
    const body: DentalActInput[] = [];
    for (const [i, r] of rows.entries()) {
      const fee = parseEuros(r.fee);
      if (fee === null) return setError(t('billing.dental.form.badFee', { n: i + 1 }));
      body.push({ code: r.code, tooth: rowAct(r)?.kind === 'global' ? null : Number(r.tooth), feeCents: fee, manufacturePlace: r.place, role: r.role, alternativeFor: r.role === 'alternative' ? Number(r.alternativeFor) || null : null });
    }
    setBusy(true);
    try {
      const res = await dentalApi.create({ patientId: patient.id, practitionerId, date, validUntil, treatment, acts: body });
      navigate(`/facturation/devis/${res.quote.id}`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page dental-quote-form">
      <PageTitle title={t('billing.dental.form.title')}>{t('billing.dental.form.title')}</PageTitle>
      <p><a href={href('/facturation/devis')}>{t('billing.dental.back')}</a></p>
      <form onSubmit={submit} data-testid="dental-form">
        <PatientPicker value={patient} onChange={setPatient} label={t('billing.dental.patient')} testId="dental-patient" />
        <div className="billing-filters">
          <label>{t('billing.dental.dentist')}{' '}
            <select value={practitionerId} onChange={(e) => setPractitionerId(e.target.value)} data-testid="dental-dentist" required>
              {catalogue.data?.dentists.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            </select>
          </label>
          <label>{t('billing.dental.date')} <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required /></label>
          <label>{t('billing.dental.validUntil')} <input type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} required /></label>
        </div>
        <div className="field">
          <label htmlFor="dq-treatment">{t('billing.dental.treatment')}</label>
          <textarea id="dq-treatment" rows={2} value={treatment} onChange={(e) => setTreatment(e.target.value)} required data-testid="dental-treatment" />
        </div>
        <fieldset className="dq-acts">
          <legend>{t('billing.dental.acts')}</legend>
          {rows.map((r, i) => {
            const a = rowAct(r);
            const n = i + 1;
            return (
              <div className={`dq-act dq-act-${r.role}`} key={r.key} data-testid={`dental-act-${n}`} role="group" aria-label={t('billing.dental.form.actN', { n })}>
                <span className="dq-act-n">{n}</span>
                <label>{t('billing.dental.form.role')}{' '}
                  <select value={r.role} onChange={(e) => set(r.key, { role: e.target.value as Row['role'] })} data-testid="act-role">
                    <option value="proposed">{t('billing.dental.roles.proposed')}</option>
                    <option value="alternative">{t('billing.dental.roles.alternative')}</option>
                  </select>
                </label>
                {r.role === 'alternative' && (
                  <label>{t('billing.dental.form.alternativeFor')}{' '}
                    <select value={r.alternativeFor} onChange={(e) => set(r.key, { alternativeFor: e.target.value })} data-testid="act-alternative-for" required>
                      <option value="">—</option>
                      {rows.filter((p) => p.role === 'proposed').map((p) => <option key={p.key} value={proposedIndex(p)}>{t('billing.dental.form.actN', { n: proposedIndex(p) })} {p.code} {p.tooth}</option>)}
                    </select>
                  </label>
                )}
                <label>{t('billing.dental.code')}{' '}
                  <select value={r.code} onChange={(e) => set(r.key, { code: e.target.value })} data-testid="act-code" required>
                    <option value="">—</option>
                    {acts.map((c) => <option key={c.code} value={c.code}>{c.code} — {c.label} ({t(`billing.dental.baskets.${c.basket}`)})</option>)}
                  </select>
                </label>
                {a?.kind === 'global'
                  ? <span className="dq-global" data-testid="act-global">{t('billing.dental.tooth')} : {t('billing.dental.global')}</span>
                  : <label>{t('billing.dental.tooth')} <input inputMode="numeric" size={3} value={r.tooth} onChange={(e) => set(r.key, { tooth: e.target.value })} data-testid="act-tooth" required /></label>}
                <label>{t('billing.dental.fee')} <input inputMode="decimal" size={8} value={r.fee} onChange={(e) => set(r.key, { fee: e.target.value })} data-testid="act-fee" required /></label>
                <label>{t('billing.dental.place')}{' '}
                  <select value={r.place} onChange={(e) => set(r.key, { place: e.target.value as Row['place'] })} data-testid="act-place">
                    {(['france', 'eu', 'outside_eu'] as const).map((p) => <option key={p} value={p}>{t(`billing.dental.places.${p}`)}</option>)}
                  </select>
                </label>
                {a && (
                  <p className="muted dq-act-hint">
                    {a.material} · {t('billing.dental.base')} {formatMoney(a.baseCents, lang)}
                    {a.ceilingCents !== null ? ` · ${t('billing.dental.ceiling')} ${formatMoney(a.ceilingCents, lang)}` : ''}
                    {a.unverified ? ` · ${t('billing.dental.unverified')}` : ''}
                  </p>
                )}
                {rows.length > 1 && <button type="button" className="button button-small" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} aria-label={t('billing.dental.form.removeN', { n })}>{t('billing.dental.form.remove')}</button>}
              </div>
            );
          })}
          <p>
            <button type="button" className="button" onClick={() => setRows((rs) => [...rs, emptyRow()])} data-testid="dental-add-act">{t('billing.dental.form.addAct')}</button>{' '}
            <button type="button" className="button" onClick={() => setRows((rs) => [...rs, emptyRow('alternative', String(rs.filter((x) => x.role === 'proposed').length ? rs.indexOf(rs.filter((x) => x.role === 'proposed').at(-1)!) + 1 : ''))])} data-testid="dental-add-alternative">{t('billing.dental.form.addAlternative')}</button>
          </p>
          <p className="muted">{t('billing.dental.form.rule')}</p>
        </fieldset>
        {error && <Alert tone="error" testId="dental-form-error">{error}</Alert>}
        <button type="submit" className="button button-primary" disabled={busy} data-testid="dental-save">{t('billing.dental.form.save')}</button>
      </form>
    </div>
  );
}
