import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { AuditVerifyResult } from '../api/types';
import { Alert } from '../ui/Alert';
import { useFormAction } from '../ui/useFormAction';

/** Checks the integrity of the hash-chained audit log and shows the server's verdict. */
export function VerifyChain() {
  const { t } = useTranslation();
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const { error, busy, run } = useFormAction();

  async function verify() {
    setResult(null);
    await run(async () => {
      setResult(await api.auditVerify());
    });
  }

  return (
    <div className="verify">
      <button type="button" className="button" onClick={verify} disabled={busy} data-testid="audit-verify">
        {busy ? t('audit.verifying') : t('audit.verify')}
      </button>
      <div data-testid="audit-verify-result">
        {error && <Alert tone="error">{error}</Alert>}
        {result && (
          <Alert tone={result.ok ? 'success' : 'error'}>
            <strong>{result.ok ? t('audit.verifyOk') : t('audit.verifyBroken')}</strong>{' '}
            {result.message || t('audit.verifyChecked', { count: result.checked })}
            {result.firstBrokenId && <> — {t('audit.firstBroken', { id: result.firstBrokenId })}</>}
            {result.problems.length > 1 && (
              <ul data-testid="audit-verify-problems">
                {result.problems.map((p, i) => <li key={i}>{p.message}</li>)}
              </ul>
            )}
          </Alert>
        )}
        {result && result.warnings.length > 0 && (
          <Alert tone="warning">
            <ul>{result.warnings.map((w, i) => <li key={i}>{w.message}</li>)}</ul>
          </Alert>
        )}
      </div>
    </div>
  );
}
