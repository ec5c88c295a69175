// Desk statistics API (src/server/desk-stats/routes.ts).
import { request } from '../api/client';

export type Granularity = 'day' | 'week' | 'month';
export interface Counts {
  appointments: number; arrivals: number; walkIns: number; noShows: number; leftUnseen: number;
  waitCount: number; waitMedian: number | null; waitP90: number | null;
}
export interface DeskStats {
  period: { from: string; to: string; granularity: Granularity; timeZone: string };
  practitioners: { id: string; name: string }[];
  buckets: (Counts & { bucket: string; calls: number })[];
  byPractitioner: (Counts & { practitionerId: string | null; name: string; noShowRate: number | null })[];
  calls: { byReason: { reason: string; count: number }[]; byOutcome: { outcome: string; count: number }[]; total: number };
  totals: Counts & { noShowRate: number | null };
}
export interface StatsFilters { from: string; to: string; granularity: Granularity; practitionerId: string }
export type CsvTable = 'periods' | 'practitioners' | 'calls';

function qs(f: StatsFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams({ from: f.from, to: f.to, granularity: f.granularity, ...extra });
  if (f.practitionerId) p.set('practitionerId', f.practitionerId);
  return p.toString();
}

export const statsApi = {
  stats: (f: StatsFilters) => request<DeskStats>('GET', `/api/desk-stats?${qs(f)}`),
  csvUrl: (f: StatsFilters, table: CsvTable) => `/api/desk-stats/export.csv?${qs(f, { table })}`,
};
