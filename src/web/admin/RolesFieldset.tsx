import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types';

export const ALL_ROLES: Role[] = ['secretary', 'practitioner', 'admin'];

export function RolesFieldset({ value, onChange, idPrefix }: { value: Role[]; onChange: (roles: Role[]) => void; idPrefix: string }) {
  const { t } = useTranslation();
  function toggle(role: Role, checked: boolean) {
    onChange(checked ? ALL_ROLES.filter((r) => r === role || value.includes(r)) : value.filter((r) => r !== role));
  }
  return (
    <fieldset className="fieldset">
      <legend>{t('staff.roles')}</legend>
      {ALL_ROLES.map((role) => (
        <div key={role} className="checkbox">
          <input
            type="checkbox"
            id={`${idPrefix}-${role}`}
            checked={value.includes(role)}
            onChange={(e) => toggle(role, e.target.checked)}
            data-testid={`${idPrefix}-${role}`}
          />
          <label htmlFor={`${idPrefix}-${role}`}>
            {t(`roles.${role}`)} <span className="muted">— {t(`roles.${role}Hint`)}</span>
          </label>
        </div>
      ))}
    </fieldset>
  );
}
