import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { useLoad } from '../ui/useLoad';
import { agendaApi, type Appointment, type Motif, type Practitioner, type Proposal } from './api';
import { instantAt, today } from './time';
import { formatDateTime } from '../ui/format';
import { patientNameOf } from './labels';

interface Props {
  appointment: Appointment;
  practitioners: Practitioner[];
  motifs: Motif[];
  zone: string;
  initialMessage?: string | undefined;
  initialProposals?: Proposal[] | undefined;
  onClose(): void;
  onMoved(a: Appointment): void;
}

/**
 * Moving without a pointer (and after a refused drop): the next free slots of the practitioner for the
 * appointment's motif, as buttons. Choosing one moves the appointment (version-checked). Another practitioner
 * can be chosen: the appointment takes their motif of the same name; without one, the desk gives a reason
 * (override, kept in the history and the audit log), as the server requires.
 */
export function MoveDialog({ appointment: a, practitioners: all, motifs, zone, initialMessage, initialProposals, onClose, onMoved }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'fr-FR';
  const practitionerSelect = useId();
  const motif = motifs.find((m) => m.id === a.motifId);
  const practitioners = all;
  const fromId = useId();
  const reasonId = useId();
  const [practitionerId, setPractitionerId] = useState(a.practitionerId);
  const [reason, setReason] = useState('');
  // The motif on the target practitioner's agenda: the same (practice-wide or theirs), their motif of the same name, or none.
  const norm = (s: string) => s.trim().toLocaleLowerCase('fr');
  const targetMotif = practitionerId === a.practitionerId || !motif || motif.practitionerId === null
    ? motif
    : motifs.find((m) => m.active && m.practitionerId === practitionerId && norm(m.name) === norm(motif.name));
  const needsOverride = !!motif && !targetMotif;
  const [from, setFrom] = useState(today(zone));
  const [message, setMessage] = useState<string | null>(initialMessage ?? null);
  const [busy, setBusy] = useState(false);
  const motifId = targetMotif?.id ?? null;
  const slots = useLoad(
    () => agendaApi.freeSlots({ practitionerId, motifId, from: instantAt(from, 0, zone).toISO()!, limit: 12 }),
    [practitionerId, motifId, from],
  );
  const [proposals, setProposals] = useState<Proposal[] | undefined>(initialProposals);
  const shown: Proposal[] = proposals ?? slots.data?.slots ?? [];

  async function moveTo(p: Proposal) {
    setBusy(true);
    setMessage(null);
    try {
      const override = reason.trim();
      const { appointment } = await agendaApi.move(a.id, { start: p.start, practitionerId: p.practitionerId, version: a.version, ...(override ? { overrideReason: override } : {}) });
      onMoved(appointment);
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'unexpected', String(err));
      setMessage(e.message);
      if (e.status === 409 && Array.isArray(e.details)) setProposals(e.details as Proposal[]);
      else slots.reload();
    } finally {
      setBusy(false);
    }
  }

  const name = (id: string) => practitioners.find((p) => p.id === id)?.displayName ?? '';
  return (
    <Dialog open title={t('agenda.move.title', { patient: patientNameOf(a) })} onClose={onClose} testId="move-dialog">
      <p>{t('agenda.move.current', { when: formatDateTime(a.start, { zone, style: 'weekday' }), practitioner: a.practitionerName })}</p>
      {message && <Alert tone="error" testId="move-error">{message}</Alert>}
      <div className="agenda-form-row">
        <div className="field">
          <label htmlFor={practitionerSelect}>{t('agenda.toolbar.practitioner')}</label>
          <select id={practitionerSelect} value={practitionerId} onChange={(e) => { setProposals(undefined); setPractitionerId(e.target.value); }}>
            {practitioners.map((p) => <option key={p.id} value={p.id}>{p.displayName}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={fromId}>{t('agenda.move.from')}</label>
          <input id={fromId} type="date" value={from} onChange={(e) => { if (e.target.value) { setProposals(undefined); setFrom(e.target.value); } }} />
        </div>
      </div>
      {practitionerId !== a.practitionerId && motif && (
        targetMotif ? (
          <p className="muted" data-testid="move-motif">{t('agenda.move.sameMotif', { motif: targetMotif.name, practitioner: name(practitionerId) })}</p>
        ) : (
          <div className="field" data-testid="move-override">
            <Alert tone="info">{t('agenda.move.noMotif', { motif: motif.name, practitioner: name(practitionerId) })}</Alert>
            <label htmlFor={reasonId}>{t('agenda.move.overrideReason')}</label>
            <input id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="move-override-reason" />
          </div>
        )
      )}
      <h3>{t('agenda.move.proposals')}</h3>
      {slots.loading && !proposals ? (
        <p className="muted">{t('common.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="empty">{t('agenda.move.none')}</p>
      ) : (
        <ul className="agenda-proposals" data-testid="move-proposals">
          {shown.map((p) => (
            <li key={`${p.practitionerId}-${p.start}`}>
              <button type="button" className="button button-small" disabled={busy || (needsOverride && reason.trim().length < 3)} onClick={() => void moveTo(p)} data-testid="move-proposal" data-start={p.start}>
                {formatDateTime(p.start, { zone, style: 'weekday' })}
                {p.practitionerId !== a.practitionerId && <> — {name(p.practitionerId)}</>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
      </div>
    </Dialog>
  );
}
