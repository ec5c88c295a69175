import { useTranslation } from 'react-i18next';
import { formatMoney, type Lang } from '../ui/format';
import type { Draft, Parcours, TiersPayant } from './api';
import { PARCOURS, TIERS_PAYANT } from './constants';

interface Props {
  draft: Draft | null;
  actsText: string;
  onActs: (v: string) => void;
  feeText: string;
  onFee: (v: string) => void;
  parcours: Parcours | undefined;
  onParcours: (v: Parcours) => void;
  tiersPayant: TiersPayant | undefined;
  onTiersPayant: (v: TiersPayant) => void;
  care: { aldRelated: boolean; atmp: boolean };
  onCare: (v: { aldRelated: boolean; atmp: boolean }) => void;
  lang: Lang;
}

/** The consultation's acts, parcours, tiers payant and care, the reminders with their reasons, and the quote to the cent. */
export function DraftPanel({ draft, actsText, onActs, feeText, onFee, parcours, onParcours, tiersPayant, onTiersPayant, care, onCare, lang }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {draft && (
        <p className="collect-head" data-testid="collect-head">
          <strong>{draft.patient.name}</strong> · {t('billing.collect.age', { count: draft.patient.age })} · {draft.practitioner.name}
          {draft.motif ? ` · ${draft.motif}` : ''}
          {draft.coverage.css && <span className="badge badge-accent">CSS</span>}
          {draft.coverage.ame && <span className="badge badge-accent">AME</span>}
          {draft.coverage.ald && <span className="badge badge-accent">ALD</span>}
          {draft.coverage.maternity && <span className="badge badge-accent">{t('billing.collect.maternity')}</span>}
          {draft.coverage.mutuelle && <span className="badge badge-neutral">{t('billing.collect.mutuelle')}</span>}
        </p>
      )}
      {draft && draft.previousBalanceCents > 0 && (
        <p className="badge badge-warning" data-testid="collect-previous-balance">{t('billing.collect.previousBalance', { amount: formatMoney(draft.previousBalanceCents, lang) })}</p>
      )}
      <div className="collect-grid">
        <div className="field">
          <label htmlFor="collect-acts">{t('billing.collect.acts')}</label>
          <input id="collect-acts" value={actsText} onChange={(e) => onActs(e.target.value)} autoComplete="off" spellCheck={false} data-testid="collect-acts" aria-describedby="collect-acts-hint" />
          <span id="collect-acts-hint" className="muted small">{draft?.acts.map((x) => `${x.code}${x.label ? ` : ${x.label}` : ''}`).join(' · ')}</span>
        </div>
        {draft?.profile?.practisesDepassements && (
          <div className="field">
            <label htmlFor="collect-fee">{t('billing.collect.fee')}</label>
            <input id="collect-fee" value={feeText} onChange={(e) => onFee(e.target.value)} inputMode="decimal" size={8} placeholder={formatMoney(draft.acts[0]?.tariffCents ?? 0, lang)} data-testid="collect-fee" />
          </div>
        )}
        <div className="field">
          <label htmlFor="collect-parcours">{t('billing.collect.parcours')}</label>
          <select id="collect-parcours" value={parcours ?? ''} onChange={(e) => onParcours(e.target.value as Parcours)} data-testid="collect-parcours">
            {PARCOURS.map((p) => <option key={p} value={p}>{t(`billing.parcours.${p}`)}</option>)}
          </select>
        </div>
        <fieldset className="collect-tp">
          <legend>{t('billing.collect.tiersPayant')} <kbd>Alt+S</kbd></legend>
          {TIERS_PAYANT.map((tp) => (
            <label key={tp}>
              <input type="radio" name="collect-tp" value={tp} checked={tiersPayant === tp} onChange={() => onTiersPayant(tp)} data-testid={`collect-tp-${tp}`} /> {t(`billing.tiersPayant.${tp}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="collect-tp">
          <legend>{t('billing.collect.care')}</legend>
          <label><input type="checkbox" checked={care.aldRelated} onChange={(e) => onCare({ ...care, aldRelated: e.target.checked })} data-testid="collect-ald" /> {t('billing.collect.aldRelated')} <kbd>Alt+A</kbd></label>
          <label><input type="checkbox" checked={care.atmp} onChange={(e) => onCare({ ...care, atmp: e.target.checked })} data-testid="collect-atmp" /> {t('billing.collect.atmp')}</label>
        </fieldset>
      </div>
      {draft && (draft.suggestions.length > 0 || draft.warnings.length > 0) && (
        <ul className="collect-reminders" data-testid="collect-suggestions" aria-label={t('billing.collect.reminders')}>
          {draft.suggestions.map((s) => <li key={s.kind} data-kind={s.kind}>{lang === 'en' ? s.en : s.fr}</li>)}
          {draft.warnings.map((w) => <li key={w} className="muted">{w}</li>)}
        </ul>
      )}
      {draft?.error && <p className="alert alert-error" role="alert" data-testid="collect-engine-error">{draft.error}</p>}
    </>
  );
}

/** The quote to the cent: total, AMO, AMC, patient's share (with the participation forfaitaire), what the desk collects. */
export function AmountsTable({ draft, lang }: { draft: Draft | null; lang: Lang }) {
  const { t } = useTranslation();
  const a = draft?.amounts;
  return (
    <>
      {a && (
        <table className="table table-dense collect-amounts" data-testid="collect-amounts" aria-label={t('billing.collect.amounts')}>
          <tbody>
            <tr><th scope="row">{t('billing.amounts.total')}</th><td data-testid="amount-total">{formatMoney(a.totalCents, lang)}</td></tr>
            <tr><th scope="row">{t('billing.amounts.amo')}</th><td data-testid="amount-amo">{formatMoney(a.amoCents, lang)}</td></tr>
            <tr><th scope="row">{t('billing.amounts.amc')}</th><td data-testid="amount-amc">{formatMoney(a.amcCents, lang)}</td></tr>
            <tr><th scope="row">{t('billing.amounts.patient')}</th><td data-testid="amount-patient">{formatMoney(a.patientCents, lang)} <span className="muted small">{t('billing.amounts.pfIncluded', { amount: formatMoney(a.participationForfaitaireCents, lang) })}</span></td></tr>
            <tr className="collect-due"><th scope="row">{t('billing.amounts.due')}</th><td data-testid="amount-due">{formatMoney(a.dueAtDeskCents, lang)}</td></tr>
          </tbody>
        </table>
      )}
    </>
  );
}
