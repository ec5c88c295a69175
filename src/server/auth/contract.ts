/** The auth API's shapes, shared with the web (`import type` only there): imports nothing server-side. */
import { z } from 'zod';

export const roleSchema = z.enum(['admin', 'practitioner', 'secretary']);
export const meSchema = z.object({
  account: z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    language: z.enum(['fr', 'en']),
    totpEnabled: z.boolean(),
  }),
  practice: z.object({ id: z.uuid(), name: z.string(), roles: z.array(roleSchema) }),
  practices: z.array(z.object({ id: z.uuid(), name: z.string(), roles: z.array(roleSchema), isDefault: z.boolean() })),
  mfaEnrollmentRequired: z.boolean(),
  smtpConfigured: z.boolean(),
});

export const loginResultSchema = z.object({ token: z.string(), expiresAt: z.string(), practiceId: z.uuid(), mfaEnrollmentRequired: z.boolean() });
export const totpSetupSchema = z.object({ secret: z.string(), otpauthUrl: z.string(), qrCodeDataUrl: z.string() });

export type Role = z.infer<typeof roleSchema>;
export type Me = z.infer<typeof meSchema>;
export type Account = Me['account'];
export type Language = Account['language'];
export type PracticeRef = Me['practice'];
export type LoginResult = z.infer<typeof loginResultSchema>;
export type TotpSetup = z.infer<typeof totpSetupSchema>;
