import { z } from 'zod';
import { route, ADMINS_AND_PRACTITIONERS, type RouteDef } from '../platform/http/route.js';
import { GRANULARITIES, toCsv, type CsvValue } from './aggregate.js';
import { deskStats, type DeskStats } from './service.js';

/** Desk statistics (admins and practitioners) and their CSV exports. See docs/desk.md. */
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ');
const filters = z.object({
  from: isoDay.optional(),
  to: isoDay.optional(),
  granularity: z.enum(GRANULARITIES).default('day'),
  practitionerId: z.uuid().optional(),
});
const num = z.number();
const minutes = z.number().nullable();
const counts = { appointments: num, arrivals: num, walkIns: num, noShows: num, leftUnseen: num, waitCount: num, waitMedian: minutes, waitP90: minutes };
const statsSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), granularity: z.enum(GRANULARITIES), timeZone: z.string() }),
  practitioners: z.array(z.object({ id: z.uuid(), name: z.string() })),
  buckets: z.array(z.object({ bucket: z.string(), ...counts, calls: num })),
  byPractitioner: z.array(z.object({ practitionerId: z.uuid().nullable(), name: z.string(), ...counts, noShowRate: z.number().nullable() })),
  calls: z.object({
    byReason: z.array(z.object({ reason: z.string(), count: num })),
    byOutcome: z.array(z.object({ outcome: z.string(), count: num })),
    total: num,
  }),
  totals: z.object({ ...counts, noShowRate: z.number().nullable() }),
});

export const REASON_LABELS: Record<string, string> = {
  appointment: 'Rendez-vous', prescription: 'Ordonnance', results: 'Résultats', medical_question: 'Question médicale',
  administrative: 'Administratif / facturation', practical_info: 'Information pratique', health_professional: 'Professionnel de santé', other: 'Autre',
};
export const OUTCOME_LABELS: Record<string, string> = {
  booked: 'Rendez-vous pris', message: 'Message pour un praticien', advised_15: 'Orienté vers le 15', info_given: 'Information donnée', callback: 'Rappel à faire', other: 'Autre',
};

export const CSV_TABLES = ['periods', 'practitioners', 'calls'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** One statistics table as CSV rows (French headers; waiting times in minutes). */
export function statsCsv(stats: DeskStats, table: CsvTable): string {
  const waitCols = ['attentes mesurées', 'attente médiane (min)', 'attente 90e centile (min)'];
  if (table === 'periods') {
    const first = stats.period.granularity === 'day' ? 'jour' : stats.period.granularity === 'week' ? 'semaine du' : 'mois';
    return toCsv(
      [first, 'rendez-vous', 'arrivées sur rendez-vous', 'sans rendez-vous', 'absences (lapins)', 'partis sans être vus', ...waitCols, 'appels'],
      stats.buckets.map((b): CsvValue[] => [b.bucket, b.appointments, b.arrivals, b.walkIns, b.noShows, b.leftUnseen, b.waitCount, b.waitMedian, b.waitP90, b.calls]),
    );
  }
  if (table === 'practitioners') {
    return toCsv(
      ['praticien', 'rendez-vous', 'arrivées sur rendez-vous', 'sans rendez-vous', 'absences (lapins)', 'taux d’absence (%)', 'partis sans être vus', ...waitCols],
      stats.byPractitioner.map((p): CsvValue[] => [p.name, p.appointments, p.arrivals, p.walkIns, p.noShows, p.noShowRate, p.leftUnseen, p.waitCount, p.waitMedian, p.waitP90]),
    );
  }
  return toCsv(
    ['type', 'valeur', 'appels'],
    [
      ...stats.calls.byReason.map((r): CsvValue[] => ['motif', REASON_LABELS[r.reason] ?? r.reason, r.count]),
      ...stats.calls.byOutcome.map((r): CsvValue[] => ['issue', OUTCOME_LABELS[r.outcome] ?? r.outcome, r.count]),
    ],
  );
}

export function deskStatsRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/desk-stats',
      summary: 'Statistiques de l’accueil sur une période (défaut : 30 derniers jours) : rendez-vous, arrivées, sans rendez-vous, absences, attentes, appels',
      tags: ['desk-stats'],
      access: ADMINS_AND_PRACTITIONERS,
      query: filters,
      response: statsSchema,
      audit: 'none', // counts only, no patient data
      async handler({ ctx, tx, query }) {
        return deskStats(tx, ctx.practiceId, query);
      },
    }),
    route({
      method: 'GET',
      url: '/api/desk-stats/export.csv',
      summary: 'Export CSV d’un tableau des statistiques (periods, practitioners, calls) : séparateur « ; », BOM UTF-8, virgule décimale',
      tags: ['desk-stats'],
      access: ADMINS_AND_PRACTITIONERS,
      query: filters.extend({ table: z.enum(CSV_TABLES).default('periods') }),
      raw: true,
      audit: { action: 'desk_stats.exported', resourceType: 'practice', details: (p) => ({ format: 'csv', ...(p as object) }) },
      async handler({ ctx, tx, query, reply }) {
        const stats = await deskStats(tx, ctx.practiceId, query);
        const name = `statistiques-accueil-${query.table}-${stats.period.from}-${stats.period.to}.csv`;
        const csv = statsCsv(stats, query.table);
        // Sent once the `desk_stats.exported` entry is committed: no export leaves without its trace.
        ctx.afterCommit(async () => {
          reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(csv);
        });
      },
    }),
  ];
}
