import { z } from 'zod';

/** What the outbox screens answer; shared with the web (`import type`). Imports nothing server-side. */
export const MESSAGE_KINDS = ['confirmation', 'reminder', 'changed', 'cancelled', 'otp', 'offer', 'test', 'delay', 'assistant_reply', 'staff', 'letter', 'receipt'] as const;
export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'simulated', 'failed'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** A practice's outbox (agenda settings screen). */
export const practiceOutboxSchema = z.object({
  simulatedEmail: z.boolean(),
  messages: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      channel: z.enum(MESSAGE_CHANNELS),
      recipient: z.string(),
      subject: z.string().nullable(),
      body: z.string(),
      status: z.string(),
      provider: z.string().nullable(),
      attempts: z.number(),
      error: z.string().nullable(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
    }),
  ),
});

/** The assistant's SMS replies (the SMS simulator's screen). */
export const smsOutboxSchema = z.object({
  provider: z.string(),
  simulated: z.boolean(),
  messages: z.array(
    z.object({
      id: z.uuid(),
      to: z.string(),
      body: z.string(),
      status: z.enum(['queued', 'sent', 'failed', 'simulated']),
      provider: z.string(),
      error: z.string().nullable(),
      conversationId: z.uuid().nullable(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
    }),
  ),
});

/** Staff mail kept for lack of SMTP (the demo outbox of the practice's members). */
export const staffOutboxSchema = z.object({
  smtpConfigured: z.boolean(),
  messages: z.array(z.object({ id: z.uuid(), to: z.string(), subject: z.string(), text: z.string(), delivered: z.boolean(), createdAt: z.string() })),
});

export type PracticeOutbox = z.infer<typeof practiceOutboxSchema>;
export type SmsOutbox = z.infer<typeof smsOutboxSchema>;
export type StaffOutbox = z.infer<typeof staffOutboxSchema>;
