import { z } from 'zod';
import { sql } from 'kysely';
import { publicRoute, type RouteDef } from '../platform/http/route.js';
import { AppError } from '../platform/http/errors.js';
import { clock, isClockSimulated } from '../platform/clock.js';

export function healthRoutes(kind: 'embedded' | 'external'): RouteDef[] {
  return [
    publicRoute({
      method: 'GET',
      url: '/api/health',
      summary: 'État du service et de sa base de données (sans connexion)',
      tags: ['health'],
      access: 'public',
      response: z.object({
        status: z.literal('ok'),
        database: z.enum(['embedded', 'external']),
        // The web takes "now" from here when the clock is simulated (PIVOT_NOW), so the browser and the server agree on the day.
        clock: z.object({ now: z.string(), simulated: z.boolean() }),
      }),
      async handler({ db }) {
        try {
          await sql`SELECT 1`.execute(db);
        } catch {
          throw new AppError('database_unavailable');
        }
        return { status: 'ok' as const, database: kind, clock: { now: clock.now().toISOString(), simulated: isClockSimulated() } };
      },
    }),
  ];
}
