/** The reception desk capability: the day at the desk, check-in, walk-ins, waiting-room board, delays. */
export { receptionRoutes } from './routes.js';
export { ReceptionLive } from './live.js';
export { seedReceptionDemo } from './demo.js';
export { CarteVitaleSimulator } from './vitale/simulator.js';
export type { CarteVitaleReader } from './vitale/reader.js';
