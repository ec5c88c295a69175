import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../api/types';

export interface AuditFilterValues {
  action: string;
  accountId: string;
  resourceType: string;
  resourceId: string;
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD
}

export const EMPTY_FILTERS: AuditFilterValues = { action: '', accountId: '', resourceType: '', resourceId: '', from: '', to: '' };

interface Props {
  initial: AuditFilterValues;
  members: StaffMember[];
  onApply: (filters: AuditFilterValues) => void;
}

export function AuditFilters({ initial, members, onApply }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [values, setValues] = useState(initial);

  function set<K extends keyof AuditFilterValues>(key: K, value: string) {
    setValues((v) => ({ ...v, [key]: value }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(values);
  }

  function reset() {
    setValues(EMPTY_FILTERS);
    onApply(EMPTY_FILTERS);
  }

  const text = (key: 'resourceId') => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`audit.filter.${key}`)}</label>
      <input id={`${id}-${key}`} value={values[key]} onChange={(e) => set(key, e.target.value)} data-testid={`audit-filter-${key}`} />
    </div>
  );

  // Pickers of readable labels (the same catalogues as the table), sorted as read; the code stays the value sent.
  const picker = (key: 'action' | 'resourceType', labels: Record<string, string>, all: string) => {
    const options = Object.entries(labels).sort(([, a], [, b]) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
    const current = values[key];
    return (
      <div className="field">
        <label htmlFor={`${id}-${key}`}>{t(`audit.filter.${key}`)}</label>
        <select id={`${id}-${key}`} value={current} onChange={(e) => set(key, e.target.value)} data-testid={`audit-filter-${key}`}>
          <option value="">{all}</option>
          {current && !labels[current] && <option value={current}>{current}</option>}
          {options.map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
      </div>
    );
  };
  const actionLabels = t('auditActions', { returnObjects: true }) as Record<string, string>;
  const resourceLabels = t('auditView.resource', { returnObjects: true }) as Record<string, string>;

  return (
    <form className="card filters" onSubmit={submit} aria-label={t('audit.filtersLabel')}>
      <div className="filters-grid">
        {picker('action', actionLabels, t('audit.filter.allActions'))}
        <div className="field">
          <label htmlFor={`${id}-account`}>{t('audit.filter.account')}</label>
          <select id={`${id}-account`} value={values.accountId} onChange={(e) => set('accountId', e.target.value)} data-testid="audit-filter-account">
            <option value="">{t('audit.filter.allAccounts')}</option>
            {members.map((m) => (
              <option key={m.accountId} value={m.accountId}>
                {m.displayName ? `${m.displayName} (${m.email})` : m.email}
              </option>
            ))}
          </select>
        </div>
        {picker('resourceType', resourceLabels, t('audit.filter.allResourceTypes'))}
        {text('resourceId')}
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('audit.filter.from')}</label>
          <input id={`${id}-from`} type="date" value={values.from} onChange={(e) => set('from', e.target.value)} data-testid="audit-filter-from" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('audit.filter.to')}</label>
          <input id={`${id}-to`} type="date" value={values.to} onChange={(e) => set('to', e.target.value)} data-testid="audit-filter-to" />
        </div>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" data-testid="audit-apply">
          {t('audit.apply')}
        </button>
        <button type="button" className="button" onClick={reset}>
          {t('audit.reset')}
        </button>
      </div>
    </form>
  );
}
