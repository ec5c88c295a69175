import { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ReceiveResult } from '../service.js';
import { practiceBySlug } from '../../practices/index.js';

/** Schemas and helpers shared by the assistant's route files. */

export const slug = z.string().trim().toLowerCase().min(1).max(100).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
export { alert, person, publicReply, reason, requestSummary, sheet, sheetText, task } from '../contract.js';

export const boolString = z.enum(['true', 'false']).transform((v) => v === 'true');

export function toPublicReply(r: ReceiveResult) {
  return { text: r.reply.text, lang: r.reply.lang, emergency: r.reply.emergency, numbers: r.reply.numbers, asked: r.reply.asked, choices: r.reply.choices ?? [] };
}


export async function practiceOr404(db: Db, s: string) {
  const p = await practiceBySlug(db, s);
  if (!p) throw new AppError('not_found');
  return p;
}
