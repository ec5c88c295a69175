import type { Db, Tx } from '../platform/db/database.js';
import { hashToken, newToken } from '../auth/index.js';
import { serviceDateOf } from './days.js';
import { averageWaitMinutes, boardLabel, sortQueue } from './rules.js';
import type { BoardDisplay } from './schema.js';
import { receptionSettings } from './settings.service.js';
import { clock } from '../platform/clock.js';

/** A new secret board link (the previous one stops working). The token is shown once; only its hash is kept. */
export async function createBoardLink(tx: Tx, practiceId: string): Promise<{ token: string; path: string }> {
  const { token, hash } = newToken(24);
  const now = clock.now();
  await tx
    .insertInto('reception_settings')
    .values({ practice_id: practiceId, board_token_hash: hash, board_token_created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('practice_id').doUpdateSet({ board_token_hash: hash, board_token_created_at: now, updated_at: now }))
    .execute();
  return { token, path: `/#/salle-attente/${token}` };
}

export async function revokeBoardLink(tx: Tx, practiceId: string): Promise<void> {
  await tx.updateTable('reception_settings').set({ board_token_hash: null, board_token_created_at: null, updated_at: clock.now() }).where('practice_id', '=', practiceId).execute();
}

/** The practice of a board token, or undefined (unknown or revoked token). */
export async function practiceForBoardToken(db: Db | Tx, token: string): Promise<string | undefined> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
  const r = await db.selectFrom('reception_settings').select('practice_id').where('board_token_hash', '=', hashToken(token)).executeTakeFirst();
  return r?.practice_id;
}

// ---------- the board ----------

export interface BoardView {
  practiceName: string;
  display: BoardDisplay;
  averageWaitMinutes: number | null;
  waiting: { label: string }[];
  calls: { id: string; label: string; to: string; at: string; count: number }[];
  now: string;
}

/** The waiting-room board: tickets (or initials) only, never names; calls of the last 15 minutes first. */
export async function boardView(db: Db | Tx, practiceId: string, now = clock.now()): Promise<BoardView> {
  const practice = await db.selectFrom('practices').select(['name', 'timezone']).where('id', '=', practiceId).executeTakeFirstOrThrow();
  const settings = await receptionSettings(db, practiceId);
  const date = serviceDateOf(now, practice.timezone);
  const visits = await db
    .selectFrom('reception_visits as v')
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'v.patient_id').onRef('p.practice_id', '=', 'v.practice_id'))
    .leftJoin('appointments as a', (j) => j.onRef('a.id', '=', 'v.appointment_id').onRef('a.practice_id', '=', 'v.practice_id'))
    .select(['v.id', 'v.status', 'v.urgent', 'v.ticket_number', 'v.arrived_at', 'v.called_at', 'v.called_to', 'v.call_count', 'v.started_at', 'a.starts_at', 'p.first_name', 'p.birth_name', 'p.used_name'])
    .where('v.practice_id', '=', practiceId)
    .where('v.service_date', '=', date)
    .execute();
  const label = (v: (typeof visits)[number]) => boardLabel(settings.boardDisplay, v.ticket_number, v.first_name, v.used_name ?? v.birth_name);
  const waiting = sortQueue(visits.filter((v) => v.status === 'waiting').map((v) => ({ id: v.id, urgent: v.urgent, arrivedAt: new Date(v.arrived_at), scheduledStart: v.starts_at ? new Date(v.starts_at) : null, ticketNumber: v.ticket_number, v })));
  const calls = visits
    .filter((v) => v.status === 'called' && v.called_at && now.getTime() - new Date(v.called_at).getTime() < 15 * 60_000)
    .sort((a, b) => new Date(b.called_at!).getTime() - new Date(a.called_at!).getTime())
    .slice(0, 6);
  return {
    practiceName: practice.name,
    display: settings.boardDisplay,
    averageWaitMinutes: settings.boardShowAverageWait ? averageWaitMinutes(visits.map((v) => ({ arrivedAt: new Date(v.arrived_at), calledAt: v.called_at ? new Date(v.called_at) : null, startedAt: v.started_at ? new Date(v.started_at) : null }))) : null,
    // The board shows the order only: never a name, nor who is urgent or why.
    waiting: waiting.map((w) => ({ label: label(w.v) })),
    calls: calls.map((v) => ({ id: v.id, label: label(v), to: v.called_to ?? '', at: new Date(v.called_at!).toISOString(), count: v.call_count })),
    now: now.toISOString(),
  };
}
