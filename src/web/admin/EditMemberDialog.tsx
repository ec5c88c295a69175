import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Role, StaffMember } from '../api/types';
import { Dialog } from '../ui/Dialog';
import { RolesFieldset } from './RolesFieldset';
import { useFormAction } from '../ui/useFormAction';
import { FormActions } from '../ui/FormActions';

interface Props {
  member: StaffMember | null;
  onClose: () => void;
  onSaved: (member: StaffMember) => void;
}

export function EditMemberDialog({ member, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={member !== null}
      title={member ? t('staff.editTitle', { name: member.displayName || member.email }) : ''}
      onClose={onClose}
      testId="edit-member-dialog"
    >
      {member && <EditForm key={member.accountId} member={member} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function EditForm({ member, onClose, onSaved }: { member: StaffMember; onClose: () => void; onSaved: (m: StaffMember) => void }) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[]>(member.roles);
  const [active, setActive] = useState(member.active);
  const { error, setError, busy, run } = useFormAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (roles.length === 0) return setError(t('staff.rolesRequired'));
    await run(async () => {
      const changes: { roles?: Role[]; active?: boolean } = {};
      if ([...roles].sort().join() !== [...member.roles].sort().join()) changes.roles = roles;
      if (active !== member.active) changes.active = active;
      const { member: saved } = Object.keys(changes).length ? await api.updateStaff(member.accountId, changes) : { member };
      onSaved(saved);
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <p className="muted">{member.email}</p>
      <RolesFieldset value={roles} onChange={setRoles} idPrefix="edit-role" />
      <div className="checkbox">
        <input type="checkbox" id="edit-active" checked={active} onChange={(e) => setActive(e.target.checked)} data-testid="edit-active" />
        <label htmlFor="edit-active">
          {t('staff.activeLabel')} <span className="muted">— {t('staff.activeHint')}</span>
        </label>
      </div>
      <FormActions error={error} busy={busy} submitLabel={t('common.save')} submitTestId="edit-submit" onCancel={onClose} />
    </form>
  );
}
