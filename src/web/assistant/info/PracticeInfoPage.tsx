import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { PracticeSheet } from '../../api/types';
import { Alert } from '../../ui/Alert';
import { CopyButton } from '../../ui/CopyButton';
import { formatDateTime, COMPACT } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { useLoad } from '../../ui/useLoad';
import { useFormAction } from '../../ui/useFormAction';
import '../assistant.css';
import { TriageRulesPanel } from './TriageRulesPanel';
import { FormActions } from '../../ui/FormActions';

type TextKey = Exclude<keyof PracticeSheet, 'fees'>;
const TEXT_FIELDS: TextKey[] = ['openingHours', 'address', 'access', 'parking', 'transport', 'paymentsAccepted', 'tiersPayant', 'whatToBring', 'onCall'];

/** The practice information sheet: the only source of the assistant's answers to practical questions (admins). */
export function PracticeInfoPage() {
  const { t } = useTranslation();
  const sheet = useLoad(() => api.practiceInfo(), []);
  return (
    <>
      <PageTitle title={t('assistant.info.title')}>{t('assistant.info.title')}</PageTitle>
      <div className="alert alert-info info-explain" data-testid="practice-info-explain">
        <p><strong>{t('assistant.info.onlySource')}</strong></p>
        <p>{t('assistant.info.emptyMeans')}</p>
      </div>
      {sheet.error && <Alert tone="error">{sheet.error.message}</Alert>}
      {sheet.data ? <SheetForm initial={sheet.data.info} updatedAt={sheet.data.updatedAt} /> : !sheet.error && <p className="muted">{t('common.loading')}</p>}
      <WidgetSnippet />
      <TriageRulesPanel />
    </>
  );
}

function SheetForm({ initial, updatedAt }: { initial: PracticeSheet; updatedAt: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const [values, setValues] = useState<PracticeSheet>({ ...initial, fees: initial.fees.map((f) => ({ ...f })) });
  const [saved, setSaved] = useState(updatedAt);
  const { error, busy, run, done, setDone, restart } = useFormAction();

  const setText = (key: TextKey, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const setFee = (index: number, key: 'practitioner' | 'fees', value: string) =>
    setValues((v) => ({ ...v, fees: v.fees.map((f, i) => (i === index ? { ...f, [key]: value } : f)) }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    restart();
    const body: PracticeSheet = {
      ...values,
      fees: values.fees.map((f) => ({ practitioner: f.practitioner.trim(), fees: f.fees.trim() })).filter((f) => f.practitioner && f.fees),
    };
    for (const key of TEXT_FIELDS) body[key] = values[key]?.trim() ? values[key]!.trim() : null;
    await run(async () => {
      const res = await api.updatePracticeInfo(body);
      setValues(res.info);
      setSaved(res.updatedAt);
      setDone(true);
    });
  }

  return (
    <form className="card form info-form" onSubmit={submit} noValidate data-testid="practice-info-form">
      {saved && <p className="muted">{t('assistant.info.updatedAt', { date: formatDateTime(saved, COMPACT) })}</p>}
      {TEXT_FIELDS.map((key) => (
        <div className="field" key={key}>
          <label htmlFor={`${id}-${key}`}>{t(`assistant.info.field.${key}`)}</label>
          <p id={`${id}-${key}-hint`} className="field-hint">{t(`assistant.info.hint.${key}`)}</p>
          <textarea
            id={`${id}-${key}`}
            rows={key === 'openingHours' ? 4 : 2}
            maxLength={2000}
            value={values[key] ?? ''}
            onChange={(e) => setText(key, e.target.value)}
            aria-describedby={`${id}-${key}-hint`}
            data-testid={`info-${key}`}
          />
        </div>
      ))}
      <fieldset className="fieldset">
        <legend>{t('assistant.info.field.fees')}</legend>
        <p className="field-hint">{t('assistant.info.hint.fees')}</p>
        {values.fees.length === 0 && <p className="muted">{t('assistant.info.noFees')}</p>}
        {values.fees.map((fee, i) => (
          <div key={i} className="fee-row">
            <div className="field">
              <label htmlFor={`${id}-fee-p-${i}`}>{t('assistant.info.feePractitioner')}</label>
              <input id={`${id}-fee-p-${i}`} value={fee.practitioner} maxLength={120} onChange={(e) => setFee(i, 'practitioner', e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-fee-f-${i}`}>{t('assistant.info.feeFees')}</label>
              <input id={`${id}-fee-f-${i}`} value={fee.fees} maxLength={500} onChange={(e) => setFee(i, 'fees', e.target.value)} />
            </div>
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => setValues((v) => ({ ...v, fees: v.fees.filter((_, j) => j !== i) }))}
              aria-label={t('assistant.info.removeFeeNamed', { name: fee.practitioner || String(i + 1) })}
            >
              {t('assistant.info.removeFee')}
            </button>
          </div>
        ))}
        <div>
          <button type="button" className="button button-small" onClick={() => setValues((v) => ({ ...v, fees: [...v.fees, { practitioner: '', fees: '' }] }))} disabled={values.fees.length >= 40}>
            {t('assistant.info.addFee')}
          </button>
        </div>
      </fieldset>
      <FormActions error={error} success={done && t('assistant.info.saved')} successTestId="practice-info-saved" busy={busy} submitLabel={t('common.save')} submitTestId="practice-info-save" />
    </form>
  );
}

/** How to put the chat on the practice's own website. */
function WidgetSnippet() {
  const { t } = useTranslation();
  const snippet = `<script src="${window.location.origin}/assistant-widget.js" data-practice="${t('assistant.info.slugPlaceholder')}" async></script>`;
  return (
    <section className="card widget-snippet" aria-labelledby="widget-title">
      <h2 id="widget-title">{t('assistant.info.widgetTitle')}</h2>
      <p>{t('assistant.info.widgetIntro')}</p>
      <pre className="snippet"><code data-testid="widget-snippet">{snippet}</code></pre>
      <CopyButton text={snippet} label={t('assistant.info.copySnippet')} />
      <p className="field-hint">{t('assistant.info.widgetSlug')}</p>
    </section>
  );
}
