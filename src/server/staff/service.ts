import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { Role } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import type { RequestContext } from '../platform/http/context.js';
import { clock } from '../platform/clock.js';

export interface StaffMember {
  accountId: string;
  email: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  /** Set while the account is locked after too many failed logins. */
  lockedUntil: string | null;
}

function memberQuery(tx: Tx, practiceId: string) {
  return tx
    .selectFrom('memberships as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['a.id as accountId', 'a.email', 'a.display_name', 'm.roles', 'm.active', 'a.totp_enabled_at', 'a.last_login_at', 'a.locked_until'])
    .where('m.practice_id', '=', practiceId);
}

type MemberRow = Awaited<ReturnType<ReturnType<typeof memberQuery>['executeTakeFirstOrThrow']>>;

function toMember(r: MemberRow): StaffMember {
  return {
    accountId: r.accountId,
    email: r.email,
    displayName: r.display_name,
    roles: r.roles,
    active: r.active,
    totpEnabled: r.totp_enabled_at !== null,
    lastLoginAt: r.last_login_at ? r.last_login_at.toISOString() : null,
    lockedUntil: r.locked_until && r.locked_until.getTime() > clock.nowMs() ? r.locked_until.toISOString() : null,
  };
}

/**
 * The practice's active members by name: who may be assigned a patient request or a task, who receives a phone
 * message, who calls back.
 */
export async function activeMembers(tx: Tx, practiceId: string): Promise<{ id: string; name: string; roles: Role[] }[]> {
  const rows = await tx
    .selectFrom('memberships as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['a.id', 'a.display_name', 'm.roles'])
    .where('m.practice_id', '=', practiceId)
    .where('m.active', '=', true)
    .orderBy('a.display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, roles: r.roles as Role[] }));
}

/** The roles of an account in the practice if it is an active member there; undefined otherwise (not a member, or deactivated). */
export async function activeMemberRoles(tx: Tx, practiceId: string, accountId: string): Promise<Role[] | undefined> {
  const m = await tx
    .selectFrom('memberships')
    .select('roles')
    .where('practice_id', '=', practiceId)
    .where('account_id', '=', accountId)
    .where('active', '=', true)
    .executeTakeFirst();
  return m?.roles as Role[] | undefined;
}

export async function listStaff(tx: Tx, ctx: RequestContext): Promise<StaffMember[]> {
  const rows = await memberQuery(tx, ctx.practiceId).orderBy('m.active', 'desc').orderBy('a.display_name').execute();
  return rows.map(toMember);
}

export async function getStaffMember(tx: Tx, practiceId: string, accountId: string): Promise<StaffMember> {
  const row = await memberQuery(tx, practiceId).where('a.id', '=', accountId).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return toMember(row);
}

/**
 * Adds someone to the practice. An e-mail already known to Pivot (a secretary serving another
 * practice) gets a membership in this one; nothing about their other practices is revealed.
 * Returns whether a new account was created (it then needs an invitation to choose a password).
 */
export async function addStaffMember(
  tx: Tx,
  ctx: RequestContext,
  input: { email: string; displayName: string; roles: Role[] },
): Promise<{ member: StaffMember; newAccount: boolean }> {
  const email = input.email.trim().toLowerCase();
  let account = await tx.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirst();
  const newAccount = !account;
  if (!account) {
    account = await tx
      .insertInto('accounts')
      .values({ email, display_name: input.displayName, default_practice_id: ctx.practiceId })
      .returning('id')
      .executeTakeFirstOrThrow();
  }
  const inserted = await tx
    .insertInto('memberships')
    .values({ practice_id: ctx.practiceId, account_id: account.id, roles: uniqueRoles(input.roles) })
    .onConflict((oc) => oc.doNothing())
    .returning('account_id')
    .executeTakeFirst();
  if (!inserted) throw new AppError('email_taken');
  ctx.audit({ action: 'staff.added', resourceType: 'account', resourceId: account.id, details: { roles: input.roles, newAccount } });
  return { member: await getStaffMember(tx, ctx.practiceId, account.id), newAccount };
}

export async function updateStaffMember(
  tx: Tx,
  ctx: RequestContext,
  accountId: string,
  change: { roles?: Role[] | undefined; active?: boolean | undefined },
): Promise<StaffMember> {
  // Lock the practice's memberships first: two admins demoting each other at once are serialised,
  // so the second sees the first's change and the practice cannot end up without an admin.
  await sql`SELECT 1 FROM memberships WHERE practice_id = ${ctx.practiceId} FOR UPDATE`.execute(tx);
  const before = await getStaffMember(tx, ctx.practiceId, accountId);
  const set = {
    ...(change.roles ? { roles: uniqueRoles(change.roles) } : {}),
    ...(change.active !== undefined ? { active: change.active } : {}),
  };
  if (Object.keys(set).length === 0) return before;
  await tx.updateTable('memberships').set(set).where('practice_id', '=', ctx.practiceId).where('account_id', '=', accountId).execute();
  const admins = await tx
    .selectFrom('memberships')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('practice_id', '=', ctx.practiceId)
    .where('active', '=', true)
    .where(sql<boolean>`'admin' = ANY(roles)`)
    .executeTakeFirstOrThrow();
  if (admins.n === 0) throw new AppError('last_admin');
  if (change.active === false) {
    // Their sessions in this practice end now.
    await tx.deleteFrom('sessions').where('account_id', '=', accountId).where('practice_id', '=', ctx.practiceId).execute();
  }
  const after = await getStaffMember(tx, ctx.practiceId, accountId);
  ctx.audit({
    action: change.roles ? 'staff.roles_changed' : 'staff.updated',
    resourceType: 'account',
    resourceId: accountId,
    details: { before: { roles: before.roles, active: before.active }, after: { roles: after.roles, active: after.active } },
  });
  return after;
}

function uniqueRoles(roles: Role[]): Role[] {
  return [...new Set(roles)];
}

/** Lifts a brute-force lock early, once the admin has made sure it was the member who mistyped. */
export async function unlockStaffMember(tx: Tx, ctx: RequestContext, accountId: string): Promise<StaffMember> {
  const before = await getStaffMember(tx, ctx.practiceId, accountId);
  await tx.updateTable('accounts').set({ failed_login_count: 0, locked_until: null }).where('id', '=', accountId).execute();
  ctx.audit({ action: 'staff.unlocked', resourceType: 'account', resourceId: accountId, details: { lockedUntil: before.lockedUntil } });
  return getStaffMember(tx, ctx.practiceId, accountId);
}
