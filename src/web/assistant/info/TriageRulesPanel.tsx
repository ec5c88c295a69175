import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Alert } from '../../ui/Alert';
import { useLoad } from '../../ui/useLoad';
import { formatNumber } from '../../ui/format';
import { DataTable } from '../../ui/DataTable';

/** The clinical catalogue the assistant triages with, with its sources: the practice's doctors must validate it. */
export function TriageRulesPanel() {
  const { t } = useTranslation();
  const rules = useLoad(() => api.triageRules(), []);
  return (
    <section className="card" aria-labelledby="triage-rules-title" data-testid="triage-rules">
      <h2 id="triage-rules-title">{t('assistant.rules.title')}</h2>
      <div className="alert alert-warning" role="note" data-testid="triage-rules-validate">
        <p><strong>{t('assistant.rules.mustValidate')}</strong></p>
        <p>{t('assistant.rules.howItWorks')}</p>
      </div>
      {rules.error && <Alert tone="error">{rules.error.message}</Alert>}
      {rules.data && (
        <>
          <p className="muted">{t('assistant.rules.model', { trained: formatNumber(rules.data.model.trainedOn), threshold: Math.round(rules.data.model.threshold * 100) })}</p>
          <DataTable wrap={false} columns={[t('assistant.rules.entry'), t('assistant.rules.source')]}>
            {rules.data.entries.map((e) => (
              <tr key={e.id} data-testid="triage-rule">
                <th scope="row">{e.label}</th>
                <td className="muted">{e.source}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
