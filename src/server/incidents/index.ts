/** The incident log: difficult situations, visible to administrators. See docs/desk.md. */
export { incidentRoutes } from './routes.js';
export { seedIncidentsDemo } from './demo.js';
