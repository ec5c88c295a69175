import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { StaffMember } from '../api/types';
import { useMe } from '../auth/session';
import { RoleList } from '../shell/RoleList';
import { Alert, LiveMessage } from '../ui/Alert';
import { formatDateTime, COMPACT } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { EditMemberDialog } from './EditMemberDialog';
import { InviteDialog } from './InviteDialog';
import { DataTable } from '../ui/DataTable';

export function StaffPage() {
  const { t } = useTranslation();
  const me = useMe();
  const staff = useLoad(() => api.staff(), []);
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<StaffMember | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const members = staff.data?.members ?? [];

  function upsert(member: StaffMember) {
    const others = members.filter((m) => m.accountId !== member.accountId);
    const exists = others.length !== members.length;
    staff.setData({ members: exists ? members.map((m) => (m.accountId === member.accountId ? member : m)) : [...others, member] });
  }

  return (
    <>
      <PageTitle
        title={t('staff.title')}
        actions={
          <button type="button" className="button button-primary" onClick={() => { setNotice(null); setInviting(true); }} data-testid="invite-open">
            {t('staff.invite')}
          </button>
        }
      >
        {t('staff.title')}
      </PageTitle>
      <p className="muted">{t('staff.intro', { practice: me.practice.name })}</p>
      <LiveMessage message={notice} />
      {staff.error && <Alert tone="error">{staff.error.message}</Alert>}
      {staff.loading && !staff.data ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <DataTable testId="staff-table" caption={t('staff.tableCaption')} columns={[t('staff.displayName'), t('staff.email'), t('staff.roles'), t('staff.status'), t('staff.twoFactor'), t('staff.lastLogin'), { label: t('common.actions'), hidden: true }]}>
          {members.map((member) => (
            <tr key={member.accountId} data-testid="staff-row" className={member.active ? '' : 'row-muted'}>
              <th scope="row">
                {member.displayName}
                {member.accountId === me.account.id && <span className="muted"> {t('staff.you')}</span>}
              </th>
              <td>{member.email}</td>
              <td><RoleList roles={member.roles} /></td>
              <td>
                <span className={`badge ${member.active ? 'badge-success' : 'badge-neutral'}`}>
                  {member.active ? t('staff.active') : t('staff.inactive')}
                </span>
                {member.lockedUntil && (
                  <div className="stack-tight">
                    <span className="badge badge-warning" data-testid="staff-locked">
                      {t('staff.lockedUntil', { time: formatDateTime(member.lockedUntil, COMPACT) })}
                    </span>
                    <button
                      type="button"
                      className="button button-small"
                      data-testid={`unlock-${member.email}`}
                      onClick={async () => {
                        const { member: unlocked } = await api.unlockStaff(member.accountId);
                        upsert(unlocked);
                        setNotice(t('staff.unlocked', { name: unlocked.displayName || unlocked.email }));
                      }}
                    >
                      {t('staff.unlock')}
                    </button>
                  </div>
                )}
              </td>
              <td>{member.totpEnabled ? t('totp.on') : t('totp.off')}</td>
              <td>{member.lastLoginAt ? formatDateTime(member.lastLoginAt, COMPACT) : <span className="muted">{t('staff.never')}</span>}</td>
              <td>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => { setNotice(null); setEditing(member); }}
                  aria-label={t('staff.editLabel', { name: member.displayName || member.email })}
                  data-testid={`edit-member-${member.email}`}
                >
                  {t('common.edit')}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <InviteDialog
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={(member) => {
          upsert(member);
          setInviting(false);
          setNotice(t('staff.invited', { email: member.email }));
        }}
      />
      <EditMemberDialog
        member={editing}
        onClose={() => setEditing(null)}
        onSaved={(member) => {
          upsert(member);
          setEditing(null);
          setNotice(t('staff.saved', { name: member.displayName || member.email }));
        }}
      />
    </>
  );
}
