import { z } from 'zod';
import { route, ADMINS, STAFF, type RouteDef } from '../../platform/http/route.js';
import { describeTriageRules } from '../../triage/index.js';
import { practiceInfo, savePracticeInfo } from '../sheet.service.js';
import { sheet } from './shared.js';

/** What the assistant answers from: the triage catalogue (read-only) and the practice information sheet. */
export function sheetRoutes(): RouteDef[] {
  return [
    // ---------- Triage rules (read-only: the catalogue and its sources) ----------
    route({
      method: 'GET',
      url: '/api/assistant/triage-rules',
      summary: 'Catalogue clinique du tri des urgences, avec ses sources (à valider par les médecins du cabinet)',
      tags: ['assistant'],
      access: STAFF,
      response: z.object({
        entries: z.array(z.object({ id: z.string(), label: z.string(), source: z.string(), code: z.string() })),
        model: z.object({ threshold: z.number(), trainedOn: z.number(), features: z.number() }),
      }),
      audit: 'none', // the same rules for every practice, no patient data
      async handler() {
        return describeTriageRules();
      },
    }),

    // ---------- Practice information sheet ----------
    route({
      method: 'GET',
      url: '/api/assistant/practice-info',
      summary: 'Fiche d’informations pratiques du cabinet (seule source des réponses pratiques de l’assistant)',
      tags: ['assistant'],
      access: STAFF,
      response: z.object({ info: sheet, updatedAt: z.string().nullable() }),
      audit: 'none', // public practice information, no patient data
      async handler({ ctx, tx }) {
        return practiceInfo(tx, ctx.practiceId);
      },
    }),
    route({
      method: 'PUT',
      url: '/api/assistant/practice-info',
      summary: 'Modifier la fiche d’informations pratiques (administrateurs) ; un champ vide = l’assistant dira qu’il ne sait pas',
      tags: ['assistant'],
      access: ADMINS,
      body: sheet,
      response: z.object({ info: sheet, updatedAt: z.string() }),
      audit: { action: 'assistant.practice_info.updated', resourceType: 'practice', details: (_p, r) => ({ fields: Object.entries(r.info).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v)).map(([k]) => k) }) },
      async handler({ ctx, tx, body }) {
        return savePracticeInfo(tx, ctx, body);
      },
    }),
  ];
}
