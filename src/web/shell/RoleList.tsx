import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types';

export function roleLabelKey(role: Role): string {
  return `roles.${role}`;
}

export function RoleList({ roles }: { roles: Role[] }) {
  const { t } = useTranslation();
  if (roles.length === 0) return <span className="muted">{t('roles.none')}</span>;
  return <span>{roles.map((role) => t(roleLabelKey(role))).join(', ')}</span>;
}
