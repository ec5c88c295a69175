import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, categoryLabel, STATUSES, statusLabel, URGENCIES, urgencyLabel } from '../labels';

export interface InboxFilterValues {
  /** "open" (default), a status, or "all". */
  status: string;
  urgency: string;
  category: string;
  /** "", "me" or "none". */
  assignee: string;
}

export function filtersFromQuery(query: URLSearchParams): InboxFilterValues {
  return {
    status: query.get('status') ?? 'open',
    urgency: query.get('urgency') ?? '',
    category: query.get('category') ?? '',
    assignee: query.get('assignee') ?? '',
  };
}

export function filtersToQuery(values: InboxFilterValues): string {
  const search = new URLSearchParams();
  if (values.status !== 'open') search.set('status', values.status);
  if (values.urgency) search.set('urgency', values.urgency);
  if (values.category) search.set('category', values.category);
  if (values.assignee) search.set('assignee', values.assignee);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Filters apply as soon as they change (four selects, no free text). */
export function InboxFilters({ values, onChange }: { values: InboxFilterValues; onChange: (values: InboxFilterValues) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const set = (key: keyof InboxFilterValues, value: string) => onChange({ ...values, [key]: value });
  return (
    <form className="card filters inbox-filters" role="search" aria-label={t('assistant.inbox.filtersLabel')} onSubmit={(e) => e.preventDefault()}>
      <div className="filters-grid">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('assistant.inbox.filterStatus')}</label>
          <select id={`${id}-status`} value={values.status} onChange={(e) => set('status', e.target.value)} data-testid="inbox-filter-status">
            <option value="open">{t('assistant.inbox.statusOpen')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{statusLabel(t, s)}</option>)}
            <option value="all">{t('assistant.inbox.statusAll')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-urgency`}>{t('assistant.inbox.filterUrgency')}</label>
          <select id={`${id}-urgency`} value={values.urgency} onChange={(e) => set('urgency', e.target.value)} data-testid="inbox-filter-urgency">
            <option value="">{t('assistant.inbox.all')}</option>
            {URGENCIES.map((u) => <option key={u} value={u}>{urgencyLabel(t, u)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-category`}>{t('assistant.inbox.filterCategory')}</label>
          <select id={`${id}-category`} value={values.category} onChange={(e) => set('category', e.target.value)} data-testid="inbox-filter-category">
            <option value="">{t('assistant.inbox.all')}</option>
            {CATEGORIES.map((c) => <option key={c} value={c}>{categoryLabel(t, c)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-assignee`}>{t('assistant.inbox.filterAssignee')}</label>
          <select id={`${id}-assignee`} value={values.assignee} onChange={(e) => set('assignee', e.target.value)} data-testid="inbox-filter-assignee">
            <option value="">{t('assistant.inbox.anyone')}</option>
            <option value="me">{t('assistant.inbox.assignedToMe')}</option>
            <option value="none">{t('assistant.inbox.unassigned')}</option>
          </select>
        </div>
      </div>
    </form>
  );
}
