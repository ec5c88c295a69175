import { z } from 'zod';
import { sql } from 'kysely';
import { publicRoute, type RouteDef } from '../platform/http/route.js';
import { AppError } from '../platform/http/errors.js';
import { clock, isClockSimulated } from '../platform/clock.js';
import { DEMO_ACCOUNTS, DEMO_PRACTICE_SLUG } from '../demo/index.js';

/**
 * `demo`: the demo server (PIVOT_DEMO not 0, demo practice present) names its demo accounts, so that the sign-in
 * page can say how to try Pivot; these fictitious accounts are printed at start and in the README. A practice's own
 * installation (PIVOT_DEMO=0, or no demo practice) says nothing.
 */
export function healthRoutes(kind: 'embedded' | 'external', demo = false): RouteDef[] {
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
        demo: z.object({ accounts: z.array(z.object({ email: z.string(), name: z.string() })) }).nullable(),
      }),
      async handler({ db }) {
        try {
          await sql`SELECT 1`.execute(db);
        } catch {
          throw new AppError('database_unavailable');
        }
        const demoPractice = demo ? await db.selectFrom('practices').select('id').where('slug', '=', DEMO_PRACTICE_SLUG).executeTakeFirst() : undefined;
        return {
          status: 'ok' as const,
          database: kind,
          clock: { now: clock.now().toISOString(), simulated: isClockSimulated() },
          demo: demoPractice ? { accounts: DEMO_ACCOUNTS.map((a) => ({ email: a.email, name: a.name })) } : null,
        };
      },
    }),
  ];
}
