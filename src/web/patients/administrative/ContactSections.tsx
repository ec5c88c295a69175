import { useTranslation } from 'react-i18next';
import type { EmergencyContact, Patient, PatientAccessibility, PatientContact, PhoneKind } from '../../api/types';
import { NEEDS } from '../AccessibilityIcons';
import { languageName } from '../format';
import type { PatientUpdate } from '../PatientDetailPage';
import { Check, Rows, Select, TextInput } from './inputs';
import { Dash, Section, YesNo } from './Section';
import { formatPhone } from '../../ui/format';

type P = { patient: Patient; onUpdate: (u: PatientUpdate) => void };
const KINDS: PhoneKind[] = ['mobile', 'home', 'work', 'other'];

export function ContactSection({ patient, onUpdate }: P) {
  const { t } = useTranslation();
  const c = patient.contact;
  return (
    <Section<PatientContact>
      name="contact" title={t('patients.admin.contact')} patient={patient} onUpdate={onUpdate}
      initial={() => ({ ...c, phones: c.phones.map((p) => ({ ...p })), address: c.address ? { ...c.address, lines: [...c.address.lines] } : null })}
      toValue={(d) => ({
        ...d,
        phones: d.phones.filter((p) => p.number.trim()),
        address: d.address && d.address.lines.some((l) => l.trim()) ? { ...d.address, lines: d.address.lines.filter((l) => l.trim()) } : null,
      })}
      view={
        <dl className="details-grid">
          <dt>{t('patients.admin.phones')}</dt>
          <dd>{c.phones.length ? c.phones.map((p) => <div key={p.number}>{formatPhone(p.number)} <span className="muted">({t(`patients.admin.phoneKind_${p.kind}`)})</span></div>) : <Dash />}</dd>
          <dt>{t('patients.email')}</dt>
          <dd>{c.email ?? <Dash />}</dd>
          <dt>{t('patients.admin.address')}</dt>
          <dd>{c.address ? <>{c.address.lines.map((l) => <div key={l}>{l}</div>)}<div>{c.address.postalCode} {c.address.city}{c.address.country !== 'France' && `, ${c.address.country}`}</div></> : <Dash />}</dd>
          <dt>{t('patients.admin.consents')}</dt>
          <dd>{t('patients.admin.smsConsent')} : <YesNo value={c.smsConsent} /> · {t('patients.admin.emailConsent')} : <YesNo value={c.emailConsent} /></dd>
          <dt>{t('patients.admin.language')}</dt>
          <dd data-testid="contact-language">{languageName(c.preferredLanguage)}</dd>
        </dl>
      }
      editor={(d, set) => (
        <>
          <Rows legend={t('patients.admin.phones')} rows={d.phones} onChange={(phones) => set({ phones })} empty={() => ({ number: '', kind: 'mobile' as PhoneKind })}
            addLabel={t('patients.admin.addPhone')} removeLabel={t('patients.admin.removePhone')}
            render={(row, setRow) => (
              <>
                <TextInput label={t('patients.phone')} type="tel" value={row.number} onChange={(v) => setRow({ number: v ?? '' })} />
                <Select label={t('patients.admin.phoneKind')} value={row.kind} onChange={(kind) => setRow({ kind })}
                  options={KINDS.map((k) => ({ value: k, label: t(`patients.admin.phoneKind_${k}`) }))} />
              </>
            )} />
          <div className="form-grid">
            <TextInput label={t('patients.email')} type="email" value={d.email} onChange={(email) => set({ email })} />
            <TextInput label={t('patients.admin.languageCode')} hint={t('patients.admin.languageCodeHint')} value={d.preferredLanguage}
              onChange={(v) => set({ preferredLanguage: (v ?? 'fr').toLowerCase() })} />
          </div>
          <fieldset className="fieldset">
            <legend>{t('patients.admin.address')}</legend>
            <div className="form-grid">
              <TextInput label={t('patients.admin.addressLine')} value={d.address?.lines[0] ?? ''}
                onChange={(v) => set({ address: { postalCode: '', city: '', country: 'France', ...d.address, lines: [v ?? '', ...(d.address?.lines.slice(1) ?? [])] } })} />
              <TextInput label={t('patients.admin.addressLine2')} value={d.address?.lines[1] ?? ''}
                onChange={(v) => set({ address: { postalCode: '', city: '', country: 'France', ...d.address, lines: [d.address?.lines[0] ?? '', v ?? ''] } })} />
              <TextInput label={t('patients.admin.postalCode')} value={d.address?.postalCode ?? ''}
                onChange={(v) => set({ address: { lines: [''], city: '', country: 'France', ...d.address, postalCode: v ?? '' } })} />
              <TextInput label={t('patients.admin.city')} value={d.address?.city ?? ''}
                onChange={(v) => set({ address: { lines: [''], postalCode: '', country: 'France', ...d.address, city: v ?? '' } })} />
              <TextInput label={t('patients.admin.country')} value={d.address?.country ?? 'France'}
                onChange={(v) => set({ address: { lines: [''], postalCode: '', city: '', ...d.address, country: v ?? 'France' } })} />
            </div>
          </fieldset>
          <Check label={t('patients.admin.smsConsentLong')} checked={d.smsConsent} onChange={(smsConsent) => set({ smsConsent })} />
          <Check label={t('patients.admin.emailConsentLong')} checked={d.emailConsent} onChange={(emailConsent) => set({ emailConsent })} />
        </>
      )}
    />
  );
}

const NO_NEEDS: PatientAccessibility = { hearing: false, sight: false, mobility: false, cognitive: false, interpreter: false, interpreterLanguage: null, notes: null };

export function AccessibilitySection({ patient, onUpdate }: P) {
  const { t } = useTranslation();
  const a = patient.accessibility;
  const on = NEEDS.filter((n) => a?.[n]);
  return (
    <Section<PatientAccessibility>
      name="accessibility" title={t('patients.admin.accessibility')} patient={patient} onUpdate={onUpdate} clearable={Boolean(a)}
      initial={() => ({ ...NO_NEEDS, ...a })}
      toValue={(d) => ({ ...d, interpreterLanguage: d.interpreter ? d.interpreterLanguage?.toLowerCase() || null : null })}
      view={
        <dl className="details-grid">
          <dt>{t('patients.needs.label')}</dt>
          <dd>{on.length ? on.map((n) => t(`patients.needs.${n}`)).join(', ') : <span className="muted">{t('patients.admin.noNeeds')}</span>}</dd>
          {a?.interpreter && a.interpreterLanguage && (<><dt>{t('patients.admin.interpreterLanguage')}</dt><dd>{languageName(a.interpreterLanguage)}</dd></>)}
          {a?.notes && (<><dt>{t('patients.admin.notes')}</dt><dd>{a.notes}</dd></>)}
        </dl>
      }
      editor={(d, set) => (
        <>
          <fieldset className="fieldset">
            <legend>{t('patients.needs.label')}</legend>
            {NEEDS.map((n) => <Check key={n} label={t(`patients.needs.${n}`)} checked={d[n]} onChange={(v) => set({ [n]: v } as Partial<PatientAccessibility>)} />)}
          </fieldset>
          {d.interpreter && (
            <TextInput label={t('patients.admin.interpreterLanguage')} hint={t('patients.admin.languageCodeHint')} value={d.interpreterLanguage}
              onChange={(interpreterLanguage) => set({ interpreterLanguage })} />
          )}
          <TextInput label={t('patients.admin.notes')} value={d.notes} onChange={(notes) => set({ notes })} />
        </>
      )}
    />
  );
}

export function EmergencySection({ patient, onUpdate }: P) {
  const { t } = useTranslation();
  const e = patient.emergencyContact;
  return (
    <Section<EmergencyContact>
      name="emergencyContact" title={t('patients.admin.emergency')} patient={patient} onUpdate={onUpdate} clearable={Boolean(e)}
      initial={() => ({ name: '', relationship: '', phone: '', ...e })}
      toValue={(d) => d}
      view={e ? <p>{e.name} <span className="muted">({e.relationship})</span> — {formatPhone(e.phone)}</p> : <p className="muted">{t('patients.admin.none')}</p>}
      editor={(d, set) => (
        <div className="form-grid">
          <TextInput label={t('patients.admin.name')} value={d.name} required onChange={(v) => set({ name: v ?? '' })} />
          <TextInput label={t('patients.admin.relationship')} value={d.relationship} required onChange={(v) => set({ relationship: v ?? '' })} />
          <TextInput label={t('patients.phone')} type="tel" value={d.phone} required onChange={(v) => set({ phone: v ?? '' })} />
        </div>
      )}
    />
  );
}
