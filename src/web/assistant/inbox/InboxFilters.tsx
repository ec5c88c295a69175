import { useTranslation } from 'react-i18next';
import { CATEGORIES, categoryLabel, STATUSES, statusLabel, URGENCIES, urgencyLabel } from '../labels';
import { SelectField } from '../../ui/SelectField';

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
  const set = (key: keyof InboxFilterValues, value: string) => onChange({ ...values, [key]: value });
  return (
    <form className="card filters inbox-filters" role="search" aria-label={t('assistant.inbox.filtersLabel')} onSubmit={(e) => e.preventDefault()}>
      <div className="filters-grid">
        <SelectField label={t('assistant.inbox.filterStatus')} value={values.status} onChange={(v) => set('status', v)} testId="inbox-filter-status">
          <option value="open">{t('assistant.inbox.statusOpen')}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{statusLabel(t, s)}</option>)}
          <option value="all">{t('assistant.inbox.statusAll')}</option>
        </SelectField>
        <SelectField label={t('assistant.inbox.filterUrgency')} value={values.urgency} onChange={(v) => set('urgency', v)} testId="inbox-filter-urgency">
          <option value="">{t('assistant.inbox.all')}</option>
          {URGENCIES.map((u) => <option key={u} value={u}>{urgencyLabel(t, u)}</option>)}
        </SelectField>
        <SelectField label={t('assistant.inbox.filterCategory')} value={values.category} onChange={(v) => set('category', v)} testId="inbox-filter-category">
          <option value="">{t('assistant.inbox.all')}</option>
          {CATEGORIES.map((c) => <option key={c} value={c}>{categoryLabel(t, c)}</option>)}
        </SelectField>
        <SelectField label={t('assistant.inbox.filterAssignee')} value={values.assignee} onChange={(v) => set('assignee', v)} testId="inbox-filter-assignee">
          <option value="">{t('assistant.inbox.anyone')}</option>
          <option value="me">{t('assistant.inbox.assignedToMe')}</option>
          <option value="none">{t('assistant.inbox.unassigned')}</option>
        </SelectField>
      </div>
    </form>
  );
}
