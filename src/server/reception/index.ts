/** The reception desk capability: the day at the desk, check-in, walk-ins, waiting-room board, delays. */
export { receptionRoutes } from './routes.js';
export { ReceptionLive } from './live.js';
export { seedReceptionDemo } from './demo.js';
export { CarteVitaleSimulator } from './vitale/simulator.js';
export type { CarteVitaleReader } from './vitale/reader.js';

import type { Capability } from '../platform/capability.js';
import { receptionRoutes } from './routes.js';
import { ReceptionLive } from './live.js';
import { seedReceptionDemo } from './demo.js';

export const receptionCapability: Capability = {
  name: 'reception',
  migrations: new URL('./migrations/', import.meta.url),
  mount: (d) => {
    const live = new ReceptionLive(d.liveHub);
    return { routes: receptionRoutes({ live }), preClose: async () => live.close() };
  },
  // Today's desk of the demo practice (patients seen, waiting, walk-ins).
  seedDemo: async (db) => void (await seedReceptionDemo(db)),
};
