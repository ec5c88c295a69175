import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { bearer, useTestPivot } from '../../../tests/helpers.js';
import { clock } from '../platform/clock.js';
import { identityName } from '../platform/identity-display.js';

const t = useTestPivot({ admin: 'admin@demo.pivot', secretary: 'secretaire@demo.pivot' });

const get = (url: string, token: string) => t.pivot.app.inject({ method: 'GET', url, headers: bearer(token) });

describe('audit log', () => {
  it('records a patient read with who, practice, record, when and from where', async () => {
    const list = (await get('/api/patients?limit=1', t.secretary)).json();
    const id = list.patients[0].id;
    await get(`/api/patients/${id}`, t.secretary);
    const entries = (await get(`/api/audit?resourceType=patient&resourceId=${id}`, t.admin)).json().entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'patient.read', accountEmail: 'secretaire@demo.pivot', resourceId: id, ip: '127.0.0.1' });
    expect(clock.nowMs() - new Date(entries[0].occurredAt).getTime()).toBeLessThan(60_000);
  });

  it('names the patient an entry is about (birth name in capitals, used name, first name), and audits that read', async () => {
    const row = await t.pivot.database.db.selectFrom('patients').select(['id', 'birth_name', 'used_name', 'first_name', 'practice_id'])
      .where('used_name', 'is not', null).orderBy('birth_name').executeTakeFirstOrThrow();
    const practice = await t.pivot.database.db.selectFrom('practices').select('slug').where('id', '=', row.practice_id).executeTakeFirstOrThrow();
    expect(practice.slug).toBe('maison-de-sante-des-tilleuls');
    await get(`/api/patients/${row.id}`, t.secretary);
    const entries = (await get(`/api/audit?resourceType=patient&resourceId=${row.id}`, t.admin)).json().entries;
    expect(entries[0].patient).toEqual({
      id: row.id, birthName: row.birth_name, usedName: row.used_name, firstName: row.first_name,
      name: identityName({ birthName: row.birth_name, usedName: row.used_name, firstName: row.first_name }),
    });
    expect(entries[0].patient.name.startsWith(row.birth_name.toUpperCase())).toBe(true);
    // The log read is itself logged with the patients whose names it showed.
    const read = await t.pivot.database.db.selectFrom('audit_log').select(['details']).where('action', '=', 'audit.read').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect((read.details as { patientsShown?: string[] }).patientsShown).toEqual([row.id]);
  });

  it('records a failed read of nothing: a refused request writes no entry and changes nothing', async () => {
    const before = await t.pivot.database.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const res = await t.pivot.app.inject({ method: 'POST', url: '/api/patients', headers: bearer(t.secretary), payload: { birthName: 'X', firstName: 'Y', birthDate: '1850-01-01', sex: 'F' } });
    expect(res.statusCode).toBe(400);
    const after = await t.pivot.database.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('shows an admin the entries of the current practice only, with filters and cursor pagination', async () => {
    const moreau = await t.pivot.login('moreau@demo.pivot');
    await get('/api/patients?limit=2', moreau);
    const mine = (await get('/api/audit?limit=500', t.admin)).json().entries as { accountEmail: string | null }[];
    expect(mine.some((e) => e.accountEmail === 'moreau@demo.pivot')).toBe(false);
    const page1 = (await get('/api/audit?limit=2', t.admin)).json();
    expect(page1.entries).toHaveLength(2);
    const page2 = (await get(`/api/audit?limit=2&before=${page1.nextBefore}`, t.admin)).json();
    expect(BigInt(page2.entries[0].id)).toBeLessThan(BigInt(page1.entries[1].id));
    const logins = (await get('/api/audit?action=auth.login&limit=500', t.admin)).json().entries as { action: string }[];
    expect(logins.length).toBeGreaterThan(0);
    expect(logins.every((e) => e.action.startsWith('auth.login'))).toBe(true);
  });

  it('exports CSV (BOM for Excel, quoted cells) and records the export', async () => {
    const res = await get('/api/audit/export.csv?action=patient', t.admin);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id;date;compte;action;type;element;ip;motif;details');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => /^"\d+";"\d{4}-/.test(l))).toBe(true);
    const last = (await get('/api/audit?limit=1', t.admin)).json().entries[0];
    expect(last.action).toBe('audit.exported');
  });

  it('refuses updates and deletes in the database itself, sealed or not', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)`.execute(t.pivot.database.db)).rejects.toThrow(/append-only/);
    // Sealing is the only change allowed, and only with the content untouched.
    await t.pivot.database.db.transaction().execute(async (tx) => {
      await tx.insertInto('audit_log').values({ occurred_at: clock.now(), account_id: null, practice_id: null, action: 'test.unsealed', resource_type: null, resource_id: null, ip: null, reason: null, details: null, chain_seq: null, prev_hash: null, hash: null }).execute();
    });
    await expect(sql`UPDATE audit_log SET chain_seq = 999999, prev_hash = 'x', hash = 'y', action = 'forged' WHERE action = 'test.unsealed'`.execute(t.pivot.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE audit_log SET hash = 'y' WHERE chain_seq IS NOT NULL AND id = (SELECT max(id) FROM audit_log WHERE chain_seq IS NOT NULL)`.execute(t.pivot.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.pivot.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.pivot.database.db)).rejects.toThrow(/append-only|referenced in a foreign key/);
    await expect(sql`TRUNCATE audit_log CASCADE`.execute(t.pivot.database.db)).rejects.toThrow(/append-only/);
  });

  it('keeps one unbroken chain under 60 concurrent audited requests', async () => {
    const ids = (await get('/api/patients?limit=20', t.secretary)).json().patients.map((p: { id: string }) => p.id);
    const codes = await Promise.all(Array.from({ length: 60 }, (_, i) => get(`/api/patients/${ids[i % ids.length]}`, i % 2 ? t.secretary : t.admin).then((r) => r.statusCode)));
    expect(codes.every((c) => c === 200)).toBe(true);
    expect(await t.pivot.audit.verify()).toMatchObject({ ok: true, firstBrokenId: null, problems: [] });
  });

  it('detects tampering done behind its back, and the admin page says where', async () => {
    expect((await get('/api/audit/verify', t.admin)).json()).toMatchObject({ ok: true, firstBrokenId: null });
    const victim = await t.pivot.database.db.selectFrom('audit_log').select('id').where('action', '=', 'patient.read').where('chain_seq', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    // An attacker with database superuser rights can disable the trigger; the chain still tells.
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t.pivot.database.db);
    await sql`UPDATE audit_log SET resource_id = 'someone-else' WHERE id = ${victim.id}::bigint`.execute(t.pivot.database.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(t.pivot.database.db);
    const report = (await get('/api/audit/verify', t.admin)).json();
    expect(report).toMatchObject({ ok: false, firstBrokenId: victim.id });
    expect(report.message).toContain(`rompue à l’entrée ${victim.id}`);
  });
});
