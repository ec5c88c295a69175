import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, LiveMessage } from '../ui/Alert';
import { formatDateTime, COMPACT } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { incidentApi, type FollowUp, type Incident } from './api';
import { DeclareForm, FollowUpFields } from './DeclareForm';
import './incidents.css';
import { useFormAction } from '../ui/useFormAction';

/** #/incidents — the incident log: anyone declares; administrators see and follow up every incident. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('all');
  const [declaring, setDeclaring] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const list = useLoad(() => incidentApi.list(status), [status]);
  const staff = useLoad(() => incidentApi.staff(), []);
  const incidents = list.data?.incidents ?? [];
  const seesAll = list.data?.seesAll ?? false;

  return (
    <>
      <PageTitle
        title={t('incidents.title')}
        actions={!declaring && <button type="button" className="button button-primary" onClick={() => setDeclaring(true)} data-testid="incident-declare">{t('incidents.declare')}</button>}
      >
        {t('incidents.title')}
      </PageTitle>
      <p className="muted">{seesAll ? t('incidents.introAdmin') : t('incidents.introOwn')}</p>
      <LiveMessage message={message} />
      {declaring && staff.data && (
        <DeclareForm
          staff={staff.data.staff}
          onCancel={() => setDeclaring(false)}
          onDone={(i) => {
            setDeclaring(false);
            setMessage(t('incidents.declared'));
            setOpenId(i.id);
            list.reload();
          }}
        />
      )}
      <div className="inc-toolbar">
        <label htmlFor={`${id}-status`}>{t('incidents.show')}</label>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as typeof status)} data-testid="incident-filter">
          <option value="all">{t('incidents.status.all')}</option>
          <option value="open">{t('incidents.status.open')}</option>
          <option value="closed">{t('incidents.status.closed')}</option>
        </select>
      </div>
      {list.error && <Alert tone="error">{list.error.message}</Alert>}
      <p role="status" className="muted result-count">{list.loading ? t('common.loading') : t('incidents.count', { count: incidents.length })}</p>
      <ul className="inc-list" data-testid="incident-list">
        {incidents.map((i) => (
          <li key={i.id} className={`card inc-item inc-sev-${i.severity}`} data-testid="incident-item">
            <button type="button" className="inc-head" aria-expanded={openId === i.id} aria-controls={`${id}-${i.id}`} onClick={() => setOpenId(openId === i.id ? null : i.id)} data-testid="incident-open">
              <span className="inc-when">{formatDateTime(i.occurredAt, COMPACT)}</span>
              <strong>{t(`incidents.kind.${i.kind}`)}</strong>
              <span className="muted">{i.place}</span>
              <span className={`badge inc-badge-${i.severity}`}>{t(`incidents.severity.${i.severity}`)}</span>
              <span className={`badge ${i.status === 'open' ? 'badge-warning' : 'badge-success'}`}>{t(`incidents.status.${i.status}`)}</span>
            </button>
            {openId === i.id && <IncidentDetail domId={`${id}-${i.id}`} incident={i} canEdit={seesAll} onChange={() => list.reload()} />}
          </li>
        ))}
      </ul>
    </>
  );
}

function IncidentDetail({ domId, incident: i, canEdit, onChange }: { domId: string; incident: Incident; canEdit: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const [followUp, setFollowUp] = useState<FollowUp[]>(i.followUp);
  const [note, setNote] = useState(i.followUpNote ?? '');
  const { error, busy, run } = useFormAction();

  async function save(status?: 'open' | 'closed') {
    await run(async () => {
      await incidentApi.update(i.id, { followUp, followUpNote: note.trim() || null, ...(status ? { status } : {}) });
      onChange();
    });
  }

  const people = [...i.staff.map((s) => s.name), ...(i.patient ? [`${i.patient.name} (${t('incidents.patient')})`] : [])];
  return (
    <div id={domId} className="inc-detail" data-testid="incident-detail">
      <p className="inc-description">{i.description}</p>
      <dl className="inc-facts">
        <dt>{t('incidents.field.people')}</dt>
        <dd>{people.length ? people.join(', ') : '—'}{i.others && <div className="inc-pre">{i.others}</div>}</dd>
        <dt>{t('incidents.field.followUp')}</dt>
        <dd>{i.followUp.length ? i.followUp.map((f) => t(`incidents.followUp.${f}`)).join(' · ') : t('incidents.noFollowUp')}{i.followUpNote && <div className="inc-pre">{i.followUpNote}</div>}</dd>
        <dt>{t('incidents.declaredBy')}</dt>
        <dd>{i.declaredBy.name}, {formatDateTime(i.createdAt, COMPACT)}</dd>
        {i.closedAt && (<><dt>{t('incidents.closedBy')}</dt><dd>{i.closedBy?.name}, {formatDateTime(i.closedAt, COMPACT)}</dd></>)}
      </dl>
      {canEdit && (
        <div className="inc-edit">
          <h3>{t('incidents.followUpTitle')}</h3>
          <FollowUpFields value={followUp} onChange={setFollowUp} note={note} onNote={setNote} />
          {error && <Alert tone="error">{error}</Alert>}
          <div className="button-row">
            <button type="button" className="button" disabled={busy} onClick={() => void save()} data-testid="incident-save">{t('incidents.save')}</button>
            {i.status === 'open' ? (
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void save('closed')} data-testid="incident-close">{t('incidents.close')}</button>
            ) : (
              <button type="button" className="button" disabled={busy} onClick={() => void save('open')} data-testid="incident-reopen">{t('incidents.reopen')}</button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
