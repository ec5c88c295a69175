import { useTranslation } from 'react-i18next';
import type { IdentityStatus, PatientSummary } from '../api/types';

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

/** Doubtful / fictitious / homonym: warnings that must catch the eye wherever the patient appears. */
export function AttributeBadges({ attributes }: { attributes: PatientSummary['attributes'] }) {
  const { t } = useTranslation();
  if (!attributes) return null;
  const on = (['doubtful', 'fictitious', 'homonym'] as const).filter((key) => attributes[key]);
  return (
    <>
      {on.map((key) => (
        <span key={key} className="badge badge-danger" data-testid={`attribute-${key}`} title={t(`patients.attributes.${key}Hint`)}>
          <span aria-hidden="true">⚠ </span>
          {t(`patients.attributes.${key}`)}
        </span>
      ))}
    </>
  );
}
