import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api/types';
import { COMPACT, formatDateTime, formatIdentity } from '../ui/format';
import { href } from '../router';
import { DataTable } from '../ui/DataTable';

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  // Readable labels for secretaries; the technical code stays visible below for support and filters.
  const actionLabels = t('auditActions', { returnObjects: true }) as Record<string, string>;
  const resourceLabels = t('auditView.resource', { returnObjects: true }) as Record<string, string>;
  return (
    <DataTable className="table table-dense" testId="audit-table" caption={t('audit.tableCaption')} columns={[t('audit.col.date'), t('audit.col.account'), t('audit.col.action'), t('audit.col.resource'), t('audit.col.ip'), t('audit.col.reason'), t('audit.col.details')]}>
      {entries.length === 0 && (
        <tr>
          <td colSpan={7} className="empty">{t('audit.empty')}</td>
        </tr>
      )}
      {entries.map((entry) => (
        <tr key={entry.id} data-testid="audit-row">
          <td className="nowrap">
            <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, COMPACT)}</time>
          </td>
          <td>{entry.accountEmail ?? <span className="muted">{t('audit.system')}</span>}</td>
          <td>
            <span data-testid="audit-action">{actionLabels[entry.action] ?? t('auditView.otherAction')}</span>
            <br />
            <code className="muted small">{entry.action}</code>
          </td>
          <td>
            {entry.patient ? (
              // The patient by the identity rule, linked to the file; the raw id stays for support, in the tooltip.
              <a href={href(`/patients/${encodeURIComponent(entry.patient.id)}`)} title={entry.resourceId ?? undefined} data-testid="audit-patient"
                aria-label={t('auditView.patientLink', { name: formatIdentity(entry.patient) })}>
                {formatIdentity(entry.patient)}
              </a>
            ) : entry.resourceType ? (
              <span title={entry.resourceId ?? undefined}>{resourceLabels[entry.resourceType] ?? entry.resourceType}</span>
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
    </DataTable>
  );
}
