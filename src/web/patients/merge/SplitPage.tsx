import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { href, navigate } from '../../router';
import { Alert } from '../../ui/Alert';
import { PageTitle } from '../../ui/PageTitle';
import { formatDateTime, COMPACT } from '../../ui/format';
import { useLoad } from '../../ui/useLoad';
import { formErrors } from '../errors';
import { IDENTITY_FIELDS, IdentityFields } from '../IdentityFields';
import { PatientTraits } from '../PatientTraits';
import type { DraftIdentity } from '../useDuplicateCheck';
import { tableLabel } from './labels';
import { mergeApi, type LinkedItem } from './mergeApi';

const EMPTY: DraftIdentity = { birthName: '', givenNames: '', usedName: '', usedFirstName: '', birthDate: '', sex: '', birthPlaceCode: '', nir: '' };
const keyOf = (i: LinkedItem) => `${i.table}.${i.column}:${JSON.stringify(i.pk)}`;

function describe(i: LinkedItem, t: (k: string, o?: Record<string, unknown>) => string): string {
  const when = i.at ? (/^\d{4}-\d{2}-\d{2}T/.test(i.at) ? formatDateTime(i.at, COMPACT) : i.at) : null;
  const kind = i.kind ? t(`patients.split.kinds.${i.kind}`, { defaultValue: i.kind }) : null;
  return [when, i.label, kind].filter(Boolean).join(' — ') || Object.values(i.pk).join('/');
}

/** « Scinder » : two people in one record — create the second one and give it what is theirs. */
export function SplitPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const patient = useLoad(() => api.patient(id), [id]);
  const linked = useLoad(() => mergeApi.linked(id), [id]);
  const [draft, setDraft] = useState<DraftIdentity>(EMPTY);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reset, setReset] = useState(true);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const source = patient.data?.patient;
  const items = linked.data?.items ?? [];
  const groups = new Map<string, LinkedItem[]>();
  for (const i of items) groups.set(`${i.table}.${i.column}`, [...(groups.get(`${i.table}.${i.column}`) ?? []), i]);

  function toggle(i: LinkedItem) {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(keyOf(i))) next.delete(keyOf(i));
      else next.add(keyOf(i));
      return next;
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim().length < 3) { setError(t('patients.merge.reasonRequired')); return; }
    if (!draft.sex) { setErrors({ sex: t('patients.split.sexRequired') }); return; }
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const r = await mergeApi.split(id, {
        identity: {
          birthName: draft.birthName.trim(),
          givenNames: draft.givenNames.trim(),
          usedName: draft.usedName.trim() || null,
          usedFirstName: draft.usedFirstName.trim() || null,
          birthDate: draft.birthDate.trim(),
          sex: draft.sex,
          birthPlaceCode: draft.birthPlaceCode.trim() || null,
          nir: draft.nir.replace(/\s/g, '') || null,
        },
        items: items.filter((i) => selected.has(keyOf(i))).map(({ table, column, pk }) => ({ table, column, pk })),
        reason: reason.trim(),
        resetSourceEvidence: reset,
      });
      navigate(`/patients/${encodeURIComponent(r.newPatient.id)}?tab=merges&split=1`);
    } catch (err) {
      const f = formErrors(err, IDENTITY_FIELDS.map((k) => `identity.${k}`).concat(IDENTITY_FIELDS));
      setErrors(Object.fromEntries(Object.entries(f.fields).map(([k, v]) => [k.replace(/^identity\./, ''), v])));
      setError(f.general);
    } finally {
      setBusy(false);
    }
  }

  const title = t('patients.split.title');
  return (
    <>
      <p className="breadcrumb"><a href={href(`/patients/${encodeURIComponent(id)}`)}>← {t('patients.merge.back')}</a></p>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="field-hint">{t('patients.split.intro')}</p>
      {patient.error && <Alert tone="error">{patient.error.message}</Alert>}
      {source && (
        <form className="form split-form" onSubmit={submit} noValidate data-testid="split-form">
          <section className="card" aria-labelledby="split-source-title">
            <h2 id="split-source-title">{t('patients.split.sourceTitle')}</h2>
            <p><PatientTraits patient={source} /></p>
          </section>
          <fieldset className="fieldset">
            <legend>{t('patients.split.newPersonLegend')}</legend>
            <p className="field-hint">{t('patients.split.newPersonHint')}</p>
            <IdentityFields draft={draft} onChange={(p) => setDraft((d) => ({ ...d, ...p }))} errors={errors} />
          </fieldset>
          <fieldset className="fieldset" data-testid="split-items">
            <legend>{t('patients.split.itemsLegend')}</legend>
            <p className="field-hint">{t('patients.split.itemsHint')}</p>
            {linked.error && <Alert tone="error">{linked.error.message}</Alert>}
            {items.length === 0 && linked.data && <p className="muted">{t('patients.merge.nothingLinked')}</p>}
            {[...groups.entries()].map(([group, list]) => (
              <div key={group} className="split-group">
                <h3>{tableLabel(group, t)}</h3>
                {list.map((i) => {
                  const cid = `item-${keyOf(i).replace(/[^a-zA-Z0-9]/g, '')}`;
                  return (
                    <div className="checkbox" key={keyOf(i)}>
                      <input type="checkbox" id={cid} checked={selected.has(keyOf(i))} onChange={() => toggle(i)} data-testid="split-item" data-table={i.table} />
                      <label htmlFor={cid}>{describe(i, t)}</label>
                    </div>
                  );
                })}
              </div>
            ))}
          </fieldset>
          {source.identityStatus !== 'provisoire' && <div className="checkbox">
            <input type="checkbox" id="split-reset" checked={reset} onChange={(e) => setReset(e.target.checked)} data-testid="split-reset" />
            <label htmlFor="split-reset">{t('patients.split.resetEvidence')}</label>
          </div>}
          <div className="field">
            <label htmlFor="split-reason">{t('patients.merge.reason')}</label>
            <p id="split-reason-hint" className="field-hint">{t('patients.split.reasonHint')}</p>
            <textarea id="split-reason" aria-describedby="split-reason-hint" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required data-testid="split-reason" />
          </div>
          {error && <Alert tone="error" testId="split-error">{error}</Alert>}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy} data-testid="split-confirm">
              {t('patients.split.confirm', { count: selected.size })}
            </button>
            <a className="button" href={href(`/patients/${encodeURIComponent(id)}`)}>{t('patients.merge.cancel')}</a>
          </div>
        </form>
      )}
    </>
  );
}
