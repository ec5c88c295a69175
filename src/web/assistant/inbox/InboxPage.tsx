import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { RequestStatus, RequestSummary, Urgency } from '../../api/types';
import { href, navigate, useRoute } from '../../router';
import { Alert } from '../../ui/Alert';
import { formatDateTime, COMPACT } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { useLoad } from '../../ui/useLoad';
import { useAssistant } from '../alerts/AssistantProvider';
import '../assistant.css';
import { categoryLabel, channelLabel, excerpt, statusLabel, unsureIntents } from '../labels';
import { UrgencyBadge } from '../UrgencyBadge';
import { filtersFromQuery, filtersToQuery, InboxFilters, type InboxFilterValues } from './InboxFilters';
import { dialogApi, type PracticeLinks } from '../api';
import { DataTable } from '../../ui/DataTable';

/** The secretary's inbox: requests sorted by the server (open vital, open same-day, open routine, then done). */
export function InboxPage() {
  const { t } = useTranslation();
  const { query } = useRoute();
  const { setCounts, alerts } = useAssistant();
  const filters = filtersFromQuery(query);
  const key = filtersToQuery(filters);

  const result = useLoad(
    () =>
      api.inbox({
        status: filters.status === 'all' ? undefined : (filters.status as RequestStatus | 'open'),
        urgency: (filters.urgency || undefined) as Urgency | undefined,
        category: filters.category || undefined,
        assignee: filters.assignee || undefined,
        limit: 200,
      }),
    // A new vital alert reloads the list so that it appears on top.
    [key, alerts.length],
  );
  const data = result.data;
  useEffect(() => {
    if (data) setCounts(data.counts);
  }, [data, setCounts]);

  function apply(values: InboxFilterValues) {
    navigate(`/assistant${filtersToQuery(values)}`, { replace: true });
  }

  const requests = data?.requests ?? [];
  const counts = data?.counts;
  return (
    <>
      <PageTitle
        title={t('assistant.inbox.title')}
        actions={
          <>
            <a className="button" href={href('/assistant/tasks')}>{t('assistant.nav.tasks')}</a>
            <button type="button" className="button" onClick={result.reload} data-testid="inbox-refresh">{t('common.refresh')}</button>
          </>
        }
      >
        {t('assistant.inbox.title')}
      </PageTitle>
      <p className="muted">{t('assistant.inbox.intro')}</p>
      {counts && (
        <ul className="inbox-counts" aria-label={t('assistant.inbox.countsLabel')} data-testid="inbox-counts">
          <li><strong>{counts.open}</strong> {t('assistant.inbox.countOpen', { count: counts.open })}</li>
          <li className={counts.vital ? 'count-vital' : ''}><strong>{counts.vital}</strong> {t('assistant.inbox.countVital', { count: counts.vital })}</li>
          <li className={counts.sameDay ? 'count-same-day' : ''}><strong>{counts.sameDay}</strong> {t('assistant.inbox.countSameDay', { count: counts.sameDay })}</li>
          <li><strong>{counts.toMatch}</strong> {t('assistant.inbox.countToMatch', { count: counts.toMatch })}</li>
          <li className={counts.overdue ? 'count-overdue' : ''}><strong>{counts.overdue}</strong> {t('assistant.inbox.countOverdue', { count: counts.overdue })}</li>
        </ul>
      )}
      <InboxFilters values={filters} onChange={apply} />
      {result.error && <Alert tone="error">{result.error.message}</Alert>}
      <p role="status" className="muted result-count">
        {result.loading && !data ? t('common.loading') : t('assistant.inbox.resultCount', { count: requests.length })}
      </p>
      {requests.length > 0 && <InboxTable requests={requests} />}
      <PublicLinks />
    </>
  );
}

/** Where patients reach the assistant and the online booking (the staff shares these links). */
function PublicLinks() {
  const { t } = useTranslation();
  const [links, setLinks] = useState<PracticeLinks | null>(null);
  useEffect(() => {
    let current = true;
    dialogApi.practiceLinks().then((l) => current && setLinks(l), () => undefined);
    return () => {
      current = false;
    };
  }, []);
  if (!links) return null;
  return (
    <section className="card public-links" aria-labelledby="public-links-title" data-testid="public-links">
      <h2 id="public-links-title">{t('assistant.dialog.links.title')}</h2>
      <ul className="plain-list">
        <li>
          <a href={links.chatPath} target="_blank" rel="noopener" data-testid="public-link-chat">{t('assistant.dialog.links.chat')}</a>
          {' · '}
          <a href={links.bookingPath} target="_blank" rel="noopener" data-testid="public-link-booking">{t('assistant.dialog.links.booking')}</a>
        </li>
        <li>
          <span>{t('assistant.dialog.links.widget')}</span>
          <pre className="snippet" data-testid="public-link-widget">{links.widgetSnippet}</pre>
        </li>
      </ul>
    </section>
  );
}

function InboxTable({ requests }: { requests: RequestSummary[] }) {
  const { t } = useTranslation();
  return (
    <DataTable className="table inbox-table" testId="inbox-table" caption={t('assistant.inbox.caption')} columns={[t('assistant.inbox.colUrgency'), t('assistant.inbox.colRequest'), t('assistant.inbox.colPatient'), t('assistant.inbox.colChannel'), t('assistant.inbox.colDue'), t('assistant.inbox.colAssignee'), t('assistant.inbox.colStatus')]}>
      {requests.map((r) => (
        <tr key={r.id} className={`inbox-row inbox-row-${r.urgency}${r.status === 'done' ? ' row-muted' : ''}`} data-testid="inbox-row" data-urgency={r.urgency} data-status={r.status}>
          <td>
            <UrgencyBadge urgency={r.urgency} />
            {r.pendingAlert && <span className="badge badge-vital-alert">{t('assistant.inbox.pendingAlert')}</span>}
          </td>
          <th scope="row" className="inbox-request">
            <a href={href(`/assistant/${r.id}`)} data-testid="inbox-open">{categoryLabel(t, r.category)}</a>
            {unsureIntents(r.reasons) && (
              <span className="badge badge-warning" data-testid="intent-unsure">
                {t('assistant.inbox.intentUnsure', { a: categoryLabel(t, unsureIntents(r.reasons)![0]), b: categoryLabel(t, unsureIntents(r.reasons)![1]) })}
              </span>
            )}
            <span className="inbox-excerpt">{excerpt(r.summary)}</span>
          </th>
          <td>
            {r.patient ? (
              <span>{r.patient.name}</span>
            ) : (
              <span className="badge badge-warning">{t('assistant.inbox.toIdentify')}</span>
            )}
            {!r.patient && r.candidateCount > 0 && <span className="inbox-sub">{t('assistant.inbox.candidates', { count: r.candidateCount })}</span>}
          </td>
          <td>{channelLabel(t, r.channel)}</td>
          <td className={r.overdue ? 'inbox-overdue' : ''}>
            <time dateTime={r.dueAt}>{formatDateTime(r.dueAt, COMPACT)}</time>
            {r.overdue && <span className="badge badge-overdue">{t('assistant.inbox.overdue')}</span>}
          </td>
          <td>{r.assignee ? r.assignee.name : <span className="muted">{t('assistant.inbox.nobody')}</span>}</td>
          <td><span className={`status status-${r.status}`}>{statusLabel(t, r.status)}</span></td>
        </tr>
      ))}
    </DataTable>
  );
}
