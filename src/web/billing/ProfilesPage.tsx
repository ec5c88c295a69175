import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, LiveMessage } from '../ui/Alert';
import { formatDateTime } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { billingApi, type BillingProfile, type Sector, type Specialty } from './api';
import { SECTORS, SPECIALTIES } from './constants';
import './billing.css';

type Form = Omit<BillingProfile, 'updatedAt'>;
const EMPTY: Form = { sector: '1', specialty: 'general_practice', rpps: '', amNumber: '', siren: null, practisesDepassements: false };

/** Billing profiles of the practitioners (#/admin/facturation): each bills in their own name, with their sector, RPPS, AM number, SIREN. */
export function ProfilesPage() {
  const { t } = useTranslation();
  const desk = useLoad(() => billingApi.desk(), []);
  const [selected, setSelected] = useState('');
  const practitioners = desk.data?.practitioners ?? [];
  useEffect(() => {
    if (!selected && practitioners[0]) setSelected(practitioners[0].id);
  }, [practitioners, selected]);
  return (
    <div className="page billing-profiles" data-testid="billing-profiles">
      <PageTitle title={t('billing.profiles.title')}>{t('billing.profiles.title')}</PageTitle>
      <p className="lead">{t('billing.profiles.intro')}</p>
      {desk.error && <Alert tone="error">{desk.error.message}</Alert>}
      <label>
        {t('billing.profiles.practitioner')}{' '}
        <select value={selected} onChange={(e) => setSelected(e.target.value)} data-testid="profile-practitioner">
          {practitioners.map((p) => <option key={p.id} value={p.id}>{p.name}{p.hasProfile ? '' : ` — ${t('billing.profiles.missing')}`}</option>)}
        </select>
      </label>
      {selected && <ProfileForm key={selected} practitionerId={selected} onSaved={desk.reload} />}
    </div>
  );
}

function ProfileForm({ practitionerId, onSaved }: { practitionerId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const loaded = useLoad(() => billingApi.profile(practitionerId), [practitionerId]);
  const [form, setForm] = useState<Form>(EMPTY);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const p = loaded.data?.profile;
    if (p) setForm({ sector: p.sector, specialty: p.specialty, rpps: p.rpps, amNumber: p.amNumber, siren: p.siren, practisesDepassements: p.practisesDepassements });
  }, [loaded.data]);
  async function save(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await billingApi.saveProfile(practitionerId, { ...form, siren: form.siren?.trim() ? form.siren.trim() : null });
      setMessage(t('billing.profiles.saved'));
      loaded.reload();
      onSaved();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  return (
    <form className="card stack billing-profile-form" onSubmit={(e) => void save(e)} data-testid="profile-form">
      <LiveMessage message={message} />
      {error && <Alert tone="error" testId="profile-error">{error}</Alert>}
      {loaded.data && !loaded.data.profile && <Alert tone="warning">{t('billing.profiles.none')}</Alert>}
      <div className="collect-grid">
        <div className="field">
          <label htmlFor="profile-sector">{t('billing.profiles.sector')}</label>
          <select id="profile-sector" value={form.sector} onChange={(e) => set({ sector: e.target.value as Sector, ...(e.target.value === '1' ? { practisesDepassements: false } : {}) })} data-testid="profile-sector">
            {SECTORS.map((s) => <option key={s} value={s}>{t(`billing.sector.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="profile-specialty">{t('billing.profiles.specialty')}</label>
          <select id="profile-specialty" value={form.specialty} onChange={(e) => set({ specialty: e.target.value as Specialty })}>
            {SPECIALTIES.map((s) => <option key={s} value={s}>{t(`billing.specialty.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="profile-rpps">RPPS</label>
          <input id="profile-rpps" value={form.rpps} onChange={(e) => set({ rpps: e.target.value })} inputMode="numeric" size={12} data-testid="profile-rpps" />
        </div>
        <div className="field">
          <label htmlFor="profile-am">{t('billing.profiles.amNumber')}</label>
          <input id="profile-am" value={form.amNumber} onChange={(e) => set({ amNumber: e.target.value })} size={10} data-testid="profile-am" />
        </div>
        <div className="field">
          <label htmlFor="profile-siren">SIREN</label>
          <input id="profile-siren" value={form.siren ?? ''} onChange={(e) => set({ siren: e.target.value })} inputMode="numeric" size={10} />
        </div>
      </div>
      <label>
        <input type="checkbox" checked={form.practisesDepassements} disabled={form.sector === '1'} onChange={(e) => set({ practisesDepassements: e.target.checked })} data-testid="profile-depassements" />{' '}
        {t('billing.profiles.depassements')}
      </label>
      {loaded.data?.profile && <p className="muted small">{t('billing.profiles.updatedAt', { at: formatDateTime(loaded.data.profile.updatedAt) })}</p>}
      <div><button type="submit" className="button button-primary" data-testid="profile-save">{t('common.save')}</button></div>
    </form>
  );
}
