import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Role, StaffMember } from '../api/types';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { RolesFieldset } from './RolesFieldset';
import { useFormAction } from '../ui/useFormAction';
import { FormActions } from '../ui/FormActions';

interface Props {
  open: boolean;
  onClose: () => void;
  onInvited: (member: StaffMember) => void;
}

export function InviteDialog({ open, onClose, onInvited }: Props) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('staff.inviteTitle')} onClose={onClose} testId="invite-dialog">
      <InviteForm onClose={onClose} onInvited={onInvited} />
    </Dialog>
  );
}

function InviteForm({ onClose, onInvited }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<Role[]>(['secretary']);
  const { error, setError, busy, run } = useFormAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (roles.length === 0) return setError(t('staff.rolesRequired'));
    await run(async () => {
      const { member } = await api.inviteStaff({ email: email.trim(), displayName: displayName.trim(), roles });
      onInvited(member);
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <p className="muted">{t('staff.inviteIntro')}</p>
      <Field label={t('staff.displayName')} autoComplete="off" required value={displayName} onChange={(e) => setDisplayName(e.target.value)} testId="invite-name" />
      <Field label={t('staff.email')} type="email" autoComplete="off" required value={email} onChange={(e) => setEmail(e.target.value)} testId="invite-email" />
      <RolesFieldset value={roles} onChange={setRoles} idPrefix="invite-role" />
      <FormActions error={error} busy={busy} submitLabel={t('staff.inviteSubmit')} submitTestId="invite-submit" onCancel={onClose} />
    </form>
  );
}
