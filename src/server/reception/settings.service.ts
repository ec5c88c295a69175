import type { Db, Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { BoardDisplay } from './schema.js';
import { clock } from '../platform/clock.js';
import { RECEPTION_MESSAGES as M } from './error-messages.js';

export interface ReceptionSettings {
  lateGraceMinutes: number;
  noShowGraceMinutes: number;
  boardDisplay: BoardDisplay;
  boardShowAverageWait: boolean;
  boardLinkActive: boolean;
  boardLinkCreatedAt: string | null;
}

export const DEFAULT_RECEPTION_SETTINGS = { lateGraceMinutes: 10, noShowGraceMinutes: 30, boardDisplay: 'ticket' as BoardDisplay, boardShowAverageWait: false };

export async function receptionSettings(db: Db | Tx, practiceId: string): Promise<ReceptionSettings> {
  const r = await db.selectFrom('reception_settings').selectAll().where('practice_id', '=', practiceId).executeTakeFirst();
  if (!r) return { ...DEFAULT_RECEPTION_SETTINGS, boardLinkActive: false, boardLinkCreatedAt: null };
  return {
    lateGraceMinutes: r.late_grace_minutes,
    noShowGraceMinutes: r.no_show_grace_minutes,
    boardDisplay: r.board_display,
    boardShowAverageWait: r.board_show_average_wait,
    boardLinkActive: r.board_token_hash !== null,
    boardLinkCreatedAt: r.board_token_created_at ? new Date(r.board_token_created_at).toISOString() : null,
  };
}

export async function saveReceptionSettings(tx: Tx, practiceId: string, s: Omit<ReceptionSettings, 'boardLinkActive' | 'boardLinkCreatedAt'>): Promise<ReceptionSettings> {
  if (s.noShowGraceMinutes <= s.lateGraceMinutes) {
    throw new AppError('validation_failed', [{ field: 'noShowGraceMinutes', message: M.noShowAfterLate }], {
      fr: 'Le délai avant de proposer « absent » doit être plus long que le délai avant « en retard ».',
      en: 'The no-show delay must be longer than the late delay.',
    });
  }
  const values = {
    late_grace_minutes: s.lateGraceMinutes,
    no_show_grace_minutes: s.noShowGraceMinutes,
    board_display: s.boardDisplay,
    board_show_average_wait: s.boardShowAverageWait,
    updated_at: clock.now(),
  };
  await tx.insertInto('reception_settings').values({ practice_id: practiceId, ...values }).onConflict((oc) => oc.column('practice_id').doUpdateSet(values)).execute();
  return receptionSettings(tx, practiceId);
}
