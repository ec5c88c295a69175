import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { VitalAlert } from '../../api/types';
import { href } from '../../router';
import { formatDateTime, COMPACT, formatPhone } from '../../ui/format';
import '../assistant.css';
import { channelLabel, excerpt, isPhone } from '../labels';
import { useAssistant } from './AssistantProvider';
import type { AlertWithPatient } from '../api';

const SHOWN = 3;

/** Pending vital alerts, on top of every page of the authenticated app until someone acknowledges them. */
export function VitalAlertBanner() {
  const { t } = useTranslation();
  const { alerts } = useAssistant();
  const [error, setError] = useState<string | null>(null);
  if (alerts.length === 0) return error ? <div className="alert alert-error" role="alert">{error}</div> : null;
  const more = alerts.length - SHOWN;
  return (
    <section className="vital-alerts" role="alert" aria-labelledby="vital-alerts-title" data-testid="vital-alert-banner">
      <h2 id="vital-alerts-title" className="vital-alerts-title">
        <span aria-hidden="true" className="vital-alerts-icon">▲</span>
        {t('assistant.alerts.title', { count: alerts.length })}
      </h2>
      <ul className="vital-alerts-list">
        {alerts.slice(0, SHOWN).map((alert) => (
          <AlertItem key={alert.id} alert={alert} onError={setError} />
        ))}
      </ul>
      {more > 0 && (
        <p className="vital-alerts-more">
          <a href={href('/assistant?urgency=vital')}>{t('assistant.alerts.more', { count: more })}</a>
        </p>
      )}
      {error && <p className="vital-alerts-error">{error}</p>}
    </section>
  );
}

function AlertItem({ alert, onError }: { alert: VitalAlert; onError: (message: string | null) => void }) {
  const { t } = useTranslation();
  const { acknowledge } = useAssistant();
  const [busy, setBusy] = useState(false);

  async function ack() {
    setBusy(true);
    onError(null);
    try {
      await acknowledge(alert.id);
      document.getElementById('main-content')?.focus();
    } catch (err) {
      onError(err instanceof ApiError ? err.message : t('errors.unexpectedShort'));
      setBusy(false);
    }
  }

  const contact = alert.contact;
  const patient = (alert as AlertWithPatient).patient ?? null;
  return (
    <li className="vital-alert" data-testid="vital-alert">
      <div className="vital-alert-body">
        <p className="vital-alert-who">
          <strong>
            {contact ? (
              isPhone(contact) ? <a href={`tel:${contact}`}>{formatPhone(contact)}</a> : contact
            ) : (
              t('assistant.alerts.unknownCaller')
            )}
          </strong>
          {patient && (
            <span className="vital-alert-patient" data-testid="vital-alert-patient">
              {' · '}
              {patient.name}
            </span>
          )}
          <span className="vital-alert-meta">
            {' · '}
            {channelLabel(t, alert.channel)}
            {' · '}
            <time dateTime={alert.raisedAt}>{formatDateTime(alert.raisedAt, COMPACT)}</time>
          </span>
        </p>
        <p className="vital-alert-excerpt">« {excerpt(alert.summary, 180)} »</p>
        {alert.reasons.length > 0 && (
          <p className="vital-alert-reasons">{alert.reasons.filter((r) => !r.code.startsWith('NEGATED_')).map((r) => r.label).join(' · ')}</p>
        )}
      </div>
      <div className="vital-alert-actions">
        <button type="button" className="button vital-ack" onClick={() => void ack()} disabled={busy} data-testid="vital-alert-ack">
          {t('assistant.alerts.acknowledge')}
        </button>
        <a className="vital-open" href={href(`/assistant/${alert.requestId}`)} data-testid="vital-alert-open">
          {t('assistant.alerts.open')}
        </a>
      </div>
    </li>
  );
}
