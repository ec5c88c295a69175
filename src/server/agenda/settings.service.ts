import type { Tx } from '../platform/db/database.js';
import { clock } from '../platform/clock.js';
import type { NotificationSettings } from './notifications.js';

/** The practice's agenda settings (holidays, urgent slots) and notification settings (reminders, online booking…), saved. */

export async function saveAgendaSettings(tx: Tx, practiceId: string, s: { holidayRegion: string; urgentReleaseMinutes: number }): Promise<void> {
  const values = { practice_id: practiceId, holiday_region: s.holidayRegion, urgent_release_minutes: s.urgentReleaseMinutes, updated_at: clock.now() };
  await tx.insertInto('agenda_settings').values(values).onConflict((oc) => oc.column('practice_id').doUpdateSet(values)).execute();
}

/** Reminder offsets are kept once each, the earliest first. */
export async function saveNotificationSettings(tx: Tx, practiceId: string, body: NotificationSettings): Promise<void> {
  const values = {
    reminder_offsets_minutes: [...new Set(body.reminderOffsetsMinutes)].sort((a, b) => b - a),
    manage_deadline_minutes: body.manageDeadlineMinutes,
    online_booking_enabled: body.onlineBookingEnabled,
    online_min_notice_minutes: body.onlineMinNoticeMinutes,
    waiting_list_enabled: body.waitingListEnabled,
    offer_expiry_minutes: body.offerExpiryMinutes,
    offer_batch_size: body.offerBatchSize,
    offer_quiet_hours: body.offerQuietHours,
    no_show_warn_after: body.noShowWarnAfter,
    no_show_block_online_after: body.noShowBlockOnlineAfter,
    updated_at: clock.now(),
  };
  await tx.insertInto('agenda_notification_settings').values({ practice_id: practiceId, ...values }).onConflict((oc) => oc.column('practice_id').doUpdateSet(values)).execute();
}
