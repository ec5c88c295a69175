import type { Generated } from 'kysely';
import type { CreatedAt, Role, Timestamp } from '../platform/db/schema.js';
import type { TaskStatus } from './contract.js';

/** Kysely table types of messages and tasks; the SQL in ./migrations is the source of truth. */
export { TASK_STATUSES, type TaskStatus } from './contract.js';

export interface StaffMessagesTable {
  id: Generated<string>;
  practice_id: string;
  sender_id: string;
  recipient_id: string | null;
  recipient_role: Role | null;
  body: string;
  patient_id: string | null;
  created_at: CreatedAt;
}

export interface StaffMessageReadsTable {
  practice_id: string;
  message_id: string;
  account_id: string;
  read_at: CreatedAt;
}

export interface StaffTasksTable {
  id: Generated<string>;
  practice_id: string;
  title: string;
  details: string | null;
  assignee_id: string;
  due_at: Timestamp | null;
  patient_id: string | null;
  status: Generated<TaskStatus>;
  closed_at: Timestamp | null;
  closed_by: string | null;
  seen_at: Timestamp | null;
  created_by: string;
  created_at: CreatedAt;
}

declare module '../platform/db/schema.js' {
  interface DB {
    staff_messages: StaffMessagesTable;
    staff_message_reads: StaffMessageReadsTable;
    staff_tasks: StaffTasksTable;
  }
}
