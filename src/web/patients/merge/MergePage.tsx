import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Patient, PatientSummary } from '../../api/types';
import { href, navigate, useRoute } from '../../router';
import { Alert } from '../../ui/Alert';
import { PageTitle } from '../../ui/PageTitle';
import { formatDateTime } from '../../ui/format';
import { useFormAction } from '../../ui/useFormAction';
import { errorMessage } from '../errors';
import { formatBirthDate } from '../format';
import { IdentityBadge } from '../IdentityBadge';
import { PatientTraits } from '../PatientTraits';
import { mergeApi, type Choice, type FieldDiff, type MergeField, type MergePreview, type RuleMessage } from './mergeApi';
import { tableLabel } from './labels';

/** The value of a field as the desk reads it. */
export function showValue(field: MergeField, value: unknown, t: (k: string) => string): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
  if (field === 'birthDate') {
    const v = value as { date: string; precision: 'day' | 'month' | 'year' };
    return formatBirthDate(v.date, v.precision);
  }
  if (field === 'sex') return t(`patients.sex_${String(value)}`);
  if (field === 'phones') return (value as { number: string }[]).map((p) => p.number).join(', ');
  if (field === 'address') {
    const a = value as { lines?: string[]; postalCode?: string; city?: string };
    return [...(a.lines ?? []), [a.postalCode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  }
  if (field === 'birthName') return String(value).toLocaleUpperCase('fr-FR');
  return String(value);
}

const ruleText = (m: RuleMessage, lang: string) => (lang.startsWith('en') ? m.en : m.fr);

/** Side-by-side identity card, selectable as the survivor. */
function IdentityCard({ patient, role, checked, onSelect, isDefault }: { patient: Patient; role: string; checked: boolean; onSelect: () => void; isDefault: boolean }) {
  const { t } = useTranslation();
  const id = `survivor-${patient.id}`;
  return (
    <div className={`card merge-card${checked ? ' merge-card-selected' : ''}`} data-testid={`merge-card-${role}`}>
      <div className="radio merge-card-choice">
        <input type="radio" id={id} name="survivor" checked={checked} onChange={onSelect} data-testid={`choose-survivor-${patient.id}`} />
        <label htmlFor={id}>
          <strong>{checked ? t('patients.merge.keepThis') : t('patients.merge.mergeThis')}</strong>
          {isDefault && <span className="muted"> — {t('patients.merge.suggested')}</span>}
        </label>
      </div>
      <p><PatientTraits patient={patient} /></p>
      <dl className="details-grid">
        <dt>{t('patients.identityStatus')}</dt>
        <dd><IdentityBadge status={patient.identityStatus} /></dd>
        <dt>{t('patients.nir')}</dt>
        <dd className="mono">{patient.nir ?? '—'}</dd>
        <dt>{t('patients.ins')}</dt>
        <dd className="mono">{patient.ins ? patient.ins.matricule : '—'}</dd>
        <dt>{t('patients.birthPlace')}</dt>
        <dd>{patient.birthPlaceLabel ?? patient.birthPlaceCode ?? '—'}</dd>
        <dt>{t('patients.phone')}</dt>
        <dd>{patient.contact.phones.map((p) => p.number).join(', ') || '—'}</dd>
        <dt>{t('patients.merge.createdAt')}</dt>
        <dd>{formatDateTime(patient.createdAt)}</dd>
      </dl>
    </div>
  );
}

/** Picks the other record when the merge starts from a patient page without a known duplicate. */
function PickOther({ id }: { id: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<PatientSummary[]>([]);
  useEffect(() => {
    if (q.trim().length < 2) { setResults([]); return; }
    const timer = window.setTimeout(() => {
      api.patients(q.trim(), 10).then((r) => setResults(r.patients.filter((p) => p.id !== id)), () => setResults([]));
    }, 250);
    return () => window.clearTimeout(timer);
  }, [q, id]);
  return (
    <section className="card" aria-labelledby="pick-title">
      <h2 id="pick-title">{t('patients.merge.pickTitle')}</h2>
      <div className="field">
        <label htmlFor="merge-pick">{t('patients.merge.pickLabel')}</label>
        <input id="merge-pick" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" data-testid="merge-pick" />
      </div>
      <ul className="plain-list">
        {results.map((p) => (
          <li key={p.id}>
            <a href={href(`/patients/${encodeURIComponent(id)}/merge?with=${encodeURIComponent(p.id)}`)} data-testid="merge-pick-result"><PatientTraits patient={p} /></a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** « Fusionner » : both identities side by side, survivor, values where they differ, what moves, reason, confirm. */
export function MergePage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  const other = route.query.get('with');
  const [survivorId, setSurvivorId] = useState<string | undefined>(undefined);
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [choices, setChoices] = useState<Partial<Record<MergeField, Choice>>>({});
  const [reason, setReason] = useState('');
  const { error, setError, busy, run } = useFormAction();

  useEffect(() => {
    if (!other) return;
    let current = true;
    setLoadError(null);
    mergeApi.preview(id, other, survivorId).then(
      (p) => { if (current) { setPreview(p); setChoices({}); } },
      (err) => { if (current) setLoadError(errorMessage(err)); },
    );
    return () => { current = false; };
  }, [id, other, survivorId]);

  const title = t('patients.merge.title');
  if (!other) {
    return (
      <>
        <p className="breadcrumb"><a href={href(`/patients/${encodeURIComponent(id)}`)}>← {t('patients.merge.back')}</a></p>
        <PageTitle title={title}>{title}</PageTitle>
        <PickOther id={id} />
      </>
    );
  }

  const choiceOf = (d: FieldDiff): Choice => choices[d.field] ?? d.defaultChoice;
  const lang = i18n.language;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!preview) return;
    if (reason.trim().length < 3) { setError(t('patients.merge.reasonRequired')); return; }
    await run(async () => {
      const chosen = Object.fromEntries(preview.diffs.map((d) => [d.field, choiceOf(d)])) as Partial<Record<MergeField, Choice>>;
      const r = await mergeApi.merge({ survivorId: preview.survivor.id, duplicateId: preview.duplicate.id, choices: chosen, reason: reason.trim() });
      navigate(`/patients/${encodeURIComponent(r.survivor.id)}?tab=merges&merged=${encodeURIComponent(r.mergeId)}`);
    });
  }

  const moves = preview ? Object.entries(preview.moves) : [];
  return (
    <>
      <p className="breadcrumb"><a href={href(`/patients/${encodeURIComponent(id)}`)}>← {t('patients.merge.back')}</a></p>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="field-hint">{t('patients.merge.intro')}</p>
      {loadError && <Alert tone="error">{loadError}</Alert>}
      {preview && (
        <form className="form merge-form" onSubmit={submit} noValidate data-testid="merge-form">
          <fieldset className="fieldset">
            <legend>{t('patients.merge.survivorLegend')}</legend>
            <p className="field-hint">{t('patients.merge.survivorHint')}</p>
            <div className="merge-compare">
              {[preview.survivor, preview.duplicate]
                .sort((a, b) => (a.id === id ? -1 : b.id === id ? 1 : 0))
                .map((p) => (
                  <IdentityCard key={p.id} patient={p} role={p.id === preview.survivor.id ? 'survivor' : 'duplicate'}
                    checked={p.id === preview.survivor.id} isDefault={p.id === preview.defaultSurvivorId} onSelect={() => setSurvivorId(p.id)} />
                ))}
            </div>
          </fieldset>

          {preview.blockers.map((b) => <Alert key={b.code} tone="error" testId="merge-blocker">{ruleText(b, lang)}</Alert>)}
          {preview.warnings.map((w) => <Alert key={w.code} tone="warning">{ruleText(w, lang)}</Alert>)}

          {preview.diffs.length > 0 && (
            <table className="table merge-diffs" data-testid="merge-diffs">
              <caption>{t('patients.merge.diffsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('patients.merge.field')}</th>
                  <th scope="col">{t('patients.merge.keptRecord')}</th>
                  <th scope="col">{t('patients.merge.mergedRecord')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.diffs.map((d) => {
                  const name = `choice-${d.field}`;
                  const label = t(`patients.merge.fields.${d.field}`);
                  return (
                    <tr key={d.field} data-testid={`diff-${d.field}`}>
                      <th scope="row">{label}{d.strict && <span className="muted"> ({t('patients.merge.strict')})</span>}</th>
                      {(['survivor', 'duplicate'] as const).map((side) => (
                        <td key={side}>
                          <div className="radio">
                            <input type="radio" id={`${name}-${side}`} name={name} checked={choiceOf(d) === side}
                              disabled={side === 'duplicate' && !d.choosable}
                              onChange={() => setChoices((c) => ({ ...c, [d.field]: side }))} data-testid={`${name}-${side}`} />
                            <label htmlFor={`${name}-${side}`}>{showValue(d.field, d[side], t)}</label>
                          </div>
                          {side === 'duplicate' && !d.choosable && <p className="field-hint">{t('patients.merge.protected')}</p>}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}

          <section className="card" aria-labelledby="merge-summary-title" data-testid="merge-summary">
            <h2 id="merge-summary-title">{t('patients.merge.summaryTitle')}</h2>
            {moves.length === 0 ? <p>{t('patients.merge.nothingLinked')}</p> : (
              <ul>
                {moves.map(([key, n]) => <li key={key}>{tableLabel(key, t)} : <strong>{n}</strong></li>)}
              </ul>
            )}
            {preview.sectionsFilled.length > 0 && <p>{t('patients.merge.sectionsFilled', { count: preview.sectionsFilled.length })}</p>}
            <p>
              {t('patients.merge.statusAfter')} <IdentityBadge status={preview.statusAfter} />
              {preview.insTransferred && <> — {t('patients.merge.insTransferred')}</>}
            </p>
            <p className="field-hint">{t('patients.merge.undoHint')}</p>
          </section>

          <div className="field">
            <label htmlFor="merge-reason">{t('patients.merge.reason')}</label>
            <p id="merge-reason-hint" className="field-hint">{t('patients.merge.reasonHint')}</p>
            <textarea id="merge-reason" aria-describedby="merge-reason-hint" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required data-testid="merge-reason" />
          </div>
          {error && <Alert tone="error" testId="merge-error">{error}</Alert>}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy || preview.blockers.length > 0} data-testid="merge-confirm">
              {t('patients.merge.confirm', { name: `${preview.duplicate.birthName.toLocaleUpperCase('fr-FR')} ${preview.duplicate.firstName}` })}
            </button>
            <a className="button" href={href(`/patients/${encodeURIComponent(id)}`)}>{t('patients.merge.cancel')}</a>
          </div>
        </form>
      )}
    </>
  );
}
