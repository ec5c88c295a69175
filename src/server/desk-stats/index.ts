/** Desk statistics: waiting times, arrivals vs appointments, no-shows, walk-ins, calls. See docs/desk.md. */
export { deskStatsRoutes } from './routes.js';
