import { z } from 'zod';
import { loadSheet } from '../assistant/index.js';
import { practiceBySlug } from '../practices/index.js';
import type { Db, Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import { publicRoute, route, STAFF, type RouteDef } from '../platform/http/route.js';
import { mergeFees } from './merge.js';

/**
 * Read-only practice information sheet, as shown at the desk, on paper and on the public booking page. The sheet
 * itself is edited by the administrators in the assistant's screen (table practice_info); sectors come from the
 * agenda's practitioners.
 */
const text = z.string().nullable();
const sheetView = z.object({
  practice: z.object({ name: z.string(), slug: z.string() }),
  info: z.object({
    openingHours: text,
    address: text,
    access: text,
    parking: text,
    transport: text,
    paymentsAccepted: text,
    tiersPayant: text,
    whatToBring: text,
    onCall: text,
  }),
  fees: z.array(z.object({
    practitioner: z.string(),
    specialty: z.string().nullable(),
    sector: z.enum(['1', '2', 'optam', 'non_conventionne']).nullable(),
    fees: z.string().nullable(),
  })),
  updatedAt: z.string().nullable(),
});
type SheetView = z.infer<typeof sheetView>;

async function buildView(db: Db | Tx, practice: { id: string; name: string; slug: string }): Promise<SheetView> {
  const { fees, ...info } = await loadSheet(db, practice.id);
  const row = await db.selectFrom('practice_info').select('updated_at').where('practice_id', '=', practice.id).executeTakeFirst();
  const practitioners = await db
    .selectFrom('practitioners')
    .select(['display_name', 'specialty', 'sector'])
    .where('practice_id', '=', practice.id)
    .where('active', '=', true)
    .orderBy('display_name')
    .execute();
  return {
    practice: { name: practice.name, slug: practice.slug },
    info,
    fees: mergeFees(practitioners.map((p) => ({ displayName: p.display_name, specialty: p.specialty, sector: p.sector })), fees),
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
  };
}

export function practiceSheetRoutes(): RouteDef[] {
  return [
    publicRoute({
      method: 'GET',
      url: '/api/public/:practiceSlug/info',
      summary: 'Informations pratiques du cabinet (public) : horaires, accès, tarifs et secteur, paiements, tiers payant, documents, garde',
      tags: ['practice-sheet'],
      access: 'public',
      rateLimit: 120,
      params: z.object({ practiceSlug: z.string().trim().toLowerCase().min(1).max(100).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/) }),
      response: sheetView,
      async handler({ db, params }) {
        const practice = await practiceBySlug(db, params.practiceSlug);
        if (!practice) throw new AppError('not_found');
        return buildView(db, practice);
      },
    }),
    route({
      method: 'GET',
      url: '/api/practice-sheet',
      summary: 'Informations pratiques du cabinet courant (lecture, accueil et impression)',
      tags: ['practice-sheet'],
      access: STAFF,
      response: sheetView,
      audit: 'none', // public practice information, no patient data
      async handler({ ctx, tx }) {
        const practice = await tx.selectFrom('practices').select(['id', 'name', 'slug']).where('id', '=', ctx.practiceId).executeTakeFirstOrThrow();
        return buildView(tx, practice);
      },
    }),
  ];
}
