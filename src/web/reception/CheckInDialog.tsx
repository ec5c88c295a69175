import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessibilityNeed } from '../api/types';
import { AccessibilityNeeds } from '../patients/AccessibilityIcons';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { useLoad } from '../ui/useLoad';
import { receptionApi, type Checklist, type ChecklistItem, type Contact, type DeskRow, type ItemKey, type VitaleRead } from './api';
import { formatDate, COMPACT, formatPhone, formatTime, formatIdentity, sexContext } from '../ui/format';

/**
 * Check-in (or, once arrived, the visit's checklist): the items built from the file and the motif, ticked
 * here; the carte Vitale reader (simulator), the ID check that validates the identity, contact details
 * confirmed or corrected. « Arrivé » records the arrival with the ticked items.
 */
export function CheckInDialog({ row, timeZone, onClose, onDone }: { row: DeskRow; timeZone: string; onClose: () => void; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const visitId = row.visitId;
  const list = useLoad<Checklist>(() => (visitId ? receptionApi.visitChecklist(visitId) : receptionApi.appointmentChecklist(row.appointmentId!)), [visitId, row.appointmentId]);
  const [ticks, setTicks] = useState<Set<ItemKey>>(new Set());
  const [urgent, setUrgent] = useState(false);
  const [urgentReason, setUrgentReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const data = list.data;
  const date = (iso: string) => formatDate(iso, COMPACT);
  const params = (it: ChecklistItem) => ({ ...it.params, until: it.params.until ? date(it.params.until) : '' });

  const isTicked = (it: ChecklistItem) => (visitId ? it.ticked !== null : ticks.has(it.key));
  async function toggle(it: ChecklistItem, on: boolean) {
    setError(null);
    if (!visitId) {
      const next = new Set(ticks);
      if (on) next.add(it.key);
      else next.delete(it.key);
      setTicks(next);
      return;
    }
    try {
      list.setData(await receptionApi.tick(visitId, it.key, on));
    } catch (err) {
      setError((err as Error).message);
    }
  }
  const tickLocal = (key: ItemKey) => setTicks((s) => new Set(s).add(key));

  async function arrive() {
    setBusy(true);
    setError(null);
    try {
      const v = await receptionApi.checkIn({ appointmentId: row.appointmentId!, ticks: [...ticks], urgent, urgentReason: urgent ? urgentReason || null : null });
      onDone(t('reception.checkedIn', { name: formatIdentity(row.patient), ticket: v.ticketNumber }));
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <Dialog open title={visitId ? t('reception.checklist.titleVisit', { name: formatIdentity(row.patient) }) : t('reception.checklist.title', { name: formatIdentity(row.patient) })} onClose={onClose} testId="checkin-dialog">
      {list.error && <Alert tone="error">{list.error.message}</Alert>}
      {!data && !list.error && <p>{t('common.loading')}</p>}
      {data && (
        <div className="stack">
          <div className="checkin-patient">
            <p>
              <strong>{formatIdentity(data.patient)}</strong>, {t('reception.checklist.born', { date: date(data.patient.birthDate), context: sexContext(data.patient.sex) })}
              {' · '}{t(`reception.identity.${data.patient.identityStatus}`)}
              {data.motifName && <> · {data.motifName}</>}
              {row.scheduledStart && <> · {formatTime(row.scheduledStart, { zone: timeZone })}</>}
            </p>
            <p className="reception-meta">
              <span className="badge badge-accent" data-testid="checkin-language">{t('reception.checklist.language', { lang: data.patient.preferredLanguage.toUpperCase() })}</span>
              <AccessibilityNeeds needs={data.patient.accessibilityNeeds as AccessibilityNeed[]} interpreterLanguage={data.patient.interpreterLanguage} />
              {data.patient.accessibilityNotes && <span className="muted">{data.patient.accessibilityNotes}</span>}
            </p>
          </div>
          <fieldset className="fieldset">
            <legend>{t('reception.checklist.legend')}</legend>
            <ul className="checklist" data-testid="checklist">
              {data.items.map((it) => (
                <li key={it.key} className={`checklist-item item-${it.state}`} data-testid="checklist-item" data-key={it.key} data-state={it.state}>
                  {it.state === 'ok' ? (
                    <span className="checklist-ok"><span aria-hidden="true">✓ </span>{t(`reception.item.${it.key}`)}</span>
                  ) : (
                    <label className="checkbox">
                      <input type="checkbox" checked={isTicked(it)} onChange={(e) => void toggle(it, e.target.checked)} data-testid={`checklist-tick-${it.key}`} />
                      {t(`reception.item.${it.key}`)}
                    </label>
                  )}
                  <span className={it.state === 'warning' ? 'checklist-warning' : 'muted'}>{t(`reception.reason.${it.key}.${it.reason}`, params(it))}</span>
                </li>
              ))}
            </ul>
          </fieldset>
          <VitalePanel patientId={data.patient.id} onApplied={() => { tickLocal('vitale'); list.reload(); }} />
          {data.items.some((i) => i.key === 'id_document' && i.state !== 'done') && (
            <IdentityPanel patientId={data.patient.id} onValidated={() => { tickLocal('id_document'); list.reload(); }} />
          )}
          <ContactPanel patientId={data.patient.id} contact={data.patient.contact} onSaved={() => { tickLocal('contact'); list.reload(); }} />
          {error && <Alert tone="error" testId="checkin-error">{error}</Alert>}
          {!visitId && (
            <>
              <label className="checkbox">
                <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} data-testid="checkin-urgent" />
                {t('reception.checklist.urgent')}
              </label>
              {urgent && (
                <div className="field">
                  <label htmlFor="checkin-urgent-reason">{t('reception.urgentReason')}</label>
                  <input id="checkin-urgent-reason" value={urgentReason} onChange={(e) => setUrgentReason(e.target.value)} maxLength={300} />
                </div>
              )}
              {/* Kept in sight at the bottom of the dialog: on a laptop screen it fell below the fold (issue 12). */}
              <div className="button-row checkin-actions">
                <button type="button" className="button button-primary" onClick={() => void arrive()} disabled={busy} data-testid="checkin-submit">
                  {t('reception.checklist.arrived')}
                </button>
                <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
              </div>
            </>
          )}
          {visitId && (
            <div className="button-row">
              <button type="button" className="button" onClick={onClose} data-testid="checkin-close">{t('common.close')}</button>
            </div>
          )}
        </div>
      )}
    </Dialog>
  );
}

function VitalePanel({ patientId, onApplied }: { patientId: string; onApplied: () => void }) {
  const { t, i18n } = useTranslation();
  const reader = useLoad(() => receptionApi.vitaleReader(), []);
  const [support, setSupport] = useState<'card' | 'apcv'>('card');
  const [scenario, setScenario] = useState('patient');
  const [read, setRead] = useState<VitaleRead | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [applied, setApplied] = useState(false);
  async function doRead() {
    setError(null);
    setApplied(false);
    try {
      setRead(await receptionApi.vitaleRead({ patientId, support, scenario }));
    } catch (err) {
      setError((err as Error).message);
    }
  }
  async function apply() {
    if (!read?.proposal) return;
    try {
      await receptionApi.vitaleApply(patientId, { source: read.card?.support === 'apcv' ? 'apcv' : 'card', ...(read.proposal.amo ? { amo: read.proposal.amo } : {}), ...(read.proposal.nir ? { nir: read.proposal.nir } : {}), ...(read.proposal.birthPlace ? { birthPlaceCode: read.proposal.birthPlace.code } : {}) });
      setApplied(true);
      onApplied();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <fieldset className="fieldset vitale-panel" data-testid="vitale-panel">
      <legend>
        {t('reception.vitale.title')}{' '}
        {reader.data?.simulated && <span className="badge badge-warning" data-testid="vitale-simulator">{t('reception.vitale.simulator')}</span>}
      </legend>
      <div className="reception-inline">
        <label>
          {t('reception.vitale.support')}{' '}
          <select value={support} onChange={(e) => setSupport(e.target.value as 'card' | 'apcv')} data-testid="vitale-support">
            <option value="card">{t('reception.vitale.card')}</option>
            <option value="apcv">{t('reception.vitale.apcv')}</option>
          </select>
        </label>
        {reader.data?.simulated && (
          <label>
            {t('reception.vitale.scenario')}{' '}
            <select value={scenario} onChange={(e) => setScenario(e.target.value)} data-testid="vitale-scenario">
              {reader.data.scenarios.map((s) => <option key={s.id} value={s.id}>{s[lang]}</option>)}
            </select>
          </label>
        )}
        <button type="button" className="button button-small" onClick={() => void doRead()} data-testid="vitale-read">{t('reception.vitale.read')}</button>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      {read && !read.ok && read.error && <Alert tone="warning" testId="vitale-error">{read.error[lang]}</Alert>}
      {read?.ok && read.card && (
        <div className="stack-tight" data-testid="vitale-result">
          <p>
            {t(`reception.vitale.read_${read.card.support}`)} · {t('reception.vitale.beneficiaries', { count: read.card.beneficiaries.length })}{' '}
            {read.card.beneficiaries.map((b) => `${formatIdentity(b)} (${t(`reception.vitale.quality.${b.quality}`)})`).join(', ')}
          </p>
          {read.matchedRank === null && <p className="muted">{t('reception.vitale.noMatch')}</p>}
          {read.proposal && (
            <>
              {read.proposal.rightsExpired && <Alert tone="warning">{t('reception.vitale.rightsExpired')}</Alert>}
              {read.proposal.traitDifferences.length > 0 && (
                <Alert tone="warning">{t('reception.vitale.traits', { list: read.proposal.traitDifferences.map((d) => `${d.file} ≠ ${d.card}`).join(', ') })}</Alert>
              )}
              {read.proposal.amo || read.proposal.nir || read.proposal.birthPlace ? (
                <div className="reception-inline">
                  <span>
                    {t('reception.vitale.proposal', { amo: read.proposal.amo ? `${read.proposal.amo.caisse}, ${read.proposal.amo.rightsUntil ? formatDate(read.proposal.amo.rightsUntil, COMPACT) : '—'}` : '—', nir: read.proposal.nir ?? '—' })}
                    {read.proposal.birthPlace && <span data-testid="vitale-birth-place"> ; {t('reception.vitale.birthPlace', { name: read.proposal.birthPlace.name, code: read.proposal.birthPlace.code })}</span>}
                  </span>
                  <button type="button" className="button button-small button-primary" onClick={() => void apply()} disabled={applied} data-testid="vitale-apply">{t('reception.vitale.apply')}</button>
                </div>
              ) : <p className="muted">{t('reception.vitale.upToDate')}</p>}
              {applied && <p role="status">{t('reception.vitale.applied')}</p>}
            </>
          )}
        </div>
      )}
    </fieldset>
  );
}

function IdentityPanel({ patientId, onValidated }: { patientId: string; onValidated: () => void }) {
  const { t } = useTranslation();
  const [type, setType] = useState('national_id_card');
  const [number, setNumber] = useState('');
  const [expires, setExpires] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  async function submit() {
    setError(null);
    try {
      const r = await receptionApi.validateIdentity(patientId, { documentType: type, documentNumber: number, expiresOn: expires || null, traitsConfirmed: true });
      setDone(t('reception.idcheck.done', { status: t(`reception.identity.${r.identityStatus}`) }));
      onValidated();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <fieldset className="fieldset" data-testid="idcheck-panel">
      <legend>{t('reception.idcheck.title')}</legend>
      <div className="reception-inline">
        <label>
          {t('reception.idcheck.type')}{' '}
          <select value={type} onChange={(e) => setType(e.target.value)}>
            {['national_id_card', 'passport', 'residence_permit', 'minor_family_book_with_parent_id', 'minor_birth_extract_with_parent_id'].map((d) => <option key={d} value={d}>{t(`reception.idcheck.doc.${d}`)}</option>)}
          </select>
        </label>
        <label>
          {t('reception.idcheck.number')}{' '}
          <input value={number} onChange={(e) => setNumber(e.target.value)} maxLength={40} size={12} data-testid="idcheck-number" />
        </label>
        <label>
          {t('reception.idcheck.expires')}{' '}
          <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </label>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="idcheck-confirm" />
        {t('reception.idcheck.confirm')}
      </label>
      <button type="button" className="button button-small" disabled={!confirmed || !number.trim()} onClick={() => void submit()} data-testid="idcheck-submit">{t('reception.idcheck.submit')}</button>
      {error && <Alert tone="error">{error}</Alert>}
      {done && <p role="status">{done}</p>}
    </fieldset>
  );
}

function ContactPanel({ patientId, contact, onSaved }: { patientId: string; contact: Contact; onSaved: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [phone, setPhone] = useState(contact.phones[0]?.number ?? '');
  const [email, setEmail] = useState(contact.email ?? '');
  const [sms, setSms] = useState(contact.smsConsent);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  async function save() {
    setError(null);
    try {
      const phones = phone.trim() ? [{ ...(contact.phones[0] ?? { kind: 'mobile' as const }), number: phone.trim() }, ...contact.phones.slice(1)] : contact.phones.slice(1);
      await receptionApi.saveContact(patientId, { ...contact, phones, email: email.trim() || null, smsConsent: sms });
      setSaved(true);
      setEditing(false);
      onSaved();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <fieldset className="fieldset" data-testid="contact-panel">
      <legend>{t('reception.contact.title')}</legend>
      {!editing ? (
        <div className="reception-inline">
          <span>{contact.phones.map((p) => formatPhone(p.number)).join(', ') || t('reception.contact.noPhone')} · {contact.email ?? t('reception.contact.noEmail')} · {contact.smsConsent ? t('reception.contact.smsYes') : t('reception.contact.smsNo')}</span>
          <button type="button" className="button button-small" onClick={() => void save()} data-testid="contact-confirm">{t('reception.contact.confirm')}</button>
          <button type="button" className="button button-small" onClick={() => setEditing(true)} data-testid="contact-edit">{t('reception.contact.edit')}</button>
        </div>
      ) : (
        <div className="reception-inline">
          <label>{t('reception.contact.phone')} <input value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={20} size={14} data-testid="contact-phone" /></label>
          <label>{t('reception.contact.email')} <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} data-testid="contact-email" /></label>
          <label className="checkbox"><input type="checkbox" checked={sms} onChange={(e) => setSms(e.target.checked)} />{t('reception.contact.smsConsent')}</label>
          <button type="button" className="button button-small button-primary" onClick={() => void save()} data-testid="contact-save">{t('reception.contact.save')}</button>
        </div>
      )}
      {saved && <p role="status">{t('reception.contact.saved')}</p>}
      {error && <Alert tone="error">{error}</Alert>}
    </fieldset>
  );
}
