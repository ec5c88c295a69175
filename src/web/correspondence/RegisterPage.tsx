import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { href, useRoute, navigate } from '../router';
import { Alert, LiveMessage } from '../ui/Alert';
import { COMPACT, formatDateTime } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { FILTERS, channelLabel, corrApi, type Filter } from './api';
import { IncomingForms } from './IncomingForms';
import './correspondence.css';
import { DataTable } from '../ui/DataTable';

/** #/courrier — the register, in and out, one list; filters to match / to read / mine / sent. */
export function RegisterPage() {
  const { t } = useTranslation();
  const route = useRoute();
  const filter = (FILTERS as string[]).includes(route.query.get('filtre') ?? '') ? (route.query.get('filtre') as Filter) : 'all';
  const [showForms, setShowForms] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const result = useLoad(() => corrApi.items(filter), [filter]);
  const items = result.data?.items ?? [];
  return (
    <>
      <PageTitle
        title={t('correspondence.register.title')}
        actions={<a className="button button-primary" href={href('/courrier/nouveau')} data-testid="new-letter">{t('correspondence.letter.new')}</a>}
      >
        {t('correspondence.register.title')}
      </PageTitle>
      <div className="button-row" role="group" aria-label={t('correspondence.register.filter')}>
        {FILTERS.map((f) => (
          <button key={f} type="button" className="button button-small" aria-pressed={filter === f} onClick={() => navigate(f === 'all' ? '/courrier' : `/courrier?filtre=${f}`)} data-testid={`filter-${f}`}>
            {t(`correspondence.filter.${f}`)}
          </button>
        ))}
        <button type="button" className="button button-small" aria-expanded={showForms} onClick={() => setShowForms((v) => !v)} data-testid="show-incoming">
          {t('correspondence.register.register')}
        </button>
      </div>
      <LiveMessage message={notice} />
      {showForms && (
        <IncomingForms
          onDone={(outcome) => {
            if ('open' in outcome) return navigate(`/courrier/${outcome.open}`);
            setNotice(t('correspondence.lab.created', { count: outcome.created }));
            result.reload();
          }}
        />
      )}
      {result.error && <Alert tone="error">{result.error.message}</Alert>}
      <p role="status" className="muted result-count">{result.loading ? t('common.loading') : t('correspondence.register.count', { count: items.length })}</p>
      <DataTable className="table table-dense" testId="register" columns={[t('correspondence.col.date'), t('correspondence.col.subject'), t('correspondence.col.from'), t('correspondence.col.patient'), t('correspondence.col.reader'), t('correspondence.col.status')]}>
        {items.map((i) => (
          <tr key={i.id} data-testid="register-row" data-status={i.status}>
            <td className="nowrap">{formatDateTime(i.sentAt ?? i.receivedAt, COMPACT)}</td>
            <td>
              <a href={href(`/courrier/${i.id}`)}>{i.subject}</a>{' '}
              {i.abnormal && <span className="badge badge-warning">{t('correspondence.abnormal')}</span>}
              <div className="muted">{t(`correspondence.direction.${i.direction}`)} · {channelLabel(t, i)} · {t(`correspondence.type.${i.type}`)}</div>
            </td>
            <td>{i.direction === 'in' ? i.sender.correspondent?.name ?? i.sender.label ?? t('correspondence.unknownSender') : i.recipient.correspondent?.name}</td>
            <td>{i.patient?.name ?? <span className="muted">{t('correspondence.noPatient')}</span>}</td>
            <td>{i.reader?.name ?? '—'}</td>
            <td><span className={`badge corr-status-${i.status}`}>{t(`correspondence.status.${i.status}`)}</span></td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
