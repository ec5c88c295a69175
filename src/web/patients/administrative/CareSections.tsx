import { useTranslation } from 'react-i18next';
import type { LegalRelationship, LegalRepresentative, Patient, PatientGp } from '../../api/types';
import { href } from '../../router';
import { formatIsoDate } from '../../ui/format';
import { formatPhone } from '../format';
import type { PatientUpdate } from '../PatientDetailPage';
import { Check, Rows, Select, TextInput } from './inputs';
import { Section } from './Section';

type P = { patient: Patient; onUpdate: (u: PatientUpdate) => void };
const RELATIONSHIPS: LegalRelationship[] = ['mother', 'father', 'parent', 'guardian', 'curator', 'other'];

export function GpSection({ patient, onUpdate }: P) {
  const { t } = useTranslation();
  const gp = patient.gp;
  return (
    <Section<PatientGp>
      name="gp" title={t('patients.admin.gp')} patient={patient} onUpdate={onUpdate} clearable={Boolean(gp)}
      initial={() => ({ inPractice: false, accountId: null, name: '', rpps: null, city: null, phone: null, declaredOn: null, ...gp })}
      toValue={(d) => d}
      view={gp ? (
        <p>
          {gp.name}{gp.inPractice && <span className="badge badge-accent">{t('patients.admin.inPractice')}</span>}
          {gp.city && <> — {gp.city}</>}{gp.phone && <> — {formatPhone(gp.phone)}</>}
          {gp.rpps && <span className="muted"> (RPPS {gp.rpps})</span>}
          {gp.declaredOn && <span className="muted"> — {t('patients.admin.declaredOn', { date: formatIsoDate(gp.declaredOn) })}</span>}
        </p>
      ) : <p className="muted">{t('patients.admin.noGp')}</p>}
      editor={(d, set) => (
        <div className="form-grid">
          <TextInput label={t('patients.admin.name')} value={d.name} required onChange={(v) => set({ name: v ?? '' })} />
          <TextInput label="RPPS" hint={t('patients.admin.rppsHint')} value={d.rpps} onChange={(rpps) => set({ rpps })} />
          <TextInput label={t('patients.admin.city')} value={d.city} onChange={(city) => set({ city })} />
          <TextInput label={t('patients.phone')} type="tel" value={d.phone} onChange={(phone) => set({ phone })} />
          <TextInput label={t('patients.admin.declaredOnLabel')} type="date" value={d.declaredOn} onChange={(declaredOn) => set({ declaredOn })} />
          <Check label={t('patients.admin.inPracticeLong')} checked={d.inPractice} onChange={(inPractice) => set({ inPractice })} />
        </div>
      )}
    />
  );
}

export function LegalRepresentativesSection({ patient, onUpdate }: P) {
  const { t } = useTranslation();
  const reps = patient.legalRepresentatives;
  return (
    <Section<{ rows: LegalRepresentative[] }>
      name="legalRepresentatives" title={t('patients.admin.legal')} patient={patient} onUpdate={onUpdate}
      flagged={patient.isMinor && reps.length === 0}
      initial={() => ({ rows: reps.map((r) => ({ ...r })) })}
      toValue={(d) => d.rows.filter((r) => r.name.trim())}
      view={reps.length ? (
        <ul className="plain-list">
          {reps.map((r, i) => (
            <li key={i}>
              <strong>{t(`patients.admin.rel_${r.relationship}`)}</strong> : {r.patientId ? <a href={href(`/patients/${encodeURIComponent(r.patientId)}`)}>{r.name}</a> : r.name}
              {r.phone && <> — {formatPhone(r.phone)}</>}{r.email && <> — {r.email}</>}{r.note && <span className="muted"> — {r.note}</span>}
            </li>
          ))}
        </ul>
      ) : <p className="muted">{patient.isMinor ? t('patients.admin.minorWithoutLegal') : t('patients.admin.none')}</p>}
      editor={(d, set) => (
        <Rows legend={t('patients.admin.legal')} rows={d.rows} onChange={(rows) => set({ rows })}
          empty={() => ({ relationship: 'parent' as LegalRelationship, name: '', phone: null, email: null, patientId: null, note: null })}
          addLabel={t('patients.admin.addLegal')} removeLabel={t('patients.admin.removeLegal')}
          render={(row, setRow) => (
            <>
              <Select label={t('patients.admin.relationship')} value={row.relationship} onChange={(relationship) => setRow({ relationship })}
                options={RELATIONSHIPS.map((r) => ({ value: r, label: t(`patients.admin.rel_${r}`) }))} />
              <TextInput label={t('patients.admin.name')} value={row.name} required onChange={(v) => setRow({ name: v ?? '' })} />
              <TextInput label={t('patients.phone')} type="tel" value={row.phone} onChange={(phone) => setRow({ phone })} />
              <TextInput label={t('patients.email')} type="email" value={row.email} onChange={(email) => setRow({ email })} />
              <TextInput label={t('patients.admin.note')} value={row.note} onChange={(note) => setRow({ note })} />
            </>
          )} />
      )}
    />
  );
}
