/** The staff API's shapes, shared with the web (`import type` only there): imports nothing server-side. */
import { z } from 'zod';

export const roleSchema = z.enum(['admin', 'practitioner', 'secretary']);
export const memberSchema = z.object({
  accountId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
});

export type StaffMember = z.infer<typeof memberSchema>;
