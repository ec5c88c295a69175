import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api/types';
import { formatDateTime } from '../ui/format';

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  // Readable labels for secretaries; the technical code stays visible below for support and filters.
  const actionLabels = t('auditActions', { returnObjects: true }) as Record<string, string>;
  return (
    <div className="table-wrap">
      <table className="table table-dense" data-testid="audit-table">
        <caption className="visually-hidden">{t('audit.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.col.date')}</th>
            <th scope="col">{t('audit.col.account')}</th>
            <th scope="col">{t('audit.col.action')}</th>
            <th scope="col">{t('audit.col.resource')}</th>
            <th scope="col">{t('audit.col.ip')}</th>
            <th scope="col">{t('audit.col.reason')}</th>
            <th scope="col">{t('audit.col.details')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 && (
            <tr>
              <td colSpan={7} className="empty">{t('audit.empty')}</td>
            </tr>
          )}
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-row">
              <td className="nowrap">
                <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
              </td>
              <td>{entry.accountEmail ?? <span className="muted">{t('audit.system')}</span>}</td>
              <td>
                {actionLabels[entry.action] ?? entry.action}
                {actionLabels[entry.action] && (
                  <>
                    <br />
                    <code className="muted">{entry.action}</code>
                  </>
                )}
              </td>
              <td>
                {entry.resourceType ? (
                  <>
                    {entry.resourceType}
                    {entry.resourceId && <span className="muted mono"> {entry.resourceId}</span>}
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="mono">{entry.ip ?? ''}</td>
              <td>{entry.reason ?? ''}</td>
              <td>
                {entry.details && Object.keys(entry.details).length > 0 ? (
                  <details>
                    <summary>{t('audit.showDetails')}</summary>
                    <pre className="json">{JSON.stringify(entry.details, null, 2)}</pre>
                  </details>
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
