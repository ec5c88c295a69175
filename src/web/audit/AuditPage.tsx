import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type AuditFilters as ApiFilters } from '../api/client';
import type { AuditEntry } from '../api/types';
import { Alert } from '../ui/Alert';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { AuditFilters, EMPTY_FILTERS, type AuditFilterValues } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { VerifyChain } from './VerifyChain';

const PAGE_SIZE = 50;

/** Date inputs give local days; the API wants instants. */
function toApiFilters(values: AuditFilterValues): ApiFilters {
  const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);
  const dayEnd = (day: string) => (day ? new Date(`${day}T23:59:59.999`).toISOString() : undefined);
  return {
    action: values.action.trim() || undefined,
    accountId: values.accountId || undefined,
    resourceType: values.resourceType.trim() || undefined,
    resourceId: values.resourceId.trim() || undefined,
    from: dayStart(values.from),
    to: dayEnd(values.to),
  };
}

export function AuditPage() {
  const { t } = useTranslation();
  const staff = useLoad(() => api.staff(), []);
  const [filters, setFilters] = useState<AuditFilterValues>(EMPTY_FILTERS);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const apiFilters = toApiFilters(filters);

  async function load(before: string | null) {
    setLoading(true);
    setError(null);
    try {
      const page = await api.audit({ ...apiFilters, limit: PAGE_SIZE, before });
      setEntries((current) => (before ? [...current, ...page.entries] : page.entries));
      setNextBefore(page.nextBefore);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unexpectedShort'));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    setEntries([]);
    void load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters]);

  return (
    <>
      <PageTitle
        title={t('audit.title')}
        actions={
          <a className="button" href={api.auditExportUrl(apiFilters)} download data-testid="audit-export">
            {t('audit.export')}
          </a>
        }
      >
        {t('audit.title')}
      </PageTitle>
      <p className="muted">{t('audit.intro')}</p>
      <VerifyChain />
      <AuditFilters initial={filters} members={staff.data?.members ?? []} onApply={setFilters} />
      {error && <Alert tone="error">{error}</Alert>}
      <p role="status" className="muted result-count">
        {loading ? t('common.loading') : t('audit.count', { count: entries.length })}
      </p>
      {(entries.length > 0 || !loading) && <AuditTable entries={entries} />}
      {nextBefore && (
        <div className="button-row">
          <button type="button" className="button" onClick={() => void load(nextBefore)} disabled={loading} data-testid="audit-more">
            {t('audit.more')}
          </button>
        </div>
      )}
    </>
  );
}
