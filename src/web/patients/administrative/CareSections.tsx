import { useTranslation } from 'react-i18next';
import type { LegalRelationship, LegalRepresentative, Patient, PatientGp } from '../../api/types';
import { request } from '../../api/client';
import { href } from '../../router';
import { useLoad } from '../../ui/useLoad';
import { formatDate, COMPACT, formatPhone } from '../../ui/format';

import type { PatientUpdate } from '../PatientDetailPage';
import { Check, Rows, Select, TextInput } from './inputs';
import { Section } from './Section';

type P = { patient: Patient; onUpdate: (u: PatientUpdate) => void };
const RELATIONSHIPS: LegalRelationship[] = ['mother', 'father', 'parent', 'guardian', 'curator', 'other'];

/** A practitioner of the practice, as the agenda lists them (GET /api/agenda/practitioners, active ones). */
interface PracticePractitioner { id: string; displayName: string; specialty: string; rpps: string | null }

export function GpSection({ patient, onUpdate }: P) {
  const { t } = useTranslation();
  const gp = patient.gp;
  // Loaded once per page: a handful of rows, needed only when the form is opened but cheap enough to have ready.
  const list = useLoad(() => request<{ practitioners: PracticePractitioner[] }>('GET', '/api/agenda/practitioners'), []);
  const practitioners = list.data?.practitioners ?? [];
  const options = gp?.practitionerId && !practitioners.some((p) => p.id === gp.practitionerId)
    ? [...practitioners, { id: gp.practitionerId, displayName: `${gp.name} (${t('patients.admin.gpFormer')})`, specialty: '', rpps: gp.rpps }]
    : practitioners;
  return (
    <Section<PatientGp>
      name="gp" title={t('patients.admin.gp')} patient={patient} onUpdate={onUpdate} clearable={Boolean(gp)}
      initial={() => {
        const draft: PatientGp = { inPractice: false, practitionerId: null, accountId: null, name: '', rpps: null, city: null, phone: null, declaredOn: null, ...gp };
        // A médecin traitant typed as « du cabinet » before the picker existed: preselect the practitioner of that name.
        if (draft.inPractice && !draft.practitionerId) draft.practitionerId = practitioners.find((p) => p.displayName === draft.name)?.id ?? null;
        return draft;
      }}
      toValue={(d) => (d.inPractice
        ? { ...d, name: options.find((p) => p.id === d.practitionerId)?.displayName ?? d.name, city: null, phone: null }
        : { ...d, practitionerId: null, accountId: null })}
      view={gp ? (
        <p data-testid="gp-view">
          {gp.name}{gp.inPractice && <> <span className="badge badge-accent">{t('patients.admin.inPractice')}</span></>}
          {gp.city && <> — {gp.city}</>}{gp.phone && <> — {formatPhone(gp.phone)}</>}
          {gp.rpps && <span className="muted"> (RPPS {gp.rpps})</span>}
          {gp.declaredOn && <span className="muted"> — {t('patients.admin.declaredOn', { date: formatDate(gp.declaredOn, COMPACT) })}</span>}
        </p>
      ) : <p className="muted">{t('patients.admin.noGp')}</p>}
      editor={(d, set) => (
        <div className="form-grid">
          <Check label={t('patients.admin.inPracticeLong')} checked={d.inPractice} onChange={(inPractice) => set({ inPractice })} testId="gp-in-practice" />
          {d.inPractice ? (
            <Select<string>
              label={t('patients.admin.gpPractitioner')} value={d.practitionerId ?? ''} testId="gp-practitioner"
              onChange={(id) => set({ practitionerId: id || null })}
              options={[
                { value: '', label: list.loading ? t('common.loading') : t('patients.admin.gpChoose') },
                ...options.map((p) => ({ value: p.id, label: p.specialty ? `${p.displayName} — ${p.specialty}` : p.displayName })),
              ]}
            />
          ) : (
            <>
              <TextInput label={t('patients.admin.name')} value={d.name} required onChange={(v) => set({ name: v ?? '' })} testId="gp-name" />
              <TextInput label="RPPS" hint={t('patients.admin.rppsHint')} value={d.rpps} onChange={(rpps) => set({ rpps })} />
              <TextInput label={t('patients.admin.city')} value={d.city} onChange={(city) => set({ city })} />
              <TextInput label={t('patients.phone')} type="tel" value={d.phone} onChange={(phone) => set({ phone })} />
            </>
          )}
          <TextInput label={t('patients.admin.declaredOnLabel')} type="date" value={d.declaredOn} onChange={(declaredOn) => set({ declaredOn })} />
          {list.error && <p className="field-hint">{t('patients.admin.gpListUnavailable')}</p>}
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
