import { useTranslation } from 'react-i18next';
import type { Amc, Amo, AmoRegime, ExemptionKind, Patient } from '../../api/types';
import { formatDate, COMPACT } from '../../ui/format';
import { isPast } from '../format';
import type { PatientUpdate } from '../PatientDetailPage';
import { Check, Rows, Select, TextInput } from './inputs';
import { Section, YesNo } from './Section';

type P = { patient: Patient; onUpdate: (u: PatientUpdate) => void };
const REGIMES: AmoRegime[] = ['general', 'agricole', 'alsace_moselle', 'independants', 'fonctionnaires', 'etudiants', 'militaires', 'other'];
const EXEMPTIONS: ExemptionKind[] = ['css', 'ame', 'maternite', 'at_mp', 'invalidite', 'other'];

/** « jusqu'au 13/10/2026 », flagged when past. */
function Until({ date }: { date: string | null }) {
  const { t } = useTranslation();
  if (!date) return null;
  const expired = isPast(date);
  return (
    <span className={expired ? 'expired' : 'muted'} data-testid={expired ? 'right-expired' : undefined}>
      {' '}{t('patients.admin.until', { date: formatDate(date, COMPACT) })}
      {expired && <strong className="badge badge-danger">{t('patients.admin.expired')}</strong>}
    </span>
  );
}

export function AmoSection({ patient, onUpdate }: P) {
  const { t } = useTranslation();
  const amo = patient.amo;
  const expired = Boolean(amo && (isPast(amo.rightsUntil) || amo.ald.some((a) => isPast(a.until)) || amo.exemptions.some((e) => isPast(e.until))));
  return (
    <Section<Amo>
      name="amo" title={t('patients.admin.amo')} patient={patient} onUpdate={onUpdate} clearable={Boolean(amo)} flagged={expired}
      initial={() => ({ regime: 'general', caisse: '', insuredNir: null, rightsFrom: null, rightsUntil: null, ald: [], exemptions: [], ...amo })}
      toValue={(d) => ({ ...d, ald: d.ald.filter((a) => a.label.trim()) })}
      view={amo ? (
        <dl className="details-grid">
          <dt>{t('patients.admin.regime')}</dt>
          <dd>{t(`patients.admin.regime_${amo.regime}`)} — {amo.caisse}</dd>
          {amo.insuredNir && (<><dt>{t('patients.admin.insuredNir')}</dt><dd className="mono">{amo.insuredNir}</dd></>)}
          <dt>{t('patients.admin.rights')}</dt>
          <dd>{amo.rightsFrom && t('patients.admin.from', { date: formatDate(amo.rightsFrom, COMPACT) })}<Until date={amo.rightsUntil} />{!amo.rightsFrom && !amo.rightsUntil && '—'}</dd>
          <dt>{t('patients.admin.ald')}</dt>
          <dd>{amo.ald.length ? amo.ald.map((a, i) => <div key={i}>{a.label}<Until date={a.until} /></div>) : '—'}</dd>
          <dt>{t('patients.admin.exemptions')}</dt>
          <dd>{amo.exemptions.length ? amo.exemptions.map((e, i) => <div key={i}>{t(`patients.admin.exemption_${e.kind}`)}{e.label && ` (${e.label})`}<Until date={e.until} /></div>) : '—'}</dd>
        </dl>
      ) : <p className="muted">{t('patients.admin.noAmo')}</p>}
      editor={(d, set) => (
        <>
          <div className="form-grid">
            <Select label={t('patients.admin.regime')} value={d.regime} onChange={(regime) => set({ regime })}
              options={REGIMES.map((r) => ({ value: r, label: t(`patients.admin.regime_${r}`) }))} />
            <TextInput label={t('patients.admin.caisse')} value={d.caisse} required onChange={(v) => set({ caisse: v ?? '' })} />
            <TextInput label={t('patients.admin.insuredNir')} hint={t('patients.admin.insuredNirHint')} value={d.insuredNir} onChange={(insuredNir) => set({ insuredNir })} />
            <TextInput label={t('patients.admin.rightsFrom')} type="date" value={d.rightsFrom} onChange={(rightsFrom) => set({ rightsFrom })} />
            <TextInput label={t('patients.admin.rightsUntil')} type="date" value={d.rightsUntil} onChange={(rightsUntil) => set({ rightsUntil })} />
          </div>
          <Rows legend={t('patients.admin.ald')} rows={d.ald} onChange={(ald) => set({ ald })} empty={() => ({ label: '', until: null })}
            addLabel={t('patients.admin.addAld')} removeLabel={t('patients.admin.removeAld')}
            render={(row, setRow) => (
              <>
                <TextInput label={t('patients.admin.aldLabel')} value={row.label} onChange={(v) => setRow({ label: v ?? '' })} />
                <TextInput label={t('patients.admin.validUntil')} type="date" value={row.until} onChange={(until) => setRow({ until })} />
              </>
            )} />
          <Rows legend={t('patients.admin.exemptions')} rows={d.exemptions} onChange={(exemptions) => set({ exemptions })}
            empty={() => ({ kind: 'css' as ExemptionKind, label: null, from: null, until: null })}
            addLabel={t('patients.admin.addExemption')} removeLabel={t('patients.admin.removeExemption')}
            render={(row, setRow) => (
              <>
                <Select label={t('patients.admin.exemptionKind')} value={row.kind} onChange={(kind) => setRow({ kind })}
                  options={EXEMPTIONS.map((k) => ({ value: k, label: t(`patients.admin.exemption_${k}`) }))} />
                <TextInput label={t('patients.admin.exemptionLabel')} value={row.label} onChange={(label) => setRow({ label })} />
                <TextInput label={t('patients.admin.rightsFrom')} type="date" value={row.from} onChange={(from) => setRow({ from })} />
                <TextInput label={t('patients.admin.validUntil')} type="date" value={row.until} onChange={(until) => setRow({ until })} />
              </>
            )} />
        </>
      )}
    />
  );
}

export function AmcSection({ patient, onUpdate }: P) {
  const { t } = useTranslation();
  const amc = patient.amc;
  return (
    <Section<Amc>
      name="amc" title={t('patients.admin.amc')} patient={patient} onUpdate={onUpdate} clearable={Boolean(amc)} flagged={Boolean(amc && isPast(amc.validUntil))}
      initial={() => ({ organisme: '', organismeNumber: null, memberNumber: null, validFrom: null, validUntil: null, tiersPayant: false, ...amc })}
      toValue={(d) => d}
      view={amc ? (
        <dl className="details-grid">
          <dt>{t('patients.admin.organisme')}</dt>
          <dd>{amc.organisme}{amc.organismeNumber && <span className="muted"> (n° {amc.organismeNumber})</span>}</dd>
          <dt>{t('patients.admin.memberNumber')}</dt>
          <dd>{amc.memberNumber ?? '—'}</dd>
          <dt>{t('patients.admin.validity')}</dt>
          <dd>{amc.validFrom && t('patients.admin.from', { date: formatDate(amc.validFrom, COMPACT) })}<Until date={amc.validUntil} />{!amc.validFrom && !amc.validUntil && '—'}</dd>
          <dt>{t('patients.admin.tiersPayant')}</dt>
          <dd><YesNo value={amc.tiersPayant} /></dd>
        </dl>
      ) : <p className="muted">{t('patients.admin.noAmc')}</p>}
      editor={(d, set) => (
        <div className="form-grid">
          <TextInput label={t('patients.admin.organisme')} value={d.organisme} required onChange={(v) => set({ organisme: v ?? '' })} />
          <TextInput label={t('patients.admin.organismeNumber')} value={d.organismeNumber} onChange={(organismeNumber) => set({ organismeNumber })} />
          <TextInput label={t('patients.admin.memberNumber')} value={d.memberNumber} onChange={(memberNumber) => set({ memberNumber })} />
          <TextInput label={t('patients.admin.rightsFrom')} type="date" value={d.validFrom} onChange={(validFrom) => set({ validFrom })} />
          <TextInput label={t('patients.admin.validUntil')} type="date" value={d.validUntil} onChange={(validUntil) => set({ validUntil })} />
          <Check label={t('patients.admin.tiersPayant')} checked={d.tiersPayant} onChange={(tiersPayant) => set({ tiersPayant })} />
        </div>
      )}
    />
  );
}
