import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../api/types';
import { formatDateTime, formatDate, formatNir, COMPACT } from '../ui/format';
import { AttributesDialog } from './AttributesDialog';
import { CorrectIdentityDialog } from './CorrectIdentityDialog';
import { formatBirthDate } from './format';
import { IdentityBadge } from './IdentityBadge';
import { InsiDialog } from './InsiDialog';
import type { PatientUpdate } from './PatientDetailPage';
import { ValidateIdentityDialog } from './ValidateIdentityDialog';

type DialogName = 'validate' | 'insi' | 'correct' | 'attributes' | null;

const none = <span className="muted">—</span>;

export function IdentityTab({ patient, onUpdate }: { patient: Patient; onUpdate: (u: PatientUpdate) => void }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<DialogName>(null);
  const blocked = patient.attributes.doubtful || patient.attributes.fictitious;
  const checkerName = patient.idDocument?.checkedByName ?? null;
  const done = (u: PatientUpdate) => {
    setDialog(null);
    onUpdate(u);
  };
  return (
    <div className="identity-tab">
      <div className="button-row identity-actions">
        <button type="button" className="button button-primary" onClick={() => setDialog('validate')} disabled={blocked} data-testid="action-validate">
          {t('patients.validate.open')}
        </button>
        <button type="button" className="button" onClick={() => setDialog('insi')} disabled={blocked} data-testid="action-insi">
          {t('patients.insi.open')}
        </button>
        <button type="button" className="button" onClick={() => setDialog('correct')} data-testid="action-correct">
          {t('patients.correct.open')}
        </button>
        <button type="button" className="button" onClick={() => setDialog('attributes')} data-testid="action-attributes">
          {t('patients.attributes.open')}
        </button>
      </div>
      {blocked && <p className="alert alert-warning">{t('patients.blockedByAttributes')}</p>}

      <div className="identity-grid">
        <section className="card" aria-labelledby="strict-title" data-testid="strict-traits">
          <h2 id="strict-title">{t('patients.strictTraits')}</h2>
          <p className="field-hint">{t('patients.strictTraitsHint')}</p>
          <dl className="details-grid">
            <dt>{t('patients.birthName')}</dt>
            <dd className="birth-name" data-testid="value-birthName">{patient.birthName.toLocaleUpperCase('fr-FR')}</dd>
            <dt>{t('patients.givenNames')}</dt>
            <dd data-testid="value-givenNames">{patient.givenNames}</dd>
            <dt>{t('patients.birthDate')}</dt>
            <dd>
              {formatBirthDate(patient.birthDate, patient.birthDatePrecision)}
              {patient.birthDatePrecision !== 'day' && <span className="muted"> ({t(`patients.precision_${patient.birthDatePrecision}`)})</span>}
            </dd>
            <dt>{t('patients.sex')}</dt>
            <dd>{t(`patients.sex_${patient.sex}`)}</dd>
            <dt>{t('patients.birthPlace')}</dt>
            <dd>{patient.birthPlaceCode ? <>{patient.birthPlaceLabel ?? ''} <span className="muted mono">({patient.birthPlaceCode})</span></> : none}</dd>
          </dl>
        </section>

        <section className="card" aria-labelledby="used-title" data-testid="used-traits">
          <h2 id="used-title">{t('patients.usedTraits')}</h2>
          <p className="field-hint">{t('patients.usedTraitsHint')}</p>
          <dl className="details-grid">
            <dt>{t('patients.usedNameLabel')}</dt>
            <dd>{patient.usedName ? patient.usedName.toLocaleUpperCase('fr-FR') : none}</dd>
            <dt>{t('patients.usedFirstName')}</dt>
            <dd>{patient.usedFirstName ?? none}</dd>
          </dl>
        </section>

        <section className="card identity-status-card" aria-labelledby="status-title" data-testid="identity-status-card">
          <h2 id="status-title">{t('patients.identityStatus')}</h2>
          <p className="status-line">
            <IdentityBadge status={patient.identityStatus} /> <span>{t(`patients.statusExplain.${patient.identityStatus}`)}</span>
          </p>
          <dl className="details-grid">
            <dt>{t('patients.evidence.document')}</dt>
            <dd data-testid="evidence-document">
              {patient.idDocument
                ? t('patients.evidence.documentChecked', {
                    type: t(`patients.docTypes.${patient.idDocument.type}`, { defaultValue: patient.idDocument.type }),
                    number: patient.idDocument.number,
                    date: formatDateTime(patient.idDocument.checkedAt, COMPACT),
                  })
                : <span className="muted">{t('patients.evidence.noDocument')}</span>}
              {checkerName && <> {t('patients.evidence.checkedBy', { name: checkerName })}</>}
              {patient.idDocument?.expiresOn && <span className="muted"> — {t('patients.evidence.expires', { date: formatDate(patient.idDocument.expiresOn, COMPACT) })}</span>}
            </dd>
            <dt>{t('patients.evidence.insi')}</dt>
            <dd data-testid="evidence-insi">
              {patient.ins
                ? <>{t('patients.evidence.insRetrieved', { date: formatDateTime(patient.ins.retrievedAt, COMPACT) })}{patient.ins.simulated && <span className="badge badge-neutral simulated">{t('patients.insi.simulatedBadge')}</span>}</>
                : <span className="muted">{t('patients.evidence.noIns')}</span>}
            </dd>
            {patient.identityStatus === 'qualifiee' && patient.ins && (
              <>
                <dt>{t('patients.ins')}</dt>
                <dd data-testid="ins-value">
                  <span className="mono">{formatNir(patient.ins.matricule)}</span>{' '}
                  <span className="muted">({patient.ins.oid.endsWith('.4.9') ? 'INS-NIA' : 'INS-NIR'}, OID {patient.ins.oid})</span>
                </dd>
              </>
            )}
            {patient.identityStatus !== 'qualifiee' && patient.nir && (
              <>
                <dt>{t('patients.nirDeclared')}</dt>
                <dd><span className="mono">{formatNir(patient.nir)}</span> <span className="muted">{t('patients.nirNotIns')}</span></dd>
              </>
            )}
            {patient.attributes.doubtful && patient.doubtfulReason && (
              <>
                <dt>{t('patients.attributes.doubtfulReason')}</dt>
                <dd>{patient.doubtfulReason}</dd>
              </>
            )}
          </dl>
        </section>
      </div>

      <ValidateIdentityDialog open={dialog === 'validate'} patient={patient} onClose={() => setDialog(null)} onDone={done} />
      <InsiDialog open={dialog === 'insi'} patient={patient} onClose={() => setDialog(null)} onUpdate={onUpdate} />
      <CorrectIdentityDialog open={dialog === 'correct'} patient={patient} onClose={() => setDialog(null)} onDone={done} />
      <AttributesDialog open={dialog === 'attributes'} patient={patient} onClose={() => setDialog(null)} onDone={done} />
    </div>
  );
}
