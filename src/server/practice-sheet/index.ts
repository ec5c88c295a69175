/** The practice information sheet, read-only: desk, print, public booking page. See docs/desk.md. */
export { practiceSheetRoutes } from './routes.js';
export { seedPracticeSheetDemo } from './demo.js';
