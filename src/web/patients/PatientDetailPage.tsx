import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Patient, StatusChange } from '../api/types';
import { useSession } from '../auth/session';
import { DocumentsTab } from '../documents/DocumentsTab';
import { PatientHubStrip, PatientTimeline, usePatientFile } from '../patient-file/PatientHub';
import { href, navigate, useRoute } from '../router';
import { Alert, LiveMessage } from '../ui/Alert';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { useTransientMessage } from '../ui/useTransientMessage';
import { AdministrativeTab } from './administrative/AdministrativeTab';
import { formatPatientLine } from './format';
import { IdentityTab } from './IdentityTab';
import { MergesTab } from './merge/MergesTab';
import { PatientHeader } from './PatientHeader';
import './patients.css';

const TABS = ['identity', 'timeline', 'administrative', 'documents', 'merges'] as const;
type Tab = (typeof TABS)[number];

export interface PatientUpdate {
  patient: Patient;
  message?: string;
  statusChange?: StatusChange | null;
}

/** The patient's file: the hub strip (book, next appointment, no-shows), then identity, timeline, administrative file, documents — one tab each. */
export function PatientDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const route = useRoute();
  const tab: Tab = (TABS as readonly string[]).includes(route.query.get('tab') ?? '') ? (route.query.get('tab') as Tab) : 'identity';
  const result = useLoad(() => api.patient(id), [id]);
  const patient = result.data?.patient;
  const [message, setMessage] = useTransientMessage(10000, route.query.get('created') ? t('patients.create.created') : null);
  // The hub (appointments, requests, calls) is the desk's: an administrator without a desk role sees the file only.
  const { state } = useSession();
  const desk = state.status === 'authenticated' && state.me.practice.roles.some((r) => r === 'secretary' || r === 'practitioner');
  const hub = usePatientFile(id, desk);

  // A merged record is read-only: its address leads to the record it was merged into.
  useEffect(() => {
    if (patient?.mergedIntoId) navigate(`/patients/${encodeURIComponent(patient.mergedIntoId)}?mergedFrom=${encodeURIComponent(patient.id)}`, { replace: true });
  }, [patient?.mergedIntoId, patient?.id]);
  const mergedFrom = route.query.get('mergedFrom');

  function onUpdate(update: PatientUpdate) {
    result.setData({ patient: update.patient });
    const parts = [update.message];
    if (update.statusChange) {
      parts.push(t('patients.statusChanged', { from: t(`identity.${update.statusChange.from}`), to: t(`identity.${update.statusChange.to}`) }));
    }
    setMessage(parts.filter(Boolean).join(' ') || null);
  }

  const title = patient ? formatPatientLine(patient) : t('patients.detailTitle');
  const base = `/patients/${encodeURIComponent(id)}`;
  return (
    <>
      <p className="breadcrumb">
        <a href={href('/patients')}>← {t('patients.backToList')}</a>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      {result.error && <Alert tone="error">{result.error.message}</Alert>}
      {result.loading && !patient && <p className="muted">{t('common.loading')}</p>}
      <LiveMessage message={message} tone="success" />
      {mergedFrom && patient && !patient.mergedIntoId && <Alert tone="info" testId="merged-redirect">{t('patients.merge.redirected')}</Alert>}
      {patient && (
        <>
          <PatientHeader patient={patient} />
          {desk && <PatientHubStrip patient={patient} file={hub.data ?? null} onBooked={hub.reload} />}
          <nav className="tabs" aria-label={t('patients.tabs.label')}>
            {TABS.filter((name) => desk || name !== 'timeline').map((name) => (
              <a key={name} href={href(name === 'identity' ? base : `${base}?tab=${name}`)} className="tab"
                aria-current={tab === name ? 'page' : undefined} data-testid={`tab-${name}`}>
                {name === 'timeline' ? t('patientFile.tab') : t(`patients.tabs.${name}`)}
              </a>
            ))}
          </nav>
          <div className="tab-panel">
            {tab === 'identity' && <IdentityTab patient={patient} onUpdate={onUpdate} />}
            {tab === 'timeline' && desk && <PatientTimeline patientId={patient.id} file={hub.data ?? null} error={hub.error?.message ?? null} />}
            {tab === 'administrative' && <AdministrativeTab patient={patient} onUpdate={onUpdate} />}
            {tab === 'documents' && <DocumentsTab patientId={patient.id} />}
            {tab === 'merges' && (
              <MergesTab patient={patient} onChanged={result.reload}
                notice={route.query.get('merged') ? t('patients.merge.done') : route.query.get('split') ? t('patients.split.done') : null} />
            )}
          </div>
        </>
      )}
    </>
  );
}
