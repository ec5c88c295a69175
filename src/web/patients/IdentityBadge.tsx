import { useTranslation } from 'react-i18next';
import type { IdentityStatus } from '../api/types';

const TONE: Record<IdentityStatus, string> = {
  provisoire: 'badge-warning',
  recuperee: 'badge-neutral',
  validee: 'badge-accent',
  qualifiee: 'badge-success',
};

export function IdentityBadge({ status }: { status: IdentityStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${TONE[status] ?? 'badge-neutral'}`} title={t(`identity.${status}Hint`)} data-testid="identity-status">
      {t(`identity.${status}`)}
    </span>
  );
}
