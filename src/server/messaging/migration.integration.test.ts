import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../../../tests/helpers.js';
import { listMigrations, migrate } from '../platform/db/migrate.js';

/**
 * Migration 0130 keeps the data of the three former outboxes: a database migrated up to 0129 is filled the old
 * way (SMS replies in `sms_outbox`, staff mail in `mail_outbox`, a pending `agenda.send` job), then 0130 runs.
 */
let pool: pg.Pool;
let dir: string;
let drop: () => Promise<void>;

/** A migrations folder holding the migrations whose number passes `keep`. */
function folder(keep: (n: number) => boolean): string {
  const root = path.join(dir, crypto.randomBytes(3).toString('hex'), 'migrations');
  fs.mkdirSync(root, { recursive: true });
  for (const m of listMigrations()) if (keep(Number(m.name.slice(0, 4)))) fs.copyFileSync(m.file, path.join(root, m.name));
  return path.dirname(root);
}

beforeAll(async () => {
  ({ pool, dir, drop } = await createEmptyDatabase('mig'));
  await migrate(pool, folder((n) => n < 130));
}, 120_000);

afterAll(async () => {
  await drop?.();
});

describe('migration 0130: one outbox', () => {
  it('moves the SMS and mail outboxes (same ids, read back through views) and renames pending send jobs', async () => {
    const q = (text: string, values: unknown[] = []) => pool.query(text, values);
    const practice = (await q(`INSERT INTO practices (name, slug) VALUES ('Cabinet', 'cabinet-mig') RETURNING id`)).rows[0].id as string;
    const account = (await q(`INSERT INTO accounts (email, display_name) VALUES ('nadia@example.fr', 'Nadia') RETURNING id`)).rows[0].id as string;
    const conversation = (await q(`INSERT INTO conversations (practice_id, channel, external_address) VALUES ($1, 'sms', '+33612345678') RETURNING id`, [practice])).rows[0].id as string;
    const sent = (await q(`INSERT INTO sms_outbox (practice_id, conversation_id, to_number, body, provider, status, sent_at) VALUES ($1, $2, '+33612345678', 'Réponse simulée', 'simulator', 'simulated', now()) RETURNING id`, [practice, conversation])).rows[0].id as string;
    const stuck = (await q(`INSERT INTO sms_outbox (practice_id, to_number, body, provider, status) VALUES ($1, '+33612345679', 'Jamais partie', 'http', 'queued') RETURNING id`, [practice])).rows[0].id as string;
    const mail = (await q(`INSERT INTO mail_outbox (account_id, recipient, subject, body_text, delivered) VALUES ($1, 'nadia@example.fr', 'Invitation', 'Lien', false) RETURNING id`, [account])).rows[0].id as string;
    const job = (await q(
      `INSERT INTO jobs (practice_id, kind, payload, dedupe_key) VALUES ($1, 'agenda.send', $2, 'send:test:pending') RETURNING id`,
      [practice, JSON.stringify({ practiceId: practice, key: 'msg:test:pending', kind: 'reminder', channel: 'email', to: 'p@example.org', subject: 'Rappel', text: 'Demain' })],
    )).rows[0].id as string;

    expect(await migrate(pool, folder((n) => n >= 130 && n < 135))).toContain('0130_messaging_outbox.sql');

    const rows = (await q(`SELECT id, kind, channel, status, body, error, account_id, conversation_id, practice_id FROM outgoing_messages ORDER BY created_at`)).rows;
    expect(rows.find((r) => r.id === sent)).toMatchObject({ kind: 'assistant_reply', channel: 'sms', status: 'simulated', body: 'Réponse simulée', conversation_id: conversation });
    expect(rows.find((r) => r.id === stuck)).toMatchObject({ status: 'failed', body: 'Jamais partie' });
    expect(rows.find((r) => r.id === mail)).toMatchObject({ kind: 'staff', channel: 'email', status: 'simulated', account_id: account, practice_id: null, body: 'Lien' });
    expect((await q(`SELECT kind FROM jobs WHERE id = $1`, [job])).rows[0].kind).toBe('messaging.send');
    // The old names still read the same columns.
    expect((await q(`SELECT to_number, body, status, provider FROM sms_outbox WHERE id = $1`, [sent])).rows[0]).toEqual({ to_number: '+33612345678', body: 'Réponse simulée', status: 'simulated', provider: 'simulator' });
    expect((await q(`SELECT recipient, subject, body_text, delivered FROM mail_outbox WHERE id = $1`, [mail])).rows[0]).toEqual({ recipient: 'nadia@example.fr', subject: 'Invitation', body_text: 'Lien', delivered: false });
    // A patient message without a practice is refused; staff mail may have none.
    await expect(q(`INSERT INTO outgoing_messages (dedupe_key, kind, channel, recipient, updated_at) VALUES ('x', 'reminder', 'sms', '+33600000000', now())`)).rejects.toThrow(/outgoing_messages_practice_check/);
  });
});
