import { z } from 'zod';
import { isRpps } from '../rpps.js';
import { practitionerBody as practitionerShape } from '../contract.js';

/**
 * Shared by routes/configuration.ts, routes/appointments.ts and notification-routes.ts; the schemas are the
 * contract's (../contract.ts), with the one server-side rule it leaves out: the RPPS's Luhn key.
 */
export const tags = ['agenda'];

export const rpps = z.string().trim().refine(isRpps, 'Numéro RPPS invalide (11 chiffres, clé de Luhn).');
export const practitionerBody = practitionerShape.extend({ rpps: rpps.nullable().optional() });
